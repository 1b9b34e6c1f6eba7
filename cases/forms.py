"""
Admin forms: uncertain dates typed as a person writes them, and optimistic
locking so that two people saving the same record cannot overwrite each other.
"""

import calendar
import datetime
import re

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from . import models
from .dates import FuzzyDate
from .history import changes_between, fuzzy_date_of
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


def saved_by(rows):
    """Return who saved the history ``rows``, each named once ("researcher, editor")."""
    names = []
    for row in rows:
        name = row.history_user.get_username() if row.history_user else str(_("someone else"))
        if name not in names:
            names.append(name)
    return ", ".join(names) or str(_("someone else"))


class VersionedModelForm(forms.ModelForm):
    """
    Save over no one's work unseen, and refuse no save for nothing.

    The form carries the version the record had when it was opened. If the
    stored version has moved on, someone else saved in between: what they
    changed is read from the history row of the opened version. A save whose
    changed fields are not among theirs goes through, merged (their values
    kept, this person's applied). One that changes a field they changed too is
    refused, naming their changes with their values; the form then carries the
    new version and their other changes, so that saving again after reviewing
    saves what this person typed.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    check_version = True

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        self.merged_changes = []
        if not self.check_version or instance._state.adding or instance.pk is None:
            return cleaned
        model = type(instance)
        # Lock the row until the admin's transaction ends, so two saves cannot both pass.
        stored = model._base_manager.select_for_update().filter(pk=instance.pk).first()
        if stored is None or cleaned.get("version") == stored.version:
            return cleaned
        opened = self._history_at(cleaned.get("version"))
        latest = instance.history.order_by("-history_date", "-history_id").select_related("history_user").first()
        if opened is None or latest is None:
            self._carry_version(stored.version)
            raise ValidationError(self._conflict_message(instance, latest, [latest] if latest else []), code="stale")
        since = list(instance.history.filter(history_date__gt=opened.history_date).select_related("history_user"))
        theirs = [change for change in changes_between(opened, latest) if change.name in self.fields]
        mine = {name for name in self._compared_fields() if self._typed_differs(name, opened)}
        overlap = [change for change in theirs if change.name in mine]
        if overlap:
            for change in theirs:
                if change.name not in mine:
                    self._show_stored(change.name, stored)
            self._carry_version(stored.version)
            raise ValidationError(self._conflict_message(instance, latest, since, theirs, overlap), code="stale")
        # Merged: the fields this person left as they were take the stored values.
        for change in theirs:
            cleaned[change.name] = self._stored_value(change.name, stored)
        self.merged_changes = theirs
        self.merged_by = saved_by(since)
        return cleaned

    def _compared_fields(self):
        """Return the names of the form's fields that hold a value of the record (not its id or version)."""
        names = []
        for name in self.fields:
            if name in getattr(self, "fuzzy_dates", ()):
                names.append(name)
                continue
            try:
                field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a formset's DELETE, a form's own field
            if name != "version" and not field.primary_key and (field.concrete or field.many_to_many):
                names.append(name)
        return names

    def _history_at(self, version):
        """Return the history row of the version this form was opened on, or None."""
        if version is None:
            return None
        rows = self.instance.history.filter(version=version)
        return rows.order_by("-history_date", "-history_id").first()

    def _model_value(self, name, record):
        """Return the value of the form field ``name`` on a record (or a history row), comparable to a cleaned one."""
        if name in getattr(self, "fuzzy_dates", ()):
            return fuzzy_date_of(record, name)
        field = self._meta.model._meta.get_field(name)
        if field.many_to_many:
            target = get_m2m_reverse_field_name(field)
            if hasattr(record, "instance_type"):  # a history row keeps its m2m in its own table
                return {getattr(row, f"{target}_id") for row in getattr(record, name).all()}
            return set(getattr(record, name).values_list("pk", flat=True))
        return getattr(record, field.attname)

    def _cleaned_value(self, name):
        value = self.cleaned_data.get(name)
        field = self._meta.model._meta.get_field(name) if name not in getattr(self, "fuzzy_dates", ()) else None
        if field is not None and field.many_to_many:
            return {item.pk for item in value or ()}
        if field is not None and field.is_relation:
            return value.pk if value is not None else None
        if field is not None:
            return field.to_python(value) if value is not None else value
        return value

    def _typed_differs(self, name, opened):
        """Return whether the value sent for ``name`` differs from the one the person opened."""
        if name in self.errors:
            return True
        mine, then = self._cleaned_value(name), self._model_value(name, opened)
        empty = (None, "")
        return not (mine == then or (mine in empty and then in empty))

    def _stored_value(self, name, stored):
        """Return the stored value of ``name`` as cleaned_data holds it."""
        if name in getattr(self, "fuzzy_dates", ()):
            return getattr(stored, name)
        field = self._meta.model._meta.get_field(name)
        if field.many_to_many:
            return list(getattr(stored, name).all())
        return getattr(stored, field.name)

    def _show_stored(self, name, stored):
        """Put the stored value of ``name`` in the refused form: the person sees, and keeps, their change."""
        self.data = self.data.copy()
        value = self.fields[name].prepare_value(self._stored_value(name, stored))
        key = self.add_prefix(name)
        if isinstance(value, (list, tuple)) and hasattr(self.data, "setlist"):
            self.data.setlist(key, [str(item.pk if hasattr(item, "pk") else item) for item in value])
        else:
            self.data[key] = "" if value is None else value

    def _carry_version(self, version):
        """Make the refused form carry the stored version, so saving it again after review goes through."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = version

    def _conflict_message(self, instance, latest, since, theirs=(), overlap=()):
        """Say who saved since the form was opened (the rows ``since``), what they changed, and what to do."""
        params = {
            "record": instance._meta.verbose_name,
            "who": saved_by(since),
            "when": latest.history_date.strftime("%d %b %Y %H:%M") if latest else "",
        }
        message = (
            _(
                "This %(record)s was changed by %(who)s (%(when)s UTC) after you opened it, so your changes were "
                "not saved."
            )
            % params
        )
        if theirs:
            changed = "; ".join(f"{change.label}: {change.old} → {change.new}" for change in theirs)
            message += " " + _("They changed %(changes)s.") % {"changes": changed}
        if overlap:
            message += " " + _(
                "You changed %(fields)s too. The form now holds their other changes and what you typed: "
                "check it, then save again to keep your values."
            ) % {"fields": ", ".join(change.label for change in overlap)}
        else:
            message += " " + _("What you typed is still in the form: check it against their version, then save again.")
        return message


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
        self.end_custody(cleaned)
        return cleaned

    # A case still held in one of these, given a release day or reason, is released.
    HELD = (models.DetentionStatus.PRETRIAL, models.DetentionStatus.SENTENCED, models.DetentionStatus.UNKNOWN)

    def end_custody(self, cleaned):
        """
        A release day or reason typed on a case still held ends its custody: the status
        becomes "released" unless the researcher chose a status in the same save, so that
        recording a release is not three fields that must agree.
        """
        said_released = "released" in self.changed_data or "release_reason" in self.changed_data
        if not said_released or "status" in self.changed_data or self.errors:
            return
        if (cleaned.get("released") or cleaned.get("release_reason")) and cleaned.get("status") in self.HELD:
            cleaned["status"] = models.DetentionStatus.RELEASED


class OnDateForm(FuzzyDatesMixin, forms.ModelForm):
    fuzzy_dates = ("on",)
    on = FuzzyDateField(label=_("Date"))


def charge_label(charge):
    """Return a charge as a picker lists it, saying whose case it is: "art. 206.3.2 (smuggling) — Name, Nov 2023"."""
    statute = charge.statute
    if statute is not None:
        what = f"{_('art.')} {statute.article}" + (f" ({statute.title})" if statute.title else "")
    else:
        what = charge.wording or charge.get_category_display()
    detention = charge.detention
    arrested = detention.arrested
    when = date_format(arrested.earliest or arrested.latest, "M Y") if arrested else _("date unknown")
    return f"{what} — {detention.journalist.name}, {when}"


class ChargeChoiceField(forms.ModelChoiceField):
    """A charge of one detention, labelled with its case; another case's charge is refused on this field."""

    default_error_messages = {
        "invalid_choice": _("This charge belongs to another case: choose one of this detention's charges."),
    }

    def label_from_instance(self, obj):
        return charge_label(obj)


