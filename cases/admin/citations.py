"""
Citations as rows of the record they support: a source is picked by what it is
(url, title, publisher, and for those who may read it a confidential source's
internal label) or described in the row itself, never in a popup.
"""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect

from .. import models
from ..forms import CitationForm
from .base import TabularChild

NEW_SOURCE_FIELDS = [
    "new_source_url",
    "new_source_title",
    "new_source_publisher",
    "new_source_visibility",
    "new_source_label",
]


class SourceAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete, labelling a confidential source by its internal label for those who may read it."""

    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": obj.staff_label(self.request.user)}


class SourceSelect(AutocompleteSelect):
    url_name = "%s:cases_source_autocomplete"


class CitationInline(TabularChild):
    """A record's citations: pick a source, or describe a new one in the row."""

    model = models.Citation
    form = CitationForm
    template = "admin/cases/includes/tabular_labelled.html"
    extra = 1

    class Media:
        # On every page that cites (a journalist's too): the rows stack on a narrow screen.
        css = {"all": ["cases/admin-case-form.css"]}

    def get_fields(self, request, obj=None):
        fields = ["source", "claim"]
        # Only where the rows can be edited, by whoever may add sources.
        if request.user.has_perm("cases.add_source") and self.has_change_permission(request, obj):
            fields += NEW_SOURCE_FIELDS
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source":
            kwargs["widget"] = SourceSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "source" and hasattr(formfield.widget, "can_add_related"):
            # A new source is described in the row: no popups to add, change or view one.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_view_related = False
            widget.can_delete_related = False
        return formfield
