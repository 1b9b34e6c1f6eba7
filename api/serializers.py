"""
What the public API shows of each record.

Serializers read only what the view's queryset prepared: published detentions
as ``published_detentions`` and public citations as ``public_citations``. A
missing prefetch fails loudly instead of falling back to every related row.
"""

import datetime
import functools
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases import models, translated
from cases.dates import Precision
from cases.public import format_moment


def _site_url(path):
    return f"{settings.SITE_URL}{path}"


# Lists serialize thousands of small values per request; the hot serializers below
# build their dicts directly (the declared fields still describe the schema).


class RowURLField(serializers.HyperlinkedIdentityField):
    """A hyperlink reversed once per list and filled in per row: reverse() per row cost a fifth of a list."""

    _SENTINEL = "918273645"
    _SAFE = "!$&'()*+,;=/~:@"  # what reverse() leaves unquoted in a path

    def get_url(self, obj, view_name, request, format):
        value = getattr(obj, self.lookup_field)
        if value in (None, ""):
            return None
        template = getattr(self, "_template", None)
        if template is None or template[0] is not request:
            kwargs = {self.lookup_url_kwarg: self._SENTINEL}
            url = self.reverse(view_name, kwargs=kwargs, request=request, format=format)
            template = self._template = (request, *url.rpartition(self._SENTINEL)[::2])
        return f"{template[1]}{quote(str(value), safe=self._SAFE)}{template[2]}"


@functools.lru_cache(maxsize=8192)
def _display(value, language):
    """Return ``str(value)`` in ``language`` (the active one): translated formatting cost most of a date."""
    return str(value)


class FuzzyDateSerializer(serializers.Serializer):
    """An uncertain day: every day from ``earliest`` to ``latest`` is possible."""

    earliest = serializers.DateField(allow_null=True, help_text="Earliest possible day; null for “on or before”.")
    latest = serializers.DateField(help_text="Latest possible day.")
    precision = serializers.ChoiceField(choices=Precision.choices)
    display = serializers.SerializerMethodField(help_text="As a person would write it, e.g. “November 2023”.")
    iso = serializers.SerializerMethodField(help_text="2023-11-20, 2023-11, 2023 or 2023-11-01..2023-11-30.")

    def get_display(self, value) -> str:
        return str(value)

    def get_iso(self, value) -> str:
        return value.iso()

    def to_representation(self, value):
        return {
            "earliest": value.earliest.isoformat() if value.earliest else None,
            "latest": value.latest.isoformat(),
            "precision": value.precision,
            "display": _display(value, get_language()),
            "iso": value.iso(),
        }


class SourceSerializer(serializers.Serializer):
    """A public source and what it supports; confidential sources are never listed."""

    url = serializers.CharField(source="source.url", help_text="The source's address, or empty (e.g. print).")
    title = serializers.CharField(source="source.title")
    publisher = serializers.CharField(source="source.publisher")
    language = serializers.CharField(source="source.language")
    published_on = serializers.DateField(source="source.published_on", allow_null=True)
    accessed_on = serializers.DateField(source="source.accessed_on", allow_null=True)
    archive_url = serializers.CharField(source="source.archive_url", help_text="An archived copy, or empty.")
    claim = serializers.CharField(help_text="What the source supports.")

    def to_representation(self, citation):
        source = citation.source
        return {
            "url": source.url,
            "title": source.title,
            "publisher": source.publisher,
            "language": source.language,
            "published_on": source.published_on.isoformat() if source.published_on else None,
            "accessed_on": source.accessed_on.isoformat() if source.accessed_on else None,
            "archive_url": source.archive_url,
            "claim": citation.claim,
        }


def _sources():
    return SourceSerializer(source="public_citations", many=True, read_only=True)


