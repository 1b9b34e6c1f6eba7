"""
Publication as versions (DESIGN.md §4): releases and the published versions they write.

The public reads these tables only, never the working records that researchers
edit. A release is one publish action; a version of a journalist or detention is
valid from the release that wrote it until a later release replaces or withdraws
it (``valid_to``). What counting filters on is kept in plain indexed columns; what
pages and the API show is the rendered ``document`` (``cases.render``).
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .version_queries import DetentionVersionQuerySet, JournalistVersionQuerySet, ReleaseQuerySet, VersionQuerySet


class Release(models.Model):
    """One publish action: a number that only grows, its time and a public note."""

    number = models.PositiveIntegerField(_("number"), primary_key=True)
    published_at = models.DateTimeField(_("published at"), unique=True)
    note = models.TextField(_("public note"), blank=True)
    # Kept for staff, never shown on a public surface.
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        # No default ordering: ordering by a foreign key to a release would follow it
        # (and "-valid_from" would then list the oldest first). Lists say what they want.
        verbose_name = _("release")

    def __str__(self):
        return f"{_('Release')} {self.number}"


class JournalistVersion(models.Model):
    """A published version of a journalist: the public part of the case."""

    journalist_id = models.BigIntegerField(_("journalist id"), db_index=True)
    valid_from = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+", db_column="valid_from")
    valid_to = models.ForeignKey(
        Release, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_column="valid_to"
    )
    first_published = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")
    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=200)
    name_original = models.CharField(max_length=200, blank=True)
    # Every alias on its own line, so a name search reads one column.
    aliases = models.TextField(blank=True)
    # The name keys (cases.names) of all of these, one per line: what a search in any spelling reads.
    name_keys = models.TextField(blank=True)
    role = models.CharField(max_length=20)
    gender = models.CharField(max_length=10, blank=True)
    document = models.JSONField()

    objects = JournalistVersionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "journalist_id"]
        indexes = [
            models.Index(fields=["slug"], condition=models.Q(valid_to__isnull=True), name="journalistversion_current"),
            models.Index(fields=["journalist_id", "valid_from"], name="journalistversion_history"),
            # The journalists' list reads a page of current versions in its own order.
            models.Index(
                fields=["name", "journalist_id"],
                condition=models.Q(valid_to__isnull=True),
                name="journalistversion_by_name",
            ),
        ]

    def __str__(self):
        return f"{self.name} (release {self.valid_from_id})"


class JournalistVersionSlug(models.Model):
    """A slug the journalist had before, published with the version: it redirects to the current one."""

    version = models.ForeignKey(JournalistVersion, on_delete=models.CASCADE, related_name="retired_slugs")
    slug = models.SlugField(max_length=120, db_index=True)

    def __str__(self):
        return self.slug


class JournalistVersionOutlet(models.Model):
    """An outlet of a published journalist, as published: the outlet filter and the outlet list read it."""

    version = models.ForeignKey(JournalistVersion, on_delete=models.CASCADE, related_name="outlets")
    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["slug", "version"], name="journalistversionoutlet_slug")]

    def __str__(self):
        return self.name


class JournalistVersionMedium(models.Model):
    version = models.ForeignKey(JournalistVersion, on_delete=models.CASCADE, related_name="mediums")
    code = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["code", "version"], name="journalistversionmedium_code")]

    def __str__(self):
        return self.code


# The columns counting filters on (DESIGN.md §4), carried by the counting indexes.
COUNTED = [
    "journalist_id",
    # Counts of detentions (unit=detentions) count these: in the index, they read no table row.
    "detention_id",
    "kind",
    "status",
    "linked_to_journalism",
    "role",
    "gender",
    "arrested_earliest",
    "released_earliest",
    "released_latest",
]


class DetentionVersion(models.Model):
    """A published version of a detention, with its journalist's counted attributes copied in."""

    detention_id = models.BigIntegerField(_("detention id"), db_index=True)
    journalist_id = models.BigIntegerField(_("journalist id"))
    journalist_version = models.ForeignKey(JournalistVersion, on_delete=models.PROTECT, related_name="detentions")
    valid_from = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+", db_column="valid_from")
    valid_to = models.ForeignKey(
        Release, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_column="valid_to"
    )
    first_published = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")
    country = models.CharField(max_length=2)
    kind = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    linked_to_journalism = models.CharField(max_length=10)
    role = models.CharField(max_length=20)
    gender = models.CharField(max_length=10, blank=True)
    arrested_earliest = models.DateField(null=True)
    arrested_latest = models.DateField(null=True)
    released_earliest = models.DateField(null=True)
    released_latest = models.DateField(null=True)
    document = models.JSONField()

    objects = DetentionVersionQuerySet.as_manager()

    class Meta:
        # Latest arrest first, unknown arrests last: the order of the index by_arrest (0011).
        ordering = [F("arrested_latest").desc(nulls_last=True), "detention_id"]
        indexes = [
            # Counts of the current release read only these columns: index-only scans.
            models.Index(
                fields=["country", "arrested_latest"],
                include=COUNTED,
                condition=models.Q(valid_to__isnull=True),
                name="detentionversion_current",
            ),
            models.Index(
                fields=["valid_from", "valid_to"],
                include=["country", "arrested_latest", *COUNTED],
                name="detentionversion_known_on",
            ),
            models.Index(fields=["detention_id", "valid_from"], name="detentionversion_history"),
            # The orders lists read a page in: latest published first (the home page, the
            # feed) here, latest arrest first (the API, the list page) in migration 0011 on
            # PostgreSQL, since SQLite indexes no NULLS LAST. Without them every list sorts
            # all current versions.
            models.Index(
                F("valid_from").desc(),
                F("detention_id").desc(),
                condition=models.Q(valid_to__isnull=True),
                name="detentionversion_by_release",
            ),
            # The feed reads every release's versions up to its own, latest first.
            models.Index(F("valid_from").desc(), F("detention_id").desc(), name="detentionversion_feed"),
        ]

    def __str__(self):
        return f"detention {self.detention_id} (release {self.valid_from_id})"


