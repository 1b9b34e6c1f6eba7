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
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("exact day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    RANGE = "range", _("range")


def _as_written(text):
    """Return a formatted date as the active language writes it: Azerbaijani months in lower case ("20 noyabr 2023")."""
    if get_language() == "az":
        # The dotted and dotless capital I are two letters in Azerbaijani, as in Turkish.
        return text.replace("İ", "i").replace("I", "ı").lower()
    return text


def format_day(value):
    """Return a day as written in a sentence: "20 November 2023" (the format is translated)."""
    # Translators: a date format (Django's date filter) for a day inside a sentence; Russian needs "j E Y".
    return _as_written(formats.date_format(value, pgettext("date format", "j F Y")))


def format_month(value):
    """Return the month of a day as written in a sentence: "November 2023"."""
    return _as_written(formats.date_format(value, "F Y"))


# Month names as people type them: English, Azerbaijani, and Russian in the
# nominative ("март 2025") and the genitive of a day ("15 марта 2025").
_MONTH_NAMES = [
    "january february march april may june july august september october november december",
    "yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr",
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
]
MONTHS = {name: number for names in _MONTH_NAMES for number, name in enumerate(names.split(), start=1)}

# The forms of one day, month or year, over the text as _words() leaves it.
_FORMS = [
    re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?"),
    # Dotted dates are day first, as in Azerbaijan and Russia: 15.03.2025 is 15 March.
    re.compile(r"(?:(?P<day>\d{1,2})\.)?(?P<month>\d{1,2})\.(?P<year>\d{4})"),
    re.compile(r"(?:(?P<day>\d{1,2}) )?(?P<month>[^\W\d_]+) (?P<year>\d{4})"),
    re.compile(r"(?P<month>[^\W\d_]+) (?P<day>\d{1,2}) (?P<year>\d{4})"),
]
_RANGE = re.compile(r"(?:between|from) (?P<start>.+?) (?:and|to|until) (?P<end>.+)")
_DASHED_RANGE = re.compile(r"(?P<start>\d{1,2}(?: [^\W\d_]+)?) ?[-–] ?(?P<end>\d{1,2} [^\W\d_]+ \d{4})")
# What follows a Russian year ("2025 года", "2025 г."), and commas ("March 15, 2025").
_YEAR_WORD = re.compile(r"(?<=\d{4}) (?:года|год|г)$")


def _words(text):
    """Return ``text`` in lower case, its commas and a Russian word for "year" left out."""
    # "İ".lower() leaves a combining dot: Azerbaijani capitals are lowered first.
    text = text.replace("İ", "i").lower().replace(",", " ").replace("г.", "г")
    return _YEAR_WORD.sub("", " ".join(text.split()))


def _completed(start, end):
    """Return the start of a range with what it leaves to the end ("1" of "1 and 15 January 2024")."""
    missing = end.split()[len(start.split()) :]
    return " ".join([start, *missing]) if start.isdigit() or len(start.split()) == 2 else start


def not_a_date(text):
    """Return the message for text that is no date, with the forms that are."""
    return _gettext("%(value)r is not a date that can be read. %(forms)s") % {"value": text, "forms": ACCEPTED}


ACCEPTED = _(
    "Write a day as 15 March 2025, 15.03.2025 or 2025-03-15; a month as March 2025, mart 2025, "
    "март 2025 or 2025-03; a year as 2025; a range as between 1 and 15 January 2024 or "
    "2024-01-01..2024-01-15."
)


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
    def stored(cls, earliest, latest, precision):
        """Return the date a published document stores as ISO days and a precision, or None when it has none."""
        if latest is None or not precision:
            return None
        return cls(
            datetime.date.fromisoformat(earliest) if earliest else None, datetime.date.fromisoformat(latest), precision
        )

    @classmethod
    def between(cls, earliest, latest):
        """Return the range [earliest, latest]; earliest may be None ("on or before")."""
        return cls(earliest, latest, Precision.RANGE)

    @classmethod
    def parse(cls, text):
        """
        Return the FuzzyDate written as a person writes it: 2025-03-15, 2025-03,
        2025-3, 2025, 15.03.2025 (day first), 03.2025, 15 March 2025, March 15,
        2025, March 2025, with month names in English, Azerbaijani ("mart 2025")
        or Russian ("15 марта 2025 г."); or a range: "A..B" (A may be empty for
        "on or before B"), "between 1 and 15 January 2024", "1-15 January 2024".
        """
        text = " ".join((text or "").split())
        if ".." in text:
            start, end = (part.strip() for part in text.split("..", 1))
            latest = cls.parse(end)
            earliest = cls.parse(start) if start else None
            return cls._range(text, earliest, latest)
        words = _words(text)
        written = _RANGE.fullmatch(words) or _DASHED_RANGE.fullmatch(words)
        if written:
            latest = cls._single(written["end"], text)
            earliest = cls._single(_completed(written["start"], written["end"]), text)
            return cls._range(text, earliest, latest)
        return cls._single(words, text)

    @classmethod
    def _range(cls, text, earliest, latest):
        try:
            return cls.between(earliest.earliest if earliest else None, latest.latest)
        except ValueError:
            raise ValueError(
                _gettext("The earliest possible day comes after the latest: %(value)s reads as %(start)s to %(end)s.")
                % {"value": text, "start": earliest, "end": latest}
            ) from None

    @classmethod
    def _single(cls, words, text):
        """Return the day, month or year that ``words`` (lower case, see _words) write; ``text`` is as typed."""
        for pattern in _FORMS:
            match = pattern.fullmatch(words)
            if match:
                break
        else:
            raise ValueError(not_a_date(text))
        parts = match.groupdict()
        year = int(parts["year"])
        month = parts.get("month")
        if month is None:
            return cls.year(year)
        month = int(month) if month.isdigit() else MONTHS.get(month)
        if month is None:
            raise ValueError(not_a_date(text))
        if not 1 <= month <= 12:
            raise ValueError(_gettext("%(value)s is not a month: months run from 1 to 12.") % {"value": text})
        if parts.get("day") is None:
            return cls.month(year, month)
        day, days = int(parts["day"]), calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise ValueError(
                _gettext("%(value)s is not a day of the calendar: %(month)s has %(days)d days.")
                % {"value": text, "month": format_month(datetime.date(year, month, 1)), "days": days}
            )
        return cls.day(year, month, day)

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
