"""
Uncertain dates: a day known exactly, only to the month or year, or only as a range.

Each is stored as the earliest and latest possible day plus the precision the
person who entered it had, so that both ends can be queried and the date shown
as a person would write it ("November 2023", "between 2 and 5 December 2007").
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class Precision(models.TextChoices):
    DAY = "day", _("exact day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    RANGE = "range", _("range")


def format_day(value):
    """Return a day as written in a sentence: "20 November 2023" (the format is translated)."""
    # Translators: a date format (Django's date filter) for a day inside a sentence; Russian needs "j E Y".
    return formats.date_format(value, pgettext("date format", "j F Y"))


def format_month(value):
    """Return the month of a day as written in a sentence: "November 2023"."""
    return formats.date_format(value, "F Y")


@dataclass(frozen=True)
class FuzzyDate:
    """An interval of possible days. ``earliest`` is None for "on or before"."""

    earliest: datetime.date | None
    latest: datetime.date
    precision: str

    def __post_init__(self):
        if self.earliest is not None and self.earliest > self.latest:
            raise ValueError(_gettext("The earliest possible day comes after the latest."))
        if self.precision not in Precision.values:
            raise ValueError(f"Unknown precision {self.precision!r}.")

    @classmethod
    def day(cls, year, month, day):
        value = datetime.date(year, month, day)
        return cls(value, value, Precision.DAY)

    @classmethod
    def month(cls, year, month):
        last = calendar.monthrange(year, month)[1]
        return cls(datetime.date(year, month, 1), datetime.date(year, month, last), Precision.MONTH)

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), Precision.YEAR)

    @classmethod
    def between(cls, earliest, latest):
        """Return the range [earliest, latest]; earliest may be None ("on or before")."""
        return cls(earliest, latest, Precision.RANGE)

    @classmethod
    def parse(cls, text):
        """
        Return the FuzzyDate written as YYYY-MM-DD, YYYY-MM, YYYY or
        "A..B" where A and B are days (A may be empty for "on or before B").
        """
        text = (text or "").strip()
        if ".." in text:
            start, end = (part.strip() for part in text.split("..", 1))
            earliest = cls.parse(start).earliest if start else None
            return cls.between(earliest, cls.parse(end).latest)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return cls.day(*map(int, text.split("-")))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = map(int, text.split("-"))
            if not 1 <= month <= 12:
                raise ValueError(_gettext("%(value)s is not a month.") % {"value": text})
            return cls.month(year, month)
        if re.fullmatch(r"\d{4}", text):
            return cls.year(int(text))
        raise ValueError(
            _gettext("%(value)r is not a date: write 2023-11-20, 2023-11, 2023 or 2023-11-01..2023-11-30.")
            % {"value": text}
        )

    def iso(self):
        """Return the form parse() reads back."""
        if self.precision == Precision.DAY:
            return self.latest.isoformat()
        # Four-digit years even before 1000, which strftime("%Y") does not pad.
        if self.precision == Precision.MONTH:
            return f"{self.latest.year:04d}-{self.latest.month:02d}"
        if self.precision == Precision.YEAR:
            return f"{self.latest.year:04d}"
        start = self.earliest.isoformat() if self.earliest else ""
        return f"{start}..{self.latest.isoformat()}"

    def __str__(self):
        if self.precision == Precision.DAY:
            return format_day(self.latest)
        if self.precision == Precision.MONTH:
            return format_month(self.latest)
        if self.precision == Precision.YEAR:
            return str(self.latest.year)
        if self.earliest is None:
            return _gettext("on or before %(day)s") % {"day": format_day(self.latest)}
        return _gettext("between %(start)s and %(end)s") % {
            "start": format_day(self.earliest),
            "end": format_day(self.latest),
        }


class FuzzyDateDescriptor:
    """
    Expose three model fields ``<prefix>_earliest``, ``<prefix>_latest`` and
    ``<prefix>_precision`` as one FuzzyDate attribute (None when unknown).
    """

    def __init__(self, prefix):
        self.prefix = prefix

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        latest = getattr(instance, f"{self.prefix}_latest")
        precision = getattr(instance, f"{self.prefix}_precision")
        if latest is None or not precision:
            return None
        return FuzzyDate(getattr(instance, f"{self.prefix}_earliest"), latest, precision)

    def __set__(self, instance, value):
        if value is None:
            earliest = latest = None
            precision = ""
        else:
            earliest, latest, precision = value.earliest, value.latest, value.precision
        setattr(instance, f"{self.prefix}_earliest", earliest)
        setattr(instance, f"{self.prefix}_latest", latest)
        setattr(instance, f"{self.prefix}_precision", precision)


def fuzzy_date_constraints(prefix, model_name):
    """Return the constraints that keep a stored FuzzyDate well-formed."""
    earliest, latest, precision = f"{prefix}_earliest", f"{prefix}_latest", f"{prefix}_precision"
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{earliest}__isnull": True})
            | models.Q(**{f"{latest}__isnull": True})
            | models.Q(**{f"{earliest}__lte": models.F(latest)}),
            name=f"{model_name}_{prefix}_in_order",
            violation_error_message=_("The earliest possible day must not come after the latest."),
        ),
        # A date is either unknown (nothing set) or has a latest day and a precision;
        # only a range may leave its start open.
        models.CheckConstraint(
            condition=models.Q(**{f"{latest}__isnull": True, f"{earliest}__isnull": True, precision: ""})
            | (
                models.Q(**{f"{latest}__isnull": False})
                & (
                    models.Q(**{precision: Precision.RANGE})
                    | models.Q(**{f"{earliest}__isnull": False, f"{precision}__in": ["day", "month", "year"]})
                )
            ),
            name=f"{model_name}_{prefix}_complete",
            violation_error_message=_("A date needs its latest possible day and its precision."),
        ),
    ]
