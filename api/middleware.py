"""
The fast path of ``counts/``: finished answers kept per data version.

Newsrooms ask the same counts at once. A kept answer is served before the
session, locale, authentication and DRF layers run: one query reads the data
version (so that a publish shows at once), the cache holds the rest.
"""

import functools

from django.urls import reverse
from django.utils.cache import has_vary_header
from django.utils.translation import get_language_from_request
from rest_framework.request import Request

from cases import versioning
from tracker.middleware import DATABASE_ERRORS, database_unavailable

from .caching import replay, response_key, store_response, stored_response


@functools.cache
def _kept_paths():
    return frozenset({reverse("api:counts")})


def _throttles_allow(request):
    """Return whether the API's throttles let ``request`` through, counting it when they do."""
    from .views import CountsView

    view = CountsView()
    # An anonymous DRF request, as the full path sees it: no user, so no session read.
    anonymous = Request(request, authenticators=())
    return all(throttle.allow_request(anonymous, view) for throttle in view.get_throttles())


def _keepable(response):
    """Return whether ``response`` is the same for everyone who sends the same key."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(response, "kept_media_type", None) is None:
        return False
    return not has_vary_header(response, "Cookie")


class KeptAnswerMiddleware:
    """
    Serve a kept answer of the current data version, or answer in full and keep
    a successful answer. Errors, cookies and answers that vary with cookies are
    never kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path not in _kept_paths():
            return self.get_response(request)
        try:
            # Kept on the request: the view reads it from there rather than asking again.
            version = versioning.for_request(request)
        except DATABASE_ERRORS:
            return database_unavailable(request)
        key = response_key(request, version.version, get_language_from_request(request))
        stored = stored_response(key)
        # A throttled client goes the full way, which answers 429 without counting it twice.
        if stored is not None and _throttles_allow(request):
            return replay(stored, request)
        response = self.get_response(request)
        if _keepable(response):
            store_response(key, response, response.kept_media_type)
        return response
