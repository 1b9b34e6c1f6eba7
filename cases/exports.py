"""
The export row of a published detention: one flat row per record, readable in a spreadsheet.

One definition serves the API's ``?format=csv`` on detentions and the data page's
downloads (CSV, JSON, and the Frictionless ``datapackage.json`` describing them).
Several values in one cell are joined with "; " (charges, categories) or " | "
(source urls). Each column is (header, function of the record and a url builder);
``detention_rows`` yields the same rows from plain values, for full exports.
"""

import datetime
import functools
import itertools

from django.urls import reverse
from django.utils import translation
from django_countries import countries

from .dates import FuzzyDate, Precision
from .models import (
    ChargeStatus,
    DetentionKind,
    DetentionStatus,
    Event,
    EventKind,
    Gender,
    Linkage,
    ReleaseReason,
    Role,
)
from .public import format_moment
from .spreadsheets import csv_lines

__all__ = ["DETENTION_COLUMNS", "DETENTION_FIELDS", "DETENTION_TYPES", "csv_lines", "detention_rows", "rows"]


def _charge(charge):
    if charge.statute is not None:
        what = f"{charge.statute.article} {charge.statute.code}"
    else:
        what = charge.wording or charge.category
    return f"{what} ({charge.current_status})"


def _public_source_urls(detention):
    """
    Return the public sources of a detention, its charges and events, each once
    (read from ``public_citations``, which loading a published document sets on each).
    """
    citations = list(detention.public_citations)
    for child in (*detention.charges.all(), *detention.events.all()):
        citations += child.public_citations
    seen = []
    for citation in citations:
        link = citation.source.url or citation.source.title
        if link and link not in seen:
            seen.append(link)
    return " | ".join(seen)


def _date(name, part):
    def value(detention, absolute):
        date = getattr(detention, name)
        if date is None:
            return ""
        if part == "display":
            return str(date)
        if part == "iso":
            return date.iso()
        if part == "precision":
            return date.precision
        day = getattr(date, part)
        return day.isoformat() if day else ""

    return value


def in_english(function):
    """Return ``function`` made to answer in English: a column that is not ``*_display`` never changes language."""

    def english(*args):
        with translation.override("en"):
            return str(function(*args))

    return english


def _sentence(detention, absolute, display=False):
    sentence = detention.current_sentence
    if sentence is None:
        return ""
    return sentence.term_display if display else in_english(lambda: sentence.term_display)()


def _sentence_months(detention, absolute):
    sentence = detention.current_sentence
    if sentence is None or sentence.life_sentence or sentence.term_months is None:
        return ""
    return sentence.term_months


def _moment(value):
    return format_moment(value) if value else ""


# The one field list of the detention export: the API's CSV and XLSX, the data page's
# downloads and datapackage.json, and the column table of docs/api.md (made from it).
# Columns are codes, ISO dates and English text that never change with the reader's
# language; each ``*_display`` column is the same value in the language asked for.
DETENTION_COLUMNS = [
    ("id", lambda d, absolute: d.pk),
    ("journalist", lambda d, absolute: d.journalist.slug),
    ("journalist_name", lambda d, absolute: d.journalist.name),
    ("journalist_name_original", lambda d, absolute: d.journalist.name_original),
    ("role", lambda d, absolute: d.journalist.role),
    ("gender", lambda d, absolute: d.journalist.gender),
    ("country", lambda d, absolute: d.country.code),
    ("country_name", lambda d, absolute: in_english(countries.name)(d.country.code)),
    ("country_display", lambda d, absolute: d.country.name),
    ("place", lambda d, absolute: d.place),
    ("authority", lambda d, absolute: d.authority),
    ("kind", lambda d, absolute: d.kind),
    ("kind_display", lambda d, absolute: str(d.get_kind_display())),
    ("status", lambda d, absolute: d.status),
    ("status_display", lambda d, absolute: str(d.get_status_display())),
    ("release_reason", lambda d, absolute: d.release_reason),
    ("linked_to_journalism", lambda d, absolute: d.linked_to_journalism),
    ("arrested", _date("arrested", "iso")),
    ("arrested_precision", _date("arrested", "precision")),
    ("arrested_display", _date("arrested", "display")),
    ("arrested_earliest", _date("arrested", "earliest")),
    ("arrested_latest", _date("arrested", "latest")),
    ("released", _date("released", "iso")),
    ("released_precision", _date("released", "precision")),
    ("released_display", _date("released", "display")),
    ("released_earliest", _date("released", "earliest")),
    ("released_latest", _date("released", "latest")),
    ("custody_confirmed_on", lambda d, absolute: d.custody_confirmed_on.isoformat() if d.custody_confirmed_on else ""),
    ("charges", lambda d, absolute: "; ".join(_charge(charge) for charge in d.charges.all())),
    (
        "charge_categories",
        lambda d, absolute: "; ".join(dict.fromkeys(charge.category for charge in d.charges.all())),
    ),
    ("current_sentence", _sentence),
    ("current_sentence_months", _sentence_months),
    ("current_sentence_display", lambda d, absolute: _sentence(d, absolute, display=True)),
    ("summary", lambda d, absolute: d.summary),
    ("sources", lambda d, absolute: _public_source_urls(d)),
    ("url", lambda d, absolute: absolute(reverse("api:detention-detail", args=[d.pk]))),
    ("updated_at", lambda d, absolute: _moment(d.updated_at)),
]

