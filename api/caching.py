"""
HTTP caching tied to the data version: ETag, Last-Modified, Cache-Control and 304s.

Every public change moves the data version (cases/versioning.py), so a validator
built from it changes exactly when an answer may have changed.
"""

import hashlib
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from cases import versioning


class Validators:
    """The ETag and Last-Modified of one request at the current data version."""

    def __init__(self, request, media_type, version=None):
        # A DRF request wraps Django's, on which the version is kept.
        self.version = version or versioning.for_request(getattr(request, "_request", request))
        # One representation per version, address, format and language (statements are translated).
        raw = "|".join(
            (
                str(self.version.version),
                request.path,
                request.META.get("QUERY_STRING", ""),
                media_type or "",
                get_language_from_request(request),
            )
        )
        self.etag = f'"{hashlib.sha256(raw.encode()).hexdigest()[:32]}"'
        self.last_modified = int(self.version.changed_at.timestamp())

    def not_modified(self, request):
        """Return a 304 response when the client's copy is current, else None."""
        return get_conditional_response(request, etag=self.etag, last_modified=self.last_modified)

    def apply(self, response):
        """Mark a successful response (or a 304) as cacheable by browsers and shared caches."""
        response.headers["ETag"] = self.etag
        response.headers["Last-Modified"] = http_date(self.last_modified)
        max_age = settings.API_CACHE_MAX_AGE
        patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age)
        patch_vary_headers(response, ["Accept"])
        return response


def response_key(request, version, language):
    """
    Return the cache key of a finished answer to ``request`` at ``version`` in ``language``.

    The parameters are sorted, since their order changes nothing in the body;
    the Accept header picks the format and the language the sentence.
    """
    query = sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
    accept = request.META.get("HTTP_ACCEPT", "")
    raw = repr((request.path, query, accept, language, settings.API_CACHE_MAX_AGE))
    return f"api:response:v{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def store_response(key, response, media_type, timeout=3600):
    """Keep a rendered 200 answer (body, media type and headers) under ``key``."""
    cache.set(key, (media_type, list(response.headers.items()), response.content), timeout)


def stored_response(key):
    """Return what store_response() kept under ``key``, or None."""
    return cache.get(key)


def replay(stored, request):
    """
    Return the kept answer ``stored`` for ``request``, or a 304 when the client's copy is current.

    Everything but the ETag comes from the kept answer: the key holds the data
    version and the cache lifetime, which the other validators are made of. The
    ETag holds the query string as the client wrote it.
    """
    media_type, headers, content = stored
    validators = Validators(request, media_type)
    response = validators.not_modified(request)
    if response is None:
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
    else:
        # As the full path's 304: the same headers but the body's type, and no body.
        for name, value in headers:
            if name.lower() != "content-type":
                response.headers[name] = value
        response.headers["Content-Length"] = "0"
    response.headers["ETag"] = validators.etag
    return response
