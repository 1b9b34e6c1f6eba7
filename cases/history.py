"""
History as a person reads it: what changed in a record, in labels rather than
codes, an uncertain date as one value, and the bookkeeping left out; and what
each history row of a case's records is ("Charge 206.3.2 on Sevinj
Vagifgizi's detention"), and which case it belongs to.

Used by the admin's history pages, its Recent changes and the refusal of a
stale save (cases.forms.VersionedModelForm).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import models as db
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries.fields import Country
from simple_history.models import DeletedObject
from simple_history.utils import get_m2m_reverse_field_name

from . import models
from .dates import FuzzyDate, FuzzyDateDescriptor, format_day

# Counted or stamped by the system on every save: no one changed them.
BOOKKEEPING = {"version", "created_at", "updated_at"}

EMPTY = "—"


@dataclass(frozen=True)
class Change:
    """One changed value: ``name`` is the form's name for it (a FuzzyDate's prefix for its three columns)."""

    name: str
    label: str
    old: str
    new: str


def fuzzy_dates(model):
    """Return {prefix: label} of the FuzzyDate attributes of ``model`` ("arrested": "Arrested")."""
    found = {}
    for klass in model.__mro__:
        for name, value in vars(klass).items():
            if isinstance(value, FuzzyDateDescriptor) and name not in found:
                latest = model._meta.get_field(f"{value.prefix}_latest").verbose_name
                # "arrested, latest possible day" reads "Arrested"; an OnDate's is the record's date.
                found[value.prefix] = capfirst(str(latest).split(",")[0]) if "," in str(latest) else _("Date")
    return found


def fuzzy_date_of(record, prefix):
    """Return the FuzzyDate stored in the three columns of ``prefix`` on any row (history rows too), or None."""
    latest = getattr(record, f"{prefix}_latest")
    precision = getattr(record, f"{prefix}_precision")
    if latest is None or not precision:
        return None
    return FuzzyDate(getattr(record, f"{prefix}_earliest"), latest, precision)


def shown(value, field=None):
    """Return ``value`` as the admin shows it: a choice's label, a related record's label, yes/no, "—"."""
    if isinstance(value, DeletedObject):
        return _("deleted %(record)s #%(pk)s") % {"record": value.model._meta.verbose_name, "pk": value.pk}
    if isinstance(value, list):
        return ", ".join(shown(item) for item in value) or EMPTY
    if field is not None and field.choices:
        label = dict(field.flatchoices).get(value)
        if label is not None:
            return str(label)
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Country):
        return str(value.name)
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j M Y H:i")
    if isinstance(value, datetime.date):
        return format_day(value)
    return str(value)


def readable_delta(model, delta):
    """Return the Changes of a simple-history ModelDelta (diffed with ``foreign_keys_are_objs=True``)."""
    dates = fuzzy_dates(model)
    columns = {f"{prefix}_{part}": prefix for prefix in dates for part in ("earliest", "latest", "precision")}
    changes, dated = [], []
    for change in delta.changes:
        if change.field in BOOKKEEPING:
            continue
        if change.field in columns:
            prefix = columns[change.field]
            if prefix not in dated:
                dated.append(prefix)
            continue
        field = model._meta.get_field(change.field)
        if isinstance(field, db.ManyToManyField):
            name = get_m2m_reverse_field_name(field)
            old, new = ([row[name] for row in value] for value in (change.old, change.new))
            old, new = shown(old), shown(new)
        else:
            old, new = shown(change.old, field), shown(change.new, field)
        changes.append(Change(change.field, capfirst(str(field.verbose_name)), old, new))
    for prefix in dated:
        old, new = (fuzzy_date_of(record, prefix) for record in (delta.old_record, delta.new_record))
        if old != new:
            changes.append(Change(prefix, str(dates[prefix]), shown(old and str(old)), shown(new and str(new))))
    order = {field.name: n for n, field in enumerate(model._meta.get_fields())}
    order.update({prefix: order.get(f"{prefix}_earliest", 0) for prefix in dates})
    return sorted(changes, key=lambda change: order.get(change.name, 0))


def changes_between(older, newer):
    """Return the Changes from history row ``older`` to ``newer`` of the same record."""
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    return readable_delta(newer.instance_type, delta)


# What each record of a case is, and which case it belongs to.


# The records each kind of record points to, which its label names.
POINTS_TO = {
    models.Alias: [("journalist_id", models.Journalist)],
    models.Affiliation: [("journalist_id", models.Journalist), ("outlet_id", models.Outlet)],
    models.Detention: [("journalist_id", models.Journalist)],
    models.Charge: [("detention_id", models.Detention), ("statute_id", models.Statute)],
    models.Event: [("detention_id", models.Detention)],
    models.ChargeStatusChange: [("charge_id", models.Charge)],
    models.Citation: [
        ("source_id", models.Source),
        ("journalist_id", models.Journalist),
        ("detention_id", models.Detention),
        ("charge_id", models.Charge),
        ("event_id", models.Event),
    ],
}


class Labeller:
    """
    Name the history rows of a case's records, looking each record they point
    to up once: in the working tables, or in their history once deleted.
    """

    def __init__(self):
        self._rows = {}
        self._current = set()

    def prime(self, rows):
        """Fetch at once every record labelling ``rows`` looks up: a few queries however many rows."""
        wanted = defaultdict(set)
        for row in rows:
            model = row.instance_type
            if model in (models.Journalist, models.Detention, models.Charge, models.Event, models.Source):
                wanted[model].add(row.id)
            for attname, target in POINTS_TO.get(model, ()):
                wanted[target].add(getattr(row, attname))
        # Then what the records found point to, down to the journalist.
        for model in (models.Charge, models.Event, models.Detention, models.Journalist, models.Statute):
            for found in self._fetch(model, wanted.pop(model, set())):
                for attname, target in POINTS_TO.get(model, ()):
                    wanted[target].add(getattr(found, attname))
        for model, pks in wanted.items():
            self._fetch(model, pks)

    def _fetch(self, model, pks):
        pks = {pk for pk in pks if pk is not None and (model, pk) not in self._rows}
        found = model._base_manager.in_bulk(pks)
        self._current.update((model, pk) for pk in found)
        gone = pks - set(found)
        if gone:
            # The last history row of each deleted record: newest first, the first seen kept.
            for last in model.history.filter(id__in=gone).order_by("-history_date", "-history_id"):
                found.setdefault(last.id, last.instance)
        for pk in pks:
            self._rows[(model, pk)] = found.get(pk)
        return [row for pk, row in found.items() if pk in pks]

    def row(self, model, pk):
        """Return the record ``model`` ``pk`` as it is, or as it last was before its deletion, or None."""
        if pk is None:
            return None
        key = (model, pk)
        if key not in self._rows:
            row = model._base_manager.filter(pk=pk).first()
            if row is not None:
                self._current.add(key)
            else:
                last = model.history.filter(id=pk).order_by("-history_date", "-history_id").first()
                row = last.instance if last else None
            self._rows[key] = row
        return self._rows[key]

    def exists(self, model, pk):
        """Return whether the record ``model`` ``pk`` is in the working tables (not deleted)."""
        self.row(model, pk)
        return (model, pk) in self._current

    def journalist_name(self, pk):
        journalist = self.row(models.Journalist, pk)
        return journalist.name if journalist else "?"

    def detention_label(self, pk):
        detention = self.row(models.Detention, pk)
        name = self.journalist_name(detention.journalist_id) if detention else "?"
        return _("%(name)s's detention") % {"name": name}

    def charge_words(self, charge):
        if charge is None:
            return _("Charge ?")
        statute = self.row(models.Statute, charge.statute_id)
        what = statute.article if statute else (charge.wording or charge.get_category_display())
        return _("Charge %(what)s") % {"what": what}

    def charge_label(self, charge):
        if charge is None:
            return _("Charge ?")
        return _("%(charge)s on %(detention)s") % {
            "charge": self.charge_words(charge),
            "detention": self.detention_label(charge.detention_id),
        }

    def case_of(self, record):
        """Return (model, pk) of the journalist or detention ``record`` (a row of any case model) belongs to."""
        model = getattr(record, "instance_type", type(record))
        if model in (models.Journalist, models.Detention):
            return model, record.id
        if model in (models.Alias, models.Affiliation):
            return models.Journalist, record.journalist_id
        if model in (models.Charge, models.Event):
            return models.Detention, record.detention_id
        if model is models.ChargeStatusChange:
            charge = self.row(models.Charge, record.charge_id)
            return models.Detention, charge.detention_id if charge else None
        if model is models.Citation:
            if record.journalist_id:
                return models.Journalist, record.journalist_id
            if record.detention_id:
                return models.Detention, record.detention_id
            inside = self.row(models.Charge, record.charge_id) or self.row(models.Event, record.event_id)
            return models.Detention, inside.detention_id if inside else None
        if model is models.Source:
            return models.Source, record.id
        return None, None

    def label(self, record):
        """Return what the history row ``record`` is about, as a sentence names it."""
        model = getattr(record, "instance_type", type(record))
        if model is models.Journalist:
            return record.name
        if model is models.Detention:
            when = fuzzy_date_of(record, "arrested")
            return _("%(detention)s (%(country)s, %(when)s)") % {
                "detention": self.detention_label(record.id),
                "country": record.country.name,
                "when": when or _("date unknown"),
            }
        if model is models.Alias:
            return _("Alias “%(alias)s” of %(name)s") % {
                "alias": record.name,
                "name": self.journalist_name(record.journalist_id),
            }
        if model is models.Affiliation:
            outlet = self.row(models.Outlet, record.outlet_id)
            return _("%(name)s at %(outlet)s") % {
                "name": self.journalist_name(record.journalist_id),
                "outlet": outlet.name if outlet else "?",
            }
        if model is models.Charge:
            return self.charge_label(record)
        if model is models.ChargeStatusChange:
            return _("%(charge)s: status %(status)s (%(when)s)") % {
                "charge": self.charge_label(self.row(models.Charge, record.charge_id)),
                "status": shown(record.status, models.ChargeStatusChange._meta.get_field("status")),
                "when": fuzzy_date_of(record, "on") or EMPTY,
            }
        if model is models.Event:
            return _("%(kind)s (%(when)s) on %(detention)s") % {
                "kind": capfirst(shown(record.kind, models.Event._meta.get_field("kind"))),
                "when": fuzzy_date_of(record, "on") or EMPTY,
                "detention": self.detention_label(record.detention_id),
            }
        if model is models.Citation:
            source = self.row(models.Source, record.source_id)
            if record.journalist_id:
                cited = self.journalist_name(record.journalist_id)
            elif record.detention_id:
                cited = self.detention_label(record.detention_id)
            elif record.charge_id:
                cited = self.charge_label(self.row(models.Charge, record.charge_id))
            else:
                event = self.row(models.Event, record.event_id)
                cited = self.label(event) if event else "?"
            return _("Citation of %(source)s for %(record)s") % {"source": source or "?", "record": cited}
        if model is models.Source:
            return _("Source %(source)s") % {"source": record.instance}
        return str(record)


# The records inside a journalist, a detention or a charge, whose history shows in theirs.


def _ids(model, **lookup):
    return set(model.history.filter(**lookup).values_list("id", flat=True).distinct())


def inner_history(model, pk):
    """
    Return the history rows of the records inside the record ``model`` ``pk``
    (a detention's charges, their status rows, its events and every citation
    of them), deleted ones included, newest first.
    """
    rows = []
    if model is models.Journalist:
        rows += _with_users(models.Alias.history.filter(journalist_id=pk))
        rows += _with_users(models.Affiliation.history.filter(journalist_id=pk))
        rows += _with_users(models.Citation.history.filter(journalist_id=pk))
    elif model is models.Detention:
        charges = _ids(models.Charge, detention_id=pk)
        events = _ids(models.Event, detention_id=pk)
        rows += _with_users(models.Charge.history.filter(id__in=charges))
        rows += _with_users(models.ChargeStatusChange.history.filter(charge_id__in=charges))
        rows += _with_users(models.Event.history.filter(id__in=events))
        rows += _with_users(
            models.Citation.history.filter(
                db.Q(detention_id=pk) | db.Q(charge_id__in=charges) | db.Q(event_id__in=events)
            )
        )
    elif model is models.Charge:
        rows += _with_users(models.ChargeStatusChange.history.filter(charge_id=pk))
        rows += _with_users(models.Citation.history.filter(charge_id=pk))
    return with_previous(rows)


def _with_users(queryset):
    return list(queryset.select_related("history_user"))


def with_previous(rows):
    """Give each history row its ``previous`` row of the same record (None for the first); newest first."""
    rows = sorted(rows, key=lambda row: (row.history_date, row.history_id))
    last = {}
    for row in rows:
        key = (row.instance_type, row.id)
        row.previous = last.get(key)
        last[key] = row
    rows.reverse()
    return rows


def give_previous(rows):
    """Give each changed row of ``rows`` its ``previous`` history row: one query per kind of record."""
    changed = defaultdict(list)
    for row in rows:
        row.previous = None
        if row.history_type == "~":
            changed[row.instance_type].append(row)
    for model, some in changed.items():
        earlier = with_previous(model.history.filter(id__in={row.id for row in some}))
        previous = {row.history_id: row.previous for row in earlier}
        for row in some:
            row.previous = previous.get(row.history_id)
