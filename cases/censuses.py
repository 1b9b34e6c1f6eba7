"""
Named censuses: the people in custody at the start of a day, as published at a
release, and what later releases changed about that day (DESIGN.md §4).

The figure is the count of counting rule 4 on the versions of the census's
release; "since then" compares it with the same count on the versions of the
release asked for (the current one unless pinned).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from .counting import count
from .public import Snapshot, format_moment, snapshot_at
from .spreadsheets import Sheet, about_sheet, csv_lines, xlsx_response
from .versions import ChangeKind, ReleaseChange


@dataclass
class Person:
    slug: str
    name: str


@dataclass
class CensusResult:
    census: object
    figure: int
    statement: str
    people: list
    now: int
    now_release: int
    # People counted now but not then (documented since, or corrected into the count) ...
    added: list = field(default_factory=list)
    # ... and people counted then but not now: withdrawn, or corrected out of the count.
    removed: list = field(default_factory=list)
    withdrawn: list = field(default_factory=list)


def _filters(census):
    filters = {"in_custody_on": census.day.isoformat()}
    if census.country:
        filters = {"country": census.country, **filters}
    return filters


def _counted(snapshot, census):
    queryset = snapshot.detentions().in_custody_on(census.day)
    if census.country:
        queryset = queryset.in_country(census.country)
    return queryset


def _people(snapshot, queryset):
    rows = (
        snapshot.journalists()
        .filter(journalist_id__in=queryset.values("journalist_id"))
        .order_by("name", "journalist_id")
        .values_list("journalist_id", "slug", "name")
    )
    return {journalist_id: Person(slug, name) for journalist_id, slug, name in rows}


def census_result(census, now=None):
    """Return the census as published at its release, and compared with ``now`` (a Snapshot; default current)."""
    now = now or snapshot_at()
    release = census.release
    then = Snapshot(release.number, release.published_at, now.latest)
    filters = _filters(census)
    counted_then = _counted(then, census)
    result = count(counted_then, filters=filters, snapshot=then)
    people_then = _people(then, counted_then)
    people_now = _people(now, _counted(now, census)) if now.release >= release.number else people_then
    withdrawn_ids = set(
        ReleaseChange.objects.filter(
            kind=ChangeKind.WITHDRAWN,
            release__gt=release.number,
            release__lte=now.release,
            journalist_id__in=list(people_then),
        ).values_list("journalist_id", flat=True)
    )
    removed = [person for pk, person in people_then.items() if pk not in people_now]
    return CensusResult(
        census=census,
        figure=result.count,
        statement=result.statement,
        people=list(people_then.values()),
        now=len(people_now),
        now_release=now.release,
        added=[person for pk, person in people_now.items() if pk not in people_then],
        removed=removed,
        withdrawn=[people_then[pk] for pk in people_then if pk in withdrawn_ids and pk not in people_now],
    )


def census_changes(result):
    """
    Yield (person, counted then, counted now, change) for everyone a CensusResult
    counts then or now; the change is "" (unchanged), "no_longer_counted",
    "withdrawn" or "documented_since".
    """
    removed = {person.slug for person in result.removed}
    withdrawn = {person.slug for person in result.withdrawn}
    for person in result.people:
        if person.slug in withdrawn:
            yield person, True, False, "withdrawn"
        elif person.slug in removed:
            yield person, True, False, "no_longer_counted"
        else:
            yield person, True, True, ""
    for person in result.added:
        yield person, False, True, "documented_since"


# One row per person of a census: counted on its day as published, counted now, and what changed.
CENSUS_PEOPLE_HEADER = [
    "census",
    "day",
    "release",
    "as_of",
    "journalist",
    "name",
    "counted_at_release",
    "counted_now",
    "change",
    "now_release",
    "url",
]
CENSUS_PEOPLE_TYPES = ["string", "date", "integer", "datetime", "string", "string"]
CENSUS_PEOPLE_TYPES += ["boolean", "boolean", "string", "integer", "string"]


def census_people(result):
    """Yield the rows of CENSUS_PEOPLE_HEADER of a CensusResult: everyone counted then or now."""
    census = result.census
    start = [census.slug, census.day.isoformat(), census.release_id, format_moment(census.release.published_at)]
    for person, then, now, change in census_changes(result):
        yield [
            *start,
            person.slug,
            person.name,
            then,
            now,
            change,
            result.now_release,
            f"{settings.SITE_URL}{reverse('api:journalist-detail', args=[person.slug])}",
        ]


def census_about(result):
    """Return the About rows particular to a census: its day, figure and sentence, and the count now."""
    census = result.census
    return [
        ("day", census.day.isoformat()),
        ("country", census.country),
        ("census_release", census.release_id),
        ("census_as_of", format_moment(census.release.published_at)),
        ("count", result.figure),
        ("statement", result.statement),
        ("now_release", result.now_release),
        ("now_count", result.now),
    ]


def census_file(result, file_format, about, *, bom=False):
    """Return a census as CSV or XLSX: one row per person counted then or now, and what changed since."""
    header = CENSUS_PEOPLE_HEADER
    rows = census_people(result)
    name = f"census_{result.census.slug}_release-{result.now_release}.{file_format}"
    if file_format == "xlsx":
        sheets = [Sheet("Census", header, rows, CENSUS_PEOPLE_TYPES), about_sheet(about)]
        return xlsx_response(sheets, name)
    response = HttpResponse("".join(csv_lines(header, rows, bom=bom)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
