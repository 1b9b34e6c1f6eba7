"""
The JSON of published detentions and journalists written straight from their documents.

``api.serializers.DetentionSerializer`` and ``JournalistSerializer`` are the
contract: they describe the schema, and their answer over records loaded from
a document (``cases.render.load_detention``, ``load_journalist``) is what the
API shows. Loading those records and walking them field by field through DRF
cost nearly all of a list's time, so the lists and the details write the same
dicts here from the plain values of the documents, key for key and value for
value; test_representations checks that both agree on every detention and
journalist of the seed, the factories and the synthetic generator, in every
language. A field added to a serializer must be added here too (the test fails
until it is).

What a loaded record would work out on the way is worked out the same here:
a translated text follows the active language and falls back to English
(django-modeltranslation's descriptor), a charge's status is the latest of its
history, an event names its charge only when the charge is in the document,
the current sentence is the latest sentence.
"""

import datetime
import functools
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse as django_reverse
from django.utils.translation import get_language
from django_countries import countries
from modeltranslation.utils import get_language as text_language
from rest_framework.reverse import reverse

from cases import translated
from cases.dates import FuzzyDate
from cases.exports import latest_dated
from cases.models import ChargeStatus, Event, EventKind, Journalist
from cases.public import format_moment, release_times

from .serializers import RowURLField, SentenceSerializer

ENGLISH = translated.ENGLISH
TRANSLATIONS = translated.TRANSLATIONS
_SENTINEL = RowURLField._SENTINEL
_SAFE = RowURLField._SAFE
_FINE = Event._meta.get_field("fine_amount")
_NATIONALITY = Journalist._meta.get_field("nationality")


@functools.cache
def _fine_field():
    """Return the DRF field that writes a sentence's fine (a Decimal quantized to the model's places)."""
    return SentenceSerializer().fields["fine_amount"]


def _text(part, name, language):
    """
    Return ``(text, language_of_text)`` of translated field ``name`` of a document
    part, as a loaded record's attribute and ``translated.text_of`` give them.
    """
    if language != ENGLISH:
        text = part.get(TRANSLATIONS, {}).get(language, {}).get(name)
        if text:
            # modeltranslation's descriptor takes any text but None and "".
            return str(text), language
    english = part.get(name)
    return ("" if english is None else str(english)), ENGLISH


@functools.lru_cache(maxsize=8192)
def _fuzzy(earliest, latest, precision, language):
    """Return FuzzyDateSerializer's dict of a stored fuzzy date in ``language`` (the active one), or None."""
    value = FuzzyDate.stored(earliest, latest, precision)
    if value is None:
        return None
    return {
        "earliest": value.earliest.isoformat() if value.earliest else None,
        "latest": value.latest.isoformat(),
        "precision": value.precision,
        "display": str(value),
        "iso": value.iso(),
    }


def _date(part, prefix, language):
    value = _fuzzy(
        part.get(f"{prefix}_earliest"), part.get(f"{prefix}_latest"), part.get(f"{prefix}_precision"), language
    )
    return None if value is None else dict(value)


@functools.lru_cache(maxsize=4096)
def _day(value):
    """Return a stored day as DRF's DateField writes it (ISO), or None."""
    return datetime.date.fromisoformat(value).isoformat() if value else None


@functools.lru_cache(maxsize=1024)
def _country(code, language):
    """Return (alpha-2 code, name in ``language``) of a stored country, as a CountryField gives them."""
    code = countries.alpha2(code) or code
    return code, str(countries.name(code))


@functools.lru_cache(maxsize=1024)
def _term(life, months, language):
    return str(Event(life_sentence=life, term_months=months).term_display)


def _str(value):
    return None if value is None else str(value)


def _sources(citations):
    """Return SourceSerializer's dicts of the public citations of a document part."""
    return [
        {
            "url": (source := citation["source"]).get("url"),
            "title": source.get("title"),
            "publisher": source.get("publisher"),
            "language": source.get("language"),
            "published_on": _day(source.get("published_on")),
            "accessed_on": _day(source.get("accessed_on")),
            "archive_url": source.get("archive_url"),
            "claim": citation.get("claim"),
        }
        for citation in citations
        if "confidential" not in citation
    ]


