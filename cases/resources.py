"""
Cases as a spreadsheet (CSV or XLSX) for django-import-export: one row per
detention, imported with a preview, an error per row (its number, column and
message), and nothing written unless every row is good.

A row of a new case may also give its first charge (statute slug or wording,
category, status and since when) and the source that reports it (url, title,
publisher, and what it supports), cited on the detention so that the case can be
submitted for review. Everything imported is a draft.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .forms import FuzzyDateField
from .models import (
    Charge,
    ChargeStatus,
    ChargeStatusChange,
    Citation,
    Detention,
    Journalist,
    PublicationState,
    Source,
    Statute,
)

# The columns of a new case beyond the detention's own, in the template's order.
CASE_COLUMNS = [
    "charge_statute",
    "charge_wording",
    "charge_category",
    "charge_status",
    "charge_since",
    "source_url",
    "source_title",
    "source_publisher",
    "source_claim",
]


class FuzzyDateWidget(widgets.Widget):
    """An uncertain date written as 2023-11-20, 2023-11, 2023 or 2023-11-01..2023-11-30."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):  # a spreadsheet's date cell
            value = value.date()
        if isinstance(value, datetime.date):
            value = value.isoformat()
        try:
            return FuzzyDateField(required=False).clean(value)
        except ValidationError as error:
            raise ValueError(" ".join(error.messages)) from None

    def render(self, value, obj=None, **kwargs):
        return value.iso() if value else ""


