"""
Cases as CSV for django-import-export: one row per detention, imported with a
preview, an error per row, and nothing written unless every row is good.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .forms import FuzzyDateField
from .models import Detention, Journalist, PublicationState


class FuzzyDateWidget(widgets.Widget):
    """An uncertain date written as 2023-11-20, 2023-11, 2023 or 2023-11-01..2023-11-30."""

    def clean(self, value, row=None, **kwargs):
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
