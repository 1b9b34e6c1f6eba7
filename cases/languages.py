"""
The language of a public page, chosen in its address.

Every page answers in the language of ``?lang=en|az|ru`` when it is given (so
that each language version has an address of its own, for ``hreflang`` and the
sitemap), else in the one the reader chose or the browser asks for
(``LocaleMiddleware``). The address without ``lang`` is the x-default.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

PARAMETER = "lang"


def codes():
    return [code for code, _name in settings.LANGUAGES]


def asked_language(request):
    """Return the language a request names with ``?lang=`` if it is one of the site's, else None."""
    value = request.GET.get(PARAMETER)
    return value if value in codes() else None


def page_language():
    """Return the language the page is written in: the active one, as a code of settings.LANGUAGES."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in codes() else settings.LANGUAGE_CODE


def address_in(path, language):
    """Return the address ``path`` (with its query) asking for ``language``; None gives it without ``lang``."""
    parts = urlsplit(path)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != PARAMETER]
    if language:
        query.append((PARAMETER, language))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


class QueryLanguageMiddleware:
    """
    Answer in the language of ``?lang=`` (after LocaleMiddleware). An unknown
    language is a bad request on a page; under /api/ the API answers for its
    own parameters.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.GET.get(PARAMETER)
        if language is None or request.path.startswith(f"/{settings.ADMIN_PATH}"):
            return self.get_response(request)
        if language not in codes():
            if request.path.startswith("/api/"):
                return self.get_response(request)
            message = _("Unknown language “%(language)s”: use one of %(languages)s.") % {
                "language": language,
                "languages": ", ".join(codes()),
            }
            return HttpResponseBadRequest(escape(message), content_type="text/plain; charset=utf-8")
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
