"""
Real answers of every endpoint validate against the schema the API serves, as
openapi-core (a validator nobody here wrote) reads it: the JSON and CSV bodies,
the errors, the redirect of a former slug, the conditional and throttled answers.
"""

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.deserializing.media_types.util import plain_loads
from openapi_core.exceptions import OpenAPIError

from cases import counting, models, services
from cases.dates import FuzzyDate
from cases.tests import factories

from .builders import full_detention

pytestmark = [
    pytest.mark.django_db,
    # openapi-core warns that allowEmptyValue may go in a later OpenAPI; 3.1 has it.
    pytest.mark.filterwarnings("ignore:Use of allowEmptyValue property is deprecated:DeprecationWarning"),
]


@pytest.fixture
def served(client, settings):
    """Return the schema the API serves, read by openapi-core; CSV bodies are text."""
    settings.API_THROTTLE_RATE = "off"
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert document["openapi"].startswith("3.1")
    return OpenAPI.from_dict(document, config=Config(extra_media_type_deserializers={"text/csv": plain_loads}))


@pytest.fixture
def records(db):
    """Return published records with every part filled in, and every part that can be null left empty."""
    full = full_detention()
    full_detention(status="released", release=FuzzyDate.month(2024, 5))
    sparse = factories.DetentionFactory(arrest=None)
    charge = factories.ChargeFactory(detention=sparse, statute=None)
    factories.EventFactory(detention=sparse, kind=models.EventKind.SENTENCE, charge=charge)
    factories.CitationFactory(detention=sparse, source=factories.SourceFactory(published_on=None))
    factories.RetiredSlugFactory(slug="reporter-former", journalist=full.journalist)
    withdrawn = factories.DetentionFactory()
    services.detention_withdraw(detention=withdrawn, by=None, reason="a duplicate", public_reason="Recorded twice.")
    census = models.Census.objects.create(
        slug="1-december-2023",
        title="1 December 2023",
        day="2023-12-01",
        release=models.Release.objects.latest_release(),
    )
    return {
        "withdrawn": withdrawn.pk,
        "census": census.slug,
        "release": census.release_id,
        "journalist": full.journalist.slug,
        "detention": full.pk,
        "sparse": sparse.pk,
        "outlet": models.Outlet.objects.first().slug,
        "statute": models.Statute.objects.first().slug,
    }


class ClientRequest(DjangoOpenAPIRequest):
    """The request as its client sent it: the URL, not the Django route that served it (its pk is the schema's id)."""

    path_pattern = None

    def __init__(self, request):
        super().__init__(request)
        self.parameters.path = {}


def _validate(served, response, *, request_is_valid=True):
    request = ClientRequest(response.wsgi_request)
    if request_is_valid:
        served.validate_request(request)
    served.validate_response(request, DjangoOpenAPIResponse(response))


def _answers(records):
    """Yield (path, query, status) of real requests to every operation, with the answers each documents."""
    journalist, detention, sparse = records["journalist"], records["detention"], records["sparse"]
    for path in ("journalists/", "detentions/", "outlets/", "statutes/"):
        yield path, {}, 200
        yield path, {"format": "csv"}, 200
        # A middle page: next and previous are both links; the first and last have a null.
        yield path, {"page": "2", "page_size": "1"}, 200
        yield path, {"page": "2", "page_size": "1", "format": "csv"}, 200
    yield "journalists/", {"search": "Reporter", "role": "journalist", "gender": ""}, 200
    yield f"journalists/{journalist}/", {}, 200
    yield f"journalists/{journalist}/", {"format": "csv"}, 200
    yield "journalists/reporter-former/", {}, 301
    yield "journalists/nobody/", {}, 404
    yield f"detentions/{detention}/", {}, 200
    yield f"detentions/{sparse}/", {}, 200
    yield f"detentions/{detention}/", {"format": "csv"}, 200
    yield "detentions/999999/", {}, 404
    yield f"detentions/{records['withdrawn']}/", {}, 410
    yield f"detentions/{detention}/", {"as_known_on": "2020-01-01T00:00:00Z"}, 404
    yield "releases/", {}, 200
    yield f"releases/{records['release']}/", {}, 200
    yield "releases/99999/", {}, 404
    yield "censuses/", {}, 200
    yield f"censuses/{records['census']}/", {}, 200
    yield f"censuses/{records['census']}/", {"as_known_on": "2020-01-01T00:00:00Z"}, 404
    yield "counts/", {"as_known_on": "not a time"}, 400
    yield "detentions/", {"country": "AZ", "journalist": "reporter-former", "released_to": ""}, 200
    yield (
        "detentions/",
        {"arrested_from": "2023-01-01", "in_custody_on": "2024-01-01", "statute": records["statute"]},
        200,
    )
    yield f"outlets/{records['outlet']}/", {}, 200
    yield f"outlets/{records['outlet']}/", {"format": "csv"}, 200
    yield "outlets/nothing-here/", {}, 404
    yield f"statutes/{records['statute']}/", {}, 200
    yield f"statutes/{records['statute']}/", {"format": "csv"}, 200
    yield "statutes/az-cc-0/", {}, 404
    yield "counts/", {}, 200
    yield "counts/", {"unit": "detentions", "country": "AZ", "released_to": "", "kind": "criminal"}, 200
    yield "counts/", {"format": "csv"}, 200
    for group in counting.GROUPS:
        yield "counts/", {"group_by": group}, 200
        yield "counts/", {"group_by": group, "format": "csv"}, 200
    for path in ("journalists/", "detentions/", "outlets/", "statutes/", "counts/"):
        yield path, {"page_size" if path != "counts/" else "unit": "0"}, 400


