"""
The counting rules of DESIGN.md §5, written once, on published versions.

Every public number (API, pages, feeds, embeds) is built from these methods.
Counts are lower bounds: an uncertain date satisfies a filter only if every one
of its possible days does. A queryset is pinned to one release with ``at()``
(``as_known_on``) or to the current one with ``current()``.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from . import names

# Statuses that say custody ended, whether or not the day is known.
ENDED_STATUSES = ("released", "died_in_custody")

# What each unit of counting rule 2 counts.
UNIT_FIELDS = {"journalists": "journalist_id", "detentions": "detention_id"}


def in_custody_condition(day):
    """
    Return the condition of counting rule 4 for ``day``: arrested at the latest
    the day before, and released at the earliest on ``day`` or not released at
    all. A custody known to have ended on an unknown day does not meet it, since
    it may have ended before.
    """
    not_released = Q(released_latest__isnull=True) & ~Q(status__in=ENDED_STATUSES)
    return Q(arrested_latest__lt=day) & (Q(released_earliest__gte=day) | not_released)


class ReleaseQuerySet(models.QuerySet):
    def latest_release(self):
        """Return the latest release, or None before the first."""
        return self.order_by("-number").first()

    def known_on(self, moment):
        """Return the release whose versions the public saw at ``moment`` (the latest before it), or None."""
        return self.filter(published_at__lte=moment).order_by("-number").first()


class VersionQuerySet(models.QuerySet):
    def current(self):
        """Return the versions valid now (in the latest release)."""
        return self.filter(valid_to__isnull=True)

    def at(self, release):
        """Return the versions valid in ``release`` (a number; None or 0 means before the first: nothing)."""
        if not release:
            return self.none()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=release), valid_from__lte=release)

    def in_release(self, release, latest):
        """Return ``at(release)``, or ``current()`` when ``release`` is the latest: its index is smaller."""
        return self.current() if release == latest else self.at(release)


class JournalistVersionQuerySet(VersionQuerySet):
    def named(self, text):
        """
        Return versions whose Latin-script name, original-script name or an alias
        contains ``text``, or whose name keys contain the key of every word of
        ``text`` in whatever spelling it is typed (cases.names).
        """
        spelled = Q(name__icontains=text) | Q(name_original__icontains=text) | Q(aliases__icontains=text)
        keys = names.search_keys(text)
        if keys:
            spelled |= Q(*(Q(name_keys__contains=key) for key in keys))
        return self.filter(spelled)

    def with_slug(self, slug):
        """Return the version whose current slug is ``slug``."""
        return self.filter(slug=slug)

    def once_slugged(self, slug):
        """Return the versions that had ``slug`` before (changed or merged away): old addresses redirect there."""
        return self.filter(retired_slugs__slug=slug)


class DetentionVersionQuerySet(VersionQuerySet):
    # Dates (counting rules 3 and 4). A missing bound leaves that side open.

    def arrested_between(self, start=None, end=None):
        """Return detentions whose every possible arrest day lies in [start, end]."""
        query = Q(arrested_latest__isnull=False)
        if start is not None:
            query &= Q(arrested_earliest__gte=start)
        if end is not None:
            query &= Q(arrested_latest__lte=end)
        return self.filter(query)

    def released_between(self, start=None, end=None):
        """Return detentions whose every possible release day lies in [start, end]."""
        query = Q(released_latest__isnull=False)
        if start is not None:
            query &= Q(released_earliest__gte=start)
        if end is not None:
            query &= Q(released_latest__lte=end)
        return self.filter(query)

    def in_custody_on(self, day):
        """Return detentions certainly in custody at the start of ``day`` (``in_custody_condition``)."""
        return self.filter(in_custody_condition(day))

    # The other filters of the API contract.

    def in_country(self, country):
        return self.filter(country=country)

    def of_journalist(self, slug):
        return self.filter(journalist_version__slug=slug)

    def of_journalist_named(self, text):
        """Return detentions of journalists whose name or an alias contains ``text``."""
        versions = self.model.journalist_version.field.related_model.objects.named(text)
        return self.filter(journalist_version__in=versions)

    def with_status(self, status):
        return self.filter(status=status)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def linked_to_journalism(self, linkage):
        return self.filter(linked_to_journalism=linkage)

    def _with_charge(self, **condition):
        charges = self.model.charges.field.model.objects
        return self.filter(Exists(charges.filter(version=OuterRef("pk"), **condition)))

    def with_charge_category(self, category):
        return self._with_charge(category=category)

    def under_statute(self, slug):
        return self._with_charge(statute_slug=slug)

    def at_outlet(self, slug):
        outlets = self.model.journalist_version.field.related_model.outlets.field.model.objects
        return self.filter(Exists(outlets.filter(version=OuterRef("journalist_version"), slug=slug)))

    def of_gender(self, gender):
        return self.filter(gender=gender)

    def of_role(self, role):
        return self.filter(role=role)

    def in_medium(self, medium):
        mediums = self.model.journalist_version.field.related_model.mediums.field.model.objects
        return self.filter(Exists(mediums.filter(version=OuterRef("journalist_version"), code=medium)))

    def withdrawn_after(self):
        """Return versions that a later release ended with no version after them: withdrawn then."""
        later = self.model.objects.filter(detention_id=OuterRef("detention_id"), valid_from=OuterRef("valid_to"))
        return self.filter(valid_to__isnull=False).exclude(Exists(later))

    # Units (counting rule 2).

    def count_units(self, unit="journalists"):
        """Return the number of distinct people (the default) or of detentions."""
        if unit == "detentions":
            return self.order_by().count()
        # COUNT(DISTINCT ...) rather than COUNT(*) over a DISTINCT subquery: PostgreSQL
        # sorts the covering index for the first and hashes every row for the second.
        return self.order_by().aggregate(n=models.Count(UNIT_FIELDS[unit], distinct=True))["n"]
