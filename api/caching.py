"""
HTTP caching tied to the data version: ETag, Last-Modified, Cache-Control and 304s.

The API's views answer conditional requests themselves with these; the layer in
front of every public GET (api/middleware.py) keeps their answers and gives every
answer its own validators, made of the same key it is kept under.

Every public change moves the data version (cases/versioning.py), so a validator
built from it changes exactly when an answer may have changed.
"""

import hashlib

from django.conf import settings
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
