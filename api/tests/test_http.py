"""Conditional requests, shared caching, fair use and CORS."""

import pytest
from django.utils.http import http_date

from cases import models, versioning
from cases.tests import factories

pytestmark = pytest.mark.django_db

ENDPOINTS = ["journalists/", "detentions/", "outlets/", "statutes/", "counts/", "detentions/?format=csv"]


@pytest.fixture
def detention(version):
    detention = factories.DetentionFactory()
    factories.ChargeFactory(detention=detention)
    factories.AffiliationFactory(journalist=detention.journalist)
    return detention


def _all(detention):
    return [
        *ENDPOINTS,
        f"journalists/{detention.journalist.slug}/",
        f"detentions/{detention.pk}/",
        f"outlets/{models.Outlet.objects.get().slug}/",
        f"statutes/{models.Statute.objects.get().slug}/",
    ]


def test_every_endpoint_carries_validators_and_cache_control(client, detention):
    # The validators are those of the latest release: the one that published the detention.
    version = versioning.current()
    for path in _all(detention):
        response = client.get(f"/api/v1/{path}")
        assert response.status_code == 200, path
        assert response["ETag"].startswith('"'), path
        assert response["Last-Modified"] == http_date(version.changed_at.timestamp()), path
        assert response["Cache-Control"] == "public, max-age=60, s-maxage=60", path


def test_if_none_match_is_answered_304_on_every_endpoint(client, detention):
    for path in _all(detention):
        etag = client.get(f"/api/v1/{path}")["ETag"]

        response = client.get(f"/api/v1/{path}", HTTP_IF_NONE_MATCH=etag)

        assert response.status_code == 304, path
        assert response.content == b""
        assert response["ETag"] == etag


def test_if_modified_since_is_answered_304(client, detention):
    last_modified = client.get("/api/v1/counts/")["Last-Modified"]

    assert client.get("/api/v1/counts/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_etag_differs_by_query_and_format(client, detention):
    etags = {
        client.get("/api/v1/detentions/")["ETag"],
        client.get("/api/v1/detentions/?country=AZ")["ETag"],
        client.get("/api/v1/detentions/?format=csv")["ETag"],
        client.get("/api/v1/counts/?country=AZ")["ETag"],
    }

    assert len(etags) == 4


def test_a_publish_changes_the_etag_and_gets_a_full_answer(client, detention, django_capture_on_commit_callbacks):
    etag = client.get("/api/v1/counts/")["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        factories.DetentionFactory()

    fresh = client.get("/api/v1/counts/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert fresh.json()["count"] == 2


def test_a_withdrawal_changes_the_etag(client, detention, django_capture_on_commit_callbacks):
    etag = client.get(f"/api/v1/detentions/{detention.pk}/")["ETag"]

    detention.publication_state = models.PublicationState.WITHDRAWN
    detention.save()
    factories.publish_all()

    assert client.get(f"/api/v1/detentions/{detention.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 410


def test_errors_are_not_marked_cacheable(client, version):
    response = client.get("/api/v1/counts/?country=XX")

    assert response.status_code == 400
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_too_many_requests_get_429_with_retry_after(client, settings, version):
    settings.API_THROTTLE_RATE = "3/minute"

    statuses = [client.get("/api/v1/counts/").status_code for _ in range(4)]
    response = client.get("/api/v1/detentions/")

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Request was throttled.")


def test_the_budget_is_per_client_address(client, settings, version):
    settings.API_THROTTLE_RATE = "1/minute"

    assert client.get("/api/v1/counts/", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get("/api/v1/counts/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/v1/counts/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_throttling_can_be_switched_off(client, settings, version):
    settings.API_THROTTLE_RATE = "off"

    assert {client.get("/api/v1/counts/").status_code for _ in range(5)} == {200}


def test_any_web_page_may_read_the_api(client, version):
    response = client.get("/api/v1/counts/", HTTP_ORIGIN="https://newsroom.example")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_cors_preflight_allows_get_only(client):
    response = client.options(
        "/api/v1/counts/",
        HTTP_ORIGIN="https://newsroom.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_cors_stays_off_outside_the_api(client):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://newsroom.example")

    assert "Access-Control-Allow-Origin" not in response


def test_head_answers_with_the_same_validators_and_no_body(client, detention):
    get = client.get("/api/v1/counts/?country=AZ")
    head = client.head("/api/v1/counts/?country=AZ")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
