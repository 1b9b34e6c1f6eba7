"""
The public API: read-only, anonymous, JSON, CSV or XLSX, conditional and throttled.

Every view reads published versions only, from the request's snapshot
(``cases.public``): the current release, or the release current at
``as_known_on``. Records are loaded from their published documents, so the
serializers show exactly what the pages show.
"""

import io
import itertools

from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import counting, public
from cases.censuses import census_about, census_file, census_result
from cases.citation import count_citation, data_license, dataset_about
from cases.downloads import download_name
from cases.filters import DetentionFilterSet
from cases.spreadsheets import Sheet, about_sheet, csv_lines, write_xlsx, xlsx_response
from cases.versioning import cached
from cases.versions import Census, Release

from . import exports, representations, serializers
from .filters import JournalistFilterSet, OutletFilterSet, StatuteFilterSet
from .pagination import Pagination
from .renderers import CSVRenderer, StrictContentNegotiation, XLSXRenderer
from .schema import (
    AS_KNOWN_ON,
    FIELDS,
    FORMAT,
    FORMER_SLUG,
    GROUP_BY,
    LANG,
    UNIT,
    UPDATED_SINCE,
    filter_parameters,
    text_parameter,
)

# Rows fetched per query (with their prefetches) while streaming a CSV export.
EXPORT_CHUNK = 500
# The parameters every endpoint takes, and those of every list.
LANGUAGE = "lang"
FIELD_LIST = "fields"
SINCE = "updated_since"
TABLES = ("csv", "xlsx")
# What a file's permalink, name and About sheet do not count as a filter.
NOT_FILTERS = {"format", "page", "page_size", FIELD_LIST, LANGUAGE, public.PARAMETER}


def _answer_in_json(request):
    request.accepted_renderer = JSONRenderer()
    request.accepted_media_type = JSONRenderer.media_type


class PublicEndpoint:
    """
    The behaviour every public endpoint shares: anonymous, JSON or CSV, every
    parameter checked, errors as JSON. Validators and 304s are the public layer's
    in front of every public GET (api/middleware.py), made of the key it keeps
    answers under.
    """

    authentication_classes = []
    renderer_classes = [JSONRenderer, CSVRenderer, XLSXRenderer]
    content_negotiation_class = StrictContentNegotiation

    def allowed_parameters(self):
        return {"format", public.PARAMETER, LANGUAGE}

    @property
    def snapshot(self):
        """Return the request's snapshot; the schema, made without a request, gets one that reads nothing."""
        if not hasattr(self, "_snapshot"):
            self._snapshot = public.Snapshot(0, public.BEFORE_FIRST, 0)
        return self._snapshot

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_parameters(request)
        try:
            self._snapshot = public.snapshot_for(request._request)
        except public.BadMoment as error:
            raise ValidationError({public.PARAMETER: [str(error)]}) from None

    def check_parameters(self, request):
        """Refuse unknown and repeated parameters: nothing is silently ignored."""
        allowed = self.allowed_parameters()
        errors = {}
        for name in request.query_params:
            if name not in allowed:
                errors[name] = [_("Unknown parameter. Known here: %(names)s.") % {"names": ", ".join(sorted(allowed))}]
            elif len(request.query_params.getlist(name)) > 1:
                errors[name] = [_("Give this parameter once.")]
        language = request.query_params.get(LANGUAGE)
        if language and language not in dict(settings.LANGUAGES) and LANGUAGE not in errors:
            errors[LANGUAGE] = [_("Use one of: %(values)s.") % {"values": ", ".join(dict(settings.LANGUAGES))}]
        errors |= self.check_values(request)
        if errors:
            raise ValidationError(errors)

    def check_values(self, request):
        """Return the errors of the parameters particular to this endpoint, keyed by name."""
        return {}

    def permalink(self):
        """Return this address pinned to the release that answers it: it gives the same answer later."""
        query = [(name, value) for name, value in self.request.query_params.items() if name != public.PARAMETER]
        query.append((public.PARAMETER, self.snapshot.as_of_text))
        return f"{settings.SITE_URL}{self.request.path}?{urlencode(query)}"

    def asked_filters(self):
        """Return the filters of the request (its parameters that choose rows), as given."""
        return {name: value for name, value in self.request.query_params.items() if name not in NOT_FILTERS and value}

    def about(self, title, extra=()):
        """Return the (what, value) rows of a file's About sheet: filters, release, licence and citation."""
        return dataset_about(
            title, self.asked_filters(), self.snapshot, self.permalink(), _methodology_url(), extra=extra
        )

    def file_name(self, base, extension):
        return download_name(base, self.asked_filters(), self.snapshot.release, extension)

    def linked(self, response):
        """Return ``response`` with a Link to its permalink."""
        response["Link"] = f'<{self.permalink()}>; rel="canonical"'
        return response

    def handle_exception(self, exc):
        if isinstance(exc, Gone):
            _answer_in_json(self.request)
            return Response(exc.body, status=status.HTTP_410_GONE)
        # Errors are JSON whatever format was asked for.
        _answer_in_json(self.request)
        return super().handle_exception(exc)


