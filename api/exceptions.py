"""Errors of the public API: always JSON, naming the parameter that was wrong."""

from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


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


class NotModified(Exception):
    """Raised to answer a conditional request with 304; carries the response to send."""

    def __init__(self, response):
        super().__init__("Not modified")
        self.response = response
