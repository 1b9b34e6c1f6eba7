"""Error views that leak nothing: no traceback, no settings, no names."""

import sys

from django.views import defaults

from .middleware import DATABASE_ERRORS, database_unavailable


def server_error(request, template_name="500.html"):
    """
    Return the 500 page, or the 503 answer when the error was the database
    being unreachable outside a view (a middleware reading the session, say).
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return database_unavailable(request)
    return defaults.server_error(request, template_name)
