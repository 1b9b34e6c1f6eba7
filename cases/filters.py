"""
The filters of the API contract, shared by the API, the counts and the public pages.

Each filter calls one counting-rule method of ``DetentionQuerySet``; a bad value
is a form error naming the parameter, which the API turns into a 400 and the
pages show beside the field.
"""

import copy
import functools

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import (
    ChargeCategory,
    DetentionKind,
    DetentionStatus,
    Gender,
    Linkage,
    Medium,
    Role,
)
from .public import snapshot_at

ISO_DATE = ["%Y-%m-%d"]


INVALID_CHOICE = _("Select a valid choice. That choice is not one of the available choices.")


class DetentionFilterForm(forms.Form):
    # Set by DetentionFilterSet: the release whose journalists, statutes and outlets a slug must name.
    snapshot = None

    def clean(self):
        data = super().clean()
        for start, end in (("arrested_from", "arrested_to"), ("released_from", "released_to")):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(end, _("%(end)s comes before %(start)s.") % {"end": end, "start": start})
        if not any(data.get(name) for name in ("journalist", "statute", "outlet")):
            return data
        snapshot = self.snapshot or snapshot_at()
        if data.get("journalist"):
            slug = data["journalist"]
            if not snapshot.journalists().with_slug(slug).exists():
                # A slug the person had before stays good: it names them as the current one does.
                current = snapshot.journalists().once_slugged(slug).values_list("slug", flat=True).first()
                if current is None:
                    self.add_error("journalist", INVALID_CHOICE)
                else:
                    data["journalist"] = current
        if data.get("statute") and not snapshot.charges().filter(statute_slug=data["statute"]).exists():
            self.add_error("statute", INVALID_CHOICE)
        if data.get("outlet") and not snapshot.outlets().filter(slug=data["outlet"]).exists():
            self.add_error("outlet", INVALID_CHOICE)
        return data


@functools.cache
def _country_codes():
    return frozenset(code for code, _name in countries)


class SharedChoicesField(django_filters.fields.ChoiceField):
    def __deepcopy__(self, memo):
        # Every form copies its fields; copying each list of choices (lazy labels and
        # all) cost a fifth of checking a count's parameters. Choices are never changed.
        return forms.Field.__deepcopy__(self, memo)


class ChoiceFilter(django_filters.ChoiceFilter):
    field_class = SharedChoicesField


class CountryChoiceField(SharedChoicesField):
    def valid_value(self, value):
        # A set lookup: walking the ~250 translated, sorted country names took most of a cached count.
        return value in _country_codes()


class CountryFilter(django_filters.ChoiceFilter):
    field_class = CountryChoiceField


class SharedQuerysetModelChoiceField(django_filters.fields.ModelChoiceField):
    def __deepcopy__(self, memo):
        # Cloning the queryset of each was a third of checking a count's parameters.
        # The field only reads it (get() and iterator() fill no cache), so copies share it.
        return forms.Field.__deepcopy__(self, memo)


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SharedQuerysetModelChoiceField


def _date(label, help_text):
    return django_filters.DateFilter(
        label=label,
        help_text=help_text,
        input_formats=ISO_DATE,
        method="filter_date",
        error_messages={"invalid": _("Enter a valid date (YYYY-MM-DD).")},
    )