class DetentionVersionCharge(models.Model):
    """A charge of a published detention, as published: the charge filters and the statute list read it."""

    version = models.ForeignKey(DetentionVersion, on_delete=models.CASCADE, related_name="charges")
    category = models.CharField(max_length=16)
    statute_slug = models.CharField(max_length=80, blank=True)
    statute_country = models.CharField(max_length=2, blank=True)
    statute_code = models.CharField(max_length=100, blank=True)
    statute_article = models.CharField(max_length=40, blank=True)
    statute_title = models.CharField(max_length=300, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["category", "version"], name="detentionversioncharge_cat"),
            models.Index(fields=["statute_slug", "version"], name="detentionversioncharge_stat"),
        ]

    def __str__(self):
        return self.statute_slug or self.category


class ChangeKind(models.TextChoices):
    ADDED = "added", _("added")
    CHANGED = "changed", _("changed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ReleaseChange(models.Model):
    """What a release did to one case: added, changed or withdrew a journalist or one detention."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=ChangeKind)
    journalist_id = models.BigIntegerField()
    detention_id = models.BigIntegerField(null=True, blank=True)
    # As published then, so that the changelog of a withdrawn case still names it.
    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=200)
    reason = models.TextField(_("public reason"), blank=True)

    class Meta:
        ordering = ["release", "journalist_id", "detention_id", "pk"]
        indexes = [models.Index(fields=["journalist_id", "detention_id"], name="releasechange_record")]

    def __str__(self):
        what = f"detention {self.detention_id}" if self.detention_id else self.slug
        return f"{self.get_kind_display()}: {what}"


class Census(models.Model):
    """A named census ("1 December 2024"): the number in custody on a day, fixed at a release."""

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    title = models.CharField(_("title"), max_length=200)
    day = models.DateField(_("in custody at the start of"))
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("Empty for every country."))
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="censuses")

    class Meta:
        ordering = ["-day", "slug"]
        verbose_name = _("census")
        verbose_name_plural = _("censuses")

    def __str__(self):
        return self.title


class ReleaseFigure(models.Model):
    """
    A headline figure of one release, counted once when the release was written
    (``cases.figures``) so that the home page reads a row instead of counting
    every current version. A release's versions never change, so neither does
    the figure; one that depends on the day holds for the days in
    ``[from_day, until_day)`` (open ends are None) and is counted again outside.
    """

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="figures")
    name = models.CharField(max_length=40)
    from_day = models.DateField(null=True, blank=True)
    until_day = models.DateField(null=True, blank=True)
    value = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "name"], name="releasefigure_once")]

    def __str__(self):
        return f"{self.name} (release {self.release_id})"