@extend_schema_field({"type": "string", "enum": list(translated.LANGUAGES)})
class TextLanguageField(serializers.Field):
    """
    The language a translated text of the record is in: the one asked for, or
    "en" where it is not translated yet (the text is then the English, perhaps
    empty).
    """

    def __init__(self, name, **kwargs):
        self.text_name = name
        kwargs.setdefault("help_text", f"The language of {name}: the one asked for, or en where not yet translated.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return translated.text_of(record, self.text_name)[1]


class StatuteBriefSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(help_text="Stable id, e.g. az-cc-206.3.2.")
    country = serializers.CharField(source="country.code")

    class Meta:
        model = models.Statute
        fields = ["slug", "country", "code", "article", "title", "title_language"]

    title_language = TextLanguageField("title")


class ChargeStatusChangeSerializer(serializers.ModelSerializer):
    on = FuzzyDateSerializer(read_only=True)

    class Meta:
        model = models.ChargeStatusChange
        fields = ["status", "on", "note"]


class ChargeSerializer(serializers.ModelSerializer):
    statute = StatuteBriefSerializer(read_only=True, allow_null=True)
    status = serializers.ChoiceField(
        source="current_status", choices=models.ChargeStatus.choices, help_text="The latest status of the history."
    )
    history = ChargeStatusChangeSerializer(source="status_history", many=True, read_only=True)
    sources = _sources()

    class Meta:
        model = models.Charge
        fields = ["id", "statute", "wording", "wording_en", "category", "status", "history", "sources"]


class EventSerializer(serializers.ModelSerializer):
    on = FuzzyDateSerializer(read_only=True)
    sources = _sources()

    class Meta:
        model = models.Event
        fields = ["id", "kind", "on", "description", "description_language", "court", "stage", "charge", "sources"]

    description_language = TextLanguageField("description")


class SentenceSerializer(serializers.ModelSerializer):
    on = FuzzyDateSerializer(read_only=True)
    term = serializers.CharField(source="term_display", help_text="e.g. “7 years 6 months” or “life”.")

    class Meta:
        model = models.Event
        fields = [
            "id",
            "on",
            "court",
            "stage",
            "term_months",
            "life_sentence",
            "term",
            "fine_amount",
            "fine_currency",
            "other_penalties",
        ]


class JournalistBriefSerializer(serializers.ModelSerializer):
    url = RowURLField(view_name="api:journalist-detail", lookup_field="slug")

    class Meta:
        model = models.Journalist
        fields = ["slug", "name", "url"]


class DetentionSerializer(serializers.ModelSerializer):
    url = RowURLField(view_name="api:detention-detail")
    page_url = serializers.SerializerMethodField(help_text="The public page that shows this detention.")
    journalist = JournalistBriefSerializer(read_only=True)
    country = serializers.CharField(source="country.code", help_text="ISO 3166-1 alpha-2.")
    country_name = serializers.CharField(source="country.name")
    arrested = FuzzyDateSerializer(read_only=True, allow_null=True)
    released = FuzzyDateSerializer(read_only=True, allow_null=True)
    custody_confirmed_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="The latest day a source confirms the person still held, or null."
    )
    charges = ChargeSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    sentences = serializers.SerializerMethodField(help_text="Every sentence, oldest first.")
    current_sentence = SentenceSerializer(read_only=True, allow_null=True, help_text="The latest sentence.")
    sources = _sources()
    updated_at = serializers.SerializerMethodField(
        help_text="When this version was published: the time of the release that published it (UTC)."
    )
    summary_language = TextLanguageField("summary")

    class Meta:
        model = models.Detention
        fields = [
            "id",
            "url",
            "page_url",
            "journalist",
            "country",
            "country_name",
            "place",
            "authority",
            "kind",
            "status",
            "release_reason",
            "linked_to_journalism",
            "arrested",
            "released",
            "custody_confirmed_on",
            "summary",
            "summary_language",
            "charges",
            "events",
            "sentences",
            "current_sentence",
            "sources",
            "updated_at",
        ]

    def get_page_url(self, detention) -> str:
        return _site_url(detention.get_absolute_url())

    def get_updated_at(self, detention) -> datetime.datetime:
        return format_moment(detention.updated_at)

    @extend_schema_field(SentenceSerializer(many=True))
    def get_sentences(self, detention):
        sentences = [event for event in detention.events.all() if event.kind == models.EventKind.SENTENCE]
        # One serializer for every row: building one per row cost more than the rest of the row.
        if not hasattr(self, "_sentence_serializer"):
            self._sentence_serializer = SentenceSerializer(context=self.context)
        return [self._sentence_serializer.to_representation(sentence) for sentence in sentences]


