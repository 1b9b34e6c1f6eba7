"""
The home page's headline figures, counted once per release.

Counting them per request means aggregating every current version: at 100,000
detentions that is most of a cold home page. A release's versions never change
once it is written, so its figures are counted when it commits (``write``,
called by ``cases.publishing.release_open``) and read back as one row each.

Two of them depend on the day they are shown for, and each stays the same
between the days where some version's dates cross the counting rules (DESIGN.md
§5): "in custody on D" changes only on the day after an arrest's latest or a
release's earliest possible day, "arrested in the 12 months before D" only on
an arrest's latest possible day or when the window's start passes an arrest's
earliest. A figure is stored with the days it holds for, and a day outside them,
a release without figures (written before this existed, or whose figures failed)
or a filtered page is simply counted, as before. Either way the number is the
one ``cases.counting.count`` gives.
"""

import datetime
import logging

from django.db import router, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from .counting import GROUPS, CountResult, Group, count, group_counts, statement
from .versions import DetentionVersion, Release, ReleaseFigure

log = logging.getLogger(__name__)

EVERYONE = "everyone_by_country"
IN_CUSTODY = "in_custody"
ARRESTED = "arrested_12_months"
ONE_DAY = datetime.timedelta(days=1)


def year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def window_leaves(earliest):
    """Return the first day D whose 12-month window (from ``year_before(D)``) no longer holds ``earliest``."""
    try:
        day = earliest.replace(year=earliest.year + 1)
    except ValueError:  # 29 February
        day = datetime.date(earliest.year + 1, 3, 1)
    while year_before(day - ONE_DAY) > earliest:
        day -= ONE_DAY
    while year_before(day) <= earliest:
        day += ONE_DAY
    return day


def _bounds(queryset, column, day, shift=ONE_DAY):
    """
    Return the last day at or before ``day`` and the first after it on which a
    rule that turns on ``shift`` after a value of ``column`` turns, for any version.
    """
    edge = day - shift + ONE_DAY
    found = queryset.order_by().aggregate(
        before=Max(column, filter=Q(**{f"{column}__lt": edge})), after=Min(column, filter=Q(**{f"{column}__gte": edge}))
    )
    return tuple(None if value is None else value + shift for value in (found["before"], found["after"]))


def _span(*bounds):
    """Return the widest (from, until) that every pair in ``bounds`` allows."""
    starts = [start for start, _until in bounds if start is not None]
    untils = [until for _start, until in bounds if until is not None]
    return (max(starts) if starts else None), (min(untils) if untils else None)


def in_custody_span(queryset, day):
    """
    Return the days around ``day`` on which "in custody on D" counts the same:
    rule 4 turns on the day after an arrest's latest possible day and off the
    day after a release's earliest.
    """
    return _span(_bounds(queryset, "arrested_latest", day), _bounds(queryset, "released_earliest", day))


def arrested_span(queryset, day):
    """
    Return the days around ``day`` on which "arrested in the 12 months before D"
    counts the same: a detention enters on its arrest's latest possible day and
    leaves when the window's start passes its earliest.
    """
    enters = _bounds(queryset, "arrested_latest", day, shift=datetime.timedelta(0))
    start = year_before(day)
    found = (
        queryset.filter(arrested_latest__isnull=False)
        .order_by()
        .aggregate(
            left=Max("arrested_earliest", filter=Q(arrested_earliest__lt=start)),
            staying=Min("arrested_earliest", filter=Q(arrested_earliest__gte=start)),
        )
    )
    leaves = tuple(None if value is None else window_leaves(value) for value in (found["left"], found["staying"]))
    return _span(enters, leaves)


def in_custody_filters(day, filters=None):
    return {**(filters or {}), "in_custody_on": day.isoformat()}


def arrested_filters(day, filters=None):
    return {**(filters or {}), "arrested_from": year_before(day).isoformat(), "arrested_to": day.isoformat()}


