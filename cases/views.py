"""
The public pages: home, journalists, detentions, countries, statutes, methodology and data.

Every view reads published versions only, from the request's snapshot (the
current release, or the one current at ``as_known_on``: ``cases.public``), and
every number on a page comes from ``cases.counting.count`` so that pages, embeds
and the API's ``counts/`` agree.
"""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from django_countries import countries

from . import charts, figures, public, versioning
from .counting import count
from .filters import DetentionFilterSet
from .render import load_statute

PAGE_SIZE = 50
RECENT = 10


def today():
    return timezone.localdate()


def shown_day(snapshot):
    """Return the day a page counts "today" from: the day asked for when pinned, else today."""
    if snapshot.is_pinned:
        return timezone.localdate(snapshot.pinned)
    return today()


def pinned_query(snapshot, filters):
    """Return ``filters`` as a query string, with the snapshot's ``as_known_on`` when it is pinned."""
    if snapshot.is_pinned:
        filters = {**filters, public.PARAMETER: public.format_moment(snapshot.pinned)}
    return urlencode(filters)


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def loaded_page(request, queryset):
    """Return a page of ``queryset`` (detention versions) whose ``object_list`` is loaded detentions."""
    page = paginate(request, queryset.select_related("journalist_version"))
    page.object_list = public.load_detentions(page.object_list)
    return page


def headline_counts(snapshot, queryset, filters, day, stored=None):
    """
    Return the two headline counts, each with the list of its cases: in custody on
    ``day``, and arrested in the 12 months before it (read from the release's
    ``stored`` figures where they hold, cases.figures).
    """
    list_url = reverse("cases:detentions")
    return {
        name: (result, f"{list_url}?{pinned_query(snapshot, result.filters)}")
        for name, result in (
            ("in_custody", figures.in_custody(snapshot, day, queryset, filters, stored)),
            ("arrested", figures.arrested(snapshot, day, queryset, filters, stored)),
        )
    }


class Gone(Exception):
    """A withdrawn case: its address answers 410 with the public reason."""

    def __init__(self, change):
        self.change = change


class SnapshotMixin:
    """
    A public page at the request's snapshot: ``as_known_on`` pins it to a past
    release (a banner says so), and a bad value is a 400 saying why.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            self.snapshot = public.snapshot_for(request)
        except public.BadMoment as error:
            return render(request, "cases/bad_request.html", {"problems": [f"as_known_on: {error}"]}, status=400)
        try:
            return super().dispatch(request, *args, **kwargs)
        except Gone as gone:
            return render(request, "cases/gone.html", {"change": gone.change, "snapshot": self.snapshot}, status=410)

    def get_context_data(self, **kwargs):
        return super().get_context_data(snapshot=self.snapshot, **kwargs)


class HomeView(SnapshotMixin, TemplateView):
    template_name = "cases/home.html"

    def get_context_data(self, **kwargs):
        snapshot = self.snapshot
        day = shown_day(snapshot)
        queryset = snapshot.detentions()
        # Counted once when the release was written (cases.figures), else here.
        stored = figures.stored(snapshot)
        headlines = headline_counts(snapshot, queryset, {}, day, stored)
        recent = queryset.select_related("journalist_version").order_by("-valid_from_id", "-detention_id")[:RECENT]
        return super().get_context_data(
            in_custody=headlines["in_custody"],
            arrested=headlines["arrested"],
            everyone=figures.everyone(snapshot, stored),
            recent=public.load_detentions(recent),
            **kwargs,
        )


class JournalistDetailView(SnapshotMixin, TemplateView):
    """
    The public page of one published journalist, at the permanent address of the slug.

    ``case()`` returns the journalist and detentions to show, loaded from the
    published version; the staff preview overrides only that.
    """

    template_name = "cases/journalist_detail.html"

    def case(self, slug):
        """Return (journalist, detentions) of the published version, or raise Http404, Gone or a redirect."""
        versions = self.snapshot.journalists()
        version = versions.with_slug(slug).first()
        if version is None:
            current = self.snapshot.current_slug(slug)
            if current is not None:
                raise Redirect(current)
            change = self.snapshot.withdrawal_at(slug)
            if change:
                raise Gone(change)
            raise Http404(_("No published journalist has this address."))
        journalist = public.load_journalists([version])[0]
        detentions = self.snapshot.detentions().filter(journalist_version=version)
        detentions = detentions.select_related("journalist_version").order_by("arrested_latest", "detention_id")
        loaded = public.load_detentions(detentions)
        for detention in loaded:
            detention.journalist = journalist
        journalist.version_release = version.valid_from_id
        return journalist, loaded

    def get(self, request, *args, **kwargs):
        try:
            self.journalist, self.detentions = self.case(kwargs["slug"])
        except Redirect as moved:
            url = reverse(request.resolver_match.view_name, kwargs={"slug": moved.slug})
            query = request.META.get("QUERY_STRING")
            return redirect(f"{url}?{query}" if query else url, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # "Cite this page" gives the address pinned to the release shown, so it shows the same later.
        query = urlencode({public.PARAMETER: public.format_moment(self.snapshot.as_of)})
        cite_url = self.request.build_absolute_uri(f"{self.journalist.get_absolute_url()}?{query}")
        return super().get_context_data(
            journalist=self.journalist, detentions=self.detentions, cite_url=cite_url, **kwargs
        )


class Redirect(Exception):
    def __init__(self, slug):
        self.slug = slug


class PublicFilterMixin(SnapshotMixin):
    """Filter published detentions with the API's filters; a bad value is a 400 with the reason beside the field."""

    def get_filterset(self):
        data = self.request.GET.copy() if self.request.GET else None
        if data is not None:
            data.pop(public.PARAMETER, None)
        filterset = DetentionFilterSet(data or None, queryset=self.snapshot.detentions(), snapshot=self.snapshot)
        fields = filterset.form.fields
        # Free text rather than a select of every journalist or outlet.
        for name in ("journalist", "outlet"):
            fields[name].widget = forms.TextInput(attrs={"placeholder": _("slug")})
        for name in ("arrested_from", "arrested_to", "released_from", "released_to", "in_custody_on"):
            fields[name].widget = forms.DateInput(attrs={"type": "date"})
        return filterset


