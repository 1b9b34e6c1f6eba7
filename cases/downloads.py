"""
Full downloads of the published detentions, streamed: CSV, JSON and a
Frictionless Data ``datapackage.json`` that describes both, stamped with the
data version.
"""

import csv
import json

from django.db.models import Prefetch
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import condition

from . import versioning
from .models import Charge, DetentionKind, DetentionStatus, Linkage, ReleaseReason, Role

CHUNK = 500

# (name, Frictionless type, description, enum or None)
FIELDS = [
    ("id", "integer", "Stable id of the detention.", None),
    ("url", "string", "The journalist's page, anchored at this detention.", None),
    ("journalist", "string", "Slug of the journalist (stable; an old slug redirects).", None),
    ("name", "string", "Name in Latin script.", None),
    ("name_original", "string", "Name in original script, where known.", None),
    ("role", "string", "journalist or media_worker.", Role.values),
    ("gender", "string", "Gender where sources state it; empty when not known.", None),
    ("country", "string", "ISO 3166-1 alpha-2 code of the country of detention.", None),
    ("place", "string", "Place of detention.", None),
    ("authority", "string", "Arresting authority.", None),
    ("kind", "string", "Kind of detention.", DetentionKind.values),
    ("status", "string", "Current status.", DetentionStatus.values),
    ("release_reason", "string", "Why custody ended, if it did.", ["", *ReleaseReason.values]),
    ("linked_to_journalism", "string", "Whether the detention is linked to journalism.", Linkage.values),
    ("arrested", "string", "Arrest date as entered: YYYY-MM-DD, YYYY-MM, YYYY or A..B.", None),
    ("arrested_earliest", "date", "Earliest possible arrest day.", None),
    ("arrested_latest", "date", "Latest possible arrest day.", None),
    ("released", "string", "Release date as entered, empty if not released.", None),
    ("released_earliest", "date", "Earliest possible release day.", None),
    ("released_latest", "date", "Latest possible release day.", None),
    ("statutes", "string", "Slugs of the statutes charged, separated by '; '.", None),
    ("charge_categories", "string", "Categories of the charges, separated by '; '.", None),
    ("updated_at", "datetime", "When the record last changed.", None),
]


def rows(request):
    """Yield one dict per published detention, in id order, a chunk of rows at a time."""
    from .views import published_detentions

    queryset = (
        published_detentions()
        .select_related("journalist")
        .prefetch_related(Prefetch("charges", queryset=Charge.objects.select_related("statute")))
        .order_by("pk")
    )
    base = request.build_absolute_uri("/").rstrip("/")
    for detention in queryset.iterator(chunk_size=CHUNK):
        journalist = detention.journalist
        charges = list(detention.charges.all())
        yield {
            "id": detention.pk,
            "url": base + detention.get_absolute_url(),
            "journalist": journalist.slug,
            "name": journalist.name,
            "name_original": journalist.name_original,
            "role": journalist.role,
            "gender": journalist.gender,
            "country": detention.country.code,
            "place": detention.place,
            "authority": detention.authority,
            "kind": detention.kind,
            "status": detention.status,
            "release_reason": detention.release_reason,
            "linked_to_journalism": detention.linked_to_journalism,
            "arrested": detention.arrested.iso() if detention.arrested else "",
            "arrested_earliest": _iso(detention.arrested_earliest),
            "arrested_latest": _iso(detention.arrested_latest),
            "released": detention.released.iso() if detention.released else "",
            "released_earliest": _iso(detention.released_earliest),
            "released_latest": _iso(detention.released_latest),
            "statutes": "; ".join(dict.fromkeys(c.statute.slug for c in charges if c.statute)),
            "charge_categories": "; ".join(dict.fromkeys(c.category for c in charges)),
            "updated_at": detention.updated_at.isoformat(),
        }


def _iso(value):
    return value.isoformat() if value else None


def _version(request):
    """Return the data version, read once per request."""
    if not hasattr(request, "_data_version"):
        request._data_version = versioning.current()
    return request._data_version


def _etag(request, *args, **kwargs):
    return f'"data-{_version(request).version}"'


def _last_modified(request, *args, **kwargs):
    return _version(request).changed_at


class _Echo:
    def write(self, value):
        return value


def _stamp(request, response):
    version = _version(request)
    response["X-Data-Version"] = str(version.version)
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    return response


@condition(etag_func=_etag, last_modified_func=_last_modified)
def detentions_csv(request):
    writer = csv.writer(_Echo())
    names = [name for name, *_rest in FIELDS]

    def lines():
        yield writer.writerow(names)
        for row in rows(request):
            yield writer.writerow(["" if row[name] is None else row[name] for name in names])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="detentions.csv"'
    return _stamp(request, response)


@condition(etag_func=_etag, last_modified_func=_last_modified)
def detentions_json(request):
    def chunks():
        yield "["
        for index, row in enumerate(rows(request)):
            yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="detentions.json"'
    return _stamp(request, response)


def schema():
    fields = []
    for name, kind, description, enum in FIELDS:
        field = {"name": name, "type": kind, "description": description}
        if kind == "datetime":
            field["format"] = "any"
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
