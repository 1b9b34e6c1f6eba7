"""
What the public reads: published versions at one release, and nothing else.

Public code (pages, API, feeds, embeds, downloads) gets its records from a
``Snapshot``: the versions of the current release, or of the release that was
current at ``as_known_on``. It has no way to ask for a working record; the
``guard`` below makes sure of it on every public request.
"""

import datetime
import re
from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import render
from .versioning import BEFORE_FIRST, for_request

__all__ = ["BEFORE_FIRST", "PARAMETER", "Snapshot", "guard", "snapshot_at", "snapshot_for"]
from .versions import (
    ChangeKind,
    DetentionVersion,
    DetentionVersionCharge,
    JournalistVersion,
    JournalistVersionOutlet,
    Release,
    ReleaseChange,
)

PARAMETER = "as_known_on"


class BadMoment(ValueError):
    """An ``as_known_on`` that is not an ISO date-time in the past."""


def parse_moment(text, now=None):
    """Return the aware date-time of an ``as_known_on`` value, or raise BadMoment saying why."""
    text = (text or "").strip()
    try:
        moment = parse_datetime(text) if "T" in text or " " in text else None
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise BadMoment(_("Enter an ISO date-time, e.g. 2026-11-29T17:00:00Z."))
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    try:
        # In UTC: a database takes no offset of 16 hours or more, and some takes none at all.
        moment = moment.astimezone(datetime.UTC)
    except OverflowError:
        raise BadMoment(_("Enter an ISO date-time, e.g. 2026-11-29T17:00:00Z.")) from None
    if moment > (now or timezone.now()):
        raise BadMoment(_("This time is in the future: nothing is known of it yet."))
    return moment


def format_moment(moment):
    """Return a release time as ``as_of`` and permalinks write it: UTC, to the microsecond when it has one."""
    moment = moment.astimezone(datetime.UTC)
    if moment.microsecond:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Snapshot:
    """The published versions of one release: ``release`` 0 is before the first."""

    release: int
    as_of: datetime.datetime
    latest: int
    pinned: datetime.datetime | None = None

    @property
    def is_pinned(self):
        return self.pinned is not None

    @property
    def as_of_text(self):
        return format_moment(self.as_of)

    def _in(self, queryset):
        return queryset.in_release(self.release, self.latest)

    def detentions(self):
        """Return the published detentions (DetentionVersion) of this release."""
        return self._in(DetentionVersion.objects.all())

    def journalists(self):
        """Return the published journalists (JournalistVersion) of this release."""
        return self._in(JournalistVersion.objects.all())

    def detention_history(self):
        """Return every detention version published up to this release, replaced or not (the feed's entries)."""
        return DetentionVersion.objects.filter(valid_from__lte=self.release)

    def charges(self):
        """Return the charges of this release's detentions, as published (statute list, labels)."""
        return DetentionVersionCharge.objects.filter(version__in=self.detentions().values("pk"))

    def outlets(self):
        """Return the outlets of this release's journalists, as published."""
        return JournalistVersionOutlet.objects.filter(version__in=self.journalists().values("pk"))

    def current_slug(self, slug):
        """Return the slug now of the journalist who had ``slug`` before (an old address), or None."""
        return self.journalists().once_slugged(slug).values_list("slug", flat=True).first()

    def withdrawal_at(self, slug):
        """Return the change that withdrew the journalist last published at ``slug``, if it did."""
        versions = JournalistVersion.objects.filter(slug=slug, valid_from__lte=self.release)
        journalist_id = versions.order_by("-valid_from_id").values_list("journalist_id", flat=True).first()
        return self.withdrawal(journalist_id=journalist_id) if journalist_id else None

    def withdrawal(self, *, journalist_id=None, detention_id=None):
        """
        Return the change that withdrew a journalist or a detention (or its
        journalist) at or before this release, if that is why it is not public.
        """
        changes = ReleaseChange.objects.filter(kind=ChangeKind.WITHDRAWN, release__lte=self.release)
        if detention_id is not None:
            record = changes.filter(detention_id=detention_id).order_by("-release_id").first()
            last = DetentionVersion.objects.filter(detention_id=detention_id, valid_from__lte=self.release)
            last = last.order_by("-valid_from_id").values_list("journalist_id", flat=True).first()
            if last is None:
                return None
            whole = changes.filter(journalist_id=last, detention_id=None).order_by("-release_id").first()
            candidates = [change for change in (record, whole) if change is not None]
        else:
            candidates = [
                changes.filter(journalist_id=journalist_id, detention_id=None).order_by("-release_id").first()
            ]
            candidates = [change for change in candidates if change is not None]
        return max(candidates, key=lambda change: change.release_id, default=None)


