"""
Citable counts: a number, its groups and the sentence to quote.

Used by the API's ``counts/``, the public pages and the embeds, so that one
query string gives one number and one sentence everywhere.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext, pgettext
from django_countries import countries

from .dates import format_month
from .grammar import day_in_sentence, in_country
from .models import (
    ChargeCategory,
    DetentionKind,
    DetentionStatus,
    Gender,
    Linkage,
    Medium,
    Role,
)
from .public import snapshot_at
from .version_queries import UNIT_FIELDS

UNITS = ("journalists", "detentions")


def _year_month_label(year, month):
    return format_month(datetime.date(year, month, 1))


# group_by name -> (the value path grouped on, how a key is labelled).
# Year and month are those of the arrest; an arrest whose possible days span two
# years (or months) belongs to no year (month) group, as a lower bound must.
GROUPS = {
    "country": ("country", lambda key: str(countries.name(key)) or key),
    "year": ("arrest_year", str),
    "month": ("arrest_month", None),
    "status": ("status", lambda key: str(DetentionStatus(key).label)),
    "kind": ("kind", lambda key: str(DetentionKind(key).label)),
    "charge_category": ("charges__category", lambda key: str(ChargeCategory(key).label)),
    "statute": ("charges__statute_slug", None),
    "outlet": ("journalist_version__outlets__slug", None),
    "gender": ("gender", lambda key: str(Gender(key).label)),
    "role": ("role", lambda key: str(Role(key).label)),
    "medium": ("journalist_version__mediums__code", None),
}


MANY_VALUED = {"charge_category", "statute", "outlet", "medium"}


@dataclass
class Group:
    key: str
    label: str
    count: int


@dataclass
class CountResult:
    count: int
    unit: str
    filters: dict
    statement: str
    groups: list = field(default_factory=list)


def group_counts(queryset, by, unit="journalists", snapshot=None):
    """Return the groups of ``queryset`` (published versions) by ``by``, each counted in ``unit``, largest first."""
    path, labeller = GROUPS[by]
    if by == "year":
        queryset = queryset.annotate(arrest_year=ExtractYear("arrested_latest")).filter(
            arrested_earliest__year=F("arrest_year")
        )
    elif by == "month":
        queryset = queryset.annotate(
            arrest_year=ExtractYear("arrested_latest"), arrest_month_number=ExtractMonth("arrested_latest")
        ).filter(arrested_earliest__year=F("arrest_year"), arrested_earliest__month=F("arrest_month_number"))
        path = None
    counted = UNIT_FIELDS[unit]
    # A detention appears once per group unless the path crosses a many-valued relation.
    distinct = unit == "journalists" or by in MANY_VALUED
    if by == "month":
        rows = (
            queryset.order_by()
            .values("arrest_year", "arrest_month_number")
            .annotate(n=Count(counted, distinct=distinct))
            .values_list("arrest_year", "arrest_month_number", "n")
        )
        items = [(f"{year:04d}-{month:02d}", _year_month_label(year, month), n) for year, month, n in rows]
    else:
        # Years are numbers; other keys are text where "" means not known.
        known = Q(**{f"{path}__isnull": False}) if by == "year" else ~Q(**{path: ""}) & Q(**{f"{path}__isnull": False})
        rows = (
            queryset.order_by()
            .filter(known)
            .values(path)
            .annotate(n=Count(counted, distinct=distinct))
            .values_list(path, "n")
        )
        rows = list(rows)
        labels = _labels(by, [key for key, _n in rows], snapshot or snapshot_at()) if labeller is None else {}
        items = [(str(key), labeller(key) if labeller else labels.get(key, str(key)), n) for key, n in rows]
    if by in SERIES:
        return time_series(by, items)
    items.sort(key=lambda item: (-item[2], item[0]))
    return [Group(key, label, n) for key, label, n in items]


# Groups that are a series in time: in order of time, every year (month) from the first to the last.
SERIES = {"year", "month"}


def _next_key(by, key):
    if by == "year":
        return str(int(key) + 1)
    year, month = int(key[:4]), int(key[5:])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def time_series(by, items):
    """Return (key, label, n) items of a year or month grouping as Groups in time order, with a zero for each gap."""
    counted = {key: (label, n) for key, label, n in items}
    if not counted:
        return []
    order = int if by == "year" else str
    keys = sorted(counted, key=order)
    groups = []
    key = keys[0]
    while order(key) <= order(keys[-1]):
        if key in counted:
            label, n = counted[key]
        elif by == "year":
            label, n = key, 0
        else:
            label, n = _year_month_label(int(key[:4]), int(key[5:])), 0
        groups.append(Group(key, label, n))
        key = _next_key(by, key)
    return groups


def statute_label(country, code, article, title):
    """Return a statute as the site names it: "AZ Criminal Code art. 206.3.2 (smuggling)"."""
    label = f"{country} {code} art. {article}"
    return f"{label} ({title})" if title else label


def _statute_labels(snapshot, slugs):
    rows = snapshot.charges().filter(statute_slug__in=slugs).order_by("version__valid_from_id", "pk")
    fields = ("statute_slug", "statute_country", "statute_code", "statute_article", "statute_title")
    # The latest published wording of each statute wins.
    return {slug: statute_label(*rest) for slug, *rest in rows.values_list(*fields)}


def _outlet_names(snapshot, slugs):
    rows = snapshot.outlets().filter(slug__in=slugs).order_by("version__valid_from_id", "pk")
    return dict(rows.values_list("slug", "name"))


def _labels(by, keys, snapshot):
    """Return display labels for keys that name rows (one query for all of them)."""
    if by == "medium":
        return {medium.code: str(medium) for medium in Medium.objects.filter(code__in=keys)}
    if by == "statute":
        return _statute_labels(snapshot, keys)
    return _outlet_names(snapshot, keys)


def count(queryset, *, filters, unit="journalists", group_by=None, snapshot=None):
    """
    Return the CountResult of an already filtered queryset of published
    detention versions of ``snapshot`` (default: the current release).
    """
    snapshot = snapshot or snapshot_at()
    total = queryset.count_units(unit)
    groups = group_counts(queryset, group_by, unit, snapshot) if group_by else []
    sentence = statement(total, unit, filters, snapshot)
    return CountResult(total, unit, filters, sentence, groups)


# The sentence (counting rule 5).


def _day(value):
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return day_in_sentence(value)


def _who(number, filters):
    """Return the noun of the people counted: "journalists and media workers", "female journalist"."""
    role = filters.get("role")
    gender = filters.get("gender")
    if role == Role.JOURNALIST:
        noun = npgettext("people counted", "journalist", "journalists", number)
    elif role == Role.MEDIA_WORKER:
        noun = npgettext("people counted", "media worker", "media workers", number)
    else:
        noun = npgettext("people counted", "journalist or media worker", "journalists and media workers", number)
    if gender == Gender.FEMALE:
        noun = _("female %(noun)s") % {"noun": noun}
    elif gender == Gender.MALE:
        noun = _("male %(noun)s") % {"noun": noun}
    elif gender == Gender.OTHER:
        noun = _("%(noun)s of another gender") % {"noun": noun}
    return noun


def _journalist_name(filters, snapshot):
    slug = filters.get("journalist")
    if not slug:
        return None
    name = snapshot.journalists().filter(slug=slug).values_list("name", flat=True).first()
    return name or slug


def _qualifiers(filters, name, snapshot):
    """Return the phrases that narrow who is counted, in a fixed order; ``name`` is the journalist's."""
    phrases = []
    if name:
        phrases.append(_("named %(name)s") % {"name": name})
    if filters.get("outlet"):
        outlet = _outlet_names(snapshot, [filters["outlet"]]).get(filters["outlet"])
        phrases.append(_("of %(outlet)s") % {"outlet": outlet or filters["outlet"]})
    if filters.get("medium"):
        medium = Medium.objects.filter(code=filters["medium"]).first()
        phrases.append(_("working in %(medium)s") % {"medium": medium or filters["medium"]})
    return phrases


