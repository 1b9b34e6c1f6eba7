"""
Named censuses: the people in custody at the start of a day, as published at a
release, and what later releases changed about that day (DESIGN.md §4).

The figure is the count of counting rule 4 on the versions of the census's
release; "since then" compares it with the same count on the versions of the
release asked for (the current one unless pinned).
"""

from dataclasses import dataclass, field

from .counting import count
from .public import Snapshot, snapshot_at
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