def compute(number, day, using=None):
    """Return the ReleaseFigure rows (unsaved) of release ``number``, the day-bound ones for ``day``."""
    # Read where they are written: a replica may not have the release yet.
    using = using or router.db_for_write(ReleaseFigure)
    release = Release.objects.using(using).get(number=number)
    # The versions valid in this release, not the current ones: a release that commits
    # while these are counted (each query sees what has committed by then) changes none.
    versions = DetentionVersion.objects.using(using).at(number)
    # The numbers only: the sentences are written per request, in its language.
    groups = [[group.key, group.count] for group in group_counts(versions, "country")]
    figures = [ReleaseFigure(release=release, name=EVERYONE, value=[versions.count_units(), groups])]
    in_custody = versions.in_custody_on(day).count_units()
    start, until = in_custody_span(versions, day)
    figures.append(ReleaseFigure(release=release, name=IN_CUSTODY, from_day=start, until_day=until, value=in_custody))
    arrested = versions.arrested_between(year_before(day), day).count_units()
    start, until = arrested_span(versions, day)
    figures.append(ReleaseFigure(release=release, name=ARRESTED, from_day=start, until_day=until, value=arrested))
    return figures


def write(number, day=None):
    """Count and store the figures of release ``number`` (for today's day-bound ones); log a failure, never raise."""
    day = day or timezone.localdate()
    using = router.db_for_write(ReleaseFigure)
    try:
        with transaction.atomic(using=using):
            if not Release.objects.using(using).filter(number=number).exists():
                return  # rolled back or deleted (a synthetic run that published nothing)
            figures = compute(number, day, using)
            ReleaseFigure.objects.using(using).filter(release_id=number).delete()
            ReleaseFigure.objects.using(using).bulk_create(figures)
    except Exception:  # the figures only save time: the pages count without them
        log.exception("The figures of release %s were not written; pages will count them.", number)


def after_commit(release):
    """
    Write the figures of ``release`` once the transaction that writes it
    has committed. Outside a transaction the release is not complete yet when this
    runs (``release_open`` asks for one), so nothing is counted: pages count it.
    """
    if not isinstance(release, Release):
        return  # a migration publishing with its historical models: the table may not exist yet
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: write(release.number))


def stored(snapshot):
    """Return {name: ReleaseFigure} of the snapshot's release (one query; none before the first release)."""
    if not snapshot.release:
        return {}
    return {figure.name: figure for figure in ReleaseFigure.objects.filter(release_id=snapshot.release)}


def _holds(figure, day):
    return (figure.from_day is None or figure.from_day <= day) and (figure.until_day is None or day < figure.until_day)


def _read(figure, filters, snapshot):
    return CountResult(figure.value, "journalists", filters, statement(figure.value, "journalists", filters, snapshot))


def everyone(snapshot, stored):
    """Return the CountResult of everyone, grouped by country, as ``count`` gives it."""
    figure = stored.get(EVERYONE)
    if figure is None:
        return count(snapshot.detentions(), filters={}, group_by="country", snapshot=snapshot)
    total, groups = figure.value
    label = GROUPS["country"][1]
    sentence = statement(total, "journalists", {}, snapshot)
    return CountResult(total, "journalists", {}, sentence, [Group(key, label(key), n) for key, n in groups])


def in_custody(snapshot, day, queryset, filters=None, stored=None):
    """
    Return the CountResult of ``queryset`` in custody on ``day``: the release's figure
    when ``stored`` has one that holds for the day (the whole release, no filters), else counted.
    """
    filters = in_custody_filters(day, filters)
    figure = (stored or {}).get(IN_CUSTODY)
    if figure is None or not _holds(figure, day):
        return count(queryset.in_custody_on(day), filters=filters, snapshot=snapshot)
    return _read(figure, filters, snapshot)


def arrested(snapshot, day, queryset, filters=None, stored=None):
    """Return the CountResult of ``queryset`` arrested in the 12 months before ``day``, as ``in_custody``."""
    filters = arrested_filters(day, filters)
    figure = (stored or {}).get(ARRESTED)
    if figure is None or not _holds(figure, day):
        return count(queryset.arrested_between(year_before(day), day), filters=filters, snapshot=snapshot)
    return _read(figure, filters, snapshot)