@functools.lru_cache(maxsize=1024)
def _nationality(codes):
    """Return the codes a journalist's nationality gives of stored ``codes`` (a CountryField cleans them)."""
    record = Journalist()
    setattr(record, _NATIONALITY.attname, _NATIONALITY.to_python(list(codes)))
    return tuple(country.code for country in record.nationality)


class _Links:
    """The links of one request's rows: each URL reversed once, its row's key filled in."""

    def __init__(self, request, format=None):
        self.request = request
        # Translated texts follow the language as modeltranslation reads it; dates,
        # countries and terms are formatted (and cached) in the active one.
        self.text_language = text_language()
        self.language = get_language()
        self.detail = self._template("api:detention-detail", "pk", format)
        self.journalist = self._template("api:journalist-detail", "slug", format)
        page = django_reverse("cases:journalist", kwargs={"slug": _SENTINEL})
        self.page = f"{settings.SITE_URL}{page}".rpartition(_SENTINEL)[::2]

    def _template(self, view_name, kwarg, format):
        url = reverse(view_name, kwargs={kwarg: _SENTINEL}, request=self.request, format=format)
        return url.rpartition(_SENTINEL)[::2]

    @staticmethod
    def _fill(template, value):
        if value in (None, ""):
            return None
        return f"{template[0]}{quote(str(value), safe=_SAFE)}{template[1]}"

    def page_url(self, slug):
        return f"{self.page[0]}{quote(slug, safe=_SAFE)}{self.page[1]}"


class Detentions(_Links):
    """Writes DetentionSerializer's dict of published detentions for one request (its language, its links)."""

    def versions(self, versions):
        """Return the dicts of DetentionVersion rows (``journalist_version`` selected), in order."""
        versions = list(versions)
        times = release_times([version.valid_from_id for version in versions])
        return [
            self.document(version.document, version.journalist_version, times[version.valid_from_id])
            for version in versions
        ]

    def document(self, document, journalist, updated_at):
        """Return the dict of one detention document, of ``journalist`` (a JournalistVersion), published at ``updated_at``."""
        language = self.language
        pk = int(document["id"])
        slug = _str(journalist.slug)
        code, country_name = _country(document["country"], language)
        charges = [self.charge(charge) for charge in document["charges"]]
        charge_ids = {charge["id"] for charge in document["charges"]}
        events = document["events"]
        sentences = [event for event in events if event["kind"] == EventKind.SENTENCE]
        summary, summary_language = _text(document, "summary", self.text_language)
        current = latest_dated(sentences)
        return {
            "id": pk,
            "url": self._fill(self.detail, pk),
            "page_url": f"{self.page_url(slug)}#detention-{pk}",
            "journalist": {"slug": slug, "name": _str(journalist.name), "url": self._fill(self.journalist, slug)},
            "country": code,
            "country_name": country_name,
            "place": _str(document.get("place")),
            "authority": _str(document.get("authority")),
            "kind": _str(document.get("kind")),
            "status": _str(document.get("status")),
            "release_reason": _str(document.get("release_reason")),
            "linked_to_journalism": _str(document.get("linked_to_journalism")),
            "arrested": _date(document, "arrested", language),
            "released": _date(document, "released", language),
            "custody_confirmed_on": _day(document.get("custody_confirmed_on")),
            "summary": summary,
            "summary_language": summary_language,
            "charges": charges,
            "events": [self.event(event, charge_ids) for event in events],
            "sentences": [self.sentence(sentence) for sentence in sentences],
            "current_sentence": None if current is None else self.sentence(current),
            "sources": _sources(document["citations"]),
            "updated_at": format_moment(updated_at),
        }

    def charge(self, charge):
        history = charge["status_history"]
        latest = latest_dated(history)
        statute = charge["statute"]
        return {
            "id": int(charge["id"]),
            "statute": None if statute is None else self.statute(statute),
            "wording": _str(charge.get("wording")),
            # Written only when set (cases.render.OPTIONAL_FIELDS).
            "wording_en": _str(charge.get("wording_en", "")),
            "category": _str(charge.get("category")),
            "status": _str(latest["status"]) if latest is not None else ChargeStatus.UNKNOWN.value,
            "history": [
                {
                    "status": _str(change.get("status")),
                    "on": _date(change, "on", self.language),
                    "note": _str(change.get("note")),
                }
                for change in history
            ],
            "sources": _sources(charge["citations"]),
        }

    def statute(self, statute):
        title, title_language = _text(statute, "title", self.text_language)
        return {
            "slug": _str(statute.get("slug")),
            "country": _country(statute["country"], self.language)[0],
            "code": _str(statute.get("code")),
            "article": _str(statute.get("article")),
            "title": title,
            "title_language": title_language,
        }

    def event(self, event, charge_ids):
        description, description_language = _text(event, "description", self.text_language)
        charge = event.get("charge_id")
        return {
            "id": int(event["id"]),
            "kind": _str(event.get("kind")),
            "on": _date(event, "on", self.language),
            "description": description,
            "description_language": description_language,
            "court": _str(event.get("court")),
            "stage": _str(event.get("stage")),
            # A loaded event points at its charge only when the document has it.
            "charge": int(charge) if charge is not None and charge in charge_ids else None,
            "sources": _sources(event["citations"]),
        }

    def sentence(self, event):
        months = event.get("term_months")
        life = event.get("life_sentence")
        fine = event.get("fine_amount")
        return {
            "id": int(event["id"]),
            "on": _date(event, "on", self.language),
            "court": _str(event.get("court")),
            "stage": _str(event.get("stage")),
            "term_months": None if months is None else int(months),
            "life_sentence": None if life is None else bool(life),
            "term": _term(bool(life), months, self.language),
            "fine_amount": None if fine is None else _fine_field().to_representation(_FINE.to_python(fine)),
            "fine_currency": _str(event.get("fine_currency")),
            "other_penalties": _str(event.get("other_penalties")),
        }


