"""Reference lists that cases point to: outlets, statutes, sources, beats and mediums."""

from django.contrib import admin
from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .. import models
from ..forms import SourceForm
from ..services import in_curated_use, is_editor
from .base import CuratedAdmin, GuardedHistoryAdmin
from .citations import SourceAutocompleteView
from .translations import TranslatedAdmin


class SharedReference:
    """
    Reference records shown on published pages: a researcher changes one only
    while no journalist or detention past draft shows it; then an editor does.
    """

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.pk is None or is_editor(request.user) or not in_curated_use(obj)


class ReferenceAdmin(SharedReference, GuardedHistoryAdmin):
    pass


@admin.register(models.Outlet)
class OutletAdmin(TranslatedAdmin, ReferenceAdmin):
    list_display = ["name", "country", "website"]
    list_filter = ["country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Statute)
class StatuteAdmin(TranslatedAdmin, ReferenceAdmin):
    list_display = ["article", "code", "country", "title"]
    list_filter = ["country"]
    search_fields = ["article", "title", "code", "slug"]


@admin.register(models.Source)
class SourceAdmin(SharedReference, CuratedAdmin):
    """
    Sources, found by url, title and publisher, and by a confidential source's
    internal label for whoever may read it (cases.view_confidential_label: both
    curation roles); each page says where the source is already cited.
    """

    form = SourceForm
    list_display = ["__str__", "publisher", "published_on", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["url", "title", "publisher"]
    readonly_fields = ["cited_in"]
    fields = [
        "url",
        "title",
        "publisher",
        ("language", "published_on", "accessed_on"),
        "archive_url",
        "visibility",
        "internal_label",
        "internal_notes",
        "version",
        "cited_in",
    ]

    def owner(self, obj):
        # Sources are shared: no publication state of their own governs them.
        return None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"may_publish": is_editor(request.user)})

    def may_read_labels(self, request):
        return request.user.has_perm("cases.view_confidential_label")

    def get_search_fields(self, request):
        fields = list(super().get_search_fields(request))
        return [*fields, "internal_label"] if self.may_read_labels(request) else fields

    def get_list_display(self, request):
        fields = list(super().get_list_display(request))
        return [*fields, "internal_label"] if self.may_read_labels(request) else fields

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if self.may_read_labels(request) else [name for name in fields if name != "internal_label"]

    def get_urls(self):
        autocomplete = SourceAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path("autocomplete/", self.admin_site.admin_view(autocomplete), name="cases_source_autocomplete"),
            *super().get_urls(),
        ]

    @admin.display(description=_("cited in"))
    def cited_in(self, obj):
        """Return links to the journalists and detentions whose case cites the source."""
        if obj is None or obj.pk is None:
            return "—"
        records = cases_citing(obj)
        if not records:
            return _("Not cited yet.")
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (reverse(f"admin:cases_{record._meta.model_name}_change", args=[record.pk]), record)
                for record in records
            ),
        )
        return format_html('<ul class="cited-in">{}</ul>', links)


def cases_citing(source):
    """Return the journalists and detentions whose case cites ``source`` (directly, or by a charge or event)."""
    citations = source.citations.all()
    journalists = models.Journalist.objects.filter(pk__in=citations.values("journalist"))
    detentions = models.Detention.objects.filter(
        Q(pk__in=citations.values("detention"))
        | Q(charges__in=citations.values("charge"))
        | Q(events__in=citations.values("event"))
    ).distinct()
    return [*journalists, *detentions.select_related("journalist")]


@admin.register(models.Beat)
class BeatAdmin(GuardedHistoryAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(models.Medium)
