"""The uncertain-date input: one text box, read back as a person would write the date."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .dates import FuzzyDate

PLACEHOLDER = _("2023-11-20, 2023-11, 2023 or 2023-11-01..2023-11-30")


class FuzzyDateInput(forms.TextInput):
    """
    A text input for a FuzzyDate in the form parse() reads ("2023-11"), followed
    by the date as it will be shown ("November 2023").
    """

    def __init__(self, attrs=None):
        super().__init__({"placeholder": PLACEHOLDER, "size": 26, "class": "fuzzy-date", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, FuzzyDate):
            return value.iso()
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        reading = value if isinstance(value, FuzzyDate) else _parsed_or_none(value)
        if reading is None:
            return html
        return format_html('{} <span class="fuzzy-date-reading" data-for="{}">{}</span>', html, name, str(reading))


def _parsed_or_none(value):
    try:
        return FuzzyDate.parse(value) if value else None
    except ValueError:
        return None
