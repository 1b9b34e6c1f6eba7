"""
The public pages: home, journalists, detentions, countries, statutes, methodology and data.

Every view reads published records only (``Detention.objects.published()``,
``Journalist.objects.published()``) and every number on a page comes from
``cases.counting.count`` so that pages, embeds and the API's ``counts/`` agree.
"""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from django_countries import countries

from . import charts, versioning
from .counting import count
from .filters import DetentionFilterSet
from .models import (
    Affiliation,
    Charge,
    ChargeStatusChange,
    Citation,
    Detention,
    Event,
    Journalist,
    Statute,
)

PAGE_SIZE = 50
RECENT = 10

CITATIONS = Prefetch("citations", queryset=Citation.objects.select_related("source"))

# What the journalist template reads of each detention; a staff preview reuses it.
DETENTION_PAGE_PREFETCH = [
    CITATIONS,
    Prefetch(
        "charges",
        queryset=Charge.objects.select_related("statute").prefetch_related(
            Prefetch("status_history", queryset=ChargeStatusChange.objects.order_by("on_latest", "pk")), CITATIONS
        ),
    ),
    Prefetch("events", queryset=Event.objects.select_related("charge__statute").prefetch_related(CITATIONS)),
]
JOURNALIST_PAGE_PREFETCH = [
    "aliases",
    "mediums",
    Prefetch("affiliations", queryset=Affiliation.objects.select_related("outlet")),
    CITATIONS,
]


def today():
    return timezone.localdate()


def year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def headline_counts(queryset, filters, day):
    """Return the two headline counts: in custody today, and arrested in the last 12 months."""
    in_custody = {**filters, "in_custody_on": day.isoformat()}
    arrested = {**filters, "arrested_from": year_before(day).isoformat(), "arrested_to": day.isoformat()}
    return {
        "in_custody": (
            count(queryset.in_custody_on(day), filters=in_custody),
            f"{reverse('cases:detentions')}?{urlencode(in_custody)}",
        ),
        "arrested": (
            count(queryset.arrested_between(year_before(day), day), filters=arrested),
            f"{reverse('cases:detentions')}?{urlencode(arrested)}",
        ),
    }


class HomeView(TemplateView):
    template_name = "cases/home.html"

    def get_context_data(self, **kwargs):
        day = today()
        queryset = Detention.objects.published()
        headlines = headline_counts(queryset, {}, day)
        return super().get_context_data(
            in_custody=headlines["in_custody"],
            arrested=headlines["arrested"],
            everyone=count(queryset, filters={}, group_by="country"),
            recent=queryset.select_related("journalist").order_by("-updated_at", "-pk")[:RECENT],
            **kwargs,
        )


class JournalistDetailView(DetailView):
    """
    The public page of one published journalist, at the permanent address of the slug.

    Which records it may show is ``journalists()`` and ``detentions()``; the
    staff preview overrides only those, and the page keeps its prefetches.
    """

    template_name = "cases/journalist_detail.html"
    context_object_name = "journalist"

    def journalists(self):
        return Journalist.objects.published()

    def detentions(self):
        return Detention.objects.published()

    def get_queryset(self):
        return self.journalists().prefetch_related(*JOURNALIST_PAGE_PREFETCH)

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            current = self.get_queryset().slug_now(kwargs["slug"])
            if current is None:
                raise
            return redirect("cases:journalist", slug=current, permanent=True)

    def get_context_data(self, **kwargs):
        detentions = (
            self.detentions()
            .filter(journalist=self.object)
            .prefetch_related(*DETENTION_PAGE_PREFETCH)
            .order_by("arrested_latest", "pk")
        )
        return super().get_context_data(detentions=list(detentions), **kwargs)


class PublicFilterMixin:
    """Filter published detentions with the API's filters; a bad value is a 400 with the reason beside the field."""

    def get_filterset(self):
        filterset = DetentionFilterSet(self.request.GET or None, queryset=self.base_queryset())
        fields = filterset.form.fields
        # Free text rather than a select of every journalist or outlet.
        for name in ("journalist", "outlet"):
            fields[name].widget = forms.TextInput(attrs={"placeholder": _("slug")})
        for name in ("arrested_from", "arrested_to", "released_from", "released_to", "in_custody_on"):
            fields[name].widget = forms.DateInput(attrs={"type": "date"})
        return filterset

    def base_queryset(self):
        return Detention.objects.published()


