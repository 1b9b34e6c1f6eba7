"""The detention pages: a whole case on one form, found fast among thousands."""

import datetime

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV

from .. import models
from ..forms import ChargeForm, ChargeStatusChangeForm, DetentionForm, EventForm
from ..resources import DetentionResource
from .base import CuratedAdmin, PublicationFilter, StackedChild, TabularChild
from .review import ReviewAdmin
from .translations import BesideFields, TranslatedAdmin, TranslatedStackedInline
from .workflow import WorkflowAdmin

FIRST_YEAR = 1990


class ArrestYearFilter(admin.SimpleListFilter):
    """Detentions whose every possible arrest day lies in the chosen year (counting rule 3)."""

    title = _("arrest date")
    parameter_name = "arrested_in"

    def lookups(self, request, model_admin):
        # A fixed list rather than a DISTINCT over the whole table.
        this_year = datetime.date.today().year
        return [("unknown", _("not known")), *((str(y), str(y)) for y in range(this_year, FIRST_YEAR - 1, -1))]

    def queryset(self, request, queryset):
        if self.value() == "unknown":
            return queryset.filter(arrested_latest__isnull=True)
        if self.value() and self.value().isdigit():
            year = int(self.value())
            return queryset.arrested_in_year(year)
        return queryset


class ChargeInline(BesideFields, TabularChild):
    model = models.Charge
    form = ChargeForm
    fields = ["statute", "wording", "category", "version"]
    select_related = ["statute", "detention__journalist"]
    extra = 1
    show_change_link = True
    autocomplete_fields = ["statute"]


class EventInline(TranslatedStackedInline, StackedChild):
    model = models.Event
    form = EventForm
    select_related = ["detention__journalist", "charge__statute"]
    extra = 0
    autocomplete_fields = ["charge"]
    fields = [
        ("kind", "on"),
        "description",
        ("court", "stage", "charge"),
        ("term_months", "life_sentence", "fine_amount", "fine_currency", "other_penalties"),
        "version",
    ]


class DetentionCitationInline(TabularChild):
    model = models.Citation
    fk_name = "detention"
    fields = ["source", "claim"]
    select_related = ["source", "detention__journalist"]
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(models.Detention)
class DetentionAdmin(TranslatedAdmin, ImportExportMixin, ReviewAdmin, WorkflowAdmin, CuratedAdmin):
    form = DetentionForm
    workflow_thing = "detention"
    resource_classes = [DetentionResource]
    import_formats = export_formats = [CSV]
    list_display = ["journalist", "country", "kind", "status", "arrested", "released", "publication"]
    list_filter = [
        PublicationFilter,
        "country",
        "kind",
        "status",
        "linked_to_journalism",
        ("charges__category", admin.ChoicesFieldListFilter),
        ArrestYearFilter,
    ]
    list_select_related = ["journalist"]
    search_fields = [
        "journalist__name",
        "journalist__name_original",
        "journalist__aliases__name",
        "journalist__affiliations__outlet__name",
        "charges__statute__article",
        "place",
    ]
    autocomplete_fields = ["journalist"]
    readonly_fields = ["publication", "published_at", "review_comment", "withdrawal_reason", "external_id"]
    inlines = [ChargeInline, EventInline, DetentionCitationInline]
    fieldsets = [
        (None, {"fields": ["journalist", ("country", "place"), "authority", "version"]}),
        (_("Dates"), {"fields": [("arrested", "released"), "custody_confirmed_on"]}),
        (None, {"fields": [("kind", "status", "release_reason", "linked_to_journalism"), "summary", "internal_notes"]}),
        (
            _("Publication"),
            {"fields": [("publication", "published_at"), "review_comment", "withdrawal_reason", "external_id"]},
        ),
    ]

    def preview_url(self, obj):
        url = reverse("journalist-preview", kwargs={"slug": obj.journalist.slug})
        return f"{url}#detention-{obj.pk}"

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}


class ChargeStatusInline(TabularChild):
    model = models.ChargeStatusChange
    form = ChargeStatusChangeForm
    fields = ["status", "on", "note"]
    extra = 1


class ChargeCitationInline(TabularChild):
    model = models.Citation
    fk_name = "charge"
    fields = ["source", "claim"]
    select_related = ["source", "charge__statute"]
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(models.Charge)
class ChargeAdmin(BesideFields, CuratedAdmin):
    form = ChargeForm
    list_display = ["__str__", "detention", "category"]
    list_select_related = ["detention__journalist", "statute"]
    list_filter = ["category"]
    search_fields = ["statute__article", "wording", "detention__journalist__name"]
    autocomplete_fields = ["detention", "statute"]
    fields = ["detention", "statute", "wording", "category", "version"]
    inlines = [ChargeStatusInline, ChargeCitationInline]

    owner_field = "detention"

    def owner(self, obj):
        return obj.detention if obj is not None else None


@admin.register(models.Event)
class EventAdmin(TranslatedAdmin, CuratedAdmin):
    form = EventForm
    list_display = ["__str__", "detention", "kind"]
    list_select_related = ["detention__journalist"]
    list_filter = ["kind"]
    search_fields = ["description", "detention__journalist__name"]
    autocomplete_fields = ["detention", "charge"]
    fields = [
        "detention",
        ("kind", "on"),
        "description",
        ("court", "stage", "charge"),
        ("term_months", "life_sentence", "fine_amount", "fine_currency", "other_penalties"),
        "version",
    ]

    owner_field = "detention"

    def owner(self, obj):
        return obj.detention if obj is not None else None
