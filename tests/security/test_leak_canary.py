"""
The leak canary: everything that must stay private carries a unique marker, every
public URL is visited, and no marker may appear in any answer.

Private here means (DESIGN.md, invariants): drafts, records in review and
withdrawn records, internal notes, confidential sources and staff identities.
Every public route of the URL resolver must have an entry in ``COVERAGE``, so a
new route fails this test until someone says how the canary visits it.
"""

import io
import itertools
import uuid
import zipfile
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import URLResolver, get_resolver

from cases.counting import GROUPS
from cases.dates import FuzzyDate
from cases.filters import DetentionFilterSet
from cases.models import (
    Census,
    Charge,
    Citation,
    Medium,
    Outlet,
    PublicationState,
    Release,
    Statute,
    Visibility,
)
from cases.services import detention_withdraw
from cases.tests.factories import (
    AffiliationFactory,
    AliasFactory,
    ChargeFactory,
    CitationFactory,
    DetentionFactory,
    EventFactory,
    JournalistFactory,
    SourceFactory,
    StatuteFactory,
    publish_all,
)

DRAFT, IN_REVIEW, WITHDRAWN = PublicationState.DRAFT, PublicationState.IN_REVIEW, PublicationState.WITHDRAWN


class Markers:
    """Hand out unique strings that no public surface may ever contain."""

    def __init__(self):
        self.issued = {}

    def __call__(self, what):
        marker = f"canary{uuid.uuid4().hex[:12]}"
        self.issued[marker] = what
        return marker


def history_by(instance, user, **changes):
    """Save changes to ``instance`` recorded in its history as made by ``user``."""
    for field, value in changes.items():
        setattr(instance, field, value)
    instance._history_user = user
    instance.save()


