"""
The export row of a published detention: one flat row per record, readable in a spreadsheet.

One definition serves the API's ``?format=csv`` on detentions and the data page's
downloads (CSV, JSON, and the Frictionless ``datapackage.json`` describing them).
Several values in one cell are joined with "; " (charges, categories) or " | "
(source urls). Each column is (header, function of the record and a url builder);
``detention_rows`` yields the same rows from plain values, for full exports.
"""

import csv
import functools
import itertools
from collections import defaultdict

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django_countries import countries

from .dates import FuzzyDate
from .models import (
    Charge,
    ChargeCategory,
    ChargeStatus,
    ChargeStatusChange,
    Citation,
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
    (read from ``public_citations_prefetch`` on each).
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


# The full export of detentions reads plain values a batch at a time: building
# model instances (with their prefetched charges, events and citations) took
# nearly all of its time. Its rows are those of DETENTION_COLUMNS, cell for cell.
EXPORT_BATCH = 2000
_DETENTION_VALUES = (
    "pk",
    "journalist__slug",
    "journalist__name",
    "journalist__name_original",
    "journalist__role",
    "journalist__gender",
    "country",
    "place",
    "authority",
    "kind",
    "status",
    "release_reason",
    "linked_to_journalism",
    "arrested_earliest",
    "arrested_latest",
    "arrested_precision",
    "released_earliest",
    "released_latest",
    "released_precision",
    "custody_confirmed_on",
    "summary",
)


def _fuzzy(earliest, latest, precision):
    """Return the display, earliest and latest cells of a stored fuzzy date."""
    if latest is None or not precision:
        return "", "", ""
    date = FuzzyDate(earliest, latest, precision)
    return str(date), date.earliest.isoformat() if date.earliest else "", date.latest.isoformat()


def _url_maker(absolute, view_name):
    """Return a function of a pk giving the absolute URL of ``view_name``, reversed once."""
    sentinel = 918273645
    prefix, _sentinel, suffix = absolute(reverse(view_name, args=[sentinel])).rpartition(str(sentinel))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _by(rows, key_index):
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[key_index]].append(row)
    return grouped


def _within(field, ids):
    """Return the condition ``field`` in ``ids``: one array parameter on PostgreSQL rather than thousands."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__in": RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))})
    return Q(**{f"{field}__in": ids})


def _batch_children(ids):
    """Return the charges, sentences and public source links of the detentions ``ids``, by detention."""
    charges = list(
        Charge.objects.filter(_within("detention_id", ids))
        .order_by("pk")
        .values_list("pk", "detention_id", "statute_id", "statute__article", "statute__code", "wording", "category")
    )
    latest_status = {}
    history = ChargeStatusChange.objects.filter(_within("charge__detention_id", ids)).values_list(
        "charge_id", "on_latest", "pk", "status"
    )
    for charge_id, on_latest, pk, status in history:
        if charge_id not in latest_status or (on_latest, pk) > latest_status[charge_id][0]:
            latest_status[charge_id] = ((on_latest, pk), status)
    events = list(
        Event.objects.filter(_within("detention_id", ids))
        .order_by("on_latest", "pk")
        .values_list("pk", "detention_id", "kind", "life_sentence", "term_months")
    )
    public = Citation.objects.public().order_by("pk")
    links = {}
    for owner, owner_ids in (
        ("detention", ids),
        ("charge", [charge[0] for charge in charges]),
        ("event", [event[0] for event in events]),
    ):
        for owner_id, url, title in public.filter(_within(f"{owner}_id", owner_ids)).values_list(
            f"{owner}_id", "source__url", "source__title"
        ):
            links.setdefault((owner, owner_id), []).append(url or title)
    return _by(charges, 1), latest_status, _by(events, 1), links


def _category(value):
    return str(dict(ChargeCategory.choices).get(value, value))


def detention_rows(queryset, absolute):
    """Yield the rows of DETENTION_COLUMNS for every detention of ``queryset``, in its order."""
    url = _url_maker(absolute, "api:detention-detail")
    # Dates, countries and terms repeat across rows; each is translated and formatted once.
    fuzzy = functools.cache(_fuzzy)
    country_name = functools.cache(countries.name)
    category_label = functools.cache(_category)
    term = functools.cache(lambda life, months: Event(life_sentence=life, term_months=months).term_display)
    records = queryset.select_related(None).prefetch_related(None).values_list(*_DETENTION_VALUES)
    for batch in itertools.batched(records.iterator(chunk_size=EXPORT_BATCH), EXPORT_BATCH):
        charges, latest_status, events, links = _batch_children([record[0] for record in batch])
        for record in batch:
            pk, slug, name, name_original, role, gender, country, place, authority, kind, status = record[:11]
            release_reason, linked = record[11:13]
            own_charges = charges.get(pk, [])
            own_events = events.get(pk, [])
            described = []
            for charge_id, _d, statute_id, article, code, wording, category in own_charges:
                what = f"{article} {code}" if statute_id is not None else wording or category_label(category)
                described.append(f"{what} ({latest_status.get(charge_id, (None, ChargeStatus.UNKNOWN))[1]})")
            sentences = [event for event in own_events if event[2] == EventKind.SENTENCE]
            sentence = ""
            if sentences:
                _e, _d, _kind, life, months = sentences[-1]
                sentence = term(life, months)
            sources = links.get(("detention", pk), [])
            for charge in own_charges:
                sources = sources + links.get(("charge", charge[0]), [])
            for event in own_events:
                sources = sources + links.get(("event", event[0]), [])
            yield [
                pk,
                slug,
                name,
                name_original,
                role,
                gender,
                country,
                country_name(country),
                place,
                authority,
                kind,
                status,
                release_reason,
                linked,
                *fuzzy(*record[13:16]),
                *fuzzy(*record[16:19]),
                record[19].isoformat() if record[19] else "",
                "; ".join(described),
                "; ".join(dict.fromkeys(charge[6] for charge in own_charges)),
                sentence,
                record[20],
                " | ".join(dict.fromkeys(link for link in sources if link)),
                url(pk),
            ]