class EventForm(OnDateForm, VersionedModelForm):
    """
    An event of a detention. Its charge is chosen among its own detention's
    charges (``scope_charges``); the prison term and fine belong to a sentence,
    the term of custody to a pretrial order or extension, and are refused on
    other kinds.
    """

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
            "custody_term_months",
            "custody_term_days",
            "custody_ends_on_given",
            "version",
        ]
        field_classes = {"charge": ChargeChoiceField}

    # The detention whose charges the charge field offers; the admin sets it (None while adding one).
    scope_to = NotImplemented
    # A dict the forms of one formset share, to list the charges once (the admin gives one).
    charge_choices = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.scope_to is not NotImplemented:
            self.scope_charges(self.scope_to)
        if "kind" in self.fields:
            # The case form's script shows a kind's own fields (a sentence's term, an order's term of custody).
            self.fields["kind"].widget.attrs["data-event-kind"] = ""
        if self.instance.custody_ends_on is None:
            return
        given = self.fields.get("custody_ends_on_given")
        if given is not None and self.instance.custody_ends_on_given is None:
            given.help_text = _("Counted from the date and the term: %(day)s. Type a day to override.") % {
                "day": date_format(self.instance.custody_ends_on, "j M Y")
            }

    def scope_charges(self, detention):
        """Offer only the charges of ``detention`` (none while it is being added)."""
        field = self.fields.get("charge")
        if field is None:
            return
        charges = models.Charge.objects.select_related("statute", "detention__journalist")
        field.queryset = charges.filter(detention=detention) if detention and detention.pk else charges.none()
        if self.charge_choices is not None:
            # The events of one page share one list of choices: one query, not one per event.
            if "choices" not in self.charge_choices:
                self.charge_choices["choices"] = list(field.choices)
            field.choices = self.charge_choices["choices"]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind:
            self._refuse_unless(kind in models.SENTENCE_KINDS, models.SENTENCE_FIELDS, cleaned, _("a sentence"))
            self._refuse_unless(
                kind in models.PRETRIAL_KINDS,
                models.PRETRIAL_TERM_FIELDS,
                cleaned,
                _("a pretrial order or extension"),
            )
        return cleaned

    def _refuse_unless(self, allowed, names, cleaned, what):
        if allowed:
            return
        for name in names:
            if name in self.fields and cleaned.get(name) not in (None, "", False):
                self.add_error(
                    name,
                    _("Only %(what)s has this: change the kind, or clear this field.") % {"what": what},
                )


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


