"""
Downloads of the published detentions, streamed: CSV, XLSX and JSON, and a
Frictionless Data ``datapackage.json`` that describes them, stamped with the
release, its licence and its sources.

Without parameters a download holds every published detention, in id order.
With the public search page's parameters (its filters, ``q``, ``as_known_on``)
it holds exactly the rows that page lists, in its order: the page links to them.
Either way the file is named after its filters and release and carries a
``Link`` to its permalink (the same address pinned to that release). Rows are
the API's detention export (``cases.exports``), read by its fast path.
"""

import hashlib
import json
import re

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import http_date, urlencode
from django.utils.translation import gettext as _

from . import public
from .citation import data_license, dataset_about, dataset_citation
from .exports import DETENTION_FIELDS, DETENTION_TYPES, detention_rows
from .languages import PARAMETER as LANGUAGE_PARAMETER
from .languages import asked_language
from .spreadsheets import Sheet, about_sheet, csv_lines, xlsx_response

# The columns are the API's detention export (cases.exports), cell for cell:
# (name, Frictionless type, description, enum or None).
FIELDS = DETENTION_FIELDS
NAMES = [name for name, *_rest in FIELDS]
# In JSON an empty cell of a typed (not string) column is null.
_TYPED = [index for index, (_name, kind, *_rest) in enumerate(FIELDS) if kind != "string"]
# The search page's name search.
QUERY = "q"
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9.]+")


def download_name(base, filters, release, extension):
    """Return a file name that says what the file holds: detentions_country-AZ_kind-criminal_release-12.csv."""
    parts = [base]
    for name, value in filters.items():
        value = _UNSAFE_IN_NAME.sub("-", str(value)).strip("-")
        if not value:
            # A value with no letter a file name can hold (a name in Cyrillic): said by its digest.
            value = hashlib.sha256(str(filters[name]).encode()).hexdigest()[:8]
        parts.append(f"{name.replace('_', '-')}-{value[:40]}")
    parts.append(f"release-{release}")
    return "_".join(parts) + f".{extension}"


class BadDownload(Exception):
    """A parameter the search page would not take: the download answers 400 saying which."""


def listed(request):
    """
    Return (snapshot, filters, queryset) of the rows a download holds: every
    published detention, or those the search page lists for the request's
    parameters, read through the page's own view. Raise BadDownload on a bad one.
    """
    from .views import DetentionListView  # the page's rows, whatever its search becomes

    try:
        snapshot = public.snapshot_for(request)
    except public.BadMoment as error:
        raise BadDownload(f"{public.PARAMETER}: {error}") from None
    filters = {name: value for name, value in request.GET.items() if name not in (public.PARAMETER, LANGUAGE_PARAMETER)}
    if LANGUAGE_PARAMETER in request.GET and asked_language(request) is None:
        raise BadDownload(_("%(name)s: use one of %(values)s.") % {"name": LANGUAGE_PARAMETER, "values": "en, az, ru"})
    if not filters:
        return snapshot, {}, snapshot.detentions().select_related("journalist_version").order_by("detention_id")
    view = DetentionListView()
    view.setup(request)
    view.snapshot = snapshot
    view.filterset = view.get_filterset()
    known = set(view.filterset.filters) | {QUERY}
    problems = [_("%(name)s: unknown parameter.") % {"name": name} for name in request.GET if name not in known]
    problems += [
        _("%(name)s: give this parameter once.") % {"name": name}
        for name in request.GET
        if len(request.GET.getlist(name)) > 1
    ]
    if not view.filterset.is_valid():
        problems += [f"{name}: {error}" for name, errors in view.filterset.errors.items() for error in errors]
    if problems:
        raise BadDownload("\n".join(problems))
    queryset = view.get_queryset()
    if getattr(view, "bad_query", False):
        raise BadDownload(_("%(name)s: cannot hold a NUL character.") % {"name": QUERY})
    filters = {name: value for name, value in filters.items() if value != ""}
    return snapshot, filters, queryset.select_related("journalist_version")


def _json_object(row):
    row = list(row)
    for index in _TYPED:
        if row[index] == "":
            row[index] = None
    return dict(zip(NAMES, row, strict=True))


def _snapshot(request):
    try:
        return public.snapshot_for(request)
    except public.BadMoment:
        return None


def permalink(request, snapshot):
    """Return the request's address pinned to the release it reads: it gives the same file later."""
    query = [(name, value) for name, value in request.GET.items() if name != public.PARAMETER]
    query.append((public.PARAMETER, snapshot.as_of_text))
    return f"{settings.SITE_URL}{request.path}?{urlencode(query)}"


def _stamp(request, response, snapshot):
    response["X-Data-Version"] = str(snapshot.release)
    response["Last-Modified"] = http_date(snapshot.as_of.timestamp())
    response["Link"] = f'<{permalink(request, snapshot)}>; rel="canonical"'
    return response


