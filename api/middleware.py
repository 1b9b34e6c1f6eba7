"""
One cache in front of every public GET: pages, embeds, the badge, feeds, the
sitemap, the API, the downloads and the schema.

An answer is kept per data version (the latest release), path, sorted parameters,
Accept header and language, and served before the session, locale,
authentication, DRF and view layers. A release moves the version, so every older
entry becomes unreachable at once and nothing needs purging; they expire on their
own. The data version itself is kept too (``cases.versioning.known``), so a kept
answer reads no database at all.

Every public answer (kept or not) carries the validators made of its key:
``ETag``, ``Last-Modified`` (the release's time), ``Cache-Control`` and ``Vary``;
a client or CDN holding the current copy gets a 304. What is never kept:

- the admin, ``/preview/`` and other staff routes, and non-GET/HEAD requests;
- a page asked for with a session cookie (staff signed in may see more); the API
  answers the same to everyone, so its answers are kept whatever cookies come;
- any status but 200 (errors, 429s, redirects), answers that set a cookie (a CSRF
  token) or vary with cookies;
- bodies over ``settings.PUBLIC_CACHE_MAX_BYTES`` as stored. Streamed downloads stay
  streamed: one that ends within the limit is kept once it has been sent in full (the
  copy made on the way is dropped as soon as it passes the limit), a bigger one gets
  the validators and 304s but is made again each time (a CDN in front keeps them).

Bodies over ``PUBLIC_CACHE_COMPRESS_BYTES`` (downloads, long lists) are kept
gzip-compressed, in entries of at most ``PUBLIC_CACHE_CHUNK_BYTES``: a client that
accepts gzip gets them as kept, with an ETag of their own, anyone else unpacked
on the way. A filtered CSV of 1.2 MB is kept as about a tenth of that.
"""

import contextlib
import datetime
import functools
import hashlib
import re
import secrets
import zlib
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.cache import has_vary_header, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.translation import get_language_from_request
from rest_framework.request import Request

from cases import versioning
from tracker import db_router
from tracker.middleware import DATABASE_ERRORS, database_unavailable

API_PREFIX = "/api/"
# Answers that no release changes, only a new deploy of the code: kept per process
# start rather than per release, so they need no database at all.
_CODE_ONLY = ("/api/v1/schema/", "/api/v1/docs/", "/robots.txt")
_STARTED = versioning.DataVersion(0, datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0))
# A gzip stream: zlib's window bits for a gzip header.
GZIP_WBITS = 16 + zlib.MAX_WBITS
# The form kept answers are stored in (see _store); part of every key.
STORED_FORM = "s2"
# Bodies up to this size are unpacked whole for a client that takes no gzip, with their length.
_UNPACK_WHOLE = 1024 * 1024
_CODING = re.compile(r"^\s*([\w*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?", re.ASCII)


def accepts_gzip(header):
    """Return whether an Accept-Encoding header admits gzip (RFC 9110 12.5.3: q=0 refuses it)."""
    weights = {}
    for part in header.split(","):
        found = _CODING.match(part)
        if found:
            try:
                weights[found.group(1).lower()] = float(found.group(2) or 1)
            except ValueError:
                continue
    weight = weights.get("gzip", weights.get("x-gzip", weights.get("*", 0)))
    return weight > 0


# Response attributes that the middleware outside this one reads (the framing of embeds).
_KEPT_ATTRIBUTES = ("xframe_options_exempt", "_csp_config")


@functools.cache
def _staff_prefixes():
    return (f"/{settings.ADMIN_PATH}", "/preview/", "/i18n/", "/bench/", f"/{settings.STATIC_URL.strip('/')}/")


def _throttles_allow(request):
    """Return whether the API's throttles let ``request`` through, counting it when they do."""
    from .views import CountsView

    view = CountsView()
    # An anonymous DRF request, as the full path sees it: no user, so no session read.
    anonymous = Request(request, authenticators=())
    return all(throttle.allow_request(anonymous, view) for throttle in view.get_throttles())


