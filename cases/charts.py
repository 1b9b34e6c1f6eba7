"""
Numbers drawn as inline SVG: the custody census by year and a detention's timeline.

The geometry is computed here so that templates only place shapes; every number
comes from the counting rules in ``cases.version_queries``.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min

from .models import EventKind
from .version_queries import UNIT_FIELDS, in_custody_condition

CENSUS_MONTH, CENSUS_DAY = 12, 1
MAX_CENSUS_YEARS = 40


def census_years(queryset, today):
    """Return the years whose census day (1 December) has come, from the first arrest on."""
    first = queryset.order_by().aggregate(first=Min("arrested_latest"))["first"]
    if first is None:
        return []
    last = today.year if today >= datetime.date(today.year, CENSUS_MONTH, CENSUS_DAY) else today.year - 1
    start = max(first.year, last - MAX_CENSUS_YEARS + 1)
    return list(range(start, last + 1))


def census(queryset, years):
    """
    Return [(day, count)] of the people in custody on 1 December of each year,
    in one query, by the rule of ``DetentionQuerySet.in_custody_on``.
    """
    if not years:
        return []
    days = [datetime.date(year, CENSUS_MONTH, CENSUS_DAY) for year in years]
    aggregates = {
        f"y{day.year}": Count(UNIT_FIELDS["journalists"], distinct=True, filter=in_custody_condition(day))
        for day in days
    }
    row = queryset.order_by().aggregate(**aggregates)
    return [(day, row[f"y{day.year}"]) for day in days]


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    show_label: bool = True

    @property
    def centre(self):
        return self.x + self.width / 2


@dataclass
class BarChart:
    width: int
    height: int
    baseline: float
    maximum: int
    bars: list = field(default_factory=list)


def bar_chart(items, *, width=640, height=240, top=24, bottom=28):
    """Return the geometry of a vertical bar chart of (label, value) pairs."""
    items = list(items)
    maximum = max((value for _label, value in items), default=0)
    baseline = height - bottom
    usable = baseline - top
    slot = width / max(len(items), 1)
    bar_width = max(slot * 0.7, 1)
    # At most about a dozen axis labels, however many bars; each bar keeps its tooltip.
    every = -(-len(items) // 12) if items else 1
    bars = []
    for index, (label, value) in enumerate(items):
        bar_height = usable * value / maximum if maximum else 0
        x = index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                str(label),
                value,
                round(x, 1),
                round(baseline - bar_height, 1),
                round(bar_width, 1),
                round(bar_height, 1),
                show_label=(len(items) - 1 - index) % every == 0,
            )
        )
    return BarChart(width, height, baseline, maximum, bars)


# Timeline of one detention.

KIND_CLASSES = {
    EventKind.ARREST: "arrest",
    EventKind.PRETRIAL_ORDERED: "pretrial",
    EventKind.PRETRIAL_EXTENDED: "pretrial",
    EventKind.CHARGE_ADDED: "charge",
    EventKind.CHARGE_DROPPED: "charge",
    EventKind.HEARING: "court",
    EventKind.VERDICT: "court",
    EventKind.SENTENCE: "court",
    EventKind.APPEAL_DECIDED: "court",
    EventKind.RELEASE: "release",
    EventKind.DEATH: "death",
}


@dataclass
class Mark:
    number: int
    event: object
    x: float
    span: float
    css: str
    above: bool


@dataclass
class Timeline:
    width: int
    height: int
    axis_y: int
    left: int
    right: int
    start: object
    end: object
    ongoing: bool
    marks: list
    ticks: list = field(default_factory=list)


def timeline(detention, today=None, *, width=640, height=96, margin=16):
    """
    Return the geometry of a detention's timeline, or None without a known arrest
    day. Events are placed by their possible days; an uncertain day is a span.
    """
    today = today or datetime.date.today()
    events = sorted(detention.events.all(), key=lambda event: (event.on_latest, event.pk))
    arrested = detention.arrested
    if arrested is None:
        return None
    start = arrested.earliest or arrested.latest
    released = detention.released
    ongoing = not detention.has_ended
    end = released.latest if released else max([today if ongoing else start, *(e.on_latest for e in events)])
    end = max(end, start + datetime.timedelta(days=1))
    left, right = margin, width - margin
    scale = (right - left) / (end - start).days

    def place(day):
        day = min(max(day, start), end)
        return round(left + (day - start).days * scale, 1)

    marks = []
    for number, event in enumerate(events, start=1):
        first = event.on_earliest or event.on_latest
        x = place(first)
        span = round(place(event.on_latest) - x, 1)
        css = KIND_CLASSES.get(event.kind, "other")
        marks.append(Mark(number, event, x, span, css, above=number % 2 == 1))
    # A tick at each new year, thinned to about eight.
    years = list(range(start.year + 1, end.year + 1))
    step = -(-len(years) // 8) if years else 1
    ticks = [(place(datetime.date(year, 1, 1)), year) for year in years[::step]]
    return Timeline(width, height, 36, left, right, arrested, released, ongoing, marks, ticks)