class SnapshotFilterBackend(DjangoFilterBackend):
    """django-filter's backend, without ``as_known_on`` (it picks the release, not rows)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        data = kwargs["data"].copy()
        data.pop(public.PARAMETER, None)
        return {**kwargs, "data": data, **view.filterset_extra_kwargs()}


class PublicViewSet(PublicEndpoint, viewsets.ReadOnlyModelViewSet):
    """A read-only resource: a paginated, filtered list (JSON or CSV) and a detail."""

    filter_backends = [SnapshotFilterBackend]
    pagination_class = Pagination
    csv_columns = None
    # The type of each column in XLSX (a real date, a number ...): "string" unless said.
    csv_types = None
    csv_name = None
    record_name = None  # as a 404 names it: "No Detention matches the given query."
    # The release time of a row's version, which updated_since compares.
    updated_field = "valid_from__published_at"
    fields = None
    updated_since = None

    def filterset_extra_kwargs(self):
        """Return what the FilterSet takes besides its data: the detentions' take the snapshot."""
        return {}

    def allowed_parameters(self):
        allowed = super().allowed_parameters()
        if self.action == "list":
            paginator = self.paginator
            allowed |= set(self.filterset_class.base_filters) if self.filterset_class else set()
            allowed |= {paginator.page_query_param, paginator.page_size_query_param, FIELD_LIST, SINCE}
        return allowed

    def known_fields(self):
        """Return the field names a list in the request's format has: JSON's or the table's columns."""
        if self.request.accepted_renderer.format in TABLES:
            return [name for name, _function in self.csv_columns]
        return list(self.get_serializer_class()(context=self.get_serializer_context()).fields)

    def check_values(self, request):
        errors = {}
        if self.action != "list":
            return errors
        text = request.query_params.get(FIELD_LIST)
        if text:
            known = self.known_fields()
            asked = list(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
            unknown = [name for name in asked if name not in known]
            if unknown or not asked:
                errors[FIELD_LIST] = [
                    _("Unknown field “%(names)s”. Known here: %(known)s.")
                    % {"names": ", ".join(unknown), "known": ", ".join(known)}
                ]
            else:
                self.fields = asked
        text = request.query_params.get(SINCE)
        if text:
            try:
                self.updated_since = public.parse_moment(text)
            except public.BadMoment as error:
                errors[SINCE] = [str(error)]
        return errors

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.updated_since is not None:
            queryset = queryset.filter(**{f"{self.updated_field}__gt": self.updated_since})
        return queryset

    def load(self, versions):
        """Return the records to show of a page of versions (loaded from their documents)."""
        return list(versions)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else self.load(page)

    def get_version(self):
        """Return the published row of the detail asked for (before loading it), or raise Http404 naming the record."""
        try:
            return super().get_object()
        except Http404:
            raise Http404(_("No %(record)s matches the given query.") % {"record": self.record_name}) from None

    def get_object(self):
        return self.load([self.get_version()])[0]

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format not in TABLES:
            if self.represents:
                return Response(self.represent([self.get_version()])[0])
            return super().retrieve(request, *args, **kwargs)
        return self.table(self.rows([self.get_object()]), HttpResponse)

    # Whether represent() writes this resource's JSON (from the versions' documents) rather than its serializer.
    represents = False

    def represent(self, versions):
        """Return the JSON of ``versions`` (the serializer's, key for key), when ``represents``."""
        raise NotImplementedError

    def to_represent(self, queryset):
        """Return ``queryset`` with what represent() reads and no more."""
        return queryset

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format not in TABLES:
            if self.represents:
                queryset = self.to_represent(self.filter_queryset(self.get_queryset()))
                rows = self.represent(self.paginator.paginate_queryset(queryset, request, view=self))
                response = self.get_paginated_response(rows)
            else:
                response = super().list(request, *args, **kwargs)
            if self.fields is not None:
                response.data["results"] = [
                    {name: row[name] for name in self.fields} for row in response.data["results"]
                ]
            return response
        queryset = self.filter_queryset(self.get_queryset())
        paginator = self.paginator
        if {paginator.page_query_param, paginator.page_size_query_param} & set(request.query_params):
            return self.table(self.rows(self.paginate_queryset(queryset)), HttpResponse)
        # The full export: rows are fetched and written a chunk at a time.
        return self.table(self.export_rows(queryset, request.build_absolute_uri), StreamingHttpResponse)

    def table(self, rows, response_class):
        """Return ``rows`` (of csv_columns) as a CSV or XLSX file of the asked fields, with a Link to its permalink."""
        indexes = exports.select(self.csv_columns, self.fields)
        header = [self.csv_columns[index][0] for index in indexes]
        if self.fields is not None:
            rows = ([row[index] for index in indexes] for row in rows)
        if self.request.accepted_renderer.format == "xlsx":
            types = self.csv_types or ["string"] * len(self.csv_columns)
            sheets = [
                Sheet(self.csv_name.capitalize(), header, rows, [types[index] for index in indexes]),
                about_sheet(self.about(self.csv_name.capitalize())),
            ]
            return self.linked(xlsx_response(sheets, self.file_name(self.csv_name, "xlsx")))
        lines = csv_lines(header, rows)
        if response_class is HttpResponse:
            lines = "".join(lines)
        response = response_class(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.file_name(self.csv_name, "csv")}"'
        return self.linked(response)

    def rows(self, records):
        """Yield the CSV rows of records already fetched (a page, one record)."""
        return exports.rows(self.csv_columns, records, self.request.build_absolute_uri)

    def export_rows(self, queryset, absolute):
        """Yield the CSV rows of the full export of ``queryset``, loading a chunk of records at a time."""
        for chunk in itertools.batched(queryset.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK):
            yield from exports.rows(self.csv_columns, self.load(chunk), absolute)


_LIST_SCHEMA = extend_schema_view(
    list=extend_schema(parameters=[FORMAT, AS_KNOWN_ON, LANG, FIELDS, UPDATED_SINCE]),
    retrieve=extend_schema(parameters=[FORMAT, AS_KNOWN_ON, LANG]),
)


class Gone(Exception):
    """A withdrawn record: 410 with the public reason and the release that withdrew it."""

    def __init__(self, change):
        super().__init__("Gone")
        self.body = {
            "detail": _("This record was withdrawn in release %(number)s.") % {"number": change.release_id},
            "reason": change.reason,
            "release": change.release_id,
        }


@extend_schema_view(
    list=extend_schema(
        parameters=[FORMAT, AS_KNOWN_ON, LANG, FIELDS, UPDATED_SINCE, text_parameter(JournalistFilterSet, "search")]
    ),
    retrieve=extend_schema(
        parameters=[FORMAT, AS_KNOWN_ON, LANG, FORMER_SLUG],
        responses={
            200: serializers.JournalistSerializer,
            301: OpenApiResponse(description="A slug the journalist had before: Location gives the current one."),
            410: OpenApiResponse(description="Withdrawn: the public reason and the release that withdrew it."),
        },
    ),
)
class JournalistViewSet(PublicViewSet):
    """Published journalists and media workers, with aliases, outlets and published detentions."""

    serializer_class = serializers.JournalistSerializer
    filterset_class = JournalistFilterSet
    lookup_field = "slug"
    csv_columns = exports.JOURNALIST_COLUMNS
    csv_types = exports.JOURNALIST_TYPES
    csv_name = "journalists"
    record_name = "Journalist"

    def get_queryset(self):
        return self.snapshot.journalists().order_by("name", "journalist_id")

    def load(self, versions):
        versions = list(versions)
        journalists = public.load_journalists(versions)
        detentions = self.snapshot.detentions().filter(journalist_version__in=[v.pk for v in versions])
        detentions = public.load_detentions(
            detentions.select_related("journalist_version").order_by("arrested_latest", "detention_id")
        )
        for journalist in journalists:
            journalist.published_detentions = [d for d in detentions if d.journalist.pk == journalist.pk]
        return journalists

    represents = True

    def represent(self, versions):
        versions = list(versions)
        detentions = self.snapshot.detentions().filter(journalist_version__in=[v.pk for v in versions])
        detentions = detentions.order_by("arrested_latest", "detention_id").values_list(
            "journalist_version", "document"
        )
        return representations.Journalists(self.request, self.format_kwarg).versions(versions, detentions)

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            slug = kwargs["slug"]
            # A changed slug keeps working: it redirects to the current one.
            current = self.snapshot.current_slug(slug)
            if current is None:
                change = self.snapshot.withdrawal_at(slug)
                if change:
                    raise Gone(change) from None
                raise
            url = reverse("api:journalist-detail", args=[current])
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@_LIST_SCHEMA
class DetentionViewSet(PublicViewSet):
    """Published detentions with charges (and their history), events, sentences and public sources."""

    serializer_class = serializers.DetentionSerializer
    filterset_class = DetentionFilterSet
    lookup_field = "detention_id"
    lookup_url_kwarg = "pk"
    lookup_value_regex = "[0-9]+"
    csv_columns = exports.DETENTION_COLUMNS
    csv_types = exports.DETENTION_TYPES
    csv_name = "detentions"
    record_name = "Detention"

    def get_queryset(self):
        return (
            self.snapshot.detentions()
            .select_related("journalist_version")
            .order_by(F("arrested_latest").desc(nulls_last=True), "detention_id")
        )

    def filterset_extra_kwargs(self):
        return {"snapshot": self.snapshot}

    def load(self, versions):
        return public.load_detentions(versions)

    represents = True

    def represent(self, versions):
        return representations.Detentions(self.request, self.format_kwarg).versions(versions)

    def to_represent(self, queryset):
        # Only the journalist's slug and name are shown, which the version row holds: not their document.
        return queryset.defer("journalist_version__document")

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            change = self.snapshot.withdrawal(detention_id=int(kwargs["pk"]))
            if change:
                raise Gone(change) from None
            raise

    def export_rows(self, queryset, absolute):
        return exports.detention_rows(queryset, absolute)


def _latest_per(queryset, key):
    """Return the rows of ``queryset`` that are the latest (highest id) of each ``key``."""
    latest = queryset.values(key).annotate(last=Max("pk")).values("last")
    return queryset.model.objects.filter(pk__in=latest)


@_LIST_SCHEMA
class OutletViewSet(PublicViewSet):
    """Outlets that published journalists work or worked for, as last published."""

    serializer_class = serializers.OutletSerializer
    filterset_class = OutletFilterSet
    lookup_field = "slug"
    csv_columns = exports.OUTLET_COLUMNS
    csv_types = exports.OUTLET_TYPES
    updated_field = "version__valid_from__published_at"
    csv_name = "outlets"
    record_name = "Outlet"

    def get_queryset(self):
        return _latest_per(self.snapshot.outlets(), "slug").order_by("name", "slug")


@_LIST_SCHEMA
class StatuteViewSet(PublicViewSet):
    """Articles of law that journalists are charged under, with how many published detentions cite each."""

    serializer_class = serializers.StatuteSerializer
    filterset_class = StatuteFilterSet
    lookup_field = "statute_slug"
    lookup_url_kwarg = "slug"
    # Statute slugs carry article numbers: az-cc-206.3.2.
    lookup_value_regex = "[^/]+"
    csv_columns = exports.STATUTE_COLUMNS
    csv_types = exports.STATUTE_TYPES
    updated_field = "version__valid_from__published_at"
    csv_name = "statutes"
    record_name = "Statute"

    def get_queryset(self):
        charges = self.snapshot.charges().exclude(statute_slug="")
        detentions = (
            charges.filter(statute_slug=OuterRef("statute_slug"))
            .order_by()
            .values("statute_slug")
            .annotate(n=Count("version__detention_id", distinct=True))
            .values("n")
        )
        return (
            _latest_per(charges, "statute_slug")
            .annotate(published_detentions=Subquery(detentions))
            .order_by("statute_country", "statute_code", "statute_article", "statute_slug")
        )


@_LIST_SCHEMA
class ReleaseViewSet(PublicViewSet):
    """The public changelog: each release with its time, note and the cases it added, changed or withdrew."""

    serializer_class = serializers.ReleaseSerializer
    record_name = "Release"
    filterset_class = None
    csv_columns = exports.RELEASE_COLUMNS
    csv_types = exports.RELEASE_TYPES
    csv_name = "releases"
    lookup_field = "number"
    lookup_value_regex = "[0-9]+"
    updated_field = "published_at"

    def get_queryset(self):
        return (
            Release.objects.filter(number__lte=self.snapshot.release)
            .defer("published_by")
            .prefetch_related("changes")
            .order_by("-number")
        )


@extend_schema_view(
    list=extend_schema(parameters=[FORMAT, AS_KNOWN_ON, LANG, FIELDS, UPDATED_SINCE]),
    retrieve=extend_schema(
        parameters=[FORMAT, AS_KNOWN_ON, LANG],
        description="As csv or xlsx: one row per person counted on the day as published or now, and what changed.",
    ),
)
class CensusViewSet(ReleaseViewSet):
    """Named censuses as published, with what later releases changed about their day."""

    serializer_class = serializers.CensusSerializer
    record_name = "Census"
    csv_columns = exports.CENSUS_COLUMNS
    csv_types = exports.CENSUS_TYPES
    csv_name = "censuses"
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    updated_field = "release__published_at"

    def get_queryset(self):
        return Census.objects.filter(release__lte=self.snapshot.release).select_related("release")

    def load(self, censuses):
        return [census_result(census, self.snapshot) for census in censuses]

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format not in TABLES:
            return super().retrieve(request, *args, **kwargs)
        result = self.get_object()
        response = census_file(
            result, request.accepted_renderer.format, self.about(result.census.title, census_about(result))
        )
        return self.linked(response)


def _methodology_url():
    try:
        path = reverse("cases:methodology")
    except NoReverseMatch:
        path = "/methodology/"
    return f"{settings.SITE_URL}{path}"


class CountsView(PublicEndpoint, APIView):
    """
    Return the citable number of published detentions matching the filters, in
    people (the default) or detentions, with the sentence to quote.
    """

    def allowed_parameters(self):
        return super().allowed_parameters() | set(DetentionFilterSet.base_filters) | {"unit", "group_by"}

    @extend_schema(
        operation_id="counts",
        parameters=[*filter_parameters(DetentionFilterSet), UNIT, GROUP_BY, AS_KNOWN_ON, FORMAT, LANG],
        responses=serializers.CountSerializer,
    )
    def get(self, request):
        snapshot = self.snapshot
        data = request.query_params.copy()
        data.pop(public.PARAMETER, None)
        filterset = DetentionFilterSet(data=data, queryset=snapshot.detentions(), snapshot=snapshot)
        errors = {} if filterset.is_valid() else {name: list(messages) for name, messages in filterset.errors.items()}
        unit = request.query_params.get("unit") or "journalists"
        if unit not in counting.UNITS:
            errors["unit"] = [_("Use one of: %(values)s.") % {"values": ", ".join(counting.UNITS)}]
        group_by = request.query_params.get("group_by") or None
        if group_by is not None and group_by not in counting.GROUPS:
            errors["group_by"] = [_("Use one of: %(values)s.") % {"values": ", ".join(counting.GROUPS)}]
        if errors:
            raise ValidationError(errors)

        filters = filterset.active_filters()
        # The statement is in the request's language. Kept per release read: a pinned count
        # stays kept across later releases, which do not change it.
        pinned = public.format_moment(snapshot.pinned) if snapshot.is_pinned else ""
        key = ["counts", get_language(), unit, group_by or "", urlencode(sorted(filters.items())), pinned]
        payload = cached(key, snapshot.release, lambda: self.compute(filterset, filters, unit, group_by))
        if request.accepted_renderer.format in TABLES:
            return self.linked(self.table(payload, group_by, request.accepted_renderer.format))
        return Response(payload)

    def compute(self, filterset, filters, unit, group_by):
        snapshot = self.snapshot
        result = counting.count(filterset.qs, filters=filters, unit=unit, group_by=group_by, snapshot=snapshot)
        payload = {
            "count": result.count,
            "unit": result.unit,
            "statement": result.statement,
            "filters": result.filters,
        }
        if group_by:
            payload["groups"] = [{"key": g.key, "label": g.label, "count": g.count} for g in result.groups]
        # The permalink asks the same again, pinned to the release that answered: it gives this answer back.
        pinned = {public.PARAMETER: snapshot.as_of_text}
        asked = {**filters, "unit": unit if unit != "journalists" else "", "group_by": group_by or ""}
        asked = {name: value for name, value in asked.items() if value}
        payload |= {
            "release": snapshot.release,
            "as_of": snapshot.as_of_text,
            "permalink": f"{settings.SITE_URL}{reverse('api:counts')}?{urlencode({**asked, **pinned})}",
            "methodology_url": _methodology_url(),
            "cases_url": f"{settings.SITE_URL}{reverse('api:detention-list')}?{urlencode({**filters, **pinned})}",
        }
        license_ = data_license()
        payload["license"] = {"name": license_.name, "title": license_.title, "url": license_.url}
        payload["citation"] = count_citation(
            payload["statement"], snapshot.release, snapshot.as_of_text, payload["permalink"]
        )
        return payload

    def table(self, payload, group_by, file_format):
        """
        Return the count as a file that describes itself: one row, or one row per
        group, each carrying the statement, filters, release, as_of, permalink,
        licence and citation; XLSX adds them as an About sheet too.
        """
        described = {
            "unit": payload["unit"],
            "statement": payload["statement"],
            "filters": urlencode(payload["filters"]),
            "release": payload["release"],
            "as_of": payload["as_of"],
            "permalink": payload["permalink"],
            "methodology_url": payload["methodology_url"],
            "cases_url": payload["cases_url"],
            "license": payload["license"]["name"],
            "citation": payload["citation"],
        }
        kinds = {"release": "integer", "as_of": "datetime"}
        if group_by:
            header = [group_by, "label", "count", "total", *described]
            rows = [
                [g["key"], g["label"], g["count"], payload["count"], *described.values()] for g in payload["groups"]
            ]
            types = ["string", "string", "integer", "integer"]
        else:
            header = ["count", *described]
            rows = [[payload["count"], *described.values()]]
            types = ["integer"]
        types += [kinds.get(name, "string") for name in described]
        name = self.file_name("counts", file_format)
        if file_format == "xlsx":
            about = [
                ("count", payload["count"]),
                ("unit", payload["unit"]),
                ("statement", payload["statement"]),
                *[(f"filter {key}", value) for key, value in payload["filters"].items()],
                ("group_by", group_by or ""),
                ("release", payload["release"]),
                ("as_of", payload["as_of"]),
                ("permalink", payload["permalink"]),
                ("cases_url", payload["cases_url"]),
                ("methodology_url", payload["methodology_url"]),
                *data_license().about_rows(),
                ("citation", payload["citation"]),
            ]
            file = io.BytesIO()
            write_xlsx([Sheet("Count", header, rows, types), about_sheet(about)], file)
            response = HttpResponse(file.getvalue(), content_type=XLSXRenderer.media_type)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        response = HttpResponse("".join(csv_lines(header, rows)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class DocumentEndpoint:
    """
    The schema (YAML or JSON) and its browsable docs (HTML): OPTIONS and errors
    (405, 429) answer in JSON, as everywhere under /api/, rather than through
    the view's own renderer (the docs' template renderer has no page for them).
    """

    def options(self, request, *args, **kwargs):
        _answer_in_json(request)
        return super().options(request, *args, **kwargs)

    def handle_exception(self, exc):
        _answer_in_json(self.request)
        return super().handle_exception(exc)


class SchemaView(DocumentEndpoint, SpectacularAPIView):
    """The OpenAPI description of the API."""


class DocsView(DocumentEndpoint, SpectacularSwaggerSplitView):
    """The OpenAPI description, browsable (Swagger UI served from this site)."""