class Key:
    """The cache key and validators of one public request at one data version."""

    def __init__(self, request, version):
        self.version = version
        self.language = get_language_from_request(request)
        self.api = request.path.startswith(API_PREFIX)
        query = sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
        accept = request.META.get("HTTP_ACCEPT", "")
        # Absolute links follow the host and scheme asked for, so the answer does too.
        where = (request.scheme, request.get_host())
        raw = repr((where, request.path, query, accept, self.language, settings.API_CACHE_MAX_AGE, version.changed_at))
        digest = hashlib.sha256(raw.encode()).hexdigest()
        # The stored form's version is in the key: a server of another release of the code
        # (a rolling deploy) never reads an entry it cannot understand.
        self.cache_key = f"public:{STORED_FORM}:v{version.version}:{digest}"
        # The parameters' order changes nothing in the body, so not the ETag either.
        self.etag = f'"{version.version}-{digest[:24]}"'
        # The same answer sent gzip-compressed is another representation, with a tag of its own.
        self.gzip_etag = f'"{version.version}-{digest[:24]}-gzip"'
        self.last_modified = int(version.changed_at.timestamp())

    def stamp(self, response):
        """Give ``response`` (a 200 or a 304) this key's validators and caching headers."""
        response.headers["ETag"] = self.etag
        response.headers["Last-Modified"] = http_date(self.last_modified)
        max_age = settings.API_CACHE_MAX_AGE
        patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age)
        # The format follows Accept, the language Accept-Language; on the site the
        # language cookie picks it too. The API's language is Accept-Language's alone.
        # A big kept answer is sent gzip-compressed to those who accept it (replay()).
        vary = ["Accept", "Accept-Language"] if self.api else ["Accept-Language", "Cookie"]
        patch_vary_headers(response, [*vary, "Accept-Encoding"])
        return response

    def current_copy(self, request):
        """Return whether the client's conditional headers name this answer."""
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match:
            etags = parse_etags(if_none_match)
            return "*" in etags or any(etag.removeprefix("W/") in (self.etag, self.gzip_etag) for etag in etags)
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE") or "")
        return since is not None and since >= self.last_modified

    def not_modified(self, request=None):
        response = self.stamp(HttpResponseNotModified())
        if request is not None and self.gzip_etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
            response.headers["ETag"] = self.gzip_etag  # the client holds the compressed one
        return response


class Copy:
    """
    The copy of a body kept on its way out, as it will be stored: plain while it is
    small, gzip-compressed once it passes ``PUBLIC_CACHE_COMPRESS_BYTES`` (a download
    shrinks several times over), and let go at once when even that passes
    ``PUBLIC_CACHE_MAX_BYTES``: it never holds more than the limit.
    """

    def __init__(self):
        self.parts, self.size = [], 0
        self.length = 0  # of the body itself
        self.compressor = None
        self.too_big = False

    def add(self, data):
        if self.too_big or not data:
            return
        self.length += len(data)
        if self.compressor is None and self.size + len(data) > settings.PUBLIC_CACHE_COMPRESS_BYTES:
            self.compressor = zlib.compressobj(6, zlib.DEFLATED, GZIP_WBITS)
            data, self.parts, self.size = b"".join([*self.parts, data]), [], 0
        if self.compressor is not None:
            data = self.compressor.compress(data)
        self._append(data)

    def _append(self, data):
        self.parts.append(data)
        self.size += len(data)
        if self.size > settings.PUBLIC_CACHE_MAX_BYTES:
            self.too_big, self.parts = True, None

    def finish(self):
        """Return (body, encoding, the body's own length) to store, or None when it grew too big to keep."""
        if self.compressor is not None and not self.too_big:
            self._append(self.compressor.flush())
        if self.too_big:
            return None
        return b"".join(self.parts), ("gzip" if self.compressor else ""), self.length


