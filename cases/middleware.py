"""
The public read guard: a public request that reads a working record fails.

Public code reads published versions only (``cases.public``); this makes sure
of it at run time, so that a mistake is an error in tests (and a 500 in
production) rather than unpublished data on a public page. Staff routes (the
admin and the preview) read working records and are left out.
"""

from django.conf import settings
from django.utils import translation

from .public import guard


def _guarded(chunks):
    iterator = iter(chunks)
    while True:
        with guard():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


class PublicReadGuard:
    def __init__(self, get_response):
        self.get_response = get_response
        self.staff = (f"/{settings.ADMIN_PATH}", "/preview/", "/i18n/", "/bench/")

    def __call__(self, request):
        if request.path.startswith(self.staff):
            return self.get_response(request)
        with guard():
            response = self.get_response(request)
        if response.streaming:
            # A streamed body is made after this returns, a chunk at a time: each is guarded too.
            response.streaming_content = _guarded(response.streaming_content)
        return response


LANGUAGE_PARAMETER = "lang"


def asked_language(request):
    """Return the language a request names with ``?lang=`` if it is one of the site's, else None."""
    value = request.GET.get(LANGUAGE_PARAMETER)
    return value if value in dict(settings.LANGUAGES) else None


class LanguageParameterMiddleware:
    """
    Answer in the language of ``?lang=`` (en, az or ru) rather than the
    browser's: an embedded counter then reads in the language of the article
    around it. A bad value changes nothing here; the API and the embeds refuse it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = asked_language(request)
        if language is not None:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
