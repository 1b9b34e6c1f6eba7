"""Public reads from a real streaming replica; a release shows once the replica has it."""

import json
import time
import urllib.request

import psycopg
import pytest
from django.db import connection

from cases.tests.factories import DetentionFactory

from .conftest import server_env
from .replica import streaming_replica, wait_for_replay

COUNTS = "/api/v1/counts/?country=AZ&unit=detentions"


@pytest.fixture
def primary():
    db = connection.settings_dict
    return {"host": db["HOST"] or "127.0.0.1", "port": int(db["PORT"] or 5432), "user": db["USER"] or "postgres"}


@pytest.fixture
def replica(primary):
    with streaming_replica(primary) as port:
        yield port


def _count(base, path=COUNTS):
    with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310 - loopback
        return json.loads(response.read())["count"]


def _replica_url(primary, port):
    return f"postgres://{primary['user']}@127.0.0.1:{port}/{connection.settings_dict['NAME']}"


def test_public_reads_come_from_the_replica_and_follow_it(shared_redis, gunicorn, primary, replica):
    DetentionFactory(country="AZ")
    name = connection.settings_dict["NAME"]
    wait_for_replay(primary, replica, name)
    base = gunicorn(server_env(DATABASE_REPLICA_URL=_replica_url(primary, replica), API_THROTTLE_RATE="off"))
    assert _count(base) == 1

    with psycopg.connect(host="127.0.0.1", port=replica, user=primary["user"], dbname=name, autocommit=True) as standby:
        standby.execute("SELECT pg_wal_replay_pause()")
        try:
            DetentionFactory(country="AZ")  # a release on the primary the replica has not applied
            time.sleep(2.5)  # longer than a server trusts its kept data version with a replica
            # Public answers come from the replica: the release is not there yet, so not shown.
            assert _count(base) == 1
            assert _count(base, COUNTS + "&kind=criminal") == 1  # a cold answer, made from the replica
        finally:
            standby.execute("SELECT pg_wal_replay_resume()")
    wait_for_replay(primary, replica, name)
    deadline = time.monotonic() + 10
    while _count(base) != 2:
        assert time.monotonic() < deadline, "the server never showed the release the replica applied"
        time.sleep(0.2)
    assert _count(base, COUNTS + "&kind=criminal") == 2


def test_the_admin_reads_the_primary_while_the_replica_lags(shared_redis, gunicorn, primary, replica):
    from django.contrib.auth import get_user_model

    name = connection.settings_dict["NAME"]
    with psycopg.connect(host="127.0.0.1", port=replica, user=primary["user"], dbname=name, autocommit=True) as standby:
        standby.execute("SELECT pg_wal_replay_pause()")
        try:
            # A user the replica has not seen can still sign in: the admin reads the primary.
            get_user_model().objects.create_superuser("lagging", password="a long enough password 1")  # noqa: S106
            base = gunicorn(server_env(DATABASE_REPLICA_URL=_replica_url(primary, replica), OTP_REQUIRED="0"))
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
            with opener.open(base + "/admin/login/", timeout=60) as page:
                html = page.read().decode()
            token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
            form = f"csrfmiddlewaretoken={token}&username=lagging&password=a+long+enough+password+1&next=/admin/"
            request = urllib.request.Request(  # noqa: S310 - loopback
                base + "/admin/login/?next=/admin/", data=form.encode(), headers={"Referer": base + "/admin/login/"}
            )
            with opener.open(request, timeout=60) as answer:
                assert answer.url.endswith("/admin/")
                assert "lagging" in answer.read().decode()
        finally:
            standby.execute("SELECT pg_wal_replay_resume()")