_PRECISION = "How exact the date is: day, month, year or range (empty when there is none)."
# What each column of DETENTION_COLUMNS holds, for the Frictionless schema of the
# downloads and the column docs: name -> (Frictionless type, description, allowed values or None).
# A column without an entry here fails at import (see DETENTION_FIELDS below).
_DESCRIPTIONS = {
    "id": ("integer", "Stable id of the detention.", None),
    "journalist": ("string", "Slug of the journalist (stable; an old slug redirects).", None),
    "journalist_name": ("string", "Name of the journalist in Latin script.", None),
    "journalist_name_original": ("string", "Name of the journalist in original script, where known.", None),
    "role": ("string", "journalist or media_worker.", Role.values),
    "gender": ("string", "Gender where sources state it; empty when not known.", ["", *Gender.values]),
    "country": ("string", "ISO 3166-1 alpha-2 code of the country of detention.", None),
    "country_name": ("string", "Name of the country of detention, in English.", None),
    "country_display": ("string", "Name of the country of detention, in the language asked for.", None),
    "place": ("string", "Place of detention.", None),
    "authority": ("string", "Arresting authority.", None),
    "kind": ("string", "Kind of detention.", DetentionKind.values),
    "kind_display": ("string", "Kind of detention, in the language asked for.", None),
    "status": ("string", "Current status.", DetentionStatus.values),
    "status_display": ("string", "Current status, in the language asked for.", None),
    "release_reason": ("string", "Why custody ended, if it did.", ["", *ReleaseReason.values]),
    "linked_to_journalism": ("string", "Whether the detention is linked to journalism.", Linkage.values),
    "arrested": (
        "string",
        "Arrest date as written: 2023-11-20 (a day), 2023-11 (a month), 2023 (a year) or A..B (a range).",
        None,
    ),
    "arrested_precision": ("string", _PRECISION, ["", *Precision.values]),
    "arrested_display": ("string", "Arrest date as the site shows it, in the language asked for.", None),
    "arrested_earliest": ("date", "Earliest possible arrest day; empty when only a latest day is known.", None),
    "arrested_latest": ("date", "Latest possible arrest day.", None),
    "released": ("string", "Release date as written (as arrested); empty if not released.", None),
    "released_precision": ("string", _PRECISION, ["", *Precision.values]),
    "released_display": ("string", "Release date as the site shows it, in the language asked for.", None),
    "released_earliest": ("date", "Earliest possible release day.", None),
    "released_latest": ("date", "Latest possible release day.", None),
    "custody_confirmed_on": (
        "date",
        "Latest day a source confirms the person still held; empty if not recorded.",
        None,
    ),
    "charges": (
        "string",
        "Each charge as 'article code (current status)', or its wording or category code, separated by '; '.",
        None,
    ),
    "charge_categories": ("string", "Categories of the charges, each once, separated by '; '.", None),
    "current_sentence": (
        "string",
        "Term of the latest sentence, if any, in English ('7 years 6 months', 'life').",
        None,
    ),
    "current_sentence_months": ("integer", "Term of the latest sentence in months; empty for none or life.", None),
    "current_sentence_display": ("string", "Term of the latest sentence, in the language asked for.", None),
    "summary": ("string", "Short public summary of the case.", None),
    "sources": ("string", "Public sources of the detention, its charges and events, separated by ' | '.", None),
    "url": ("string", "This detention in the API.", None),
    "updated_at": (
        "datetime",
        "When this version was published: the time of the release that published it (UTC).",
        None,
    ),
}
DETENTION_FIELDS = [(name, *_DESCRIPTIONS[name]) for name, _function in DETENTION_COLUMNS]
if len(DETENTION_FIELDS) != len(_DESCRIPTIONS):
    raise ImportError("Every described detention field must be a column of DETENTION_COLUMNS.")
DETENTION_TYPES = [kind for _name, kind, *_rest in DETENTION_FIELDS]


def rows(columns, records, absolute):
    """Yield one list of cell values per record."""
    for record in records:
        yield [function(record, absolute) for _name, function in columns]


# The full export of detentions reads the published documents a batch at a time
# and writes their rows from plain values: building model instances for every row
# took nearly all of its time. Its rows are those of DETENTION_COLUMNS, cell for cell.
# A batch of documents at a time: 2,000 of them (with their charges, events and
# sources) held a peak of 287 MB at 100k rows.
EXPORT_BATCH = 250