class DetentionResource(resources.ModelResource):
    """
    A case: the journalist by slug (created as a draft from ``journalist_name``
    when the slug is new), the detention's facts and its uncertain dates.
    New rows become drafts; rows may only change drafts.
    """

    journalist = fields.Field(
        attribute="journalist",
        column_name="journalist",
        widget=widgets.ForeignKeyWidget(Journalist, field="slug"),
    )
    journalist_name = fields.Field(attribute="journalist__name", column_name="journalist_name", readonly=True)
    arrested = fields.Field(attribute="arrested", column_name="arrested", widget=FuzzyDateWidget())
    released = fields.Field(attribute="released", column_name="released", widget=FuzzyDateWidget())
    publication_state = fields.Field(attribute="publication_state", column_name="publication_state", readonly=True)
    # A new case's first charge and its source (CASE_COLUMNS): read from the row, written after the detention.
    charge_statute = fields.Field(column_name="charge_statute", readonly=True)
    charge_wording = fields.Field(column_name="charge_wording", readonly=True)
    charge_category = fields.Field(column_name="charge_category", readonly=True)
    charge_status = fields.Field(column_name="charge_status", readonly=True)
    charge_since = fields.Field(column_name="charge_since", readonly=True)
    source_url = fields.Field(column_name="source_url", readonly=True)
    source_title = fields.Field(column_name="source_title", readonly=True)
    source_publisher = fields.Field(column_name="source_publisher", readonly=True)
    source_claim = fields.Field(column_name="source_claim", readonly=True)
    # The English summary, whatever the language of the admin that imports (the plain attribute follows it).
    summary = fields.Field(attribute="summary_en", column_name="summary")

    class Meta:
        model = Detention
        fields = [
            "id",
            "journalist",
            "journalist_name",
            "country",
            "place",
            "authority",
            "kind",
            "status",
            "release_reason",
            "linked_to_journalism",
            "arrested",
            "released",
            "summary",
            "publication_state",
            *CASE_COLUMNS,
        ]
        import_id_fields = ["id"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def get_queryset(self):
        return Detention.objects.select_related("journalist")

    def get_instance(self, instance_loader, row):
        if not row.get("id"):
            return None
        return super().get_instance(instance_loader, row)

    def before_import_row(self, row, **kwargs):
        slug = (row.get("journalist") or "").strip()
        name = (row.get("journalist_name") or "").strip()
        if slug and name and not Journalist.objects.filter(slug=slug).exists():
            journalist = Journalist(slug=slug, name=name)
            journalist.full_clean()
            journalist._history_user = self.user
            journalist.save()

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new and instance.publication_state != PublicationState.DRAFT:
            raise ValidationError(
                _("Detention %(id)s is %(state)s; only drafts change by import. Edit it in its form.")
                % {"id": instance.pk, "state": instance.get_publication_state_display()}
            )

    def before_save_instance(self, instance, row, **kwargs):
        if instance._state.adding:
            instance.publication_state = PublicationState.DRAFT
        instance._history_user = self.user
        instance._change_reason = "CSV import"

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance._case_parts, part_errors = self.case_parts(instance, row)
        errors.update(part_errors)
        if errors:
            raise ValidationError(errors)

    def case_parts(self, instance, row):
        """Return the charge, its status change and the citation a row describes, and the errors by column."""
        given = {name: str(row.get(name) or "").strip() for name in CASE_COLUMNS}
        if not any(given.values()):
            return None, {}
        if not instance._state.adding:
            return None, {
                "charge_statute": _("Charge and source columns start a new case only: edit its charges in its form.")
            }
        errors, parts = {}, {}
        if any(given[name] for name in CASE_COLUMNS[:5]):
            parts["charge"], parts["status"] = self.charge_of(instance, given, errors)
        if any(given[name] for name in CASE_COLUMNS[5:]):
            parts["citation"] = self.citation_of(given, errors)
        return parts, errors

    def charge_of(self, instance, given, errors):
        charge = Charge(wording=given["charge_wording"], category=given["charge_category"])
        if given["charge_statute"]:
            charge.statute = Statute.objects.filter(slug=given["charge_statute"]).first()
            if charge.statute is None:
                errors["charge_statute"] = _(
                    "No statute %(slug)s: add it in the admin first, or leave this empty and give the wording."
                ) % {"slug": given["charge_statute"]}
        try:
            charge.full_clean(exclude=["detention", "statute", "version"])
        except ValidationError as error:
            errors.update({f"charge_{name}": messages for name, messages in error.message_dict.items()})
        status = ChargeStatusChange(status=given["charge_status"] or ChargeStatus.PENDING)
        if status.status not in ChargeStatus.values:
            errors["charge_status"] = _("Unknown status %(status)s: use one of %(choices)s.") % {
                "status": status.status,
                "choices": ", ".join(ChargeStatus.values),
            }
        try:
            since = FuzzyDateWidget().clean(given["charge_since"]) or instance.arrested
        except ValueError as error:
            errors["charge_since"] = str(error)
            since = None
        else:
            if since is None:
                errors["charge_since"] = _("Say since when the charge has its status, or give the arrest date.")
        status.on = since
        return charge, status

    def citation_of(self, given, errors):
        source = Source.objects.filter(url=given["source_url"]).first() if given["source_url"] else None
        if source is None:
            source = Source(url=given["source_url"], title=given["source_title"], publisher=given["source_publisher"])
            if not (source.url or source.title):
                errors["source_url"] = _("A source needs a url or a title.")
            try:
                source.full_clean(exclude=["version"])
            except ValidationError as error:
                errors.update({f"source_{name}": messages for name, messages in error.message_dict.items()})
        citation = Citation(source=source, claim=given["source_claim"])
        return citation

    def after_save_instance(self, instance, row, **kwargs):
        parts = getattr(instance, "_case_parts", None) or {}
        if "charge" in parts:
            charge, status = parts["charge"], parts["status"]
            charge.detention = instance
            charge.save()
            status.charge = charge
            status.save()
        if "citation" in parts:
            citation = parts["citation"]
            if citation.source.pk is None:
                citation.source.save()
            citation.source_id = citation.source.pk
            citation.detention = instance
            citation.save()


def import_template_dataset():
    """Return the import's columns for new cases, with one invented example row, as a tablib Dataset."""
    import tablib

    # The import's own columns, less what it only reports.
    headers = [name for name in DetentionResource._meta.fields if name != "publication_state"]
    example = {
        "journalist": "invented-reporter",
        "journalist_name": "Invented Reporter",
        "country": "AZ",
        "place": "Baku",
        "kind": "criminal",
        "status": "pretrial",
        "linked_to_journalism": "confirmed",
        "arrested": "2023-11",
        "charge_statute": "az-cc-206.3.2",
        "charge_category": "anti_state",
        "charge_status": "pending",
        "source_url": "https://news.example/arrest-report",
        "source_title": "Reporter arrested",
        "source_publisher": "Example News",
        "source_claim": "the arrest",
    }
    return tablib.Dataset([example.get(name, "") for name in headers], headers=headers)