class DetentionListView(PublicFilterMixin, TemplateView):
    template_name = "cases/detention_list.html"

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
            return self.snapshot.detentions().none()
        queryset = filterset.qs
        self.query = self.request.GET.get("q", "").strip()
        if "\x00" in self.query:
            # No database stores a NUL character; the search cannot match it.
            self.bad_query = True
            return queryset.none()
        if self.query:
            queryset = queryset.of_journalist_named(self.query)
        return queryset

    def get_context_data(self, **kwargs):
        queryset = self.get_queryset()
        paginator = Paginator(queryset.select_related("journalist_version"), PAGE_SIZE)
        # The full count of the list read every matching row; it changes only with the release, which keys it.
        asked = sorted((name, value) for name, value in self.request.GET.items() if name != "page")
        release = self.snapshot.release
        paginator.count = versioning.cached(["page-list-count", repr(asked)], release, lambda: paginator.count)
        page = paginator.get_page(self.request.GET.get("page"))
        page.object_list = public.load_detentions(page.object_list)
        context = super().get_context_data(
            filterset=self.filterset,
            page_obj=page,
            paginator=paginator,
            is_paginated=page.has_other_pages(),
            detentions=page.object_list,
            **kwargs,
        )
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        if valid and not getattr(self, "query", ""):
            filters = self.filterset.active_filters() if self.filterset.is_bound else {}
            key = ["page-list-result", get_language(), repr(sorted(filters.items())), str(self.snapshot.pinned)]
            context["result"] = versioning.cached(
                key, release, lambda: count(queryset, filters=filters, snapshot=self.snapshot)
            )
            context["filters"] = filters
        context["query"] = getattr(self, "query", "")
        return context


class CountryView(SnapshotMixin, TemplateView):
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
        snapshot = self.snapshot
        day = shown_day(snapshot)
        queryset = snapshot.detentions().in_country(code)
        filters = {"country": code}
        headlines = headline_counts(snapshot, queryset, filters, day)
        everyone = count(queryset, filters=filters, group_by="month", snapshot=snapshot)
        years = charts.census_years(queryset, day)
        census = charts.census(queryset, years)
        page = loaded_page(self.request, queryset)
        return super().get_context_data(
            code=code,
            country_name=countries.name(code),
            in_custody=headlines["in_custody"],
            arrested=headlines["arrested"],
            everyone=everyone,
            months=[group for group in everyone.groups if group.count],
            census=census,
            census_chart=charts.bar_chart((day.year, number) for day, number in census),
            page_obj=page,
            detentions=page.object_list,
            list_url=f"{reverse('cases:detentions')}?{pinned_query(snapshot, filters)}",
            **kwargs,
        )


class StatuteListView(SnapshotMixin, TemplateView):
    template_name = "cases/statute_list.html"

    def get_context_data(self, **kwargs):
        result = count(self.snapshot.detentions(), filters={}, group_by="statute", snapshot=self.snapshot)
        return super().get_context_data(result=result, statutes=sorted(result.groups, key=lambda g: g.label), **kwargs)


def published_statute(snapshot, slug):
    """Return the statute ``slug`` as last published in the snapshot (an unsaved Statute), or None."""
    found = snapshot.charges().filter(statute_slug=slug).order_by("-version__valid_from_id", "-pk")
    document = found.values_list("version__document", flat=True).first()
    if document is None:
        return None
    # The statute as its charge's document has it: its title in every language it is written in.
    statute = next(charge["statute"] for charge in document["charges"] if (charge["statute"] or {}).get("slug") == slug)
    return load_statute(statute)


class StatuteDetailView(SnapshotMixin, TemplateView):
    template_name = "cases/statute_detail.html"

    def get_context_data(self, slug, **kwargs):
        statute = published_statute(self.snapshot, slug)
        if statute is None:
            raise Http404(_("No published detention cites this statute."))
        queryset = self.snapshot.detentions().under_statute(slug)
        page = loaded_page(self.request, queryset)
        for detention in page.object_list:
            detention.charges_under_statute = [
                charge for charge in detention.charges.all() if charge.statute and charge.statute.slug == slug
            ]
        return super().get_context_data(
            statute=statute,
            result=count(queryset, filters={"statute": slug}, snapshot=self.snapshot),
            page_obj=page,
            detentions=page.object_list,
            list_url=f"{reverse('cases:detentions')}?{pinned_query(self.snapshot, {'statute': slug})}",
            **kwargs,
        )


class MethodologyView(TemplateView):
    template_name = "cases/methodology.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(example_day=datetime.date(today().year - 1, 12, 1), **kwargs)


class DataView(SnapshotMixin, TemplateView):
    template_name = "cases/data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            version=versioning.for_request(self.request),
            result=count(self.snapshot.detentions(), filters={}, unit="detentions", snapshot=self.snapshot),
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