@pytest.fixture
def private_world(db, settings):
    # The canary asks far more than a visitor may; the throttle is the API's to test.
    settings.API_THROTTLE_RATE = "1000000/minute"
    cache.clear()
    mark = Markers()
    staff = get_user_model().objects.create_user(
        mark("staff username"),
        email=f"{mark('staff email')}@tracker.example",
        first_name=mark("staff first name"),
        last_name=mark("staff last name"),
        is_staff=True,
    )
    # An editor: the releases below name them as who published, which the public never sees.
    staff.groups.add(Group.objects.get(name="editor"))
    medium = Medium.objects.order_by("pk").first()

    # What is public: a published journalist with a published detention, so that
    # every page, feed and count has something to show next to the private data.
    public = JournalistFactory(
        name="Public Person", slug="public-person", internal_notes=mark("journalist internal notes")
    )
    if medium:
        public.mediums.add(medium)
    outlet = AffiliationFactory(journalist=public).outlet
    detention = DetentionFactory(
        journalist=public,
        summary="Arrested after reporting on customs.",
        internal_notes=mark("detention internal notes"),
        release=FuzzyDate.day(2024, 6, 1),
    )
    statute = StatuteFactory()
    charge = ChargeFactory(detention=detention, statute=statute, wording="smuggling")
    EventFactory(detention=detention, description="Pretrial detention ordered.")
    CitationFactory(source=SourceFactory(internal_notes=mark("public source internal notes")), detention=detention)
    confidential = SourceFactory(
        visibility=Visibility.CONFIDENTIAL,
        url=f"https://{mark('confidential source url')}.example/",
        title=mark("confidential source title"),
        publisher=mark("confidential source publisher"),
        internal_notes=mark("confidential source notes"),
    )
    CitationFactory(source=confidential, detention=detention, claim=mark("claim of a confidential source"))
    CitationFactory(source=confidential, journalist=public)
    CitationFactory(source=confidential, charge=charge)
    history_by(public, staff, biography="Reporter at a public outlet.")
    history_by(detention, staff, place="Baku")

    # Detentions of the published journalist that are not public.
    for state in (DRAFT, IN_REVIEW, WITHDRAWN):
        hidden = DetentionFactory(
            journalist=public,
            publication_state=state,
            summary=mark(f"{state} detention summary"),
            place=mark(f"{state} detention place"),
            authority=mark(f"{state} detention authority"),
            arrest=FuzzyDate.day(2022, 3, 4),
        )
        ChargeFactory(detention=hidden, statute=StatuteFactory(), wording=mark(f"{state} detention charge"))
        EventFactory(detention=hidden, description=mark(f"{state} detention event"))

    # Journalists who are not public, each with a published detention (that must not count).
    hidden_people = {}
    for state in (DRAFT, IN_REVIEW, WITHDRAWN):
        person = JournalistFactory(
            publication_state=state,
            name=mark(f"{state} journalist name"),
            name_original=mark(f"{state} journalist original name"),
            slug=mark(f"{state} journalist slug"),
            biography=mark(f"{state} journalist biography"),
        )
        AliasFactory(journalist=person, name=mark(f"{state} journalist alias"))
        DetentionFactory(journalist=person, summary=mark(f"detention of a {state} journalist"))
        history_by(person, staff, internal_notes=mark(f"{state} journalist notes"))
        hidden_people[state] = person

    # A published case withdrawn for a reason staff keep to themselves.
    gone = DetentionFactory(journalist=JournalistFactory(name="Withdrawn Person", slug="withdrawn-person"))
    CitationFactory(detention=gone)
    detention_withdraw(detention=gone, by=staff, reason=mark("internal withdrawal reason"), public_reason="Duplicate.")
    census = Census.objects.create(
        slug="census-day", title="1 December 2023", day="2023-12-01", release=Release.objects.latest_release()
    )
    validators = validators_of_public_answers()

    # Changes to the published case that no release has published (DESIGN.md §4): a new
    # internal note, a changed summary, a new charge, a confidential source and a draft's
    # reference records. Written without the factories, which publish what they make.
    detention.refresh_from_db()
    detention.summary = mark("pending summary")
    detention.internal_notes = mark("pending internal note")
    detention.save()
    pending_statute = Statute.objects.create(
        slug="az-cc-999.9", country="AZ", code="Criminal Code", article="999.9", title=mark("pending statute title")
    )
    Charge.objects.create(
        detention=detention, statute=pending_statute, wording=mark("pending charge"), category="other"
    )
    Citation.objects.create(
        source=SourceFactory(visibility=Visibility.CONFIDENTIAL, title=mark("pending confidential source")),
        detention=detention,
        claim=mark("pending confidential claim"),
    )
    Outlet.objects.filter(pk=outlet.pk).update(description=mark("pending outlet description"))
    assert validators_of_public_answers() == validators, "a change no release published moved a validator"

    return {
        "markers": mark.issued,
        "gone": gone,
        "census": census,
        "public": public,
        "detention": detention,
        "hidden_detentions": list(public.detentions.exclude(publication_state=PublicationState.PUBLISHED)),
        "hidden_people": hidden_people,
        "outlet": outlet,
        "statute": statute,
        "medium": medium,
    }


# How the canary visits each public route. Every route not under the admin path
# needs an entry; a route that is not in the resolver (yet) is simply not visited.


def filter_values(world):
    """Return one valid value of every filter of the API contract."""
    values = {
        "country": "AZ",
        "journalist": world["public"].slug,
        "status": "pretrial",
        "kind": "criminal",
        "arrested_from": "2020-01-01",
        "arrested_to": "2025-12-31",
        "released_from": "2024-01-01",
        "released_to": "2025-12-31",
        "in_custody_on": "2023-12-01",
        "charge_category": "anti_state",
        "statute": world["statute"].slug,
        "outlet": world["outlet"].slug,
        "gender": "female",
        "role": "journalist",
        "medium": world["medium"].pk if world["medium"] else "print",
        "linked_to_journalism": "confirmed",
    }
    missing = set(DetentionFilterSet.base_filters) - set(values)
    assert not missing, f"The canary has no value for the filters {missing}."
    return values


def with_filters(path, world, *, extra=()):
    """Return ``path`` plain, with each filter alone, with all filters, and with ``extra`` queries."""
    values = filter_values(world)
    hidden = [person.slug for person in world["hidden_people"].values()]
    queries = [""]
    queries += [f"{name}={value}" for name, value in values.items()]
    queries += ["&".join(f"{name}={value}" for name, value in values.items() if name != "journalist")]
    queries += [f"journalist={slug}" for slug in hidden]
    queries += list(extra)
    return [f"{path}?{query}" if query else path for query in queries]