def _fuzzy(earliest, latest, precision):
    """Return the iso, precision, display, earliest and latest cells of a stored fuzzy date."""
    date = FuzzyDate.stored(earliest, latest, precision)
    if date is None:
        return "", "", "", "", ""
    earliest = date.earliest.isoformat() if date.earliest else ""
    return date.iso(), date.precision, str(date), earliest, date.latest.isoformat()


def _url_maker(absolute, view_name):
    """Return a function of a pk giving the absolute URL of ``view_name``, reversed once."""
    sentinel = 918273645
    prefix, _sentinel, suffix = absolute(reverse(view_name, args=[sentinel])).rpartition(str(sentinel))
    return lambda pk: f"{prefix}{pk}{suffix}"


def latest_dated(items):
    """Return the latest of a document's dated parts (by latest day, then id), as the loaded records order them."""
    return max(items, key=lambda item: (item["on_latest"], item["id"]), default=None)


def _latest_status(charge):
    latest = latest_dated(charge["status_history"])
    return ChargeStatus.UNKNOWN if latest is None else latest["status"]


def _links(citations):
    for citation in citations:
        if "source" in citation:
            yield citation["source"]["url"] or citation["source"]["title"]


def _term(life, months):
    return Event(life_sentence=life, term_months=months).term_display


def detention_rows(queryset, absolute):
    """Yield the rows of DETENTION_COLUMNS for every detention version of ``queryset``, in its order."""
    url = _url_maker(absolute, "api:detention-detail")
    # Dates, countries and terms repeat across rows; each is translated and formatted once.
    fuzzy = functools.cache(_fuzzy)
    country_name = functools.cache(in_english(countries.name))
    country_display = functools.cache(lambda code: str(countries.name(code)))
    kind_display = functools.cache(lambda kind: str(DetentionKind(kind).label))
    status_display = functools.cache(lambda status: str(DetentionStatus(status).label))
    term = functools.cache(in_english(_term))
    term_display = functools.cache(_term)
    moment = functools.cache(_moment)
    records = queryset.values_list(
        "document",
        "journalist_version__slug",
        "journalist_version__name",
        "journalist_version__name_original",
        "role",
        "gender",
        "valid_from__published_at",
    )
    for batch in itertools.batched(records.iterator(chunk_size=EXPORT_BATCH), EXPORT_BATCH):
        for document, slug, name, name_original, role, gender, published_at in batch:
            charges = document["charges"]
            described = []
            for charge in charges:
                statute = charge["statute"]
                if statute is not None:
                    what = f"{statute['article']} {statute['code']}"
                else:
                    what = charge["wording"] or charge["category"]
                described.append(f"{what} ({_latest_status(charge)})")
            sentences = [event for event in document["events"] if event["kind"] == EventKind.SENTENCE]
            if sentences:
                life, months = sentences[-1]["life_sentence"], sentences[-1]["term_months"]
                sentence = (term(life, months), "" if life or months is None else months, term_display(life, months))
            else:
                sentence = ("", "", "")
            sources = list(_links(document["citations"]))
            for child in (*charges, *document["events"]):
                sources += _links(child["citations"])
            yield [
                document["id"],
                slug,
                name,
                name_original,
                role,
                gender,
                document["country"],
                country_name(document["country"]),
                country_display(document["country"]),
                document["place"],
                document["authority"],
                document["kind"],
                kind_display(document["kind"]),
                document["status"],
                status_display(document["status"]),
                document["release_reason"],
                document["linked_to_journalism"],
                *fuzzy(document["arrested_earliest"], document["arrested_latest"], document["arrested_precision"]),
                *fuzzy(document["released_earliest"], document["released_latest"], document["released_precision"]),
                document["custody_confirmed_on"] or "",
                "; ".join(described),
                "; ".join(dict.fromkeys(charge["category"] for charge in charges)),
                *sentence,
                document["summary"],
                " | ".join(dict.fromkeys(link for link in sources if link)),
                url(document["id"]),
                moment(_aware(published_at)),
            ]


def _aware(value):
    if isinstance(value, str):  # SQLite without a column type converter
        value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is None:  # SQLite stores UTC without an offset
        value = value.replace(tzinfo=datetime.UTC)
    return value


def select(columns, fields):
    """Return the indexes of ``fields`` (names) in ``columns``, or all of them when ``fields`` is None."""
    names = [column[0] for column in columns]
    return list(range(len(names))) if fields is None else [names.index(name) for name in fields]


def column_docs():
    """
    Return the Markdown table of the detention export's columns, as docs/api.md
    holds it between its ``columns`` markers (``manage.py write_column_docs`` writes it).
    """
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for name, kind, description, enum in DETENTION_FIELDS:
        allowed = ", ".join(f"`{value}`" for value in enum if value) if enum else ""
        meaning = f"{description} One of {allowed}." if allowed else description
        lines.append(f"| `{name}` | {kind} | {meaning.replace('|', chr(92) + '|')} |")
    return "\n".join(lines) + "\n"
