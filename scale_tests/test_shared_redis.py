"""Two gunicorn servers sharing Redis and one database: one publish, one throttle budget."""

import urllib.error
import urllib.request

from cases.tests.factories import DetentionFactory

from .conftest import server_env

COUNTS = "/api/v1/counts/?country=AZ&unit=detentions"


def _get(base, path, timeout=60):
    """Return (status, body) of a GET; errors are answers too."""
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _count(base):
    import json

    status, body = _get(base, COUNTS)
    assert status == 200, body[:300]
    return json.loads(body)["count"]


def test_a_publish_shows_on_both_servers_at_their_next_request(shared_redis, gunicorn):
    DetentionFactory(country="AZ")
    env = server_env(API_THROTTLE_RATE="off")
    first, second = gunicorn(env), gunicorn(env)
    # Both have kept the answer (and the data version) in Redis.
    assert [_count(first), _count(second), _count(first), _count(second)] == [1, 1, 1, 1]
    assert _get(first, "/embed/counter/?country=AZ")[0] == 200
    kept = _get(second, "/embed/counter/?country=AZ")[1]
    assert shared_redis.dbsize() > 0

    DetentionFactory(country="AZ")  # published as a release through the service, here

    # The very next request of each shows it: no server keeps a stale answer.
    assert _count(second) == 2
    assert _count(first) == 2
    assert _get(first, "/embed/counter/?country=AZ")[1] != kept


def test_both_servers_share_one_throttle_budget(shared_redis, gunicorn):
    DetentionFactory(country="AZ")
    env = server_env(API_THROTTLE_RATE="5/minute")
    first, second = gunicorn(env), gunicorn(env)
    statuses = [_get(base, "/api/v1/detentions/")[0] for base in (first, second, first, second, first, second)]
    # Five requests in the budget, wherever they went; the sixth is refused by the other server.
    assert statuses == [200, 200, 200, 200, 200, 429]
    assert _get(first, "/api/v1/detentions/")[0] == 429


# Both servers are asked for one public host, as a load balancer in front of them forwards
# it: the host is part of every kept answer's key (absolute links follow it).
PUBLIC_HOST = {"Host": "localhost"}


def _get_as(base, path, **headers):
    request = urllib.request.Request(base + path, headers={**PUBLIC_HOST, **headers})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
        return response.status, response.headers, response.read()


def test_a_big_answer_kept_in_chunks_by_one_server_is_served_by_the_other(shared_redis, gunicorn):
    import zlib

    for n in range(25):
        DetentionFactory(country="AZ", journalist__name=f"Reporter Number {n}")
    # Small thresholds, so that the seed-sized CSV is compressed and spans several entries.
    env = server_env(API_THROTTLE_RATE="off", PUBLIC_CACHE_COMPRESS_BYTES="1024", PUBLIC_CACHE_CHUNK_BYTES="512")
    first, second = gunicorn(env), gunicorn(env)
    path = "/api/v1/detentions/?format=csv&country=AZ"
    status, _headers, body = _get_as(first, path)  # made, streamed, and kept in Redis as it went
    assert status == 200 and body.count(b"\n") > 25
    assert len(shared_redis.keys("*public:*")) > 2  # the entry and its chunks
    _status, headers, gzipped = _get_as(second, path, **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert zlib.decompress(gzipped, 16 + zlib.MAX_WBITS) == body
    _status, headers, plain = _get_as(second, path)  # unpacked for a client that accepts no gzip
    assert plain == body and int(headers["Content-Length"]) == len(body)
