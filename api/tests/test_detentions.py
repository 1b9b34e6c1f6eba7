import datetime

import pytest

from cases import models
from cases.dates import FuzzyDate
from cases.tests import factories

from .builders import full_detention

pytestmark = pytest.mark.django_db


def test_detention_detail_has_charges_with_history_events_sentences_and_sources(client):
    detention = full_detention(summary="Held since November.", place="Baku")

    body = client.get(f"/api/v1/detentions/{detention.pk}/").json()

    assert body["id"] == detention.pk
    assert body["journalist"]["slug"] == detention.journalist.slug
    assert (body["country"], body["country_name"], body["place"]) == ("AZ", "Azerbaijan", "Baku")
    assert body["summary"] == "Held since November."
    (charge,) = body["charges"]
    assert charge["statute"]["article"] == detention.charges.get().statute.article
    assert charge["status"] == "convicted"
    assert [change["status"] for change in charge["history"]] == ["convicted"]
    assert len(charge["sources"]) == 1
    (event,) = body["events"]
    assert event["kind"] == "sentence"
    assert len(event["sources"]) == 1
    assert body["sentences"][0]["term"] == "7 years 6 months"
    assert body["current_sentence"]["term_months"] == 90
    assert body["released"] is None
    (source,) = body["sources"]
    assert source["url"].startswith("https://news.example/")


def test_detentions_are_listed_latest_arrest_first_with_unknown_dates_last(client):
    older = factories.DetentionFactory(arrest=FuzzyDate.day(2020, 1, 1))
    unknown = factories.DetentionFactory(arrest=None)
    newer = factories.DetentionFactory(arrest=FuzzyDate.day(2024, 1, 1))

    ids = [row["id"] for row in client.get("/api/v1/detentions/").json()["results"]]

    assert ids == [newer.pk, older.pk, unknown.pk]


def test_detention_list_is_paginated(client):
    factories.DetentionFactory.create_batch(3)

    first = client.get("/api/v1/detentions/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert {row["id"] for row in first["results"] + second["results"]} == set(
        models.Detention.objects.values_list("pk", flat=True)
    )


@pytest.mark.parametrize("state", ["draft", "in_review", "withdrawn"])
def test_unpublished_detention_is_not_found(client, state):
    detention = factories.DetentionFactory(publication_state=state)

    assert client.get(f"/api/v1/detentions/{detention.pk}/").status_code == 404
    assert client.get("/api/v1/detentions/").json()["count"] == 0


def test_published_detention_of_an_unpublished_journalist_is_not_shown(client):
    detention = factories.DetentionFactory(journalist__publication_state="draft")

    assert client.get(f"/api/v1/detentions/{detention.pk}/").status_code == 404
    assert client.get("/api/v1/detentions/").json()["count"] == 0


def _with_charge(**charge):
    def make(**kwargs):
        detention = factories.DetentionFactory(**kwargs)
        factories.ChargeFactory(detention=detention, **charge)
        return detention

    return make


def _at_outlet(slug):
    def make(**kwargs):
        detention = factories.DetentionFactory(**kwargs)
        outlet = models.Outlet.objects.filter(slug=slug).first() or factories.OutletFactory(slug=slug)
        factories.AffiliationFactory(journalist=detention.journalist, outlet=outlet)
        return detention

    return make


def _in_medium(code):
    def make(**kwargs):
        detention = factories.DetentionFactory(**kwargs)
        detention.journalist.mediums.add(models.Medium.objects.get(code=code))
        factories.publish_all()
        return detention

    return make


def _plain(**fixed):
    return lambda **kwargs: factories.DetentionFactory(**fixed, **kwargs)


# filter -> (value, how to make a matching detention, how to make one that does not match)
FILTERS = {
    "country": ("TR", _plain(country="TR"), _plain(country="AZ")),
    "journalist": ("reporter-a", _plain(journalist__slug="reporter-a"), _plain()),
    "status": ("sentenced", _plain(status="sentenced"), _plain(status="pretrial")),
    "kind": ("administrative", _plain(kind="administrative"), _plain(kind="criminal")),
    "arrested_from": (
        "2023-11-01",
        _plain(arrest=FuzzyDate.month(2023, 11)),
        # October or November: not every possible day is on or after 1 November.
        _plain(arrest=FuzzyDate.between(datetime.date(2023, 10, 30), datetime.date(2023, 11, 2))),
    ),
    "arrested_to": (
        "2023-11-30",
        _plain(arrest=FuzzyDate.month(2023, 11)),
        _plain(arrest=FuzzyDate.year(2023)),
    ),
    "released_from": (
        "2024-01-01",
        _plain(release=FuzzyDate.day(2024, 1, 1), status="released"),
        _plain(release=FuzzyDate.day(2023, 12, 31), status="released"),
    ),
    "released_to": (
        "2024-01-31",
        _plain(release=FuzzyDate.day(2024, 1, 31), status="released"),
        _plain(release=None),
    ),
    "in_custody_on": (
        "2023-12-01",
        _plain(arrest=FuzzyDate.day(2023, 11, 30)),
        # Arrested on the census day itself: not in custody at its start.
        _plain(arrest=FuzzyDate.day(2023, 12, 1)),
    ),
    "charge_category": ("false_news", _with_charge(category="false_news"), _with_charge(category="insult")),
    "statute": ("az-cc-206.3.2", _with_charge(statute__article="206.3.2"), _with_charge(statute__article="1.1")),
    "outlet": ("outlet-x", _at_outlet("outlet-x"), _at_outlet("outlet-y")),
    "gender": ("male", _plain(journalist__gender="male"), _plain(journalist__gender="female")),
    "role": ("media_worker", _plain(journalist__role="media_worker"), _plain(journalist__role="journalist")),
    "medium": ("tv", _in_medium("tv"), _in_medium("print")),
    "linked_to_journalism": ("unclear", _plain(linked_to_journalism="unclear"), _plain()),
}


@pytest.mark.parametrize("name", FILTERS)
def test_every_filter_keeps_only_matching_detentions(client, name):
    value, matching, other = FILTERS[name]
    match = matching()
    other()

    response = client.get("/api/v1/detentions/", {name: value})

    assert response.status_code == 200, response.json()
    assert [row["id"] for row in response.json()["results"]] == [match.pk]


@pytest.mark.parametrize("name", FILTERS)
def test_every_filter_gives_the_same_rows_to_counts(client, name):
    value, matching, other = FILTERS[name]
    matching()
    other()

    body = client.get("/api/v1/counts/", {name: value, "unit": "detentions"}).json()

    assert body["count"] == 1
    assert body["filters"] == {name: value}


def test_filters_combine(client):
    match = factories.DetentionFactory(country="TR", kind="administrative")
    factories.DetentionFactory(country="TR", kind="criminal")
    factories.DetentionFactory(country="AZ", kind="administrative")

    rows = client.get("/api/v1/detentions/", {"country": "TR", "kind": "administrative"}).json()["results"]

    assert [row["id"] for row in rows] == [match.pk]