class Journalists(_Links):
    """Writes JournalistSerializer's dict of published journalists for one request."""

    def versions(self, versions, detentions):
        """
        Return the dicts of JournalistVersion rows, in order, with their
        ``detentions``: (journalist version id, document) pairs in the order shown.
        """
        versions = list(versions)
        times = release_times([version.valid_from_id for version in versions])
        briefs = {}
        for journalist_version, document in detentions:
            briefs.setdefault(journalist_version, []).append(self.brief(document))
        return [
            self.document(version.document, briefs.get(version.pk, []), times[version.valid_from_id])
            for version in versions
        ]

    def document(self, document, detentions, updated_at):
        """Return the dict of one journalist document, with the briefs of its detentions."""
        slug = _str(document.get("slug"))
        biography, biography_language = _text(document, "biography", self.text_language)
        return {
            "slug": slug,
            "url": self._fill(self.journalist, slug),
            "page_url": self.page_url(slug),
            "name": _str(document.get("name")),
            "name_original": _str(document.get("name_original")),
            "aliases": [_str(alias.get("name")) for alias in document["aliases"]],
            "gender": _str(document.get("gender")),
            "role": _str(document.get("role")),
            "nationality": list(_nationality(tuple(document["nationality"]))),
            "mediums": [medium["code"] for medium in document["mediums"]],
            "beats": [beat["name"] for beat in document["beats"]],
            "biography": biography,
            "biography_language": biography_language,
            "outlets": [
                {
                    "slug": _str(item["outlet"].get("slug")),
                    "name": _str(item["outlet"].get("name")),
                    "job_title": _str(item.get("job_title")),
                    "employment": _str(item.get("employment")),
                }
                for item in document["affiliations"]
            ],
            "detentions": detentions,
            "sources": _sources(document["citations"]),
            "updated_at": format_moment(updated_at),
        }

    def brief(self, document):
        """Return DetentionBriefSerializer's dict of a detention document."""
        pk = int(document["id"])
        return {
            "id": pk,
            "url": self._fill(self.detail, pk),
            "country": _country(document["country"], self.language)[0],
            "kind": _str(document.get("kind")),
            "status": _str(document.get("status")),
            "arrested": _date(document, "arrested", self.language),
            "released": _date(document, "released", self.language),
        }
