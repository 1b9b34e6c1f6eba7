"""The detention pages: a whole case on one form, found fast among thousands."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from .. import models
from ..forms import ChargeForm, ChargeRowForm, ChargeStatusChangeForm, DetentionForm, EventForm
from ..resources import DetentionResource, import_template_dataset
from .base import CuratedAdmin, PublicationFilter, StackedChild, TabularChild
from .citations import CitationInline
from .review import ReviewAdmin
from .translations import BesideFields, TranslatedAdmin, TranslatedStackedInline
from .workflow import WorkflowAdmin

FIRST_YEAR = 1990


def default_country(user):
    """Return the country a new detention starts in: the one this person saved last, else DEFAULT_COUNTRY."""
    last = (
        models.Detention.history.filter(history_user=user)
        .order_by("-history_date")
        .values_list("country", flat=True)
        .first()
    )
    return last or settings.DEFAULT_COUNTRY


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
    """A detention's charges, each with its status now and since when (ChargeRowForm writes the history row)."""

    model = models.Charge
    form = ChargeRowForm
    template = "admin/cases/includes/tabular_labelled.html"
    fields = ["statute", "wording", "category", "status", "since", "version"]
    readonly_fields = ["status_now"]
    select_related = ["statute", "detention__journalist"]
    extra = 1
    show_change_link = True
    autocomplete_fields = ["statute"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("status_history")

    def get_fields(self, request, obj=None):
        # BesideFields (next in line) puts the English rendering beside the wording.
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        # Read only (a case in review, for a researcher): the status as it stands.
        return [name for name in fields if name not in ("status", "since", "version")] + ["status_now"]

    @admin.display(description=_("status now"))
    def status_now(self, charge):
        latest = charge.current_status_change
        if latest is None:
            return models.ChargeStatus.UNKNOWN.label
        return _("%(status)s since %(since)s") % {"status": latest.get_status_display(), "since": latest.on}


class ScopedCharges:
    """Offer an event only the charges of its own detention, labelled with the case."""

    def charges_of(self, request, obj):
        raise NotImplementedError

    def scoped_form(self, form, request, obj):
        return type(form.__name__, (form,), {"scope_to": self.charges_of(request, obj), "charge_choices": {}})


EVENT_FIELDS = [
    ("kind", "on"),
    "description",
    ("court", "stage", "charge"),
    ("term_months", "life_sentence", "fine_amount", "fine_currency", "other_penalties"),
    ("custody_term_months", "custody_term_days", "custody_ends_on_given", "custody_ends_on"),
    "version",
]


class EventInline(TranslatedStackedInline, ScopedCharges, StackedChild):
    model = models.Event
    form = EventForm
    select_related = ["detention__journalist", "charge__statute"]
    extra = 0
    fields = EVENT_FIELDS
    readonly_fields = ["custody_ends_on"]

    def charges_of(self, request, obj):
        return obj

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = self.scoped_form(formset.form, request, obj)
        return formset


class DetentionCitationInline(CitationInline):
    fk_name = "detention"
    select_related = ["source", "detention__journalist"]


CASE_FORM_MEDIA = forms.Media(css={"all": ["cases/admin-case-form.css"]}, js=["cases/admin-case-form.js"])


@admin.register(models.Detention)
class DetentionAdmin(TranslatedAdmin, ImportExportMixin, ReviewAdmin, WorkflowAdmin, CuratedAdmin):
    form = DetentionForm
    workflow_thing = "detention"
    resource_classes = [DetentionResource]
    import_formats = [CSV, XLSX]
    export_formats = [CSV]
    import_template_name = "admin/cases/detention_import.html"
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
    name_key_fields = ["journalist__name_key", "journalist__aliases__name_key"]
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

    @property
    def media(self):
        return super().media + CASE_FORM_MEDIA

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # Nothing to say about publication before the record exists.
            return [fieldset for fieldset in fieldsets if fieldset[0] != _("Publication")]
        return fieldsets

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("country", default_country(request.user))
        return initial

    def preview_url(self, obj):
        url = reverse("journalist-preview", kwargs={"slug": obj.journalist.slug})
        return f"{url}#detention-{obj.pk}"

    def get_urls(self):
        template = self.admin_site.admin_view(self.import_template_view)
        return [
            path("import-template.<str:extension>", template, name="cases_detention_import_template"),
            *super().get_urls(),
        ]

    TEMPLATE_TYPES = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    def import_template_view(self, request, extension):
        """Return an empty spreadsheet of new cases: the columns and one invented example row."""
        if extension not in self.TEMPLATE_TYPES:
            raise Http404
        if not self.has_import_permission(request):
            raise PermissionDenied
        content = import_template_dataset().export(extension)
        response = HttpResponse(content, content_type=self.TEMPLATE_TYPES[extension])
        response["Content-Disposition"] = f'attachment; filename="new-cases.{extension}"'
        return response

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}


class ChargeStatusInline(TabularChild):
    model = models.ChargeStatusChange
    form = ChargeStatusChangeForm
    fields = ["status", "on", "note"]
    extra = 1


class ChargeCitationInline(CitationInline):
    fk_name = "charge"
    select_related = ["source", "charge__statute"]


class BackToCase:
    """After a plain save, go back to the detention the record belongs to, not to the global list."""

    def back_to_case(self, request, obj, response):
        if any(key in request.POST for key in ("_continue", "_addanother", "_saveasnew", IS_POPUP_VAR)):
            return response
        if obj.detention_id is None or not isinstance(response, HttpResponseRedirect):
            return response
        return HttpResponseRedirect(reverse("admin:cases_detention_change", args=[obj.detention_id]))

    def response_add(self, request, obj, post_url_continue=None):
        return self.back_to_case(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self.back_to_case(request, obj, super().response_change(request, obj))


@admin.register(models.Charge)
class ChargeAdmin(BesideFields, BackToCase, CuratedAdmin):
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
class EventAdmin(TranslatedAdmin, BackToCase, ScopedCharges, CuratedAdmin):
    form = EventForm
    list_display = ["__str__", "detention", "kind"]
    list_select_related = ["detention__journalist"]
    list_filter = ["kind"]
    search_fields = ["description", "detention__journalist__name"]
    autocomplete_fields = ["detention"]
    fields = ["detention", *EVENT_FIELDS]
    readonly_fields = ["custody_ends_on"]

    owner_field = "detention"

    @property
    def media(self):
        return super().media + CASE_FORM_MEDIA

    def owner(self, obj):
        return obj.detention if obj is not None else None

    def charges_of(self, request, obj):
        # The detention the form names (posted, or passed as ?detention=), else the event's own.
        chosen = request.POST.get("detention") or request.GET.get("detention")
        if chosen and str(chosen).isdigit():
            return models.Detention.objects.filter(pk=chosen).first()
        return obj.detention if obj is not None else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        return self.scoped_form(super().get_form(request, obj, change=change, **kwargs), request, obj)
