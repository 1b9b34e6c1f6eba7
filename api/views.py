"""
The public API: read-only, anonymous, JSON or CSV, conditional and throttled.

Every view starts from the published querysets of ``cases.querysets`` and
prefetches only public rows (published detentions, public sources).
"""

import datetime

from django.conf import settings
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import counting
from cases.exports import csv_lines
from cases.filters import DetentionFilterSet
from cases.models import (
    Affiliation,
    Charge,
    Detention,
    Event,
    Journalist,
    Outlet,
    Statute,
    public_citations_prefetch,
)
from cases.versioning import cached

from . import exports, serializers
from .caching import Validators
from .exceptions import NotModified
from .filters import JournalistFilterSet, OutletFilterSet, StatuteFilterSet
from .pagination import Pagination
from .renderers import CSVRenderer, StrictContentNegotiation
from .schema import FORMAT, FORMER_SLUG, GROUP_BY, UNIT, filter_parameters, text_parameter

# Rows fetched per query (with their prefetches) while streaming a CSV export.
EXPORT_CHUNK = 500


def _answer_in_json(request):
    request.accepted_renderer = JSONRenderer()
    request.accepted_media_type = JSONRenderer.media_type


class PublicEndpoint:
    """
    The behaviour every public endpoint shares: anonymous, JSON or CSV, every
    parameter checked, errors as JSON, and validators from the data version.
    """

    authentication_classes = []
    renderer_classes = [JSONRenderer, CSVRenderer]
    content_negotiation_class = StrictContentNegotiation

    def allowed_parameters(self):
        return {"format"}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_parameters(request)
        if request.method in ("GET", "HEAD"):
            self.validators = Validators(request, request.accepted_media_type)
            not_modified = self.validators.not_modified(request._request)
            if not_modified is not None:
                raise NotModified(not_modified)

    def check_parameters(self, request):
        """Refuse unknown and repeated parameters: nothing is silently ignored."""
        allowed = self.allowed_parameters()
        errors = {}
        for name in request.query_params:
            if name not in allowed:
                errors[name] = [_("Unknown parameter. Known here: %(names)s.") % {"names": ", ".join(sorted(allowed))}]
            elif len(request.query_params.getlist(name)) > 1:
                errors[name] = [_("Give this parameter once.")]
        if errors:
            raise ValidationError(errors)

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return exc.response
        # Errors are JSON whatever format was asked for.
        _answer_in_json(self.request)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        validators = getattr(self, "validators", None)
        if validators is not None and response.status_code in (200, 304):
            validators.apply(response)
        return response


class PublicViewSet(PublicEndpoint, viewsets.ReadOnlyModelViewSet):
    """A read-only resource: a paginated, filtered list (JSON or CSV) and a detail."""

    filter_backends = [DjangoFilterBackend]
    pagination_class = Pagination
    csv_columns = None
    csv_name = None

    def allowed_parameters(self):
        allowed = super().allowed_parameters()
        if self.action == "list":
            paginator = self.paginator
            allowed |= set(self.filterset_class.base_filters)
            allowed |= {paginator.page_query_param, paginator.page_size_query_param}
        return allowed

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().retrieve(request, *args, **kwargs)
        return self._csv(self.rows([self.get_object()]), HttpResponse)

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        paginator = self.paginator
        if {paginator.page_query_param, paginator.page_size_query_param} & set(request.query_params):
            return self._csv(self.rows(self.paginate_queryset(queryset)), HttpResponse)
        # The full export: rows are fetched and written a chunk at a time.
        return self._csv(self.export_rows(queryset, request.build_absolute_uri), StreamingHttpResponse)

    def _csv(self, rows, response_class):
        header = [name for name, _function in self.csv_columns]
        lines = csv_lines(header, rows)
        if response_class is HttpResponse:
            lines = "".join(lines)
        response = response_class(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_name}.csv"'
        return response

    def rows(self, records):
        """Yield the CSV rows of records already fetched (a page, one record)."""
        return exports.rows(self.csv_columns, records, self.request.build_absolute_uri)

    def export_rows(self, queryset, absolute):
        """Yield the CSV rows of the full export of ``queryset``."""
        return exports.rows(self.csv_columns, queryset.iterator(chunk_size=EXPORT_CHUNK), absolute)


_LIST_SCHEMA = extend_schema_view(list=extend_schema(parameters=[FORMAT]), retrieve=extend_schema(parameters=[FORMAT]))