def test_real_answers_of_every_endpoint_validate_against_the_served_schema(client, served, records):
    answered = set()
    for path, query, status in _answers(records):
        response = client.get(f"/api/v1/{path}", query)
        assert response.status_code == status, (path, query, response.content[:300])
        try:
            # A 400 answers a request the schema itself refuses; only its answer is checked.
            _validate(served, response, request_is_valid=status != 400)
        except OpenAPIError as error:
            pytest.fail(f"{path} {query}: {error!r} {getattr(error, '__cause__', '')!r}")
        answered.add((response.wsgi_request.resolver_match.route, status))

    routes = {route for route, status in answered if status == 200}
    assert len(routes) == 13  # every list, every detail and counts/


def test_a_bad_value_the_schema_refuses_gets_the_documented_error(client, served, records):
    for query in ({"country": "XX"}, {"arrested_from": "2023-13-45"}, {"group_by": "planet"}, {"page": "0"}):
        response = client.get("/api/v1/detentions/" if "page" in query else "/api/v1/counts/", query)

        assert response.status_code == 400
        with pytest.raises(OpenAPIError):
            served.validate_request(ClientRequest(response.wsgi_request))
        _validate(served, response, request_is_valid=False)


def test_an_unknown_parameter_gets_the_documented_error(client, served, records):
    # OpenAPI cannot refuse a parameter it does not name; the API does, with the documented 400.
    response = client.get("/api/v1/counts/", {"colour": "red"})

    assert response.status_code == 400
    _validate(served, response)


def test_conditional_and_throttled_answers_are_the_documented_ones(client, served, records, settings):
    etag = client.get("/api/v1/counts/")["ETag"]
    not_modified = client.get("/api/v1/counts/", HTTP_IF_NONE_MATCH=etag)
    settings.API_THROTTLE_RATE = "1/minute"
    client.get("/api/v1/detentions/")
    throttled = client.get("/api/v1/detentions/")

    assert (not_modified.status_code, throttled.status_code) == (304, 429)
    _validate(served, not_modified)
    _validate(served, throttled)


def test_an_empty_value_is_accepted_exactly_where_the_schema_admits_it(client, served, records):
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    for template, operations in document["paths"].items():
        resource = template.split("/")[3]  # /api/v1/<resource>/...
        slugs = {"censuses": records["census"], "outlets": records["outlet"], "statutes": records["statute"]}
        slug = slugs.get(resource, records["journalist"])
        path = template.replace("{slug}", slug).replace("{id}", str(records["detention"]))
        path = path.replace("{number}", str(records["release"]))
        if "{" in path:
            continue  # outlets and statutes details take no filter
        for parameter in operations["get"]["parameters"]:
            if parameter["in"] != "query":
                continue
            response = client.get(path, {parameter["name"]: ""})
            try:
                served.validate_request(ClientRequest(response.wsgi_request))
                admitted = True
            except OpenAPIError:
                admitted = False
            assert admitted == (response.status_code == 200), (path, parameter["name"], response.status_code)