class DetentionBriefSerializer(serializers.ModelSerializer):
    url = RowURLField(view_name="api:detention-detail")
    country = serializers.CharField(source="country.code")
    arrested = FuzzyDateSerializer(read_only=True, allow_null=True)
    released = FuzzyDateSerializer(read_only=True, allow_null=True)

    class Meta:
        model = models.Detention
        fields = ["id", "url", "country", "kind", "status", "arrested", "released"]


class AffiliationSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="outlet.slug")
    name = serializers.CharField(source="outlet.name")

    class Meta:
        model = models.Affiliation
        fields = ["slug", "name", "job_title", "employment"]


class JournalistSerializer(serializers.ModelSerializer):
    url = RowURLField(view_name="api:journalist-detail", lookup_field="slug")
    page_url = serializers.SerializerMethodField(help_text="The person's public page.")
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    nationality = serializers.SerializerMethodField(help_text="ISO 3166-1 alpha-2 codes.")
    mediums = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    beats = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    outlets = AffiliationSerializer(source="affiliations", many=True, read_only=True)
    detentions = DetentionBriefSerializer(source="published_detentions", many=True, read_only=True)
    sources = _sources()
    updated_at = serializers.SerializerMethodField(
        help_text="When this version was published: the time of the release that published it (UTC)."
    )
    biography_language = TextLanguageField("biography")

    class Meta:
        model = models.Journalist
        fields = [
            "slug",
            "url",
            "page_url",
            "name",
            "name_original",
            "aliases",
            "gender",
            "role",
            "nationality",
            "mediums",
            "beats",
            "biography",
            "biography_language",
            "outlets",
            "detentions",
            "sources",
            "updated_at",
        ]

    def get_page_url(self, journalist) -> str:
        return _site_url(journalist.get_absolute_url())

    def get_updated_at(self, journalist) -> datetime.datetime:
        return format_moment(journalist.updated_at)

    def get_nationality(self, journalist) -> list[str]:
        return [country.code for country in journalist.nationality]


class OutletSerializer(serializers.ModelSerializer):
    """An outlet as last published (JournalistVersionOutlet)."""

    country = serializers.CharField(help_text="ISO 3166-1 alpha-2, or empty.")
    website = serializers.CharField(help_text="The outlet's address, or empty.")

    class Meta:
        model = models.JournalistVersionOutlet
        fields = ["slug", "name", "country", "website", "description"]


class StatuteSerializer(serializers.ModelSerializer):
    """A statute as last published (DetentionVersionCharge), with its published detentions."""

    slug = serializers.CharField(source="statute_slug", help_text="Stable id, e.g. az-cc-206.3.2.")
    country = serializers.CharField(source="statute_country")
    code = serializers.CharField(source="statute_code")
    article = serializers.CharField(source="statute_article")
    title = serializers.CharField(source="statute_title")
    detentions = serializers.IntegerField(
        source="published_detentions", help_text="How many published detentions include a charge under it."
    )
    detentions_url = serializers.SerializerMethodField(help_text="Those detentions.")

    class Meta:
        model = models.DetentionVersionCharge
        fields = ["slug", "country", "code", "article", "title", "detentions", "detentions_url"]

    def get_detentions_url(self, statute) -> str:
        return f"{_site_url(reverse('api:detention-list'))}?{urlencode({'statute': statute.statute_slug})}"


class GroupSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The value grouped on, as a filter would take it (2023-11 for months).")
    label = serializers.CharField()
    count = serializers.IntegerField()


class LicenseSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="SPDX id, e.g. CC-BY-4.0.")
    title = serializers.CharField()
    url = serializers.URLField()


class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="At least this many; distinct over all groups.")
    unit = serializers.ChoiceField(choices=["journalists", "detentions"])
    statement = serializers.CharField(help_text="The sentence to quote.")
    filters = serializers.DictField(child=serializers.CharField(), help_text="The filters applied.")
    groups = GroupSerializer(many=True, required=False, help_text="Present when group_by is given.")
    release = serializers.IntegerField(help_text="The release the count was computed from.")
    as_of = serializers.DateTimeField(help_text="The time of that release (UTC).")
    permalink = serializers.URLField(help_text="The same count pinned to that release: it gives this count back.")
    methodology_url = serializers.URLField()
    cases_url = serializers.URLField(help_text="The detentions behind the count, pinned to the same release.")
    license = LicenseSerializer(help_text="The licence of the data.")
    citation = serializers.CharField(
        help_text="How to cite this count: its sentence, the release it was computed from and its permalink."
    )


class ReleaseChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=models.ChangeKind.choices)
    journalist = serializers.CharField(source="slug", help_text="Slug of the journalist when it was released.")
    name = serializers.CharField()
    detention = serializers.IntegerField(
        source="detention_id", allow_null=True, help_text="The detention, when the change is about one."
    )
    reason = serializers.CharField(help_text="Why it was withdrawn, when it was; else empty.")
    url = serializers.SerializerMethodField(help_text="The record in the API (410 Gone once withdrawn).")

    def get_url(self, change) -> str:
        if change.detention_id:
            return _site_url(reverse("api:detention-detail", args=[change.detention_id]))
        return _site_url(reverse("api:journalist-detail", args=[change.slug]))


class ReleaseSerializer(serializers.ModelSerializer):
    url = RowURLField(view_name="api:release-detail", lookup_field="number")
    published_at = serializers.DateTimeField(help_text="When it was published (UTC).")
    note = serializers.CharField(help_text="The public note, or empty.")
    changes = ReleaseChangeSerializer(many=True, read_only=True)

    class Meta:
        model = models.Release
        fields = ["number", "url", "published_at", "note", "changes"]


class PersonSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, person) -> str:
        return _site_url(reverse("api:journalist-detail", args=[person.slug]))


class CensusSinceSerializer(serializers.Serializer):
    release = serializers.IntegerField(source="now_release", help_text="The release compared with.")
    count = serializers.IntegerField(source="now", help_text="The same day's count in that release.")
    documented = PersonSerializer(
        source="added", many=True, help_text="Counted now, not then: documented or corrected since."
    )
    no_longer_counted = PersonSerializer(
        source="removed", many=True, help_text="Counted then, not now: withdrawn or corrected since."
    )
    withdrawn = PersonSerializer(many=True, help_text="Of those, the ones withdrawn.")


class CensusSerializer(serializers.Serializer):
    slug = serializers.CharField(source="census.slug")
    url = serializers.SerializerMethodField()
    title = serializers.CharField(source="census.title")
    day = serializers.DateField(source="census.day", help_text="In custody at the start of this day.")
    country = serializers.CharField(source="census.country", help_text="ISO 3166-1 alpha-2, or empty for all.")
    release = serializers.IntegerField(source="census.release_id", help_text="The release it was fixed at.")
    as_of = serializers.SerializerMethodField(help_text="That release's time (UTC).")
    count = serializers.IntegerField(source="figure", help_text="The figure as published.")
    statement = serializers.CharField()
    people = PersonSerializer(many=True, help_text="The people behind the figure, as published.")
    since = CensusSinceSerializer(source="*", help_text="What later releases changed about that day.")

    def get_url(self, result) -> str:
        return _site_url(reverse("api:census-detail", args=[result.census.slug]))

    def get_as_of(self, result) -> str:
        return format_moment(result.census.release.published_at)