def about(request, snapshot, filters):
    """Return the About rows of a download: what it holds, its release, licence and citation."""
    title = _("Published detentions of journalists and media workers")
    methodology = f"{settings.SITE_URL}{reverse('cases:methodology')}"
    return dataset_about(title, filters, snapshot, permalink(request, snapshot), methodology)


def _download(request, extension, respond):
    try:
        snapshot, filters, queryset = listed(request)
    except BadDownload as error:
        return HttpResponseBadRequest(str(error) + "\n", content_type="text/plain; charset=utf-8")
    response = respond(request, snapshot, filters, detention_rows(queryset, request.build_absolute_uri))
    response["Content-Disposition"] = response.get(
        "Content-Disposition",
        f'attachment; filename="{download_name("detentions", filters, snapshot.release, extension)}"',
    )
    return _stamp(request, response, snapshot)


def _csv(request, snapshot, filters, rows):
    # Meant for a spreadsheet: the byte order mark tells it the file is UTF-8.
    return StreamingHttpResponse(csv_lines(NAMES, rows, bom=True), content_type="text/csv; charset=utf-8")


def _json(request, snapshot, filters, rows):
    def chunks():
        yield "["
        for index, row in enumerate(rows):
            yield ("," if index else "") + "\n" + json.dumps(_json_object(row), ensure_ascii=False)
        yield "\n]\n"

    return StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")


def _xlsx(request, snapshot, filters, rows):
    name = download_name("detentions", filters, snapshot.release, "xlsx")
    sheets = [Sheet("Detentions", NAMES, rows, DETENTION_TYPES), about_sheet(about(request, snapshot, filters))]
    return xlsx_response(sheets, name)


def detentions_csv(request):
    return _download(request, "csv", _csv)


def detentions_json(request):
    return _download(request, "json", _json)


def detentions_xlsx(request):
    return _download(request, "xlsx", _xlsx)


def schema():
    fields = []
    for name, kind, description, enum in FIELDS:
        field = {"name": name, "type": kind, "description": description}
        if kind == "datetime":
            # Release times carry microseconds when they have them.
            field["format"] = "any"
        if enum is not None:
            field["constraints"] = {"enum": list(enum)}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


def package(request, snapshot):
    """Return the Frictionless Data Package of the downloads at ``snapshot``'s release."""
    described = schema()
    pinned = "?" + urlencode({public.PARAMETER: snapshot.as_of_text}) if snapshot.is_pinned else ""
    license_ = data_license()
    home = request.build_absolute_uri(reverse("cases:home"))

    def resource(name, view, file_format, mediatype, **extra):
        return {
            "name": name,
            "path": request.build_absolute_uri(reverse(view)) + pinned,
            "profile": "tabular-data-resource",
            "format": file_format,
            "mediatype": mediatype,
            **extra,
            "schema": described,
            "licenses": [license_.as_frictionless()],
        }

    return {
        "profile": "tabular-data-package",
        "name": "journalist-detentions",
        "title": "Journalist detention tracker: published detentions",
        "description": "One row per published detention of a published journalist or media worker. "
        "Counting rules: " + request.build_absolute_uri(reverse("cases:methodology")),
        "homepage": home,
        # The release the files hold: a permalink with as_known_on gives them back.
        "version": f"{snapshot.release}",
        "created": snapshot.as_of_text,
        "licenses": [license_.as_frictionless()],
        "sources": [
            {
                "title": "Public sources cited for each detention (the sources column), compiled by "
                + settings.DATA_PUBLISHER,
                "path": home,
            }
        ],
        "citation": dataset_citation(snapshot.release, snapshot.as_of_text, permalink(request, snapshot)),
        "resources": [
            # The CSV starts with a byte order mark, for spreadsheets: utf-8-sig reads it as one.
            resource("detentions-csv", "cases:detentions_csv", "csv", "text/csv", encoding="utf-8-sig"),
            resource("detentions-json", "cases:detentions_json", "json", "application/json", encoding="utf-8"),
            resource(
                "detentions-xlsx",
                "cases:detentions_xlsx",
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                dialect={"sheet": "Detentions"},
            ),
        ],
    }


def datapackage(request):
    snapshot = _snapshot(request)
    if snapshot is None:
        return HttpResponseBadRequest(
            f"{public.PARAMETER}: " + _("Enter an ISO date-time, e.g. 2026-11-29T17:00:00Z.") + "\n"
        )
    body = JsonResponse(package(request, snapshot), json_dumps_params={"indent": 2, "ensure_ascii": False})
    return _stamp(request, body, snapshot)


__all__ = ["FIELDS", "NAMES", "datapackage", "detentions_csv", "detentions_json", "detentions_xlsx", "download_name"]
