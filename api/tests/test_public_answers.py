"""
One cache in front of every public GET (api/middleware.py): kept per release, path,
parameters, format and language; validators and 304s on every answer; never for
staff, errors or throttled clients.
"""

import datetime
import zlib

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.utils.http import http_date

from api import middleware
from cases.tests.factories import DetentionFactory, JournalistFactory, StatuteFactory
from cases.versions import Release
from tracker import db_router

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(version):
    journalist = JournalistFactory(name="Kept Reporter")
    detention = DetentionFactory(journalist=journalist, country="AZ")
    StatuteFactory()
    return {"slug": journalist.slug, "detention": detention.pk}


KEPT = [
    "/",
    "/countries/AZ/",
    "/detentions/",
    "/detentions/?country=AZ",
    "/journalists/{slug}/",
    "/statutes/",
    "/methodology/",
    "/data/",
    "/changes/",
    "/feed/",
    "/sitemap.xml",
    "/embed/counter/?country=AZ",
    "/embed/badge.svg?country=AZ",
    "/data/datapackage.json",
    "/api/v1/detentions/",
    "/api/v1/detentions/{detention}/",
    "/api/v1/journalists/",
    "/api/v1/counts/?country=AZ",
    "/api/v1/schema/",
]


def _url(pattern, world):
    return pattern.format(**world)


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("pattern", KEPT)
def test_a_second_request_reads_no_database_and_gets_the_same_answer(client, world, pattern, django_assert_num_queries):
    url = _url(pattern, world)
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.status_code == 200
    assert _body(again) == _body(first)
    assert again["ETag"] == first["ETag"]
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
        assert again.has_header(header), header


@pytest.mark.parametrize("pattern", ["/", "/embed/counter/?country=AZ", "/api/v1/detentions/", "/feed/"])
def test_a_publish_changes_the_answer_at_once(client, world, pattern):
    url = _url(pattern, world)
    before = client.get(url)
    client.get(url)
    DetentionFactory(journalist=JournalistFactory(name="Newly Published"), country="AZ")
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert _body(after) != _body(before)


def test_the_embed_stays_frameable_when_kept(client, world):
    first = client.get("/embed/counter/?country=AZ")
    kept = client.get("/embed/counter/?country=AZ")
    assert "frame-ancestors *" in kept["Content-Security-Policy"]
    assert kept["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "X-Frame-Options" not in kept


CONDITIONAL = [
    "/",
    "/journalists/{slug}/",
    "/feed/",
    "/data/detentions.csv",
    "/data/detentions.json",
    "/data/datapackage.json",
    "/api/v1/detentions/",
    "/api/v1/detentions/?format=csv",
    "/api/v1/detentions/{detention}/",
]


@pytest.mark.parametrize("pattern", CONDITIONAL)
def test_a_current_copy_gets_a_304_by_etag_and_by_date(client, world, pattern):
    url = _url(pattern, world)
    full = client.get(url)
    assert full.status_code == 200
    etag, modified = full["ETag"], full["Last-Modified"]
    for kept in (False, True):  # whether or not the answer is kept by then
        if not kept:
            cache.clear()
        by_etag = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert by_etag.status_code == 304, url
        assert by_etag["ETag"] == etag
        assert by_etag.content == b""
        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=modified)
        assert by_date.status_code == 304, url
    earlier = http_date((datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=400)).timestamp())
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200


@pytest.mark.parametrize("pattern", CONDITIONAL)
def test_an_old_copy_is_sent_the_new_answer_after_a_publish(client, world, pattern):
    url = _url(pattern, world)
    old = client.get(url)
    DetentionFactory(country="AZ")
    # Dates have whole seconds: the release comes a few seconds later, as real ones do.
    latest = Release.objects.order_by("-number").first()
    Release.objects.filter(pk=latest.pk).update(published_at=latest.published_at + datetime.timedelta(seconds=3))
    cache.clear()
    assert client.get(url, HTTP_IF_NONE_MATCH=old["ETag"]).status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=old["Last-Modified"]).status_code == 200