class ChargeRowForm(ChargeForm):
    """
    A charge as a row of its detention's form, with its status now and since
    when: a status other than the current one writes a ChargeStatusChange, so
    that one save records "dropped in June 2025" and "added, pending".

    A new charge is pending unless said otherwise (so the public never reads
    "Now: unknown" for it), since the arrest unless a day is typed.
    """

    # Not required: a row posted without it (a script, an older form) keeps the status it has,
    # and a new charge is pending. The select has no empty choice, so a browser always sends one.
    status = forms.ChoiceField(
        label=_("Status now"),
        choices=models.ChargeStatus.choices,
        initial=models.ChargeStatus.PENDING,
        required=False,
    )
    since = FuzzyDateField(
        label=_("Since"),
        required=False,
        help_text=_("When the status changed; a new charge counts from the arrest if empty."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["status"] = self.instance.current_status

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("status") and self.instance.pk is None:
            cleaned["status"] = models.ChargeStatus.PENDING
        status, since = cleaned.get("status"), cleaned.get("since")
        if "status" in self.errors or "since" in self.errors or not self.status_changed(status):
            if since and self.instance.pk is not None and "since" in self.changed_data:
                self.add_error(
                    "since",
                    _("The status is unchanged: change the status, or correct its date on the charge's page."),
                )
            return cleaned
        if since is None:
            detention = cleaned.get("detention")
            arrested = detention.arrested if detention is not None else None
            if self.instance.pk is not None or arrested is None:
                self.add_error(
                    "since",
                    _("Say since when the charge is %(status)s, e.g. 2025-06.")
                    % {"status": models.ChargeStatus(status).label},
                )
                return cleaned
            cleaned["since"] = arrested
        return cleaned

    def status_changed(self, status):
        """Return whether ``status`` differs from the charge's current one (a new charge always has one)."""
        if not status:
            return False
        return self.instance.pk is None or status != self.instance.current_status

    def save(self, commit=True):
        status = self.cleaned_data.get("status")
        changed = self.status_changed(status)
        charge = super().save(commit=commit)
        if changed:
            change = models.ChargeStatusChange(charge=charge, status=status)
            change.on = self.cleaned_data["since"]
            if commit:
                change.save()
            else:
                # The admin saves the charge later (save_model); the status row follows it.
                previous = self.save_m2m

                def save_m2m():
                    previous()
                    change.charge = charge
                    change.save()

                self.save_m2m = save_m2m
        return charge


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
            "internal_label",
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


class CitationForm(forms.ModelForm):
    """
    A citation row that either picks a source already entered or describes a
    new one (url, title, publisher, visibility), created in the same save: no
    popup. The admin turns the new-source fields off for whoever may not add sources.
    """

    new_source_url = forms.URLField(label=_("or a new source: url"), required=False, max_length=500)
    new_source_title = forms.CharField(label=_("title"), required=False, max_length=400)
    new_source_publisher = forms.CharField(label=_("publisher"), required=False, max_length=200)
    new_source_visibility = forms.ChoiceField(
        label=_("visibility"), choices=models.Visibility.choices, initial=models.Visibility.PUBLIC, required=False
    )
    new_source_label = forms.CharField(
        label=_("internal label"),
        required=False,
        max_length=200,
        help_text=_("For a confidential source: what it is, e.g. “relative”. Never public."),
    )

    NEW_SOURCE = ("url", "title", "publisher")

    class Meta:
        model = models.Citation
        fields = ["source", "claim"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = False
        self.new_source = None

    def clean(self):
        cleaned = super().clean()
        described = any(cleaned.get(f"new_source_{name}") for name in self.NEW_SOURCE)
        if cleaned.get("source") and described:
            self.add_error("source", _("Pick an existing source or describe a new one, not both."))
        elif described:
            self.new_source = self._new_source(cleaned)
        elif not cleaned.get("source") and "source" not in self.errors:
            self.add_error("source", _("Pick a source, or give the url or title of a new one."))
        return cleaned

    def _new_source(self, cleaned):
        visibility = cleaned.get("new_source_visibility") or models.Visibility.PUBLIC
        source = models.Source(
            url=cleaned.get("new_source_url", ""),
            title=cleaned.get("new_source_title", ""),
            publisher=cleaned.get("new_source_publisher", ""),
            visibility=visibility,
            internal_label=cleaned.get("new_source_label", ""),
        )
        if not (source.url or source.title):
            self.add_error("new_source_url", _("A new source needs a url or a title."))
            return None
        try:
            source.full_clean(exclude=["version"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                field = f"new_source_{name}" if f"new_source_{name}" in self.fields else None
                self.add_error(field, messages)
            return None
        return source

    def save(self, commit=True):
        if self.new_source is not None and self.new_source.pk is None:
            self.new_source.save()
            self.instance.source = self.new_source
        return super().save(commit=commit)


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
