"""
FilterSets of the reference lists. Detentions and counts share
``cases.filters.DetentionFilterSet``, which holds the counting rules.
"""

import django_filters
from django_countries import countries

from cases.models import DetentionVersionCharge, Gender, JournalistVersion, JournalistVersionOutlet, Role


def _country(help_text):
    return django_filters.ChoiceFilter(choices=lambda: list(countries), field_name="country", help_text=help_text)


# Longer than any name; SQLite refuses a LIKE pattern of 50,000 bytes or more.
SEARCH_MAX_LENGTH = 200


class JournalistFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        help_text="Part of a name: the Latin-script name, the original-script name or any alias.",
    )
    role = django_filters.ChoiceFilter(choices=Role.choices, help_text="journalist or media_worker.")
    gender = django_filters.ChoiceFilter(
        choices=[choice for choice in Gender.choices if choice[0]], help_text="Where sources state it."
    )

    class Meta:
        model = JournalistVersion
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.named(value)


class OutletFilterSet(django_filters.FilterSet):
    country = _country("ISO 3166-1 alpha-2 code of the outlet's country.")

    class Meta:
        model = JournalistVersionOutlet
        fields = []


class StatuteFilterSet(django_filters.FilterSet):
    country = _country("ISO 3166-1 alpha-2 code of the country whose law it is.")
    country.field_name = "statute_country"

    class Meta:
        model = DetentionVersionCharge
        fields = []