@extend_schema_view(
    list=extend_schema(parameters=[FORMAT, text_parameter(JournalistFilterSet, "search")]),
    retrieve=extend_schema(
        parameters=[FORMAT, FORMER_SLUG],
        responses={
            200: serializers.JournalistSerializer,
            301: OpenApiResponse(description="A slug the journalist had before: Location gives the current one."),
        },
    ),
)
class JournalistViewSet(PublicViewSet):
    """Published journalists and media workers, with aliases, outlets and published detentions."""

    serializer_class = serializers.JournalistSerializer
    filterset_class = JournalistFilterSet
    lookup_field = "slug"
    csv_columns = exports.JOURNALIST_COLUMNS
    csv_name = "journalists"

    def get_queryset(self):
        return (
            Journalist.objects.published()
            .prefetch_related(
                "aliases",
                "mediums",
                "beats",
                Prefetch("affiliations", queryset=Affiliation.objects.select_related("outlet")),
                Prefetch("detentions", queryset=Detention.objects.published(), to_attr="published_detentions"),
                public_citations_prefetch(),
            )
            .order_by("name", "pk")
        )

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            # A changed slug keeps working: it redirects to the current one.
            retired = Journalist.objects.published().slug_now(kwargs["slug"])
            if retired is None:
                raise
            url = reverse("api:journalist-detail", args=[retired])
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@_LIST_SCHEMA
class DetentionViewSet(PublicViewSet):
    """Published detentions with charges (and their history), events, sentences and public sources."""

    serializer_class = serializers.DetentionSerializer
    filterset_class = DetentionFilterSet
    csv_columns = exports.DETENTION_COLUMNS
    csv_name = "detentions"

    def get_queryset(self):
        charges = Charge.objects.select_related("statute").prefetch_related(
            "status_history", public_citations_prefetch()
        )
        return (
            Detention.objects.published()
            .select_related("journalist")
            .prefetch_related(
                Prefetch("charges", queryset=charges),
                Prefetch("events", queryset=Event.objects.prefetch_related(public_citations_prefetch())),
                public_citations_prefetch(),
            )
            .order_by(F("arrested_latest").desc(nulls_last=True), "pk")
        )

    def export_rows(self, queryset, absolute):
        return exports.detention_rows(queryset, absolute)


@_LIST_SCHEMA
class OutletViewSet(PublicViewSet):
    """Outlets that journalists work or worked for."""

    serializer_class = serializers.OutletSerializer
    filterset_class = OutletFilterSet
    lookup_field = "slug"
    csv_columns = exports.OUTLET_COLUMNS
    csv_name = "outlets"

    def get_queryset(self):
        return Outlet.objects.public().order_by("name", "pk")


@_LIST_SCHEMA
class StatuteViewSet(PublicViewSet):
    """Articles of law that journalists are charged under, with how many published detentions cite each."""

    serializer_class = serializers.StatuteSerializer
    filterset_class = StatuteFilterSet
    lookup_field = "slug"
    # Statute slugs carry article numbers: az-cc-206.3.2.
    lookup_value_regex = "[^/]+"
    csv_columns = exports.STATUTE_COLUMNS
    csv_name = "statutes"

    def get_queryset(self):
        return Statute.objects.public().with_published_detentions().order_by("country", "code", "article", "pk")


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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            # Kept by api.middleware.KeptAnswerMiddleware and served from there until the data changes.
            response.kept_media_type = request.accepted_media_type
        return response

    @extend_schema(
        operation_id="counts",
        parameters=[*filter_parameters(DetentionFilterSet), UNIT, GROUP_BY, FORMAT],
        responses=serializers.CountSerializer,
    )
    def get(self, request):
        filterset = DetentionFilterSet(data=request.query_params, queryset=Detention.objects.published())
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
        version = self.validators.version
        # The statement is in the request's language.
        key = ["counts", get_language(), unit, group_by or "", urlencode(sorted(filters.items()))]
        payload = cached(key, version.version, lambda: self.compute(filterset, filters, unit, group_by, version))
        if request.accepted_renderer.format == "csv":
            return self.csv(payload, group_by)
        return Response(payload)

    def compute(self, filterset, filters, unit, group_by, version):
        result = counting.count(filterset.qs, filters=filters, unit=unit, group_by=group_by)
        payload = {
            "count": result.count,
            "unit": result.unit,
            "statement": result.statement,
            "filters": result.filters,
        }
        if group_by:
            payload["groups"] = [{"key": g.key, "label": g.label, "count": g.count} for g in result.groups]
        cases = f"{settings.SITE_URL}{reverse('api:detention-list')}"
        payload |= {
            "as_of": version.changed_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "methodology_url": _methodology_url(),
            "cases_url": f"{cases}?{urlencode(filters)}" if filters else cases,
        }
        return payload

    def csv(self, payload, group_by):
        """Return the count as one CSV row, or its groups one per row."""
        if group_by:
            header = [group_by, "label", "count"]
            rows = [[group["key"], group["label"], group["count"]] for group in payload["groups"]]
        else:
            header = ["count", "unit", "statement", "as_of", "methodology_url", "cases_url"]
            rows = [[payload[key] for key in header]]
        response = HttpResponse("".join(csv_lines(header, rows)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="counts.csv"'
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
