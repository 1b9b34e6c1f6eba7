"""
The domain of DESIGN.md: journalists, outlets, detentions, charges, events and sources.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from . import names
from .dates import FuzzyDateDescriptor, Precision, fuzzy_date_constraints
from .querysets import DetentionQuerySet, JournalistQuerySet


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other")
    UNKNOWN = "", _("not known")


class Role(models.TextChoices):
    JOURNALIST = "journalist", _("journalist")
    MEDIA_WORKER = "media_worker", _("media worker")


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """
    A record that counts its saves, so that a form opened on an older version
    can tell that someone else saved in between (no lost edits).
    """

    version = models.PositiveIntegerField(_("version"), default=0, editable=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Count from the stored row, not from the instance, so that a revert to an
        # old version still moves the counter forward.
        stored = None
        if not self._state.adding and self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True).first()
        self.version = (stored or 0) + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class Publishable(Timestamped, Versioned):
    publication_state = models.CharField(
        _("publication state"),
        max_length=12,
        choices=PublicationState,
        default=PublicationState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    # Written only by releases (cases.publishing): whether a current published version exists.
    live = models.BooleanField(_("published"), default=False, editable=False)
    review_comment = models.TextField(
        _("review comment"), blank=True, help_text=_("Why an editor sent it back; never shown publicly.")
    )
    withdrawal_reason = models.TextField(_("withdrawal reason"), blank=True, help_text=_("Never shown publicly."))
    external_id = models.CharField(
        _("external id"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The key of the record in the import it came from, e.g. the CPJ export."),
    )

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # Kept so that a record leaving the public (sent back, withdrawn) is noticed.
        instance._loaded_publication_state = instance.__dict__.get("publication_state")
        return instance

    @property
    def is_published(self):
        """Return whether the public sees a version of this record (whatever is pending)."""
        return self.live

    @property
    def has_unpublished_changes(self):
        """Return whether the record is published and its working copy is being changed or reviewed."""
        return self.live and self.publication_state in (PublicationState.DRAFT, PublicationState.IN_REVIEW)

    @property
    def status_string(self):
        """Return the state in plain words: "published, changes pending", "draft", "withdrawn" ..."""
        if self.has_unpublished_changes:
            if self.publication_state == PublicationState.IN_REVIEW:
                return _("published, changes in review")
            return _("published, changes pending")
        if self.live:
            return _("published")
        if self.publication_state == PublicationState.PUBLISHED:
            # Marked published but with no current version: its journalist was withdrawn.
            return _("withdrawn")
        return self.get_publication_state_display()


class Medium(models.Model):
    """A medium a journalist works in; the rows are fixed by a data migration."""

    code = models.SlugField(primary_key=True, max_length=20)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        ordering = ["code"]
        verbose_name = _("medium")
        verbose_name_plural = _("media")

    def __str__(self):
        return str(_(self.name))


class Beat(models.Model):
    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("beat")

    def __str__(self):
        return self.name


class Journalist(Publishable):
    slug = models.SlugField(
        _("slug"),
        unique=True,
        max_length=120,
        help_text=_("The permanent address of the person's page; a changed slug redirects."),
    )
    name = models.CharField(_("name in Latin script"), max_length=200)
    name_original = models.CharField(_("name in original script"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, blank=True, default=Gender.UNKNOWN)
    nationality = CountryField(_("nationality"), multiple=True, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.JOURNALIST)
    mediums = models.ManyToManyField(Medium, blank=True, related_name="journalists", verbose_name=_("mediums"))
    beats = models.ManyToManyField(Beat, blank=True, related_name="journalists", verbose_name=_("beats"))
    biography = models.TextField(_("public biography"), blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Never shown publicly."))
    # The keys of the name and the original-script name (cases.names), one per line: a search aid
    # derived on every save, so neither the form nor the history shows it.
    name_key = models.TextField(_("name key"), blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[mediums, beats], excluded_fields=["name_key"])
    objects = JournalistQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("journalist")
        permissions = [
            ("review_journalist", _("Can send a journalist back to its author")),
            ("publish_journalist", _("Can publish a journalist")),
            ("withdraw_journalist", _("Can withdraw a published journalist")),
            ("merge_journalist", _("Can merge two journalist records")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = names.name_keys(self.name, self.name_original)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cases:journalist", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug and RetiredSlug.objects.filter(slug=self.slug).exclude(journalist=self.pk).exists():
            raise ValidationError({"slug": _("This slug was used before and is never reused.")})


class RetiredSlug(models.Model):
    """A slug a journalist had before: it keeps redirecting and is never reused."""

    slug = models.SlugField(unique=True, max_length=120)
    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="retired_slugs")
    retired_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self):
        return self.slug


class Language(models.TextChoices):
    """The languages of the site and of its case texts."""

    EN = "en", _("English")
    AZ = "az", _("Azerbaijani")
    RU = "ru", _("Russian")


class Alias(models.Model):
    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("e.g. transliteration, married name"))
    # The key of the name (cases.names), derived on every save.
    name_key = models.TextField(_("name key"), blank=True, editable=False)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language,
        blank=True,
        help_text=_("Whose spelling this is: a Russian spelling is the name shown on Russian pages."),
    )

    history = HistoricalRecords(excluded_fields=["name_key"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["journalist", "name"], name="alias_unique_per_journalist")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = names.name_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)


class Outlet(Timestamped):
    slug = models.SlugField(unique=True, max_length=120)
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("outlet")

    def __str__(self):
        return self.name


class Employment(models.TextChoices):
    STAFF = "staff", _("staff")
    FREELANCE = "freelance", _("freelance")
    UNKNOWN = "", _("not known")


class Affiliation(models.Model):
    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="affiliations")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="affiliations")
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    employment = models.CharField(_("employment"), max_length=10, choices=Employment, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["outlet__name", "pk"]
        verbose_name = _("affiliation")
        constraints = [
            models.UniqueConstraint(fields=["journalist", "outlet"], name="affiliation_unique_per_outlet"),
        ]

    def __str__(self):
        return f"{self.journalist} – {self.outlet}"


class Statute(models.Model):
    """An article of a country's law under which journalists are charged."""

    slug = models.CharField(
        unique=True,
        max_length=80,
        validators=[
            RegexValidator(r"^[a-z0-9][a-z0-9.-]*$", _("Use lower-case letters, digits, dots and hyphens only."))
        ],
        help_text=_("Stable id used in URLs and the API, e.g. az-cc-206.3.2."),
    )
    country = CountryField(_("country"))
    code = models.CharField(
        _("code"), max_length=100, help_text=_("e.g. Criminal Code, Code of Administrative Offences")
    )
    article = models.CharField(_("article"), max_length=40, help_text=_("e.g. 206.3.2"))
    title = models.CharField(_("title"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "code", "article"]
        verbose_name = _("statute")
        constraints = [
            models.UniqueConstraint(fields=["country", "code", "article"], name="statute_unique_article"),
        ]

    def __str__(self):
        label = f"{self.country.code} {self.code} art. {self.article}"
        return f"{label} ({self.title})" if self.title else label


class DetentionKind(models.TextChoices):
    CRIMINAL = "criminal", _("criminal")
    ADMINISTRATIVE = "administrative", _("administrative")
    OTHER = "other", _("other")


class DetentionStatus(models.TextChoices):
    PRETRIAL = "pretrial", _("in pretrial detention")
    SENTENCED = "sentenced", _("sentenced")
    RELEASED = "released", _("released")
    DIED_IN_CUSTODY = "died_in_custody", _("died in custody")
    UNKNOWN = "unknown", _("unknown")


# Statuses that say custody ended, whether or not the day is known.
ENDED_STATUSES = (DetentionStatus.RELEASED, DetentionStatus.DIED_IN_CUSTODY)


class ReleaseReason(models.TextChoices):
    SERVED = "served", _("sentence served")
    BAIL_OR_SUPERVISION = "bail_or_supervision", _("bail or supervision")
    CHARGES_DROPPED = "charges_dropped", _("charges dropped")
    ACQUITTED = "acquitted", _("acquitted")
    PARDONED = "pardoned", _("pardoned")
    HOUSE_ARREST = "house_arrest", _("moved to house arrest")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


class Linkage(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    SUSPECTED = "suspected", _("suspected")
    UNCLEAR = "unclear", _("unclear")


class Detention(Publishable):
    """One continuous period of state custody of one journalist: the unit of every count."""

    journalist = models.ForeignKey(Journalist, on_delete=models.PROTECT, related_name="detentions")
    country = CountryField(_("country"), db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    authority = models.CharField(_("arresting authority"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DetentionKind, default=DetentionKind.CRIMINAL)
    status = models.CharField(_("status"), max_length=16, choices=DetentionStatus, default=DetentionStatus.PRETRIAL)
    release_reason = models.CharField(_("release reason"), max_length=24, choices=ReleaseReason, blank=True)
    linked_to_journalism = models.CharField(
        _("linked to journalism"), max_length=10, choices=Linkage, default=Linkage.CONFIRMED
    )

    arrested_earliest = models.DateField(_("arrested, earliest possible day"), null=True, blank=True)
    arrested_latest = models.DateField(_("arrested, latest possible day"), null=True, blank=True)
    arrested_precision = models.CharField(_("arrest date precision"), max_length=8, choices=Precision, blank=True)
    released_earliest = models.DateField(_("released, earliest possible day"), null=True, blank=True)
    released_latest = models.DateField(_("released, latest possible day"), null=True, blank=True)
    released_precision = models.CharField(_("release date precision"), max_length=8, choices=Precision, blank=True)
    custody_confirmed_on = models.DateField(
        _("custody last confirmed on"),
        null=True,
        blank=True,
        help_text=_(
            "The latest day a source confirms the person still held. The public page says so when it is "
            "more than six months ago and no release is recorded."
        ),
    )

    summary = models.TextField(_("public summary"), blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Never shown publicly."))

    arrested = FuzzyDateDescriptor("arrested")
    released = FuzzyDateDescriptor("released")

    history = HistoricalRecords()
    objects = DetentionQuerySet.as_manager()

    class Meta:
        ordering = ["-arrested_latest", "pk"]
        verbose_name = _("detention")
        permissions = [
            ("review_detention", _("Can send a detention back to its author")),
            ("publish_detention", _("Can publish a detention")),
            ("withdraw_detention", _("Can withdraw a published detention")),
        ]
        constraints = [
            *fuzzy_date_constraints("arrested", "detention"),
            *fuzzy_date_constraints("released", "detention"),
            models.CheckConstraint(
                condition=models.Q(released_latest__isnull=True)
                | models.Q(arrested_earliest__isnull=True)
                | models.Q(released_latest__gte=models.F("arrested_earliest")),
                name="detention_release_not_before_arrest",
                violation_error_message=_("The release cannot come before the arrest."),
            ),
        ]
        indexes = [
            models.Index(fields=["country", "arrested_earliest", "arrested_latest"], name="detention_country_arrest"),
            models.Index(fields=["arrested_latest", "released_earliest"], name="detention_custody"),
        ]

    def __str__(self):
        when = self.arrested or _("date unknown")
        return f"{self.journalist.name}, {self.country.name}, {when}"

    def get_absolute_url(self):
        return f"{self.journalist.get_absolute_url()}#detention-{self.pk}"

    @property
    def has_ended(self):
        return self.released is not None or self.status in ENDED_STATUSES

    def days_in_custody(self, today=None):
        """Return the fewest days the person can have spent in custody, or None."""
        if self.arrested is None:
            return None
        start = self.arrested.latest
        if self.released is not None:
            # "On or before" a day: the release may have followed the arrest at once.
            if self.released.earliest is None:
                return None
            end = self.released.earliest
        elif self.status in ENDED_STATUSES:
            return None
        else:
            end = today or datetime.date.today()
        return max((end - start).days, 0)

    @property
    def current_sentence(self):
        """Return the latest sentence event, using prefetched events when present."""
        sentences = [event for event in self.events.all() if event.kind == EventKind.SENTENCE]
        return max(sentences, key=lambda event: (event.on_latest, event.pk), default=None)


class ChargeCategory(models.TextChoices):
    ANTI_STATE = "anti_state", _("anti-state")
    FALSE_NEWS = "false_news", _("false news")
    DEFAMATION = "defamation", _("defamation")
    INSULT = "insult", _("insult")
    CENSORSHIP = "censorship", _("censorship violation")
    RETALIATORY = "retaliatory", _("retaliatory")
    ADMINISTRATIVE = "administrative", _("administrative offence")
    NONE_DISCLOSED = "none_disclosed", _("no charge disclosed")
    OTHER = "other", _("other")


class ChargeStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DROPPED = "dropped", _("dropped")
    CONVICTED = "convicted", _("convicted")
    ACQUITTED = "acquitted", _("acquitted")
    ON_APPEAL = "on_appeal", _("on appeal")
    UNKNOWN = "unknown", _("unknown")


class Charge(Timestamped, Versioned):
    detention = models.ForeignKey(Detention, on_delete=models.CASCADE, related_name="charges")
    statute = models.ForeignKey(
        Statute, on_delete=models.PROTECT, null=True, blank=True, related_name="charges", verbose_name=_("statute")
    )
    wording = models.CharField(_("wording as reported"), max_length=500, blank=True)
    wording_en = models.CharField(
        _("wording in English"),
        max_length=500,
        blank=True,
        help_text=_("An English rendering of the wording as reported, when that is in another language."),
    )
    category = models.CharField(_("category"), max_length=16, choices=ChargeCategory)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("charge")
        indexes = [models.Index(fields=["category", "detention"], name="charge_category_detention")]

    def __str__(self):
        return str(self.statute) if self.statute else (self.wording or self.get_category_display())

    @property
    def current_status_change(self):
        """Return the latest row of the status history (prefetched when present), or None."""
        return max(self.status_history.all(), key=lambda change: (change.on_latest, change.pk), default=None)

    @property
    def current_status(self):
        """Return the latest status of the history, or "unknown"."""
        latest = self.current_status_change
        return latest.status if latest else ChargeStatus.UNKNOWN


class OnDate(models.Model):
    """An abstract base for records dated with an uncertain day."""

    on_earliest = models.DateField(_("earliest possible day"), null=True, blank=True)
    on_latest = models.DateField(_("latest possible day"))
    on_precision = models.CharField(_("date precision"), max_length=8, choices=Precision, default=Precision.DAY)

    on = FuzzyDateDescriptor("on")

    class Meta:
        abstract = True


class ChargeStatusChange(OnDate):
    charge = models.ForeignKey(Charge, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(_("status"), max_length=12, choices=ChargeStatus)
    note = models.CharField(_("public note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["on_latest", "pk"]
        verbose_name = _("charge status change")
        constraints = fuzzy_date_constraints("on", "chargestatuschange")

    def __str__(self):
        return f"{self.get_status_display()} ({self.on})"


class EventKind(models.TextChoices):
    ARREST = "arrest", _("arrest")
    PRETRIAL_ORDERED = "pretrial_ordered", _("pretrial detention ordered")
    PRETRIAL_EXTENDED = "pretrial_extended", _("pretrial detention extended")
    CHARGE_ADDED = "charge_added", _("charge added")
    CHARGE_DROPPED = "charge_dropped", _("charge dropped")
    HEARING = "hearing", _("hearing")
    VERDICT = "verdict", _("verdict")
    SENTENCE = "sentence", _("sentence")
    APPEAL_DECIDED = "appeal_decided", _("appeal decided")
    TRANSFER = "transfer", _("transfer")
    RELEASE = "release", _("release")
    DEATH = "death", _("death")
    OTHER = "other", _("other")


# The events that carry a prison term or fine, and those that carry a term of custody.
SENTENCE_KINDS = (EventKind.SENTENCE,)
PRETRIAL_KINDS = (EventKind.PRETRIAL_ORDERED, EventKind.PRETRIAL_EXTENDED)
SENTENCE_FIELDS = ("term_months", "life_sentence", "fine_amount", "fine_currency", "other_penalties")
PRETRIAL_TERM_FIELDS = ("custody_term_months", "custody_term_days", "custody_ends_on_given")


class CourtStage(models.TextChoices):
    FIRST_INSTANCE = "first_instance", _("first instance")
    APPEAL = "appeal", _("appeal")
    CASSATION = "cassation", _("cassation")


class Event(OnDate, Versioned):
    """A dated step of a detention's timeline; a sentence carries its terms."""

    detention = models.ForeignKey(Detention, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind)
    description = models.TextField(_("public description"), blank=True)
    court = models.CharField(_("court"), max_length=200, blank=True)
    stage = models.CharField(_("court stage"), max_length=16, choices=CourtStage, blank=True)
    charge = models.ForeignKey(
        Charge, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("charge")
    )
    term_months = models.PositiveIntegerField(_("prison term in months"), null=True, blank=True)
    life_sentence = models.BooleanField(_("life sentence"), default=False)
    fine_amount = models.DecimalField(_("fine"), max_digits=14, decimal_places=2, null=True, blank=True)
    fine_currency = models.CharField(_("fine currency"), max_length=3, blank=True)
    other_penalties = models.CharField(
        _("other penalties"), max_length=300, blank=True, help_text=_("e.g. a two-year ban on journalism")
    )
    # The term of a pretrial order or extension, and the day it runs out: given by
    # the court, or counted from the event's date (custody_ends_on, stored to be queried).
    custody_term_months = models.PositiveSmallIntegerField(_("term in months"), null=True, blank=True)
    custody_term_days = models.PositiveSmallIntegerField(_("term in days"), null=True, blank=True)
    custody_ends_on_given = models.DateField(
        _("runs out on (if the court named the day)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to count it from the date and the term."),
    )
    custody_ends_on = models.DateField(_("term runs out on"), null=True, blank=True, editable=False, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["on_latest", "pk"]
        verbose_name = _("event")
        constraints = [
            *fuzzy_date_constraints("on", "event"),
            models.CheckConstraint(
                condition=models.Q(kind="sentence")
                | (models.Q(term_months__isnull=True) & models.Q(life_sentence=False)),
                name="event_terms_only_on_sentences",
                violation_error_message=_("Only a sentence has a prison term."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=PRETRIAL_KINDS)
                | (
                    models.Q(custody_term_months__isnull=True)
                    & models.Q(custody_term_days__isnull=True)
                    & models.Q(custody_ends_on_given__isnull=True)
                ),
                name="event_custody_terms_only_on_pretrial_orders",
                violation_error_message=_("Only a pretrial order or extension has a term of custody."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.on}"

    def save(self, *args, **kwargs):
        if self.kind not in PRETRIAL_KINDS:
            # A term of custody belongs to an order: a revert that restores another kind
            # (the term is private, so no document carries it back) must not keep it.
            self.custody_term_months = self.custody_term_days = self.custody_ends_on_given = None
        self.custody_ends_on = self.counted_custody_end()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *PRETRIAL_TERM_FIELDS, "custody_ends_on"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.charge_id is None or (self.detention_id is None and not type(self).detention.is_cached(self)):
            return  # no charge, or no detention yet (the form reports that)
        # A detention being added has no charges yet: any charge is another's.
        if self.charge.detention_id != self.detention_id:
            raise ValidationError({"charge": _("This charge belongs to another detention: choose one of this one's.")})

    def counted_custody_end(self):
        """
        Return the day a pretrial term runs out: the court's day when given, else
        the event's date plus the term, or None.

        An uncertain date counts from its earliest possible day, so that the
        deadline is never later than the true one.
        """
        if self.custody_ends_on_given is not None:
            return self.custody_ends_on_given
        if self.custody_term_months is None and self.custody_term_days is None:
            return None
        start = self.on_earliest or self.on_latest
        if start is None:
            return None
        return start + relativedelta(months=self.custody_term_months or 0, days=self.custody_term_days or 0)

    @property
    def term_display(self):
        """Return the prison term as a person would say it ("7 years 6 months", "life")."""
        if self.life_sentence:
            return str(_("life"))
        if self.term_months is None:
            return ""
        years, months = divmod(self.term_months, 12)
        parts = []
        if years:
            parts.append(str(_("%(n)d years") % {"n": years}) if years != 1 else str(_("1 year")))
        if months:
            parts.append(str(_("%(n)d months") % {"n": months}) if months != 1 else str(_("1 month")))
        return " ".join(parts) or str(_("no prison term"))


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    CONFIDENTIAL = "confidential", _("confidential")


class Source(Timestamped, Versioned):
    url = models.URLField(_("url"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=400, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True, help_text=_("e.g. en, az, ru"))
    published_on = models.DateField(_("published"), null=True, blank=True)
    accessed_on = models.DateField(_("accessed"), null=True, blank=True)
    archive_url = models.URLField(_("archive url"), max_length=500, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility, default=Visibility.PUBLIC)
    internal_label = models.CharField(
        _("internal label"),
        max_length=200,
        blank=True,
        help_text=_(
            "What a confidential source is (e.g. “the journalist's lawyer”), so that staff can find it again. "
            "Never shown publicly: the public reads “confidential source #N”."
        ),
    )
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Never shown publicly."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "pk"]
        verbose_name = _("source")
        permissions = [
            ("view_confidential_label", _("Can see and search the internal labels of confidential sources")),
        ]

    def __str__(self):
        if self.visibility == Visibility.CONFIDENTIAL:
            return f"{_('confidential source')} #{self.pk}"
        return " – ".join(part for part in (self.publisher, self.title or self.url) if part)

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC

    def staff_label(self, user):
        """Return the label staff see: a confidential source's internal label, for those who may read it."""
        label = str(self)
        if not self.is_public and self.internal_label and user.has_perm("cases.view_confidential_label"):
            return f"{label}: {self.internal_label}"
        return label


class CitationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(source__visibility=Visibility.PUBLIC)


class Citation(models.Model):
    """A source supporting one record: a journalist, a detention, a charge or an event."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    journalist = models.ForeignKey(
        Journalist, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    detention = models.ForeignKey(Detention, on_delete=models.CASCADE, null=True, blank=True, related_name="citations")
    charge = models.ForeignKey(Charge, on_delete=models.CASCADE, null=True, blank=True, related_name="citations")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, blank=True, related_name="citations")
    claim = models.CharField(_("what it supports"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("citation")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(journalist__isnull=False, detention__isnull=True, charge__isnull=True, event__isnull=True)
                    | models.Q(
                        journalist__isnull=True, detention__isnull=False, charge__isnull=True, event__isnull=True
                    )
                    | models.Q(
                        journalist__isnull=True, detention__isnull=True, charge__isnull=False, event__isnull=True
                    )
                    | models.Q(
                        journalist__isnull=True, detention__isnull=True, charge__isnull=True, event__isnull=False
                    )
                ),
                name="citation_supports_exactly_one_record",
                violation_error_message=_("A citation supports exactly one record."),
            ),
        ]

    def __str__(self):
        return f"{self.source} → {self.journalist or self.detention or self.charge or self.event}"


# Releases and published versions (DESIGN.md §4); defined apart, registered with this app.
from .versions import (  # noqa: E402, F401
    Census,
    ChangeKind,
    DetentionVersion,
    DetentionVersionCharge,
    JournalistVersion,
    JournalistVersionMedium,
    JournalistVersionOutlet,
    JournalistVersionSlug,
    Release,
    ReleaseChange,
    ReleaseFigure,
)