class DetentionListView(PublicFilterMixin, ListView):
    template_name = "cases/detention_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "detentions"

    def get(self, request, *args, **kwargs):
        # A submitted form sends every field; share the short address instead.
        if any(value == "" for value in request.GET.values()):
            kept = [(key, value) for key, value in request.GET.items() if value != ""]
            return HttpResponseRedirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)
        self.filterset = self.get_filterset()
        response = super().get(request, *args, **kwargs)
        if (self.filterset.is_bound and not self.filterset.is_valid()) or getattr(self, "bad_query", False):
            response.status_code = 400
        return response

    def get_queryset(self):
        filterset = self.filterset
        if filterset.is_bound and not filterset.is_valid():
            return Detention.objects.none()
        queryset = filterset.qs
        self.query = self.request.GET.get("q", "").strip()
        if "\x00" in self.query:
            # No database stores a NUL character; the search cannot match it.
            self.bad_query = True
            return Detention.objects.none()
        if self.query:
            queryset = queryset.of_journalist_named(self.query)
        return queryset.select_related("journalist").prefetch_related(
            Prefetch("charges", queryset=Charge.objects.select_related("statute"))
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # The full count of the list (and its people, below) read every matching row; both
        # change only with the data version, which keys them.
        asked = sorted((name, value) for name, value in self.request.GET.items() if name != self.page_kwarg)
        version = versioning.for_request(self.request).version
        paginator.count = versioning.cached(["page-list-count", repr(asked)], version, lambda: paginator.count)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filterset=self.filterset, **kwargs)
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        if valid and not getattr(self, "query", ""):
            filters = self.filterset.active_filters() if self.filterset.is_bound else {}
            key = ["page-list-result", get_language(), repr(sorted(filters.items()))]
            context["result"] = versioning.cached(
                key, versioning.for_request(self.request).version, lambda: count(self.object_list, filters=filters)
            )
            context["filters"] = filters
        context["query"] = getattr(self, "query", "")
        return context


class CountryView(TemplateView):
    template_name = "cases/country_detail.html"

    def get(self, request, *args, **kwargs):
        code = kwargs["code"]
        if not (code.isascii() and code.isalpha() and len(code) == 2):
            raise Http404(_("No such country."))
        if code.upper() != code:
            return redirect("cases:country", code=code.upper(), permanent=True)
        if code not in countries:
            raise Http404(_("No such country."))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, code, **kwargs):
        day = today()
        queryset = Detention.objects.published().in_country(code)
        filters = {"country": code}
        headlines = headline_counts(queryset, filters, day)
        everyone = count(queryset, filters=filters, group_by="month")
        years = charts.census_years(queryset, day)
        census = charts.census(queryset, years)
        paginator_page = paginate(self.request, queryset.select_related("journalist"))
        return super().get_context_data(
            code=code,
            country_name=countries.name(code),
            in_custody=headlines["in_custody"],
            arrested=headlines["arrested"],
            everyone=everyone,
            months=sorted(everyone.groups, key=lambda group: group.key),
            census=census,
            census_chart=charts.bar_chart((day.year, number) for day, number in census),
            page_obj=paginator_page,
            detentions=paginator_page.object_list,
            list_url=f"{reverse('cases:detentions')}?{urlencode(filters)}",
            **kwargs,
        )


class StatuteListView(TemplateView):
    template_name = "cases/statute_list.html"

    def get_context_data(self, **kwargs):
        result = count(Detention.objects.published(), filters={}, group_by="statute")
        return super().get_context_data(result=result, statutes=sorted(result.groups, key=lambda g: g.label), **kwargs)


class StatuteDetailView(DetailView):
    template_name = "cases/statute_detail.html"
    context_object_name = "statute"
    queryset = Statute.objects.public()

    def get_context_data(self, **kwargs):
        queryset = Detention.objects.published().under_statute(self.object.slug)
        detentions = queryset.select_related("journalist").prefetch_related(
            Prefetch(
                "charges",
                queryset=Charge.objects.filter(statute=self.object).prefetch_related("status_history"),
                to_attr="charges_under_statute",
            )
        )
        page = paginate(self.request, detentions)
        return super().get_context_data(
            result=count(queryset, filters={"statute": self.object.slug}),
            page_obj=page,
            detentions=page.object_list,
            list_url=f"{reverse('cases:detentions')}?{urlencode({'statute': self.object.slug})}",
            **kwargs,
        )


class MethodologyView(TemplateView):
    template_name = "cases/methodology.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(example_day=datetime.date(today().year - 1, 12, 1), **kwargs)


class DataView(TemplateView):
    template_name = "cases/data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            version=versioning.current(),
            result=count(Detention.objects.published(), filters={}, unit="detentions"),
            **kwargs,
        )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
