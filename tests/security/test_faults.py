"""
With the database unreachable the API answers 503 JSON with Retry-After and the
pages a plain 503 page; both recover by themselves when the database returns.

The tracker runs in gunicorn, as in production, on its own database; the fault
is real: on PostgreSQL the server's port is closed (and open connections cut),
on SQLite the database file disappears.
"""

import contextlib
import json
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import OperationalError
from django.test import Client

from .support import Forwarder, fresh_database, get, gunicorn, on_postgres

PAGE = "/journalists/nobody-by-this-name/"


@contextlib.contextmanager
def cuttable_database(tmp_path):
    """Yield (DATABASE_URL for the app, cut(), restore())."""
    live = tmp_path / "live"
    live.mkdir()
    with fresh_database(live, "faults") as url:
        if on_postgres():
            parts = urlsplit(url)
            forwarder = Forwarder(parts.hostname, parts.port or 5432)
            forwarder.up()
            netloc = parts.netloc.rsplit("@", 1)[0] + f"@127.0.0.1:{forwarder.port}"
            try:
                yield urlunsplit(parts._replace(netloc=netloc)), forwarder.down, forwarder.up
            finally:
                forwarder.down()
        else:
            away = tmp_path / "away"
            yield url, lambda: live.rename(away), lambda: away.rename(live)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Yield (port, cut, restore) of a tracker in gunicorn whose database can be cut."""
    with cuttable_database(tmp_path_factory.mktemp("faults")) as (url, cut, restore):
        # Persistent connections are what production uses and the harder case:
        # the connection held from before the fault must be dropped, not reused.
        with gunicorn(url, CONN_MAX_AGE="60" if on_postgres() else "0") as port:
            yield port, cut, restore


def test_pages_and_api_answer_503_while_the_database_is_down_and_recover(app):
    port, cut, restore = app
    assert get(port, PAGE)[0] == 404

    cut()
    try:
        status, headers, body = get(port, PAGE)
        assert status == 503
        assert headers["Retry-After"].isdigit()
        assert "Temporarily unavailable" in body
        for leak in ("Traceback", "OperationalError", "psycopg", "sqlite", "127.0.0.1", "postgres"):
            assert leak not in body

        status, headers, body = get(port, "/api/v1/detentions/")
        assert status == 503
        assert headers["Content-Type"] == "application/json"
        assert headers["Retry-After"].isdigit()
        assert json.loads(body)["status"] == 503
        assert "Traceback" not in body and "postgres" not in body and "sqlite" not in body
    finally:
        restore()

    # No restart: the next requests find the database again.
    assert get(port, PAGE)[0] == 404
    assert get(port, "/api/v1/detentions/")[0] in (200, 404)


UNREACHABLE = OperationalError('connection to server at "10.1.2.3", port 5432 failed: Connection refused')


@pytest.mark.django_db
def test_a_database_error_in_a_view_is_a_plain_503_page(client):
    with mock.patch("cases.views.JournalistDetailView.case", side_effect=UNREACHABLE):
        response = client.get(PAGE)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"10.1.2.3" not in response.content and b"5432" not in response.content


@pytest.mark.django_db
def test_a_database_error_outside_a_view_is_a_503_too(settings):
    # The session is read by a middleware, before any view runs.
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a" * 32
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=UNREACHABLE):
        response = client.get("/admin/")
    assert response.status_code == 503
    assert b"10.1.2.3" not in response.content


@pytest.mark.django_db
def test_other_errors_stay_a_plain_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("cases.views.JournalistDetailView.case", side_effect=ValueError("secret detail")):
        response = client.get(PAGE)
    assert response.status_code == 500
    assert b"secret detail" not in response.content
    assert b"Something went wrong" in response.content
