"""
Full downloads of the published detentions, streamed: CSV, JSON and a
Frictionless Data ``datapackage.json`` that describes both, stamped with the
data version. Their rows are the API's full detention CSV export, read by the same
fast path (``cases.exports.detention_rows``), in id order.
"""

import json

from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import condition

from . import public, versioning
from .exports import DETENTION_FIELDS, csv_lines, detention_rows

# The columns are the API's detention export (cases.exports), cell for cell:
# (name, Frictionless type, description, enum or None).
FIELDS = DETENTION_FIELDS
NAMES = [name for name, *_rest in FIELDS]
# In JSON an empty cell of a typed (not string) column is null.
_TYPED = [index for index, (_name, kind, *_rest) in enumerate(FIELDS) if kind != "string"]


def rows(request):
    """Yield the export row (a list, in FIELDS order) of every published detention, in id order."""
    queryset = public.snapshot_at().detentions().order_by("detention_id")
    return detention_rows(queryset, request.build_absolute_uri)


def _json_object(row):
    row = list(row)
    for index in _TYPED:
        if row[index] == "":
            row[index] = None
    return dict(zip(NAMES, row, strict=True))


_version = versioning.for_request


def _etag(request, *args, **kwargs):
    return f'"data-{_version(request).version}"'


def _last_modified(request, *args, **kwargs):
    return _version(request).changed_at


def _stamp(request, response):
    version = _version(request)
    response["X-Data-Version"] = str(version.version)
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    return response


@condition(etag_func=_etag, last_modified_func=_last_modified)
def detentions_csv(request):
    response = StreamingHttpResponse(csv_lines(NAMES, rows(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="detentions.csv"'
    return _stamp(request, response)


@condition(etag_func=_etag, last_modified_func=_last_modified)
def detentions_json(request):
    def chunks():
        yield "["
        for index, row in enumerate(rows(request)):
            yield ("," if index else "") + "\n" + json.dumps(_json_object(row), ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="detentions.json"'
    return _stamp(request, response)


def schema():
    fields = []
    for name, kind, description, enum in FIELDS:
        field = {"name": name, "type": kind, "description": description}
        if enum is not None:
            field["constraints"] = {"enum": list(enum)}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


@condition(etag_func=_etag, last_modified_func=_last_modified)
def datapackage(request):
    version = _version(request)
    described = schema()
    resources = [
        {
            "name": "detentions-csv",
            "path": request.build_absolute_uri(reverse("cases:detentions_csv")),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": described,
        },
        {
            "name": "detentions-json",
            "path": request.build_absolute_uri(reverse("cases:detentions_json")),
            "profile": "tabular-data-resource",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "schema": described,
        },
    ]
    package = {
        "profile": "tabular-data-package",
        "name": "journalist-detentions",
        "title": "Journalist detention tracker: published detentions",
        "description": "One row per published detention of a published journalist or media worker. "
        "Counting rules: " + request.build_absolute_uri(reverse("cases:methodology")),
        "homepage": request.build_absolute_uri(reverse("cases:home")),
        "version": f"{version.version}",
        "created": version.changed_at.isoformat(),
        "resources": resources,
    }
    return _stamp(request, JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False}))
