"""Reference lists that cases point to: outlets, statutes, sources, beats and mediums."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .. import models
from ..forms import SourceForm
from .base import CappedCountPaginator, CuratedAdmin


class ReferenceAdmin(SimpleHistoryAdmin):
    paginator = CappedCountPaginator
    show_full_result_count = False


@admin.register(models.Outlet)
class OutletAdmin(ReferenceAdmin):
    list_display = ["name", "country", "website"]
    list_filter = ["country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Statute)
class StatuteAdmin(ReferenceAdmin):
    list_display = ["article", "code", "country", "title"]
    list_filter = ["country"]
    search_fields = ["article", "title", "code", "slug"]


@admin.register(models.Source)
class SourceAdmin(CuratedAdmin):
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


@admin.register(models.Beat)
class BeatAdmin(ReferenceAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(models.Medium)