def snapshot_at(moment=None):
    """Return the snapshot of the release current at ``moment`` (default now)."""
    latest = Release.objects.latest_release()
    latest_number = latest.number if latest else 0
    if moment is None:
        return Snapshot(latest_number, latest.published_at if latest else BEFORE_FIRST, latest_number)
    known = Release.objects.known_on(moment)
    return Snapshot(
        known.number if known else 0, known.published_at if known else BEFORE_FIRST, latest_number, pinned=moment
    )


def snapshot_for(request):
    """
    Return the request's snapshot (its ``as_known_on``, else now), read once per
    request; raise BadMoment on a bad ``as_known_on``.
    """
    if not hasattr(request, "snapshot"):
        text = request.GET.get(PARAMETER)
        version = for_request(request)
        if text is None or text == "":
            request.snapshot = Snapshot(version.version, version.changed_at, version.version)
        else:
            moment = parse_moment(text)
            known = Release.objects.known_on(moment)
            request.snapshot = Snapshot(
                known.number if known else 0,
                known.published_at if known else BEFORE_FIRST,
                version.version,
                pinned=moment,
            )
    return request.snapshot


# Reading versions as records to show.


def release_times(numbers):
    """Return {release number: its time} of ``numbers``."""
    return dict(Release.objects.filter(number__in=set(numbers)).values_list("number", "published_at"))


def load_journalists(versions):
    """Return the journalists of JournalistVersion rows, as records to show, in order."""
    versions = list(versions)
    times = release_times([n for v in versions for n in (v.valid_from_id, v.first_published_id)])
    return [
        render.load_journalist(
            version.document, updated_at=times[version.valid_from_id], published_at=times[version.first_published_id]
        )
        for version in versions
    ]


def load_detentions(versions):
    """
    Return the detentions of DetentionVersion rows (with ``journalist_version``
    selected), as records to show, in order; each journalist is loaded once.
    """
    versions = list(versions)
    times = release_times(
        [n for v in versions for n in (v.valid_from_id, v.first_published_id, v.journalist_version.valid_from_id)]
    )
    journalists = {}
    detentions = []
    for version in versions:
        person = version.journalist_version
        if person.pk not in journalists:
            journalists[person.pk] = render.load_journalist(person.document, updated_at=times[person.valid_from_id])
        detention = render.load_detention(
            version.document,
            journalists[person.pk],
            updated_at=times[version.valid_from_id],
            published_at=times[version.first_published_id],
        )
        detention.version_release = version.valid_from_id
        detentions.append(detention)
    return detentions


# The guard: a public request that reads a working table fails instead of showing it.

_ALLOWED = {"release", "journalistversion", "journalistversionslug", "journalistversionoutlet"}
_ALLOWED |= {"journalistversionmedium", "detentionversion", "detentionversioncharge", "releasechange", "census"}
_ALLOWED |= {"releasefigure"}  # counted from the versions when a release is written
_ALLOWED |= {"medium"}  # the fixed list of mediums, written by a migration


class WorkingRecordRead(RuntimeError):
    """Public code asked for a working record: a bug that would show unpublished data."""


def _working_tables():
    tables = {
        model._meta.db_table
        for model in apps.get_app_config("cases").get_models(include_auto_created=True)
        if model._meta.model_name not in _ALLOWED
    }
    return re.compile("|".join(rf'"{re.escape(table)}"' for table in sorted(tables, key=len, reverse=True)))


_WORKING = None


def _refuse(execute, sql, params, many, context):
    if _WORKING.search(sql):
        raise WorkingRecordRead(f"A public request read a working record: {sql[:200]}")
    return execute(sql, params, many, context)


class guard:
    """Within it, any query of a working table (journalists, detentions, sources ...) raises WorkingRecordRead."""

    def __enter__(self):
        global _WORKING
        if _WORKING is None:
            _WORKING = _working_tables()
        self._wrapper = connection.execute_wrapper(_refuse)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapper.__exit__(*exc)