def api_list(name):
    def paths(world):
        base = f"/api/v1/{name}/"
        found = [base, f"{base}?format=csv", f"{base}?format=xlsx", f"{base}?page=2", f"{base}?search=Public"]
        found += [f"{base}?lang=az", f"{base}?updated_since=2000-01-01T00:00:00Z"]
        if name == "detentions":
            found += with_filters(base, world, extra=["format=csv", "format=xlsx", "ordering=-arrested"])
        if name == "journalists":
            found += [f"{base}?search={person.name}" for person in world["hidden_people"].values()]
        return found

    return paths


def api_list_suffix(name):
    return lambda world: [f"/api/v1/{name}.json", f"/api/v1/{name}.csv", f"/api/v1/{name}.xlsx"]


def api_detail(name, suffix=""):
    def paths(world):
        if name == "journalists":
            keys = [world["public"].slug, *(person.slug for person in world["hidden_people"].values())]
        elif name == "detentions":
            keys = [world["detention"].pk, world["gone"].pk, *(d.pk for d in world["hidden_detentions"])]
        elif name == "outlets":
            keys = [world["outlet"].slug]
        else:
            keys = [world["statute"].slug]
        if suffix:
            return [f"/api/v1/{name}/{key}.{format}" for key in keys for format in ("json", "csv", "xlsx")]
        formats = ["", "?format=csv", "?format=xlsx"]
        return [f"/api/v1/{name}/{key}/{format}" for key in keys for format in formats]

    return paths


def counts(world):
    group_by = [f"group_by={name}" for name in GROUPS]
    per_unit = [f"unit=detentions&{query}" for query in group_by]
    csv = [f"format={format}&{query}" for query in group_by for format in ("csv", "xlsx")]
    combined = [f"country=AZ&in_custody_on=2023-12-01&{query}" for query in group_by]
    return with_filters("/api/v1/counts/", world, extra=group_by + per_unit + csv + combined + ["unit=detentions"])


def journalist_pages(world):
    people = [world["public"], *world["hidden_people"].values(), world["gone"].journalist]
    paths = [f"/journalists/{person.slug}/" for person in people]
    return paths + [f"{path}?as_known_on={PAST}" for path in paths]


# Pinned to a time before any release.
PAST = "2000-01-02T00:00:00Z"


def pinned(paths):
    """Return ``paths``, each also pinned to a time long past."""

    def visit(world):
        found = paths(world)
        return found + [f"{path}{'&' if '?' in path else '?'}as_known_on={PAST}" for path in found]

    return visit


def releases(world):
    return [f"/api/v1/releases/{number}/" for number in Release.objects.values_list("number", flat=True)]


def validators_of_public_answers():
    """Return the ETag, Last-Modified and as_of of public answers: what a poller watches."""
    client = Client()
    counts = client.get("/api/v1/counts/")
    data = client.get("/data/datapackage.json")
    return (counts["ETag"], counts["Last-Modified"], counts.json()["as_of"], data["ETag"], data["X-Data-Version"])


def embeds(path):
    return lambda world: with_filters(path, world, extra=["unit=detentions", "country=XX", "bogus=1"])


