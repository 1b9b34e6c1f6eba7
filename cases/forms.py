"""
Admin forms: uncertain dates typed as a person writes them, and optimistic
locking so that two people saving the same record cannot overwrite each other.
"""

import calendar
import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import models
from .dates import FuzzyDate
from .names import name_keys
from .widgets import FuzzyDateInput

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class FuzzyDateField(forms.Field):
    """A FuzzyDate typed as a person writes it (FuzzyDate.parse): 15 March 2025, 15.03.2025, March 2025, 2025-03 ..."""

    widget = FuzzyDateInput
    default_error_messages = {
        "impossible_day": _("%(value)s is not a day of the calendar: %(month)s has %(days)d days."),
        "impossible_month": _("%(value)s has no month %(month)d: months run from 01 to 12."),
    }

    def to_python(self, value):
        if isinstance(value, FuzzyDate) or value in self.empty_values:
            return value or None
        text = str(value).strip()
        for match in _DAY.finditer(text):
            self._check_day(*map(int, match.groups()), text=match.group(0))
        try:
            return FuzzyDate.parse(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def _check_day(self, year, month, day, *, text):
        if not 1 <= month <= 12:
            raise ValidationError(
                self.error_messages["impossible_month"], code="invalid", params={"value": text, "month": month}
            )
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise ValidationError(
                self.error_messages["impossible_day"],
                code="invalid",
                params={"value": text, "month": datetime.date(year, month, 1).strftime("%B %Y"), "days": days},
            )

    def prepare_value(self, value):
        return value.iso() if isinstance(value, FuzzyDate) else value

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != (initial or None)
        except ValidationError:
            return True


class VersionedModelForm(forms.ModelForm):
    """
    Refuse to save over a version of the record that the person never saw.

    The form carries the version the record had when it was opened; if the
    stored version has moved on, someone else saved in between and this save is
    refused with a message, keeping everything typed in the form.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    check_version = True

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if not self.check_version or instance._state.adding or instance.pk is None:
            return cleaned
        model = type(instance)
        # Lock the row until the admin's transaction ends, so two saves cannot both pass.
        stored = model._base_manager.select_for_update().filter(pk=instance.pk).values_list("version", flat=True)
        stored = stored.first()
        if stored is not None and cleaned.get("version") != stored:
            raise ValidationError(self._conflict_message(instance, stored), code="stale")
        return cleaned

    def _conflict_message(self, instance, stored):
        latest = instance.history.order_by("-history_date", "-history_id").select_related("history_user").first()
        who = getattr(latest, "history_user", None) if latest else None
        params = {
            "record": instance._meta.verbose_name,
            "who": (who.get_username() if who else _("someone else")),
            "when": latest.history_date.strftime("%d %b %Y %H:%M") if latest else "",
        }
        return (
            _(
                "This %(record)s was changed by %(who)s (%(when)s UTC) after you opened it, so your changes were "
                "not saved. What you typed is still in the form: open the record in a new tab to see their "
                "version, then apply your changes again."
            )
            % params
        )


class FuzzyDatesMixin:
    """Show the FuzzyDate attributes named in ``fuzzy_dates`` as one field each."""

    fuzzy_dates = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fuzzy_dates:
            if name in self.fields and self.instance is not None:
                self.initial.setdefault(name, getattr(self.instance, name))

    def clean(self):
        cleaned = super().clean()
        for name in self.fuzzy_dates:
            if name in self.fields and name not in self.errors:
                setattr(self.instance, name, cleaned.get(name))
        return cleaned


class DetentionForm(FuzzyDatesMixin, VersionedModelForm):
    fuzzy_dates = ("arrested", "released")
    arrested = FuzzyDateField(label=_("Arrested"), required=False, help_text=_("Leave empty if not known."))
    released = FuzzyDateField(label=_("Released"), required=False, help_text=_("Leave empty while in custody."))

    class Meta:
        model = models.Detention
        fields = [
            "journalist",
            "country",
            "place",
            "authority",
            "kind",
            "status",
            "release_reason",
            "linked_to_journalism",
            "custody_confirmed_on",
            "summary",
            "internal_notes",
            "version",
        ]

    def clean(self):
        cleaned = super().clean()
        arrested, released = cleaned.get("arrested"), cleaned.get("released")
        if arrested and released and released.latest < (arrested.earliest or arrested.latest):
            self.add_error(
                "released",
                _("The release (%(released)s) comes before the arrest (%(arrested)s).")
                % {"released": released, "arrested": arrested},
            )
        return cleaned


class OnDateForm(FuzzyDatesMixin, forms.ModelForm):
    fuzzy_dates = ("on",)
    on = FuzzyDateField(label=_("Date"))


class EventForm(OnDateForm, VersionedModelForm):
    # Event.clean refuses a charge of another detention; the form runs it.

    class Meta:
        model = models.Event
        fields = [
            "detention",
            "kind",
            "description",
            "court",
            "stage",
            "charge",
            "term_months",
            "life_sentence",
            "fine_amount",
            "fine_currency",
            "other_penalties",
            "version",
        ]


class ChargeStatusChangeForm(OnDateForm):
    class Meta:
        model = models.ChargeStatusChange
        fields = ["charge", "status", "note"]


class JournalistForm(VersionedModelForm):
    """
    A journalist, saved only after the researcher confirms that a person whose
    name reads the same in any spelling (cases.names) is someone else.
    """

    # Hidden until the save finds a namesake; then it is the box that lets the save go through.
    different_person = forms.BooleanField(
        label=_("This is a different person"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = models.Journalist
        fields = [
            "name",
            "slug",
            "name_original",
            "gender",
            "role",
            "nationality",
            "mediums",
            "beats",
            "biography",
            "internal_notes",
            "version",
        ]

    def clean(self):
        cleaned = super().clean()
        keys = name_keys(cleaned.get("name", ""), cleaned.get("name_original", "")).splitlines()
        if not self.instance._state.adding:
            # Only a new key asks again: one confirmed before, or the person's own, does not.
            keys = [key for key in keys if key not in self.instance.name_key.splitlines()]
        if not keys or cleaned.get("different_person"):
            return cleaned
        namesakes = list(models.Journalist.objects.same_name_as(keys).exclude(pk=self.instance.pk).order_by("pk")[:5])
        if namesakes:
            self.fields["different_person"].widget = forms.CheckboxInput()
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((reverse("admin:cases_journalist_change", args=[person.pk]), person) for person in namesakes),
            )
            self.add_error(
                "name",
                format_html(
                    _(
                        "This name reads the same as that of {people}, in some spelling. If this is not the same "
                        "person, tick “This is a different person” and save again."
                    ),
                    people=links,
                ),
            )
        return cleaned


class ChargeForm(VersionedModelForm):
    class Meta:
        model = models.Charge
        fields = ["detention", "statute", "wording", "category", "version"]


class SourceForm(VersionedModelForm):
    # Whether the person may make a confidential source public: the admin sets it for editors.
    may_publish = False

    class Meta:
        model = models.Source
        fields = [
            "url",
            "title",
            "publisher",
            "language",
            "published_on",
            "accessed_on",
            "archive_url",
            "visibility",
            "internal_notes",
            "version",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.may_publish or self.instance.pk is None or cleaned.get("visibility") != models.Visibility.PUBLIC:
            return cleaned
        # Compare with the stored source: a revert from history brings an old version as the instance.
        stored = models.Source._base_manager.filter(pk=self.instance.pk).values_list("visibility", flat=True).first()
        if stored == models.Visibility.CONFIDENTIAL:
            self.add_error(
                "visibility",
                _("Only an editor may make a confidential source public: it would be shown on published pages."),
            )
        return cleaned


class ReasonForm(forms.Form):
    """The editor's comment when sending back."""

    reason = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))


class PublishForm(forms.Form):
    """The public note of a release, optional."""

    note = forms.CharField(
        label=_("Public note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Shown in the public list of changes, e.g. “Sentence upheld on appeal”."),
    )


class WithdrawForm(forms.Form):
    """Why a record is withdrawn: for staff, and for the public."""

    reason = forms.CharField(
        label=_("Why it is withdrawn (for staff)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Kept with the record; never shown publicly."),
    )
    public_reason = forms.CharField(
        label=_("Public reason"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("What its public address says from now on (410 Gone), and the note of the release."),
    )


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=models.Journalist.objects.none(),
        label=_("Keep this record"),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, journalists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = journalists
