"""Reference lists that cases point to: outlets, statutes, sources, beats and mediums."""

from django.contrib import admin

from .. import models
from ..forms import SourceForm
from ..services import in_curated_use, is_editor
from .base import CuratedAdmin, GuardedHistoryAdmin
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
    form = SourceForm
    list_display = ["__str__", "publisher", "published_on", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["url", "title", "publisher"]
    fields = [
        "url",
        "title",
        "publisher",
        ("language", "published_on", "accessed_on"),
        "archive_url",
        "visibility",
        "internal_notes",
        "version",
    ]

    def owner(self, obj):
        # Sources are shared: no publication state of their own governs them.
        return None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"may_publish": is_editor(request.user)})


@admin.register(models.Beat)
class BeatAdmin(GuardedHistoryAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(models.Medium)
