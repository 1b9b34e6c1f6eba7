"""
The public read guard: a public request that reads a working record fails.

Public code reads published versions only (``cases.public``); this makes sure
of it at run time, so that a mistake is an error in tests (and a 500 in
production) rather than unpublished data on a public page. Staff routes (the
admin and the preview) read working records and are left out.
"""

from django.conf import settings

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
