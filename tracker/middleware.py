"""
Middleware for faults and framing.

``DatabaseUnavailableMiddleware`` answers 503 while the database cannot be
reached, JSON with Retry-After for the API and a plain page elsewhere; nothing is
cached, so the next request after the database returns is answered normally.
``EmbedFramingMiddleware`` lets other sites frame the views that opt in with
``xframe_options_exempt`` (the embeddable counter), and nothing else.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("tracker.faults")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


def database_unavailable(request):
    """Return the 503 response for a request that found the database unreachable."""
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(
            {"detail": _("The service is temporarily unavailable. Please try again shortly."), "status": 503},
            status=503,
        )
    else:
        # Rendered without the request: no context processor may touch the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            # The error's text may name the host and the user; it goes to the log only.
            logger.error("Database unavailable while serving %s: %s", request.path, exception)
            return database_unavailable(request)
        return None


class EmbedFramingMiddleware:
    """Let any site frame a view marked ``xframe_options_exempt``; everything else stays unframeable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "xframe_options_exempt", False):
            response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}
        return response
