"""
The CSV columns of each list: one flat row per record, readable in a spreadsheet.

Several values in one cell are joined with "; " (charges, aliases) or " | " (source
urls). Each column is (header, function of the record and a url builder).
"""

import functools
import itertools
from collections import defaultdict

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django_countries import countries

from cases.dates import FuzzyDate
from cases.models import Charge, ChargeCategory, ChargeStatus, ChargeStatusChange, Citation, Event, EventKind


def _charge(charge):
    if charge.statute is not None:
        what = f"{charge.statute.article} {charge.statute.code}"
    else:
        what = charge.wording or str(charge.get_category_display())
    return f"{what} ({charge.current_status})"


def _public_source_urls(detention):
    """Return the public sources of a detention, its charges and events, each once."""
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

JOURNALIST_COLUMNS = [
    ("slug", lambda j, absolute: j.slug),
    ("name", lambda j, absolute: j.name),
    ("name_original", lambda j, absolute: j.name_original),
    ("aliases", lambda j, absolute: "; ".join(alias.name for alias in j.aliases.all())),
    ("gender", lambda j, absolute: j.gender),
    ("role", lambda j, absolute: j.role),
    ("nationality", lambda j, absolute: "; ".join(country.code for country in j.nationality)),
    ("mediums", lambda j, absolute: "; ".join(medium.code for medium in j.mediums.all())),
    ("outlets", lambda j, absolute: "; ".join(a.outlet.name for a in j.affiliations.all())),
    ("detentions", lambda j, absolute: len(j.published_detentions)),
    ("url", lambda j, absolute: absolute(reverse("api:journalist-detail", args=[j.slug]))),
]

OUTLET_COLUMNS = [
    ("slug", lambda o, absolute: o.slug),
    ("name", lambda o, absolute: o.name),
    ("country", lambda o, absolute: o.country.code),
    ("website", lambda o, absolute: o.website),
    ("description", lambda o, absolute: o.description),
]

STATUTE_COLUMNS = [
    ("slug", lambda s, absolute: s.slug),
    ("country", lambda s, absolute: s.country.code),
    ("code", lambda s, absolute: s.code),
    ("article", lambda s, absolute: s.article),
    ("title", lambda s, absolute: s.title),
    ("detentions", lambda s, absolute: s.published_detentions),
]


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
            pk, slug, name, country, place, authority, kind, status, release_reason, linked = record[:10]
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
                country,
                country_name(country),
                place,
                authority,
                kind,
                status,
                release_reason,
                linked,
                *fuzzy(*record[10:13]),
                *fuzzy(*record[13:16]),
                "; ".join(described),
                "; ".join(dict.fromkeys(charge[6] for charge in own_charges)),
                sentence,
                record[16],
                " | ".join(dict.fromkeys(link for link in sources if link)),
                url(pk),
            ]
