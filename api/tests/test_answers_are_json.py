"""Every answer under /api/ is JSON: unknown paths, refused methods, malformed requests, errors."""

import pytest
from rest_framework.test import APIClient

from cases import counting
from cases.tests import factories

pytestmark = pytest.mark.django_db

ENDPOINTS = ["journalists/", "detentions/", "outlets/", "statutes/", "counts/", "schema/", "docs/"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/v1/",
        "/api/v2/counts/",
        "/api/v1/nothing/",
        # A slug the route pattern refuses never reaches the view.
        "/api/v1/journalists/az-cc-192.3.2/?format=csv",
        "/api/v1/journalists/a.b/",
        "/api/v1/detentions/1/charges/",
        "/api/v1/detentions/not-a-number/",
    ],
)
def test_an_unknown_address_under_the_api_is_a_404_in_json(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_address_elsewhere_is_still_the_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("method", ["TRACE", "POST", "PUT", "PATCH", "DELETE", "PROPFIND", "CONNECT"])
def test_an_unsupported_method_is_a_405_in_json(client, path, method):
    response = client.generic(method, f"/api/v1/{path}")

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": f'Method "{method}" not allowed.'}
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_options_describes_the_endpoint_in_json(client, path):
    response = client.options(f"/api/v1/{path}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["name"]
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_docs_page_when_throttled_is_a_429_in_json(client, settings):
    settings.API_THROTTLE_RATE = "1/minute"
    assert client.get("/api/v1/docs/").status_code == 200

    response = client.get("/api/v1/docs/")

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Request was throttled.")


def test_a_request_with_too_many_parameters_is_a_400_in_json(client):
    response = client.get("/api/v1/detentions/?" + "&".join(f"p{n}=1" for n in range(1001)))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Malformed request."}


def test_a_server_error_is_a_500_in_json_that_tells_nothing(monkeypatch):
    factories.DetentionFactory()

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(counting, "count", broken)

    response = APIClient(raise_request_exception=False).get("/api/v1/counts/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "A server error occurred."}
