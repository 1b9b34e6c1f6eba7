"""
Errors of the public API: always JSON, naming the parameter that was wrong.

Django answers some requests before any API view runs: a path no route matches,
a malformed request, an uncaught error. Under ``/api/`` those are JSON too
(``page_not_found``, ``bad_request``, ``server_error``: the site's handlers,
which leave every other path to the pages').
"""

import sys

from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from tracker import views as site_views
from tracker.middleware import API_PREFIX, DATABASE_ERRORS


def exception_handler(exc, context):
    """
    Return DRF's error response, with validation errors under ``errors`` keyed by
    parameter: ``{"errors": {"arrested_from": ["Enter a valid date (YYYY-MM-DD)."]}}``.
    """
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        detail = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"errors": detail}
        response.status_code = status.HTTP_400_BAD_REQUEST
    return response


def _in_api(request):
    return request.path.startswith(API_PREFIX)


def _json_error(error_class):
    return JsonResponse({"detail": str(error_class.default_detail)}, status=error_class.status_code)


def page_not_found(request, exception):
    """Return the 404 answer: JSON under /api/ (an unknown path, a slug the route refuses), else the page."""
    if _in_api(request):
        return _json_error(exceptions.NotFound)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """Return the 400 answer to a malformed request (too many parameters, say): JSON under /api/."""
    if _in_api(request):
        return _json_error(exceptions.ParseError)
    return defaults.bad_request(request, exception)


def server_error(request):
    """Return the 500 answer: JSON under /api/; the site's handler answers the database's 503 (JSON there too)."""
    if _in_api(request) and not isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return _json_error(exceptions.APIException)
    return site_views.server_error(request)