# A criminal arrest is what "arrested" says by itself (DESIGN's example for
# kind=criminal reads "... were arrested in Azerbaijan between ..."); the other
# kinds are named. Lazy: read at import, translated when a statement is made.
_KIND = {
    DetentionKind.ADMINISTRATIVE: gettext_lazy("under administrative law"),
    DetentionKind.OTHER: gettext_lazy("other than on criminal or administrative charges"),
}
_LINKAGE = {
    Linkage.CONFIRMED: gettext_lazy("in connection with their journalism"),
    Linkage.SUSPECTED: gettext_lazy("possibly in connection with their journalism"),
    Linkage.UNCLEAR: gettext_lazy("with no clear link to their journalism"),
}


def _status(unit, singular, filters):
    """Return the closing clause for the detention's current status, or ""."""
    status = filters.get("status")
    if not status or (
        status == DetentionStatus.RELEASED and (filters.get("released_from") or filters.get("released_to"))
    ):
        return ""
    people = unit == "journalists"
    n = 1 if singular else 2
    if status == DetentionStatus.PRETRIAL:
        if people:
            return ngettext("and is still awaiting trial", "and are still awaiting trial", n)
        return ngettext("and is still at the pretrial stage", "and are still at the pretrial stage", n)
    if status == DetentionStatus.SENTENCED:
        if people:
            return ngettext("and has since been sentenced", "and have since been sentenced", n)
        return ngettext("and has led to a sentence", "and have led to a sentence", n)
    if status == DetentionStatus.RELEASED:
        if people:
            return ngettext("and has since been released", "and have since been released", n)
        return ngettext("and has since ended", "and have since ended", n)
    if status == DetentionStatus.DIED_IN_CUSTODY:
        return _("and died in custody") if people else _("and ended in death in custody")
    return _(", their current status unknown") if people else _(", current status unknown")


def _charges(filters, snapshot):
    phrases = []
    if filters.get("charge_category"):
        label = ChargeCategory(filters["charge_category"]).label
        phrases.append(_("with a charge categorised as “%(category)s”") % {"category": label})
    if filters.get("statute"):
        statute = _statute_labels(snapshot, [filters["statute"]]).get(filters["statute"])
        phrases.append(_("with a charge under %(statute)s") % {"statute": statute or filters["statute"]})
    return phrases


