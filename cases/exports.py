"""
The export row of a published detention: one flat row per record, readable in a spreadsheet.

One definition serves the API's ``?format=csv`` on detentions and the data page's
downloads (CSV, JSON, and the Frictionless ``datapackage.json`` describing them).
Several values in one cell are joined with "; " (charges, categories) or " | "
(source urls). Each column is (header, function of the record and a url builder);
``detention_rows`` yields the same rows from plain values, for full exports.
"""

import csv
import datetime
import functools
import itertools

from django.urls import reverse
from django_countries import countries

from .dates import FuzzyDate
from .models import (
    ChargeCategory,
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


def _charge(charge):
    if charge.statute is not None:
        what = f"{charge.statute.article} {charge.statute.code}"
    else:
        what = charge.wording or str(charge.get_category_display())
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


def _date(name, end):
    def value(detention, absolute):
        date = getattr(detention, name)
        if date is None:
            return ""
        if end == "display":
            return str(date)
        day = getattr(date, end)
        return day.isoformat() if day else ""

    return value


def _sentence(detention, absolute):
    sentence = detention.current_sentence
    return sentence.term_display if sentence else ""


DETENTION_COLUMNS = [
    ("id", lambda d, absolute: d.pk),
    ("journalist", lambda d, absolute: d.journalist.slug),
    ("journalist_name", lambda d, absolute: d.journalist.name),
    ("journalist_name_original", lambda d, absolute: d.journalist.name_original),
    ("role", lambda d, absolute: d.journalist.role),
    ("gender", lambda d, absolute: d.journalist.gender),
    ("country", lambda d, absolute: d.country.code),
    ("country_name", lambda d, absolute: d.country.name),
    ("place", lambda d, absolute: d.place),
    ("authority", lambda d, absolute: d.authority),
    ("kind", lambda d, absolute: d.kind),
    ("status", lambda d, absolute: d.status),
    ("release_reason", lambda d, absolute: d.release_reason),
    ("linked_to_journalism", lambda d, absolute: d.linked_to_journalism),
    ("arrested", _date("arrested", "display")),
    ("arrested_earliest", _date("arrested", "earliest")),
    ("arrested_latest", _date("arrested", "latest")),
    ("released", _date("released", "display")),
    ("released_earliest", _date("released", "earliest")),
    ("released_latest", _date("released", "latest")),
    ("custody_confirmed_on", lambda d, absolute: d.custody_confirmed_on.isoformat() if d.custody_confirmed_on else ""),
    ("charges", lambda d, absolute: "; ".join(_charge(charge) for charge in d.charges.all())),
    (
        "charge_categories",
        lambda d, absolute: "; ".join(dict.fromkeys(charge.category for charge in d.charges.all())),
    ),
    ("current_sentence", _sentence),
    ("summary", lambda d, absolute: d.summary),
    ("sources", lambda d, absolute: _public_source_urls(d)),
    ("url", lambda d, absolute: absolute(reverse("api:detention-detail", args=[d.pk]))),
]

# What each column of DETENTION_COLUMNS holds, for the Frictionless schema of the
# downloads: name -> (Frictionless type, description, allowed values or None).
# A column without an entry here fails at import (see DETENTION_FIELDS below).
_DESCRIPTIONS = {
    "id": ("integer", "Stable id of the detention.", None),
    "journalist": ("string", "Slug of the journalist (stable; an old slug redirects).", None),
    "journalist_name": ("string", "Name of the journalist in Latin script.", None),
    "journalist_name_original": ("string", "Name of the journalist in original script, where known.", None),
    "role": ("string", "journalist or media_worker.", Role.values),
    "gender": ("string", "Gender where sources state it; empty when not known.", ["", *Gender.values]),
    "country": ("string", "ISO 3166-1 alpha-2 code of the country of detention.", None),
    "country_name": ("string", "Name of the country of detention, in the language of the request.", None),
    "place": ("string", "Place of detention.", None),
    "authority": ("string", "Arresting authority.", None),
    "kind": ("string", "Kind of detention.", DetentionKind.values),
    "status": ("string", "Current status.", DetentionStatus.values),
    "release_reason": ("string", "Why custody ended, if it did.", ["", *ReleaseReason.values]),
    "linked_to_journalism": ("string", "Whether the detention is linked to journalism.", Linkage.values),
    "arrested": ("string", "Arrest date as the site shows it (a day, a month, a year or a range).", None),
    "arrested_earliest": ("date", "Earliest possible arrest day; empty when only a latest day is known.", None),
    "arrested_latest": ("date", "Latest possible arrest day.", None),
    "released": ("string", "Release date as the site shows it; empty if not released.", None),
    "released_earliest": ("date", "Earliest possible release day.", None),
    "released_latest": ("date", "Latest possible release day.", None),
    "custody_confirmed_on": (
        "date",
        "Latest day a source confirms the person still held; empty if not recorded.",
        None,
    ),
    "charges": (
        "string",
        "Each charge as 'article code (current status)', or its wording or category, separated by '; '.",
        None,
    ),
    "charge_categories": ("string", "Categories of the charges, each once, separated by '; '.", None),
    "current_sentence": ("string", "Term of the latest sentence, if any.", None),
    "summary": ("string", "Short public summary of the case.", None),
    "sources": ("string", "Public sources of the detention, its charges and events, separated by ' | '.", None),
    "url": ("string", "This detention in the API.", None),
}
DETENTION_FIELDS = [(name, *_DESCRIPTIONS[name]) for name, _function in DETENTION_COLUMNS]
if len(DETENTION_FIELDS) != len(_DESCRIPTIONS):
    raise ImportError("Every described detention field must be a column of DETENTION_COLUMNS.")


class _Echo:
    """A file-like object whose write() returns what it was given, for streaming."""

    def write(self, value):
        return value


def csv_lines(header, rows):
    """Yield the lines of a CSV file: the header, then one line per row (a sequence)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


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
    """Return the display, earliest and latest cells of a stored fuzzy date."""
    if latest is None or not precision:
        return "", "", ""
    date = FuzzyDate(
        datetime.date.fromisoformat(earliest) if earliest else None, datetime.date.fromisoformat(latest), precision
    )
    return str(date), date.earliest.isoformat() if date.earliest else "", date.latest.isoformat()


def _url_maker(absolute, view_name):
    """Return a function of a pk giving the absolute URL of ``view_name``, reversed once."""
    sentinel = 918273645
    prefix, _sentinel, suffix = absolute(reverse(view_name, args=[sentinel])).rpartition(str(sentinel))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _category(value):
    return str(dict(ChargeCategory.choices).get(value, value))


def _latest_status(charge):
    history = charge["status_history"]
    if not history:
        return ChargeStatus.UNKNOWN
    return max(history, key=lambda change: (change["on_latest"], change["id"]))["status"]


def _links(citations):
    for citation in citations:
        if "source" in citation:
            yield citation["source"]["url"] or citation["source"]["title"]


def detention_rows(queryset, absolute):
    """Yield the rows of DETENTION_COLUMNS for every detention version of ``queryset``, in its order."""
    url = _url_maker(absolute, "api:detention-detail")
    # Dates, countries and terms repeat across rows; each is translated and formatted once.
    fuzzy = functools.cache(_fuzzy)
    country_name = functools.cache(countries.name)
    category_label = functools.cache(_category)
    term = functools.cache(lambda life, months: Event(life_sentence=life, term_months=months).term_display)
    records = queryset.values_list(
        "document",
        "journalist_version__slug",
        "journalist_version__name",
        "journalist_version__name_original",
        "role",
        "gender",
    )
    for batch in itertools.batched(records.iterator(chunk_size=EXPORT_BATCH), EXPORT_BATCH):
        for document, slug, name, name_original, role, gender in batch:
            charges = document["charges"]
            described = []
            for charge in charges:
                statute = charge["statute"]
                if statute is not None:
                    what = f"{statute['article']} {statute['code']}"
                else:
                    what = charge["wording"] or category_label(charge["category"])
                described.append(f"{what} ({_latest_status(charge)})")
            sentences = [event for event in document["events"] if event["kind"] == EventKind.SENTENCE]
            sentence = term(sentences[-1]["life_sentence"], sentences[-1]["term_months"]) if sentences else ""
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
                document["place"],
                document["authority"],
                document["kind"],
                document["status"],
                document["release_reason"],
                document["linked_to_journalism"],
                *fuzzy(document["arrested_earliest"], document["arrested_latest"], document["arrested_precision"]),
                *fuzzy(document["released_earliest"], document["released_latest"], document["released_precision"]),
                document["custody_confirmed_on"] or "",
                "; ".join(described),
                "; ".join(dict.fromkeys(charge["category"] for charge in charges)),
                sentence,
                document["summary"],
                " | ".join(dict.fromkeys(link for link in sources if link)),
                url(document["id"]),
            ]
