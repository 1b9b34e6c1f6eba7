"""
Admin registration good enough to enter a whole case.

A journalist page holds aliases, affiliations and citations; a detention page
holds its charges, events and citations; a charge page holds its status history
(the admin has no nested inlines, so a charge links to its own page).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class AliasInline(admin.TabularInline):
    model = models.Alias
    extra = 1


class AffiliationInline(admin.TabularInline):
    model = models.Affiliation
    extra = 1
    autocomplete_fields = ["outlet"]


class JournalistCitationInline(admin.TabularInline):
    model = models.Citation
    fk_name = "journalist"
    fields = ["source", "claim"]
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(models.Journalist)
class JournalistAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_original", "role", "gender", "publication_state", "updated_at"]
    list_filter = ["publication_state", "role", "gender"]
    search_fields = ["name", "name_original", "slug", "aliases__name", "affiliations__outlet__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["mediums", "beats"]
    inlines = [AliasInline, AffiliationInline, JournalistCitationInline]


class ChargeInline(admin.TabularInline):
    model = models.Charge
    fields = ["statute", "wording", "category"]
    extra = 1
    show_change_link = True
    autocomplete_fields = ["statute"]


class EventInline(admin.StackedInline):
    model = models.Event
    extra = 0
    autocomplete_fields = ["charge"]
    fields = [
        ("kind", "on_precision", "on_earliest", "on_latest"),
        "description",
        ("court", "stage", "charge"),
        ("term_months", "life_sentence", "fine_amount", "fine_currency", "other_penalties"),
    ]


class DetentionCitationInline(admin.TabularInline):
    model = models.Citation
    fk_name = "detention"
    fields = ["source", "claim"]
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(models.Detention)
class DetentionAdmin(SimpleHistoryAdmin):
    list_display = ["journalist", "country", "kind", "status", "arrested", "released", "publication_state"]
    list_filter = ["publication_state", "country", "kind", "status", "linked_to_journalism"]
    list_select_related = ["journalist"]
    search_fields = ["journalist__name", "journalist__aliases__name", "place", "charges__statute__article"]
    autocomplete_fields = ["journalist"]
    date_hierarchy = "arrested_latest"
    inlines = [ChargeInline, EventInline, DetentionCitationInline]
    fieldsets = [
        (None, {"fields": ["journalist", "publication_state", ("country", "place"), "authority"]}),
        (
            "Dates",
            {
                "fields": [
                    ("arrested_precision", "arrested_earliest", "arrested_latest"),
                    ("released_precision", "released_earliest", "released_latest"),
                ]
            },
        ),
        (None, {"fields": [("kind", "status", "release_reason", "linked_to_journalism"), "summary", "internal_notes"]}),
    ]


class ChargeStatusInline(admin.TabularInline):
    model = models.ChargeStatusChange
    extra = 1


class ChargeCitationInline(admin.TabularInline):
    model = models.Citation
    fk_name = "charge"
    fields = ["source", "claim"]
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(models.Charge)
class ChargeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "detention", "category"]
    list_select_related = ["detention__journalist", "statute"]
    list_filter = ["category"]
    search_fields = ["statute__article", "wording", "detention__journalist__name"]
    autocomplete_fields = ["detention", "statute"]
    inlines = [ChargeStatusInline, ChargeCitationInline]


@admin.register(models.Outlet)
class OutletAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "website"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Statute)
class StatuteAdmin(SimpleHistoryAdmin):
    list_display = ["article", "code", "country", "title"]
    list_filter = ["country"]
    search_fields = ["article", "title", "code", "slug"]


@admin.register(models.Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "publisher", "published_on", "visibility"]
    list_filter = ["visibility", "publisher"]
    search_fields = ["url", "title", "publisher"]


@admin.register(models.Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "detention", "kind"]
    list_select_related = ["detention__journalist"]
    search_fields = ["description", "detention__journalist__name"]
    autocomplete_fields = ["detention", "charge"]


admin.site.register(models.Beat, SimpleHistoryAdmin, search_fields=["name"])
admin.site.register(models.Medium)
