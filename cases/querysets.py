"""
Queries of the working records that staff curate (the admin, imports, merges).

The public never reads these records: it reads published versions, whose
counting rules are in ``cases.version_queries``.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q


class JournalistQuerySet(models.QuerySet):
    def named(self, text):
        """Return journalists whose Latin-script name, original-script name or an alias contains ``text``."""
        from .models import Alias

        aliases = Alias.objects.filter(journalist=OuterRef("pk"), name__icontains=text)
        return self.filter(Q(name__icontains=text) | Q(name_original__icontains=text) | Exists(aliases))

    def same_name_as(self, keys):
        """
        Return journalists whose name, original-script name or an alias has one
        of ``keys`` (cases.names) as its whole key: the same name however spelled.
        """
        from .models import Alias

        line = Q(pk__in=[])
        for key in keys:
            line |= Q(name_key=key) | Q(name_key__startswith=f"{key}\n") | Q(name_key__endswith=f"\n{key}")
        aliases = Alias.objects.filter(journalist=OuterRef("pk"), name_key__in=keys)
        return self.filter(line | Exists(aliases))

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


class DetentionQuerySet(models.QuerySet):
    def arrested_in_year(self, year):
        """Return detentions whose every possible arrest day lies in ``year`` (the admin's year filter)."""
        return self.filter(arrested_earliest__year=year, arrested_latest__year=year)