class DetentionFilterSet(django_filters.FilterSet):
    country = CountryFilter(
        choices=lambda: list(countries),
        method="filter_value",
        label=_("country"),
        help_text=_("ISO 3166-1 alpha-2 code of the country of detention, e.g. AZ."),
    )
    journalist = django_filters.CharFilter(
        method="filter_slug",
        label=_("journalist"),
        help_text=_("Slug of a journalist, e.g. ulvi-hasanli."),
    )
    status = ChoiceFilter(
        choices=DetentionStatus.choices,
        method="filter_value",
        label=_("status"),
        help_text=_("Current status of the detention."),
    )
    kind = ChoiceFilter(
        choices=DetentionKind.choices,
        method="filter_value",
        label=_("kind"),
        help_text=_("criminal, administrative or other."),
    )
    arrested_from = _date(_("arrested from"), _("Every possible arrest day is on or after this day (YYYY-MM-DD)."))
    arrested_to = _date(_("arrested to"), _("Every possible arrest day is on or before this day (YYYY-MM-DD)."))
    released_from = _date(_("released from"), _("Every possible release day is on or after this day (YYYY-MM-DD)."))
    released_to = _date(_("released to"), _("Every possible release day is on or before this day (YYYY-MM-DD)."))
    in_custody_on = _date(
        _("in custody on"),
        _("Certainly in custody at the start of this day (YYYY-MM-DD); CPJ's census day is 1 December."),
    )
    charge_category = ChoiceFilter(
        choices=ChargeCategory.choices,
        method="filter_value",
        label=_("charge category"),
        help_text=_("At least one charge of this cross-country category."),
    )
    statute = django_filters.CharFilter(
        method="filter_slug",
        label=_("statute"),
        help_text=_("At least one charge under this statute (its slug, e.g. az-cc-206.3.2)."),
    )
    outlet = django_filters.CharFilter(
        method="filter_slug",
        label=_("outlet"),
        help_text=_("The journalist is affiliated with this outlet (its slug)."),
    )
    gender = ChoiceFilter(
        choices=[choice for choice in Gender.choices if choice[0]],
        method="filter_value",
        label=_("gender"),
        help_text=_("Gender of the journalist where sources state it."),
    )
    role = ChoiceFilter(
        choices=Role.choices,
        method="filter_value",
        label=_("role"),
        help_text=_("journalist or media_worker; without it both count."),
    )
    medium = ModelChoiceFilter(
        queryset=Medium.objects.all(),
        method="filter_slug",
        label=_("medium"),
        help_text=_("The journalist works in this medium: print, online, tv, radio or agency."),
    )
    linked_to_journalism = ChoiceFilter(
        choices=Linkage.choices,
        method="filter_value",
        label=_("linked to journalism"),
        help_text=_("Whether the detention is linked to the person's journalism."),
    )

    class Meta:
        form = DetentionFilterForm
        fields = []

    def __init__(self, *args, snapshot=None, **kwargs):
        self.snapshot = snapshot
        # django-filter deep-copies every filter (and their querysets) per instance, which
        # cost a tenth of an uncached count. A shallow copy is enough: a filter keeps
        # no state of its own but its FilterSet, which is set on the copy here.
        self.base_filters = {}
        super().__init__(*args, **kwargs)
        del self.base_filters
        self.filters = {}
        for name, base in type(self).base_filters.items():
            filter_ = copy.copy(base)
            filter_.model = self.queryset.model
            filter_.parent = self
            if filter_.method:
                filter_.method = filter_.method  # binds a fresh FilterMethod to the copy
            self.filters[name] = filter_

    @property
    def form(self):
        form = super().form
        form.snapshot = self.snapshot
        return form

    def get_form_class(self):
        """Return the form class, built once per FilterSet class rather than on every request."""
        # Building a field per filter (and the form class) was a fifth of an uncached count.
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._form_class = form_class
        return form_class

    # Each filter name maps to the queryset method that holds its rule.
    METHODS = {
        "country": "in_country",
        "journalist": "of_journalist",
        "status": "with_status",
        "kind": "of_kind",
        "charge_category": "with_charge_category",
        "statute": "under_statute",
        "outlet": "at_outlet",
        "gender": "of_gender",
        "role": "of_role",
        "medium": "in_medium",
        "linked_to_journalism": "linked_to_journalism",
    }

    def filter_value(self, queryset, name, value):
        return getattr(queryset, self.METHODS[name])(value)

    def filter_slug(self, queryset, name, value: str):
        return getattr(queryset, self.METHODS[name])(value.pk if name == "medium" else value)

    def filter_date(self, queryset, name, value):
        if name == "arrested_from":
            return queryset.arrested_between(start=value)
        if name == "arrested_to":
            return queryset.arrested_between(end=value)
        if name == "released_from":
            return queryset.released_between(start=value)
        if name == "released_to":
            return queryset.released_between(end=value)
        return queryset.in_custody_on(value)

    def active_filters(self):
        """Return the filters given, as the strings a URL would carry, in declaration order."""
        data = self.form.cleaned_data
        active = {}
        for name in self.filters:
            value = data.get(name)
            if value in (None, ""):
                continue
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            elif name == "medium":
                value = value.pk
            active[name] = str(value)
        return active