@pytest.mark.parametrize("path", ["/data/detentions.csv", "/data/datapackage.json", "/", "/api/v1/detentions/"])
def test_each_language_has_its_own_etag_and_the_answer_says_it_varies(client, world, path):
    etags = set()
    for language in ("en", "az", "ru"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        etags.add(response["ETag"])
        assert "Accept-Language" in response["Vary"]
        if not path.startswith("/api/"):
            # The site's language cookie picks the language too.
            assert "Cookie" in response["Vary"]
    assert len(etags) == 3
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    assert client.get(path, HTTP_ACCEPT_LANGUAGE="ru", HTTP_IF_NONE_MATCH=english).status_code == 200


def test_the_language_cookie_picks_the_kept_answer_too(client, world):
    english = client.get("/").content
    client.cookies["django_language"] = "ru"
    russian = client.get("/").content
    assert russian != english
    del client.cookies["django_language"]
    assert client.get("/").content == english


def test_reordered_parameters_share_the_kept_answer(client, world, django_assert_num_queries):
    client.get("/api/v1/detentions/?country=AZ&page_size=5")
    with django_assert_num_queries(0):
        response = client.get("/api/v1/detentions/?page_size=5&country=AZ")
    assert response.status_code == 200


def test_a_small_download_is_kept_once_streamed_in_full(client, world, django_assert_num_queries):
    first = client.get("/data/detentions.csv")
    assert first.streaming
    body = _body(first)
    with django_assert_num_queries(0):
        again = client.get("/data/detentions.csv")
    assert again.content == body
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert again["ETag"] == first["ETag"]


def test_a_big_download_stays_streamed_and_is_made_again(client, world, settings, kept):
    settings.PUBLIC_CACHE_MAX_BYTES = 100
    first = client.get("/data/detentions.csv")
    body = _body(first)
    again = client.get("/data/detentions.csv")
    assert again.streaming  # made again, a chunk at a time
    assert _body(again) == body
    assert cache.get(middleware.Key(again.wsgi_request, again.wsgi_request.data_version).cache_key) is None


def test_an_unfinished_download_is_not_kept(client, world):
    first = client.get("/data/detentions.json")
    next(iter(first.streaming_content))  # the reader leaves after the first chunk
    assert client.get("/data/detentions.json").streaming


def test_a_body_over_the_limit_is_made_again(client, world, settings):
    settings.PUBLIC_CACHE_MAX_BYTES = 100
    kept = []
    original = middleware.store_response
    middleware.store_response = lambda *args: kept.append(args) or original(*args)
    try:
        client.get("/")
        client.get("/embed/badge.svg?country=AZ")
    finally:
        middleware.store_response = original
    assert kept == []


def test_local_memory_is_bounded(settings):
    assert settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] > 0
    assert settings.PUBLIC_CACHE_MAX_BYTES > 0
    # The throttle's budgets are kept apart: answers cannot push them out.
    assert settings.CACHES["throttle"]["LOCATION"] != settings.CACHES["default"]["LOCATION"]


@pytest.fixture
def kept(monkeypatch):
    stored = []
    original = middleware.store_response
    monkeypatch.setattr(middleware, "store_response", lambda *args: stored.append(args) or original(*args))
    return stored


def test_staff_signed_in_are_never_served_nor_given_a_kept_page(client, world, admin_user, kept):
    anonymous = Client()
    anonymous.get("/")
    assert len(kept) == 1
    client.force_login(admin_user)
    response = client.get("/")
    assert response.status_code == 200
    assert len(kept) == 1
    assert "ETag" not in response  # made for this session, not for shared caches


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/login/", "/preview/journalists/{slug}/", "/journalists/nobody-at-all/", "/nowhere/"]
)
def test_the_admin_the_preview_and_errors_are_never_kept(client, world, admin_user, kept, path):
    if "preview" in path:
        client.force_login(admin_user)
    client.get(_url(path, world))
    client.get(_url(path, world))
    assert kept == []


