"""
The API against its own OpenAPI schema: Schemathesis generates requests for
every operation and checks that none fails on the server and every answer
matches the schema. Runs in-process through WSGI, deterministic and small.
"""

import re

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tracker.wsgi import application

from .builders import full_detention

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def published(db, settings):
    """Return a few published records; requests keep the test's database connection."""
    settings.API_THROTTLE_RATE = "off"
    # Django's test client does the same: a real WSGI request would otherwise
    # close the connection that holds the test's transaction (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    full_detention()
    full_detention(status="released", release=None)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case, published):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])


def test_schema_documents_every_filter_with_its_meaning(client):
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    counts = {p["name"]: p for p in document["paths"]["/api/v1/counts/"]["get"]["parameters"]}
    detentions = {p["name"]: p for p in document["paths"]["/api/v1/detentions/"]["get"]["parameters"]}

    filters = {
        "country",
        "journalist",
        "status",
        "kind",
        "arrested_from",
        "arrested_to",
        "released_from",
        "released_to",
        "in_custody_on",
        "charge_category",
        "statute",
        "outlet",
        "gender",
        "role",
        "medium",
        "linked_to_journalism",
    }
    assert filters | {"unit", "group_by", "format", "as_known_on", "lang"} == set(counts)
    every_list = {"page", "page_size", "format", "as_known_on", "lang", "fields", "updated_since"}
    assert filters | every_list == set(detentions)
    for name in filters:
        assert counts[name]["description"], name
        assert detentions[name]["description"], name
    # An empty value is no filter (group_by=, country=): the schema admits it.
    assert set(counts["group_by"]["schema"]["enum"]) == {
        "",
        "country",
        "year",
        "month",
        "status",
        "kind",
        "charge_category",
        "statute",
        "outlet",
        "gender",
        "role",
        "medium",
    }
    assert counts["arrested_from"]["schema"] == {"anyOf": [{"type": "string", "format": "date"}, {"const": ""}]}
    assert counts["arrested_from"]["allowEmptyValue"] is True
    assert "allowEmptyValue" not in detentions["page"]


def test_schema_documents_the_redirect_of_a_former_slug(client):
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    responses = document["paths"]["/api/v1/journalists/{slug}/"]["get"]["responses"]

    assert responses["301"]["headers"]["Location"]["schema"] == {"type": "string", "format": "uri-reference"}
    assert "application/json" in responses["200"]["content"]


def test_docs_are_served_without_an_outside_cdn(client):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)

    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in assets
    # Every asset comes from this site (the split view serves its own script at ?script=).
    assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets), assets
    assert "/api/v1/schema/" in client.get("/api/v1/docs/?script=").content.decode()


def test_schema_gives_the_length_limit_of_the_name_search(client):
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/journalists/"]["get"]["parameters"]}

    assert parameters["search"]["schema"] == {"type": "string", "maxLength": 200}