COVERAGE = {
    "api/v1/^journalists/$": api_list("journalists"),
    "api/v1/^journalists\\.(?P<format>[a-z0-9]+)/?$": api_list_suffix("journalists"),
    "api/v1/^journalists/(?P<slug>[^/.]+)/$": api_detail("journalists"),
    "api/v1/^journalists/(?P<slug>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": api_detail("journalists", suffix=True),
    "api/v1/^detentions/$": api_list("detentions"),
    "api/v1/^detentions\\.(?P<format>[a-z0-9]+)/?$": api_list_suffix("detentions"),
    "api/v1/^detentions/(?P<pk>[0-9]+)/$": api_detail("detentions"),
    "api/v1/^detentions/(?P<pk>[0-9]+)\\.(?P<format>[a-z0-9]+)/?$": api_detail("detentions", suffix=True),
    "api/v1/^releases/$": pinned(lambda world: ["/api/v1/releases/", "/api/v1/releases/?page=2"]),
    "api/v1/^releases\\.(?P<format>[a-z0-9]+)/?$": lambda world: ["/api/v1/releases.json"],
    "api/v1/^releases/(?P<number>[0-9]+)/$": pinned(releases),
    "api/v1/^releases/(?P<number>[0-9]+)\\.(?P<format>[a-z0-9]+)/?$": lambda world: ["/api/v1/releases/1.json"],
    "api/v1/^censuses/$": pinned(lambda world: ["/api/v1/censuses/"]),
    "api/v1/^censuses\\.(?P<format>[a-z0-9]+)/?$": lambda world: ["/api/v1/censuses.json"],
    "api/v1/^censuses/(?P<slug>[^/]+)/$": pinned(lambda world: ["/api/v1/censuses/census-day/"]),
    "api/v1/^censuses/(?P<slug>[^/]+)\\.(?P<format>[a-z0-9]+)/?$": lambda world: ["/api/v1/censuses/census-day.json"],
    "changes/": pinned(lambda world: ["/changes/", "/changes/?page=2"]),
    "changes/feed/": lambda world: ["/changes/feed/"],
    "censuses/": pinned(lambda world: ["/censuses/"]),
    "censuses/<slug:slug>/": pinned(lambda world: ["/censuses/census-day/", "/censuses/no-such-census/"]),
    "censuses/<slug:slug>.csv": pinned(lambda world: ["/censuses/census-day.csv", "/censuses/no-such-census.csv"]),
    "censuses/<slug:slug>.xlsx": pinned(lambda world: ["/censuses/census-day.xlsx", "/censuses/no-such-census.xlsx"]),
    "api/v1/^outlets/$": api_list("outlets"),
    "api/v1/^outlets\\.(?P<format>[a-z0-9]+)/?$": api_list_suffix("outlets"),
    "api/v1/^outlets/(?P<slug>[^/.]+)/$": api_detail("outlets"),
    "api/v1/^outlets/(?P<slug>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": api_detail("outlets", suffix=True),
    "api/v1/^statutes/$": api_list("statutes"),
    "api/v1/^statutes\\.(?P<format>[a-z0-9]+)/?$": api_list_suffix("statutes"),
    # Statute slugs keep the article's dots (az-cc-206.3.2).
    "api/v1/^statutes/(?P<slug>[^/]+)/$": api_detail("statutes"),
    "api/v1/^statutes/(?P<slug>[^/]+)\\.(?P<format>[a-z0-9]+)/?$": api_detail("statutes", suffix=True),
    "api/v1/counts/": counts,
    "api/v1/schema/": lambda world: ["/api/v1/schema/", "/api/v1/schema/?format=json"],
    "api/v1/docs/": lambda world: ["/api/v1/docs/", "/api/v1/docs/?script="],
    "i18n/setlang/": lambda world: ["/i18n/setlang/"],
    "sitemap.xml": lambda world: ["/sitemap.xml"],
    "robots.txt": lambda world: ["/robots.txt"],
    "": lambda world: ["/"],
    "journalists/<slug:slug>/": journalist_pages,
    "detentions/": lambda world: with_filters("/detentions/", world, extra=["page=2", "q=Public"]),
    "countries/<str:code>/": lambda world: ["/countries/AZ/", "/countries/az/", "/countries/XX/"],
    "statutes/": lambda world: ["/statutes/"],
    "statutes/<str:slug>/": lambda world: [f"/statutes/{world['statute'].slug}/", "/statutes/no-such-statute/"],
    "methodology/": lambda world: ["/methodology/"],
    "data/": lambda world: ["/data/"],
    "data/detentions.csv": lambda world: with_filters("/data/detentions.csv", world),
    "data/detentions.json": lambda world: with_filters("/data/detentions.json", world),
    "data/detentions.xlsx": lambda world: with_filters("/data/detentions.xlsx", world),
    "data/datapackage.json": lambda world: ["/data/datapackage.json"],
    "feed/": lambda world: with_filters("/feed/", world),
    "embed/counter/": embeds("/embed/counter/"),
    "embed/badge.svg": embeds("/embed/badge.svg"),
    # Staff preview (curation): anonymous visitors get the 404 of any unknown address.
    "preview/journalists/<slug:slug>/": lambda world: [
        f"/preview/journalists/{person.slug}/" for person in world["hidden_people"].values()
    ],
}

# Error pages and bad requests, whatever the routes.
ERRORS = [
    "/no-such-page/",
    "/api/v1/no-such-endpoint/",
    "/api/v1/detentions/?arrested_from=2023-13-45",
    "/api/v1/counts/?group_by=nonsense",
    "/api/v1/counts/?country=XX&unit=people",
    "/embed/counter/?in_custody_on=yesterday",
]


