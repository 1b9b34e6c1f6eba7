"""
The uncertain-date input: one text box, and next to it the date as it will be
shown ("March 2025"), read again as one types (cases/static/cases/admin-dates.js).
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .dates import FuzzyDate

# Shown next to an empty field: visible text, not a placeholder that vanishes when typing starts.
HINT = _("e.g. 15 March 2025, 15.03.2025, March 2025, 2025, between 1 and 15 January 2024")


class FuzzyDateInput(forms.TextInput):
    """
    A text input for a FuzzyDate, followed by its reading ("November 2023"),
    the error of what cannot be read, or the forms to type.
    """

    class Media:
        js = ["cases/admin-dates.js"]

    def __init__(self, attrs=None):
        super().__init__({"size": 34, "class": "fuzzy-date", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, FuzzyDate):
            return value.iso()
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The one parser answers the script (cases.admin.dates.read_date).
        context["widget"]["attrs"]["data-reading-url"] = reverse("admin-read-date")
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        reading = value if isinstance(value, FuzzyDate) else _parsed_or_none(value)
        return format_html(
            '{} <span class="fuzzy-date-reading" data-for="{}" data-hint="{}" aria-live="polite">{}</span>',
            html,
            name,
            HINT,
            HINT if reading is None else str(reading),
        )


def _parsed_or_none(value):
    try:
        return FuzzyDate.parse(value) if value else None
    except ValueError:
        return None
