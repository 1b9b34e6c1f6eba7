"""The fast path of counts/: kept answers are the full answers, until the data changes."""

import datetime

import pytest
from django.core.cache import cache

from api import middleware
from cases.models import PublicationState
from cases.tests.factories import DetentionFactory, publish_all

COUNTS = "/api/v1/counts/?country=AZ&kind=criminal&arrested_from=2015-01-01&arrested_to=2024-12-31"


def _arrested(year):
    return {"arrested_earliest": datetime.date(year, 3, 1), "arrested_latest": datetime.date(year, 3, 1)}


@pytest.fixture
def cases(version):
    for year in (2016, 2019, 2023):
        DetentionFactory(country="AZ", kind="criminal", **_arrested(year))
    DetentionFactory(country="TR", kind="criminal", **_arrested(2019))


def _answer(response):
    return response.status_code, list(response.headers.items()), response.content


def _forget_kept_answers():
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("extra", ["", "&format=csv", "&group_by=year"])
def test_kept_answer_is_the_full_answer_byte_for_byte(client, cases, extra):
    full = client.get(COUNTS + extra)
    kept = client.get(COUNTS + extra)
    assert full.status_code == 200
    assert _answer(kept) == _answer(full)


@pytest.mark.django_db
def test_kept_answer_costs_no_query_and_no_session(client, cases, django_assert_num_queries):
    client.get(COUNTS)
    with django_assert_num_queries(0):
        response = client.get(COUNTS, HTTP_COOKIE="sessionid=not-a-session")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.django_db
def test_kept_answer_is_per_language_and_format(client, cases):
    english = client.get(COUNTS).json()["statement"]
    russian = client.get(COUNTS, HTTP_ACCEPT_LANGUAGE="ru").json()["statement"]
    assert russian != english
    # Country names and days are translated too, though they are formatted once per language.
    assert "Azerbaijan" not in russian and "January" not in russian
    assert client.get(COUNTS).json()["statement"] == english
    assert client.get(COUNTS, HTTP_ACCEPT="text/csv")["Content-Type"].startswith("text/csv")


@pytest.mark.django_db
def test_each_language_has_its_own_etag(client, cases):
    english = client.get(COUNTS)
    russian = client.get(COUNTS, HTTP_ACCEPT_LANGUAGE="ru")
    assert english["ETag"] != russian["ETag"]
    assert "Accept-Language" in russian["Vary"]
    # An English copy does not satisfy a Russian reader's conditional request.
    assert client.get(COUNTS, HTTP_ACCEPT_LANGUAGE="ru", HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 200
    assert client.get(COUNTS, HTTP_ACCEPT_LANGUAGE="ru", HTTP_IF_NONE_MATCH=russian["ETag"]).status_code == 304


@pytest.mark.django_db
def test_reordered_parameters_are_served_kept_with_their_own_etag(client, cases, django_assert_num_queries):
    reordered = "/api/v1/counts/?arrested_to=2024-12-31&arrested_from=2015-01-01&kind=criminal&country=AZ"
    full = client.get(reordered)
    _forget_kept_answers()
    client.get(COUNTS)
    with django_assert_num_queries(0):
        kept = client.get(reordered)
    assert _answer(kept) == _answer(full)


@pytest.mark.django_db
def test_a_publish_shows_at_once_in_the_kept_answer(client, cases, django_capture_on_commit_callbacks):
    before = client.get(COUNTS)
    assert client.get(COUNTS).json()["count"] == 3
    draft = DetentionFactory(country="AZ", kind="criminal", publication_state=PublicationState.DRAFT, **_arrested(2020))
    draft.publication_state = PublicationState.PUBLISHED
    draft.save()
    publish_all()
    after = client.get(COUNTS)
    assert after.json()["count"] == 4
    assert after["ETag"] != before["ETag"]


@pytest.mark.django_db
def test_kept_answer_answers_a_current_copy_with_the_full_paths_304(client, cases):
    etag = client.get(COUNTS)["ETag"]
    _forget_kept_answers()
    full = client.get(COUNTS, HTTP_IF_NONE_MATCH=etag)
    client.get(COUNTS)
    kept = client.get(COUNTS, HTTP_IF_NONE_MATCH=etag)
    assert full.status_code == 304
    assert _answer(kept) == _answer(full)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?country=XX", "?unit=people", "?colour=red", "?country=AZ&country=TR"])
def test_errors_are_never_kept(client, cases, monkeypatch, query):
    kept = []
    monkeypatch.setattr(middleware, "store_response", lambda *args: kept.append(args))
    assert client.get(f"/api/v1/counts/{query}").status_code == 400
    assert client.get(COUNTS).status_code == 200
    assert len(kept) == 1


@pytest.mark.django_db
def test_a_throttled_client_is_refused_even_when_an_answer_is_kept(client, cases, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    assert [client.get(COUNTS).status_code for _n in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_other_countries_are_not_served_the_kept_answer(client, cases):
    assert client.get(COUNTS).json()["count"] == 3
    assert client.get(COUNTS.replace("AZ", "TR")).json()["count"] == 1