def public_routes():
    """Return every route of the resolver that is not under the admin path."""

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route)
            else:
                yield route

    return [route for route in walk(get_resolver()) if not route.startswith(settings.ADMIN_PATH)]


def test_every_public_route_is_visited_by_the_canary():
    missing = [route for route in public_routes() if route not in COVERAGE]
    assert not missing, f"Public routes the leak canary does not visit; add them to COVERAGE: {missing}"


def readable(body):
    """Return the text of an answer's body; a spreadsheet (a zip of XML parts) is read part by part."""
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return body.decode("utf-8", "replace")


def leaks(response, markers, path):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = readable(body) + "\n".join(f"{key}: {value}" for key, value in response.items())
    # A marker the visitor typed into the URL may be echoed back; that is not a leak.
    return [f"{markers[marker]} on {path}" for marker in markers if marker in text and marker not in path]


@pytest.mark.django_db
def test_no_private_marker_appears_on_any_public_url(private_world):
    client = Client(raise_request_exception=False)
    markers = private_world["markers"]
    routes = public_routes()
    paths = list(itertools.chain.from_iterable(COVERAGE[route](private_world) for route in routes)) + ERRORS
    found, statuses = [], {}
    for path in paths:
        response = client.get(path)
        statuses[path] = response.status_code
        found += leaks(response, markers, path)
    response = client.post("/i18n/setlang/", {"language": "az", "next": "/"}, follow=True)
    found += leaks(response, markers, "POST /i18n/setlang/")

    assert not found, "Private data on public URLs:\n" + "\n".join(found)
    # The canary must really have seen the public data and the answers it expects.
    assert statuses["/"] == 200
    assert statuses[f"/journalists/{private_world['public'].slug}/"] == 200
    assert statuses["/no-such-page/"] == 404
    assert statuses["/api/v1/counts/?group_by=nonsense"] == 400
    assert all(status < 500 for status in statuses.values()), [p for p, s in statuses.items() if s >= 500]
    for person in private_world["hidden_people"].values():
        assert statuses[f"/journalists/{person.slug}/"] == 404
    assert statuses[f"/journalists/{private_world['gone'].journalist.slug}/"] == 200  # its journalist stays
    assert statuses[f"/api/v1/detentions/{private_world['gone'].pk}/"] == 410
    assert statuses["/api/v1/censuses/census-day/"] == 200
    # Spreadsheets are read cell by cell: the public person is there, so a private one would be seen.
    for path in ("/data/detentions.xlsx", "/api/v1/detentions/?format=xlsx", "/censuses/census-day.xlsx"):
        assert statuses[path] == 200
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert private_world["public"].name in readable(body), path


@pytest.mark.django_db
def test_the_server_error_page_shows_nothing_private(private_world):
    client = Client(raise_request_exception=False)
    secret = next(iter(private_world["markers"]))
    with mock.patch("cases.views.JournalistDetailView.case", side_effect=RuntimeError(secret)):
        response = client.get(f"/journalists/{private_world['public'].slug}/")
    assert response.status_code == 500
    assert secret.encode() not in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_the_canary_sees_a_marker_that_is_public(private_world, client):
    # A canary that cannot fail is worth nothing: publish one marked record and it must sing.
    person = private_world["hidden_people"][DRAFT]
    person.publication_state = PublicationState.PUBLISHED
    person.save()
    response = client.get("/api/v1/journalists/")
    assert not leaks(response, private_world["markers"], "/api/v1/journalists/"), "seen before any release"
    publish_all()
    response = client.get("/api/v1/journalists/")
    assert leaks(response, private_world["markers"], "/api/v1/journalists/")


@pytest.mark.django_db
def test_the_canary_sees_a_pending_change_once_it_is_published(private_world, client):
    detention = private_world["detention"]
    before = client.get(f"/api/v1/detentions/{detention.pk}/")
    assert not leaks(before, private_world["markers"], "detail")
    publish_all()
    after = client.get(f"/api/v1/detentions/{detention.pk}/")
    assert {"pending summary on detail", "pending charge on detail"} <= set(
        leaks(after, private_world["markers"], "detail")
    )