def _kept_headers(response):
    return [(name, value) for name, value in response.headers.items() if name.lower() != "set-cookie"]


def _store(key, headers, attributes, copy):
    """
    Keep a finished answer under ``key``; a big one in chunks of
    ``PUBLIC_CACHE_CHUNK_BYTES``, each an entry of its own, so that no cache entry is
    bigger than that (local memory bounds entries, Redis prefers them small).
    """
    finished = copy.finish()
    if finished is None:
        return
    body, encoding, length = finished
    size = settings.PUBLIC_CACHE_CHUNK_BYTES
    chunks = [body[start : start + size] for start in range(0, len(body), size)]
    if len(chunks) <= 1:
        cache.set(key.cache_key, (headers, attributes, encoding, length, body), settings.PUBLIC_CACHE_SECONDS)
        return
    # The chunks are this write's own: two servers keeping the same answer at once never
    # make an entry of the one point at chunks of the other.
    token = secrets.token_hex(8)
    entries = {f"{key.cache_key}:{token}:{n}": chunk for n, chunk in enumerate(chunks)}
    # The chunks first: whoever finds the entry finds them too, unless evicted meanwhile.
    cache.set_many(entries, settings.PUBLIC_CACHE_SECONDS)
    stored = (headers, attributes, encoding, length, (token, len(chunks)))
    cache.set(key.cache_key, stored, settings.PUBLIC_CACHE_SECONDS)


def store_response(key, response):
    """Keep a finished 200 answer (status, headers, body and framing marks) under ``key``."""
    attributes = {name: getattr(response, name) for name in _KEPT_ATTRIBUTES if hasattr(response, name)}
    copy = Copy()
    copy.add(response.content)
    _store(key, _kept_headers(response), attributes, copy)


def stored_response(key):
    """
    Return (headers, attributes, encoding, length, chunks) kept under ``key``, or
    None: nothing kept, or a chunk evicted, or an entry of a form this code does not read.
    """
    stored = cache.get(key.cache_key)
    if not isinstance(stored, tuple) or len(stored) != 5:
        return None
    headers, attributes, encoding, length, body = stored
    if isinstance(body, bytes):
        return headers, attributes, encoding, length, [body]
    token, count = body
    names = [f"{key.cache_key}:{token}:{n}" for n in range(count)]
    found = cache.get_many(names)
    if len(found) != count:
        return None
    return headers, attributes, encoding, length, [found[name] for name in names]


class DamagedAnswer(RuntimeError):
    """A kept compressed answer did not unpack to its end: better an error than a cut body."""


def _gunzipped(chunks):
    decompressor = zlib.decompressobj(GZIP_WBITS)
    for chunk in chunks:
        yield decompressor.decompress(chunk)
    yield decompressor.flush()
    if not decompressor.eof:
        raise DamagedAnswer("A kept answer ended before its gzip stream did.")


def replay(stored, request, key):
    """
    Return the kept answer: as kept to a client that accepts gzip (an ETag of its
    own names that encoding), else unpacked on the way, a chunk at a time.
    """
    headers, attributes, encoding, length, chunks = stored
    gzipped = encoding == "gzip" and accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if encoding == "gzip" and not gzipped and length > _UNPACK_WHOLE:
        response = StreamingHttpResponse(_gunzipped(chunks))
    elif encoding == "gzip" and not gzipped:
        response = HttpResponse(b"".join(_gunzipped(chunks)))
    else:
        response = HttpResponse(b"".join(chunks))
    for name, value in headers:
        response.headers[name] = value
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
        response.headers["ETag"] = key.gzip_etag
    # The length sent: of the kept bytes, or of the body they unpack to.
    response.headers["Content-Length"] = str(len(response.content) if not response.streaming else length)
    for name, value in attributes.items():
        setattr(response, name, value)
    return response