def _window(start, end):
    if start and end:
        if start == end:
            return _("on %(day)s") % {"day": _day(start)}
        return _("between %(start)s and %(end)s") % {"start": _day(start), "end": _day(end)}
    if start:
        return _("on or after %(day)s") % {"day": _day(start)}
    return _("on or before %(day)s") % {"day": _day(end)}


def _events(unit, singular, filters):
    """Return (verb, when) pairs for what the counted people or detentions went through."""
    people = unit == "journalists"
    events = []
    if filters.get("arrested_from") or filters.get("arrested_to"):
        when = _window(filters.get("arrested_from"), filters.get("arrested_to"))
        events.append((pgettext("statement", "arrested") if people else pgettext("statement", "began"), when))
    if filters.get("released_from") or filters.get("released_to"):
        when = _window(filters.get("released_from"), filters.get("released_to"))
        events.append((pgettext("statement", "released") if people else pgettext("statement", "ended"), when))
    if filters.get("in_custody_on"):
        when = _("on %(day)s") % {"day": _day(filters["in_custody_on"])}
        if people:
            events.append((pgettext("statement", "in custody"), when))
        else:
            events.append((_("was ongoing") if singular else _("were ongoing"), when))
    if not events:
        events.append((pgettext("statement", "detained") if people else _("took place"), ""))
    return events


def _number(number):
    return _("one") if number == 1 else formats.number_format(number, force_grouping=True)


def statement(number, unit, filters, snapshot=None):
    """
    Return the sentence a journalist can paste for this count, e.g. "At least 9
    journalists and media workers were arrested in Azerbaijan between
    1 November 2023 and 7 February 2024."

    One reads "At least one journalist or media worker was ..."; zero reads
    "The tracker records no journalist or media worker who was ...".
    """
    snapshot = snapshot or snapshot_at()
    sentence = _statement(number, unit, filters, snapshot)
    if snapshot.is_pinned:
        # Translators: closes a count's sentence when it is pinned to a past time: "... 2024, as known on 1 May 2026."
        sentence = _("%(sentence)s, as known on %(day)s.") % {"sentence": sentence[:-1], "day": _day(snapshot.pinned)}
    return sentence


def _statement(number, unit, filters, snapshot):
    singular = number <= 1
    people = unit == "journalists"
    country = filters.get("country")
    where = in_country(country) if country else ""
    events = _events(unit, singular, filters)
    # The place goes after the first verb: "arrested in Azerbaijan between ...".
    first_verb, first_when = events[0]
    # A template rather than a join lets a language put the verb last.
    # Translators: what happened, where and when: "arrested in Azerbaijan between 1 and 7 May 2024".
    first = _("%(verb)s %(place)s %(when)s") % {"verb": first_verb, "place": where, "when": first_when}
    phrases = [" ".join(first.split())]
    # The later events use the same template, so a verb-final language keeps its order.
    phrases += [
        " ".join((_("%(verb)s %(place)s %(when)s") % {"verb": verb, "place": "", "when": when}).split())
        for verb, when in events[1:]
    ]
    tail = " ".join(
        [_(" and ").join(phrases)]
        + [
            str(phrase)
            for phrase in (_KIND.get(filters.get("kind")), _LINKAGE.get(filters.get("linked_to_journalism")))
            if phrase
        ]
    )
    charges = _charges(filters, snapshot)
    if charges:
        tail += "".join(f", {phrase}" for phrase in charges)
    status = _status(unit, singular, filters)
    if status:
        tail += status if status.startswith(",") else (", " if charges else " ") + status

    # People are counted with the real number, so that Russian reads "21 журналиста" but "25 журналистов";
    # detentions are "of journalists" whatever their number.
    name = _journalist_name(filters, snapshot)
    who = " ".join(
        [_who(max(number, 1) if people else (1 if singular else 2), filters), *_qualifiers(filters, name, snapshot)]
    )
    if people:
        if number == 0:
            return _("The tracker records no %(who)s who was %(tail)s.") % {"who": who, "tail": tail}
        # "was" and "were" stay inside the sentence: a language without a copula drops them there.
        return ngettext(
            "At least %(number)s %(who)s was %(tail)s.", "At least %(number)s %(who)s were %(tail)s.", number
        ) % {"number": _number(number), "who": who, "tail": tail}

    # Detentions of one named person read "detentions of Reporter A".
    if name:
        whose = name
    elif singular:
        whose = _("a %(who)s") % {"who": who}
    else:
        whose = who
    if number == 0:
        if tail == _("took place"):
            return _("The tracker records no detention of %(whose)s.") % {"whose": whose}
        return _("The tracker records no detention of %(whose)s that %(tail)s.") % {"whose": whose, "tail": tail}
    subject = ngettext("detention of %(whose)s", "detentions of %(whose)s", number) % {"whose": whose}
    return _("At least %(number)s %(subject)s %(tail)s.") % {
        "number": _number(number),
        "subject": subject,
        "tail": tail,
    }
