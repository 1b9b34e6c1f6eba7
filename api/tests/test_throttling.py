"""
The throttle counts the real client, once, in a cache every process shares.

The shared-budget tests run against the Redis server on 127.0.0.1:6379 (as CI
has it), in a database and under a key prefix of their own, removed afterwards.
"""

import json
import os
import subprocess
import sys
import threading
import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api.throttling import PublicRateThrottle

REDIS_URL = "redis://127.0.0.1:6379/11"


def test_a_forged_x_forwarded_for_does_not_open_a_new_budget(client, settings, version):
    settings.API_THROTTLE_RATE = "2/minute"

    statuses = [
        client.get("/api/v1/counts/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 429, 429, 429]


def test_behind_a_trusted_proxy_each_client_the_proxy_saw_has_its_own_budget(client, settings, version):
    settings.API_THROTTLE_RATE = "1/minute"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    def through_proxy(forwarded_for):
        # The proxy at 10.0.0.1 appends the address it saw to whatever the client sent.
        return client.get("/api/v1/counts/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    assert through_proxy("198.51.100.7") == 200
    assert through_proxy("198.51.100.7") == 429
    assert through_proxy("192.0.2.99, 198.51.100.7") == 429  # a forged first entry changes nothing
    assert through_proxy("198.51.100.8") == 200


def _settings_of(**env):
    """Return the throttle settings a process started with ``env`` reads."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'caches': s.CACHES, 'throttle_cache': s.THROTTLE_CACHE, "
        "'num_proxies': s.REST_FRAMEWORK['NUM_PROXIES']}))"
    )
    clean = {key: value for key, value in os.environ.items() if key not in {"CACHE_URL", "NUM_PROXIES"}}
    result = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "tracker.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def test_the_throttle_counts_in_local_memory_unless_a_cache_url_is_set():
    values = json.loads(_settings_of().stdout)

    throttle = values["caches"][values["throttle_cache"]]
    assert throttle["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["caches"]["default"]["BACKEND"] == throttle["BACKEND"]
    assert values["num_proxies"] == 0


def test_a_redis_cache_url_holds_the_throttle_budgets_and_the_kept_answers():
    values = json.loads(_settings_of(CACHE_URL="redis://cache.internal:6379/2", NUM_PROXIES="1").stdout)

    for alias in ("default", values["throttle_cache"]):
        assert values["caches"][alias]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert values["caches"][alias]["LOCATION"] == "redis://cache.internal:6379/2"
    assert values["num_proxies"] == 1


@pytest.mark.parametrize("env", [{"CACHE_URL": "memcached://cache:11211"}, {"NUM_PROXIES": "-1"}])
def test_a_bad_cache_url_or_proxy_count_stops_start_up(env):
    result = _settings_of(**env)

    assert result.returncode != 0
    assert f"{next(iter(env))} must be" in result.stderr


@pytest.fixture
def redis_prefix():
    """Yield a key prefix of this test's own on the shared Redis server; its keys are removed after."""
    prefix = f"tests-throttle-{uuid.uuid4().hex}"
    yield prefix
    connection = redis.Redis.from_url(REDIS_URL)
    keys = list(connection.scan_iter(match=f"{prefix}:*"))
    if keys:
        connection.delete(*keys)
    connection.close()


def _process(name, prefix):
    """Return the caches of one server process: local memory of its own and its own Redis client."""
    return {
        "default": LocMemCache(f"tests-process-{name}", {}),
        "throttle": RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}),
    }


def test_two_processes_share_one_budget_in_redis(client, settings, version, redis_prefix):
    settings.API_THROTTLE_RATE = "4/minute"
    settings.THROTTLE_CACHE = "throttle"
    processes = [_process("a", redis_prefix), _process("b", redis_prefix)]
    kept = {alias: caches[alias] for alias in ("default", "throttle")}
    statuses = []
    try:
        for n in range(8):
            # Requests alternate between the two processes, as a load balancer sends them.
            for alias, cache in processes[n % 2].items():
                caches[alias] = cache
            statuses.append(client.get("/api/v1/counts/", REMOTE_ADDR="192.0.2.1").status_code)
    finally:
        for alias, cache in kept.items():
            caches[alias] = cache

    assert statuses == [200] * 4 + [429] * 4


def test_simultaneous_requests_cannot_spend_the_budget_twice(settings, redis_prefix):
    settings.API_THROTTLE_RATE = "5/minute"
    settings.THROTTLE_CACHE = "throttle"
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": redis_prefix,
        },
    }
    request = Request(APIRequestFactory().get("/api/v1/counts/", REMOTE_ADDR="192.0.2.1"), authenticators=())
    start = threading.Barrier(40)
    allowed = []

    def one_request():
        # A thread gets its own Redis client from ``caches``, as another process would.
        throttle = PublicRateThrottle()
        start.wait()
        allowed.append(throttle.allow_request(request, None))

    threads = [threading.Thread(target=one_request) for _n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert allowed.count(True) == 5
