"""
Tests against real servers: two gunicorns sharing Redis, and a real streaming
replica. Run by ``make scale-test`` (not by ``make test``: they need PostgreSQL,
Redis at 127.0.0.1:6379 and Debian's PostgreSQL binaries).
"""

import os

import pytest
import redis
from django.conf import settings
from django.db import connection

from bench import serve


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session", autouse=True)
def _needs_postgresql_and_redis():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("make scale-test runs on PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.fail("make scale-test runs on Redis: set CACHE_URL to a redis:// URL.")


@pytest.fixture
def shared_redis():
    """This run's Redis database, empty before and after each test."""
    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    client.flushdb()
    yield client
    client.flushdb()


def server_env(**extra):
    """The environment of a gunicorn that serves this test's database and cache."""
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        CACHE_URL=settings.CACHES["default"]["LOCATION"],
        DEBUG="0",
        SECRET_KEY="scale-tests-only-secret-key",  # noqa: S106 (tests only)
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PRODUCTION="0",
        STATIC_MANIFEST="0",
        AXES_ENABLED="0",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="tracker.settings",
        **extra,
    )
    env.pop("DATA_VERSION_SECONDS", None)  # the servers' own default, not the test process's
    return env


@pytest.fixture
def gunicorn():
    """Start gunicorns (stopped at the end, whatever happens); return a function that starts one."""
    import contextlib

    with contextlib.ExitStack() as stack:

        def start(env):
            port = stack.enter_context(serve.gunicorn(env, workers=2))
            return f"http://127.0.0.1:{port}"

        yield start