def test_a_bad_parameter_and_a_429_are_never_kept(client, world, settings, kept):
    assert client.get("/api/v1/detentions/?colour=red").status_code == 400
    settings.API_THROTTLE_RATE = "2/minute"  # the 400 counted as one
    assert client.get("/api/v1/detentions/").status_code == 200
    refused = client.get("/api/v1/detentions/")
    assert refused.status_code == 429
    assert "ETag" not in refused
    assert len(kept) == 1  # the 200 alone


def test_posts_pass_by(client, world, kept):
    client.post("/api/v1/detentions/")
    assert kept == []


def test_a_head_is_answered_from_the_kept_answer(client, world, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        response = client.head("/")
    assert response.status_code == 200


class TestRouter:
    @pytest.fixture
    def with_replica(self, monkeypatch):
        from django.db import connections

        # An alias only: nothing here reads through it.
        monkeypatch.setitem(connections.settings, db_router.REPLICA, dict(connections["default"].settings_dict))

    def test_public_reads_go_to_the_replica_and_writes_to_the_primary(self, with_replica):
        router = db_router.ReplicaRouter()
        with db_router.public_reads():
            assert router.db_for_read(None) == db_router.REPLICA
            assert router.db_for_write(None) == "default"
            with db_router.public_reads(False):
                assert router.db_for_read(None) == "default"
        with db_router.public_reads(False):
            assert router.db_for_read(None) == "default"

    def test_a_staff_request_reads_the_primary_even_if_public_reads_were_left_open(self, rf, with_replica):
        seen = []

        def view(request):
            seen.append(db_router.ReplicaRouter().db_for_read(None))
            return HttpResponse("")

        layer = middleware.PublicAnswerMiddleware(view)
        # As a streamed download that no one read nor closed would leave them in this thread...
        left_open = db_router._public.set(True)
        try:
            layer(rf.get("/admin/"))
            layer(rf.post("/api/v1/detentions/"))
        finally:
            db_router._public.reset(left_open)
        # ...yet the admin and a write, next in this thread, read the primary.
        assert seen == ["default", "default"]

    def test_without_a_replica_everything_is_the_primary(self):
        router = db_router.ReplicaRouter()
        with db_router.public_reads():
            assert router.db_for_read(None) == "default"

    def test_only_the_primary_is_migrated(self):
        router = db_router.ReplicaRouter()
        assert router.allow_migrate("default", "cases")
        assert not router.allow_migrate(db_router.REPLICA, "cases")


def _unpacked(response):
    body = _body(response)
    return zlib.decompress(body, middleware.GZIP_WBITS) if response.get("Content-Encoding") == "gzip" else body


@pytest.fixture
def big_world(world):
    """Enough cases that the CSV download passes the size over which kept answers are compressed."""
    for n in range(30):
        DetentionFactory(journalist=JournalistFactory(name=f"Reporter Number {n}"), country="AZ")
    return world


def test_a_big_download_is_kept_compressed_and_sent_as_each_client_accepts(client, big_world, settings):
    settings.PUBLIC_CACHE_COMPRESS_BYTES = 1024
    settings.PUBLIC_CACHE_CHUNK_BYTES = 512  # many entries, so that the chunks are put back together
    first = client.get("/data/detentions.csv")
    body = _body(first)
    assert len(body) > 5 * 1024
    plain = client.get("/data/detentions.csv")
    gzipped = client.get("/data/detentions.csv", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.get("Content-Encoding") is None and _body(plain) == body
    assert gzipped["Content-Encoding"] == "gzip"
    assert len(gzipped.content) < len(body) / 3
    assert int(gzipped["Content-Length"]) == len(gzipped.content)
    assert _unpacked(gzipped) == body
    assert gzipped["Content-Disposition"] == first["Content-Disposition"]
    assert "Accept-Encoding" in gzipped["Vary"] and "Accept-Encoding" in first["Vary"]
    # Two representations, two tags; each names its own copy.
    assert gzipped["ETag"] != plain["ETag"] == first["ETag"]
    again = client.get("/data/detentions.csv", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=gzipped["ETag"])
    assert again.status_code == 304 and again["ETag"] == gzipped["ETag"]
    assert client.get("/data/detentions.csv", HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


def test_the_limit_is_on_what_is_stored_so_a_download_that_compresses_well_is_kept(
    client, big_world, settings, django_assert_num_queries
):
    settings.PUBLIC_CACHE_COMPRESS_BYTES = 1024
    body = _body(client.get("/data/detentions.csv"))
    cache.clear()
    settings.PUBLIC_CACHE_MAX_BYTES = len(body) // 2  # under the body, over its gzip
    assert _body(client.get("/data/detentions.csv")) == body
    with django_assert_num_queries(0):
        assert _unpacked(client.get("/data/detentions.csv", HTTP_ACCEPT_ENCODING="gzip")) == body


def test_a_kept_answer_missing_a_chunk_is_made_again_whole(client, big_world, settings):
    settings.PUBLIC_CACHE_COMPRESS_BYTES = 1024
    settings.PUBLIC_CACHE_CHUNK_BYTES = 512
    first = client.get("/data/detentions.csv")
    body = _body(first)
    key = middleware.Key(first.wsgi_request, first.wsgi_request.data_version)
    token, count = cache.get(key.cache_key)[4]
    assert count > 1
    cache.delete(f"{key.cache_key}:{token}:1")  # evicted by the cache, say
    again = client.get("/data/detentions.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert again.streaming  # made again, not patched together from what is left
    assert _body(again) == body


def test_a_small_page_is_kept_as_it_is(client, world):
    first = client.get("/")
    again = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert again.get("Content-Encoding") is None
    assert again.content == first.content


def test_a_client_that_refuses_gzip_gets_the_body_whole_with_its_length(client, big_world, settings):
    settings.PUBLIC_CACHE_COMPRESS_BYTES = 1024
    body = _body(client.get("/data/detentions.csv"))
    for refusing in ("", "identity", "gzip;q=0, deflate", "br, *;q=0"):
        again = client.get("/data/detentions.csv", HTTP_ACCEPT_ENCODING=refusing)
        assert again.get("Content-Encoding") is None, refusing
        assert not again.streaming  # small enough to unpack whole
        assert again.content == body and int(again["Content-Length"]) == len(body)
    for accepting in ("gzip", "deflate, gzip;q=0.5", "*", "x-gzip"):
        assert client.get("/data/detentions.csv", HTTP_ACCEPT_ENCODING=accepting)["Content-Encoding"] == "gzip"


def test_a_kept_answer_that_does_not_unpack_to_its_end_is_an_error_not_a_cut_body(client, big_world, settings):
    settings.PUBLIC_CACHE_COMPRESS_BYTES = 1024
    settings.PUBLIC_CACHE_CHUNK_BYTES = 512
    first = client.get("/data/detentions.csv")
    _body(first)
    key = middleware.Key(first.wsgi_request, first.wsgi_request.data_version)
    stored = cache.get(key.cache_key)
    token, count = stored[4]
    cache.set(key.cache_key, (*stored[:4], (token, count - 1)))  # as if a chunk were lost unnoticed
    with pytest.raises(middleware.DamagedAnswer):
        client.get("/data/detentions.csv")


def test_an_entry_of_another_stored_form_is_not_read(client, world):
    first = client.get("/api/v1/detentions/")
    key = middleware.Key(first.wsgi_request, first.wsgi_request.data_version)
    assert middleware.STORED_FORM in key.cache_key
    cache.set(key.cache_key, ([], b"an older form", {}))  # a server of the code before
    again = client.get("/api/v1/detentions/")
    assert again.status_code == 200 and again.content == first.content


def test_each_host_has_its_own_kept_answer(client, world):
    here = client.get("/api/v1/detentions/", HTTP_HOST="localhost").json()
    there = client.get("/api/v1/detentions/", HTTP_HOST="127.0.0.1").json()
    assert here["results"][0]["url"].startswith("http://localhost/")
    assert there["results"][0]["url"].startswith("http://127.0.0.1/")
