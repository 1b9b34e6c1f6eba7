"""
The counting rules of DESIGN.md, written once as chainable queryset methods.

Every public number (API, pages, feeds, embeds) is built from these. Counts are
lower bounds: an uncertain date satisfies a filter only if every one of its
possible days does.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q

PUBLISHED = "published"

# What each unit of counting rule 2 counts.
UNIT_FIELDS = {"journalists": "journalist", "detentions": "pk"}


def in_custody_condition(day):
    """
    Return the condition of counting rule 4 for ``day``: arrested at the latest
    the day before, and released at the earliest on ``day`` or not released at
    all. A custody known to have ended on an unknown day does not meet it, since
    it may have ended before.
    """
    from .models import ENDED_STATUSES

    not_released = Q(released_latest__isnull=True) & ~Q(status__in=ENDED_STATUSES)
    return Q(arrested_latest__lt=day) & (Q(released_earliest__gte=day) | not_released)


class JournalistQuerySet(models.QuerySet):
    def published(self):
        """Return the journalists the public may see."""
        return self.filter(publication_state=PUBLISHED)

    def named(self, text):
        """Return journalists whose Latin-script name, original-script name or an alias contains ``text``."""
        from .models import Alias

        aliases = Alias.objects.filter(journalist=OuterRef("pk"), name__icontains=text)
        return self.filter(Q(name__icontains=text) | Q(name_original__icontains=text) | Exists(aliases))

    def slug_now(self, old_slug):
        """
        Return the current slug of the journalist in this queryset who once had
        ``old_slug`` (changed or merged away), or None. Old addresses redirect there.
        """
        from .models import RetiredSlug

        return (
            RetiredSlug.objects.filter(slug=old_slug, journalist__in=self)
            .values_list("journalist__slug", flat=True)
            .first()
        )


class StatuteQuerySet(models.QuerySet):
    def public(self):
        """Return statutes that at least one published detention is charged under."""
        from .models import Charge, Detention

        charged = Charge.objects.filter(statute=OuterRef("pk"), detention__in=Detention.objects.published())
        return self.filter(Exists(charged))

    def with_published_detentions(self):
        """Annotate ``published_detentions``: how many published detentions have a charge under each."""
        from .models import Detention

        cited = Q(charges__detention__in=Detention.objects.published())
        return self.annotate(published_detentions=models.Count("charges__detention", filter=cited, distinct=True))


class OutletQuerySet(models.QuerySet):
    def public(self):
        """Return outlets at least one published journalist is affiliated with."""
        from .models import Affiliation

        affiliated = Affiliation.objects.filter(outlet=OuterRef("pk"), journalist__publication_state=PUBLISHED)
        return self.filter(Exists(affiliated))


class DetentionQuerySet(models.QuerySet):
    def published(self):
        """Return published detentions of published journalists (counting rule 1)."""
        return self.filter(publication_state=PUBLISHED, journalist__publication_state=PUBLISHED)

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

    def of_journalist_named(self, text):
        """Return detentions of journalists whose name or an alias contains ``text``."""
        from .models import Journalist

        return self.filter(journalist__in=Journalist.objects.named(text))

    def of_journalist(self, slug):
        return self.filter(journalist__slug=slug)

    def with_status(self, status):
        return self.filter(status=status)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def linked_to_journalism(self, linkage):
        return self.filter(linked_to_journalism=linkage)

    def with_charge_category(self, category):
        from .models import Charge

        return self.filter(Exists(Charge.objects.filter(detention=OuterRef("pk"), category=category)))

    def under_statute(self, slug):
        from .models import Charge

        return self.filter(Exists(Charge.objects.filter(detention=OuterRef("pk"), statute__slug=slug)))

    def at_outlet(self, slug):
        from .models import Affiliation

        return self.filter(Exists(Affiliation.objects.filter(journalist=OuterRef("journalist"), outlet__slug=slug)))

    def of_gender(self, gender):
        return self.filter(journalist__gender=gender)

    def of_role(self, role):
        return self.filter(journalist__role=role)

    def in_medium(self, medium):
        from .models import Journalist

        through = Journalist.mediums.through
        return self.filter(Exists(through.objects.filter(journalist=OuterRef("journalist"), medium=medium)))

    # Units (counting rule 2).

    def count_units(self, unit="journalists"):
        """Return the number of distinct people (the default) or of detentions."""
        if unit == "detentions":
            return self.count()
        # COUNT(DISTINCT ...) rather than COUNT(*) over a DISTINCT subquery: PostgreSQL
        # sorts the covering index for the first and hashes every row for the second.
        return self.order_by().aggregate(n=models.Count(UNIT_FIELDS[unit], distinct=True))["n"]
