"""
Counters for other sites: an HTML counter for an iframe and an SVG badge.

Both take the query string of the API's ``counts/`` (its filters and ``unit``),
count with ``cases.counting.count`` and link back to the cases behind the number.
Only the counter may be framed by other sites.
"""

import textwrap

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from . import public
from .counting import UNITS, count
from .filters import DetentionFilterSet
from .languages import PARAMETER as LANGUAGE_PARAMETER
from .languages import asked_language

BADGE_WIDTH = 420
BADGE_LINE = 52


class BadQuery(Exception):
    pass


def counted(request):
    """Return (CountResult, the cases URL, as_of) for the request's filters; raise BadQuery on a bad one."""
    try:
        snapshot = public.snapshot_for(request)
    except public.BadMoment as error:
        raise BadQuery(f"{public.PARAMETER}: {error}") from error
    data = request.GET.copy()
    data.pop(public.PARAMETER, None)
    data.pop(LANGUAGE_PARAMETER, None)
    filterset = DetentionFilterSet(data, queryset=snapshot.detentions(), snapshot=snapshot)
    known = set(filterset.filters) | {"unit", public.PARAMETER, LANGUAGE_PARAMETER}
    problems = [_("%(name)s: unknown parameter.") % {"name": name} for name in request.GET if name not in known]
    problems += [
        _("%(name)s: give this parameter once.") % {"name": name}
        for name in request.GET
        if name in known and len(request.GET.getlist(name)) > 1
    ]
    if request.GET.get(LANGUAGE_PARAMETER) and asked_language(request) is None:
        problems.append(_("%(name)s: use one of %(values)s.") % {"name": LANGUAGE_PARAMETER, "values": "en, az, ru"})
    unit = request.GET.get("unit", "journalists")
    if unit not in UNITS:
        problems.append(_("unit: must be one of %(units)s.") % {"units": ", ".join(UNITS)})
    if not filterset.is_valid():
        for name, errors in filterset.errors.items():
            problems += [f"{name}: {error}" for error in errors]
    if problems:
        raise BadQuery("\n".join(problems))
    filters = filterset.active_filters()
    result = count(filterset.qs, filters=filters, unit=unit, snapshot=snapshot)
    cases_url = request.build_absolute_uri(reverse("cases:detentions"))
    if snapshot.is_pinned:
        filters = {**filters, public.PARAMETER: public.format_moment(snapshot.pinned)}
    if asked_language(request):
        # The cases behind the number, in the language of the embedding page.
        filters = {**filters, LANGUAGE_PARAMETER: asked_language(request)}
    if filters:
        cases_url += "?" + urlencode(filters)
    return result, cases_url, snapshot.as_of


def bad_request(error):
    return HttpResponseBadRequest(str(error) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@xframe_options_exempt
def counter(request):
    """Return a small HTML counter meant for an iframe on another site."""
    try:
        result, cases_url, as_of = counted(request)
    except BadQuery as error:
        return bad_request(error)
    return render(request, "cases/embed_counter.html", {"result": result, "cases_url": cases_url, "as_of": as_of})


@require_GET
def badge(request):
    """Return an SVG badge: the number, the statement, as_of and a link back."""
    try:
        result, cases_url, as_of = counted(request)
    except BadQuery as error:
        return bad_request(error)
    lines = textwrap.wrap(result.statement, BADGE_LINE)
    footer_y = 38 + 20 * len(lines) + 22
    context = {
        "result": result,
        "cases_url": cases_url,
        "as_of": as_of,
        "lines": [(38 + 20 * index, line) for index, line in enumerate(lines, start=1)],
        "width": BADGE_WIDTH,
        "height": footer_y + 12,
        "footer_y": footer_y,
    }
    return render(request, "cases/badge.svg", context, content_type="image/svg+xml; charset=utf-8")