def _keepable(response):
    """Return whether ``response`` is the same for everyone who sends the same key."""
    if response.status_code != 200 or response.cookies or response.has_header("Content-Encoding"):
        return False
    if not response.streaming and len(response.content) > settings.PUBLIC_CACHE_MAX_BYTES:
        return False
    # Asked before the validators' Vary is added: a view that read the session says so here.
    return not has_vary_header(response, "Cookie")


def _keep_when_streamed(key, response):
    """
    Keep a streamed answer once it has been sent in full, if what is stored
    (compressed, see Copy) stays within ``PUBLIC_CACHE_MAX_BYTES``: the copy made on
    the way never holds more than that, and a bigger download is simply sent on, a
    chunk at a time, and not kept.
    """
    chunks = response.streaming_content

    def streamed():
        copy = Copy()
        for chunk in chunks:
            copy.add(chunk)
            yield chunk
        _store(key, _kept_headers(response), {}, copy)

    response.streaming_content = streamed()


@contextlib.contextmanager
def _replica_snapshot():
    """
    Make every read inside see one snapshot of the replica: a release that arrives
    while the answer is made shows in none of it.
    """
    with transaction.atomic(using=db_router.REPLICA):
        with connections[db_router.REPLICA].cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _until_streamed(response, stack):
    """Close ``stack`` once the streamed body has been sent (or abandoned)."""
    chunks = response.streaming_content

    def streamed():
        with stack:
            yield from chunks

    response.streaming_content = streamed()
    # Closed by the server even when the client leaves before the end.
    response._resource_closers.append(stack.close)
    return response


class PublicAnswerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._public(request):
            # Said outright: a streamed answer left unread in this thread cannot send the
            # admin's reads to the replica.
            with db_router.public_reads(False):
                return self.get_response(request)
        # Open until the answer is made, or for a streamed one until it has been sent.
        stack = contextlib.ExitStack()
        stack.enter_context(db_router.public_reads())
        try:
            response = self._answer(request, stack)
        except BaseException:
            stack.close()
            raise
        if response.streaming:
            return _until_streamed(response, stack)
        stack.close()
        return response

    def _public(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(_staff_prefixes()):
            return False
        # Pages may differ for someone signed in; the API answers everyone alike.
        return request.path.startswith(API_PREFIX) or settings.SESSION_COOKIE_NAME not in request.COOKIES

    def _answer(self, request, stack):
        try:
            # Kept on the request: the views read it from there rather than asking again.
            version = _STARTED if request.path in _CODE_ONLY else versioning.for_request(request)
            key = Key(request, version)
        except DATABASE_ERRORS:
            return database_unavailable(request)
        # The ETag names this very answer at this release: nothing to make.
        named = bool(request.META.get("HTTP_IF_NONE_MATCH")) and key.current_copy(request)
        stored = None if named or not settings.PUBLIC_CACHE else stored_response(key)
        # A throttled client goes the full way, which answers 429 (the full way counts a
        # request itself, so the throttles are asked here only when the answer is ready).
        if (named or stored is not None) and (not key.api or _throttles_allow(request)):
            return key.not_modified(request) if named or key.current_copy(request) else replay(stored, request, key)
        if db_router.REPLICA in connections.databases and version is not _STARTED:
            # Made from one snapshot of the replica, keyed by the version that snapshot sees.
            stack.enter_context(_replica_snapshot())
            request.data_version = versioning.current(using=db_router.REPLICA)
            key = Key(request, request.data_version)
        response = self.get_response(request)
        if response.status_code == 304:
            return key.stamp(response)
        if response.status_code != 200:
            return response
        if key.current_copy(request):
            return key.not_modified(request)
        keep = settings.PUBLIC_CACHE and request.method == "GET" and _keepable(response)
        key.stamp(response)
        if keep and response.streaming:
            _keep_when_streamed(key, response)
        elif keep:
            store_response(key, response)
        return response
