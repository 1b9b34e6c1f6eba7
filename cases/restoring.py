"""
Writing a published document back into working records: the mechanics of a
revert (``services.detention_revert``, ``services.journalist_revert``).

A document names every public record of a case by its id, so a record the
version had is restored in place (or made again with its old id, which no
other record can have taken since), and a record the version did not have is
deleted. Every save and delete is recorded in the history with who and why; a
record already as the version has it is left untouched.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from . import render, translated
from .models import (
    Affiliation,
    Alias,
    Beat,
    Charge,
    ChargeStatusChange,
    Citation,
    Event,
    Journalist,
    Medium,
    Outlet,
    RetiredSlug,
    Source,
    Statute,
)


class Conflict(Exception):
    """The version cannot be restored as a whole; ``problems`` says why."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


def _stored(record, names):
    """Return the values of fields ``names`` as the database stores them, to tell whether a save changes anything."""
    values = {}
    for name in names:
        field = record._meta.get_field(name.removesuffix("_id"))
        values[name] = field.get_prep_value(field.value_from_object(record))
    return values


def _columns(record, names):
    """Return ``names`` with each translated field's language columns and the optional fields of ``record``."""
    own = translated.fields_of(record)
    columns = []
    for name in names:
        if name in own:
            columns += [translated.column(name, language) for language in translated.LANGUAGES]
        else:
            columns.append(name)
    return [*columns, *render.OPTIONAL_FIELDS.get(record._meta.model_name, ())]


class Restorer:
    """Restore working rows from document items, recording each save and delete as ``by`` for ``reason``."""

    def __init__(self, *, by, reason):
        self.by, self.reason = by, reason

    def save(self, record):
        record._history_user = self.by
        record._change_reason = self.reason
        record.save()

    def delete(self, record):
        record._history_user = self.by
        record._change_reason = self.reason
        record.delete()

    def set(self, record, item, names):
        """Set fields ``names`` of ``record`` from a document ``item``, without saving."""
        own = translated.fields_of(record)
        for name in names:
            field = record._meta.get_field(name.removesuffix("_id"))
            value = item.get(name)
            value = None if value is None else field.to_python(value)
            if name in own:
                translated.set_from_document(record, item, name, value)
            else:
                setattr(record, field.attname, value)
        # Written in a document only when set: absent means empty.
        for name in render.OPTIONAL_FIELDS.get(record._meta.model_name, ()):
            setattr(record, name, item.get(name, ""))

    def assign(self, record, item, names, **fixed):
        """Set fields ``names`` of ``record`` from a document ``item`` and ``fixed``; save if anything changed."""
        tracked = [*_columns(record, names), *fixed]
        before = None if record._state.adding else _stored(record, tracked)
        self.set(record, item, names)
        for name, value in fixed.items():
            setattr(record, name, value)
        if before is None or before != _stored(record, tracked):
            self.save(record)
        return record

    def leftovers(self, existing, items):
        """Return the records of ``existing`` (id -> record) that no document item names."""
        wanted = {item["id"] for item in items}
        return [record for pk, record in existing.items() if pk not in wanted]


def _fields(names):
    return [name for name in names if name != "id"]


def _check_exists(model, ids, label):
    missing = set(ids) - set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    return [_("%(record)s #%(id)s no longer exists.") % {"record": label, "id": pk} for pk in sorted(missing)]


def _owner_kwargs(owner):
    kwargs = {"journalist_id": None, "detention_id": None, "charge_id": None, "event_id": None}
    kwargs[f"{owner._meta.model_name}_id"] = owner.pk
    return kwargs


def _public_citations(items):
    return [item for item in items if "confidential" not in item]


def _restore_citations(restorer, working, wanted):
    """
    Make the public citations of the case those of ``wanted`` ((owner, items)
    pairs); keep every confidential citation on a record that stays: the
    version shows only that it existed, and it was never public.
    """
    kept = {item["id"] for _owner, items in wanted for item in _public_citations(items)}
    for citation in working:
        if citation.source.is_public and citation.pk not in kept:
            restorer.delete(citation)
    existing = {citation.pk: citation for citation in working}
    for owner, items in wanted:
        for item in _public_citations(items):
            citation = existing.get(item["id"]) or Citation(pk=item["id"])
            restorer.assign(citation, item, ["claim"], source_id=item["source"]["id"], **_owner_kwargs(owner))


def _citations_of_detention(detention):
    mine = Q(detention=detention) | Q(charge__detention=detention) | Q(event__detention=detention)
    return list(Citation.objects.filter(mine).select_related("source").order_by("pk"))


def _taken_elsewhere(model, ids, allowed, label):
    """Return a problem for each id of ``ids`` held by a row of ``model`` that is not in ``allowed`` (another case's)."""
    taken = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True)) - set(allowed)
    return [
        _("%(record)s #%(id)s now belongs to another case: move it back first.") % {"record": label, "id": pk}
        for pk in sorted(taken)
    ]


def detention_problems(detention, document):
    """Return why ``document`` cannot be restored into ``detention`` as a whole, as sentences."""
    charges = document["charges"]
    events = document["events"]
    citations = [
        item
        for items in (document["citations"], *(c["citations"] for c in charges), *(e["citations"] for e in events))
        for item in _public_citations(items)
    ]
    statuses = [change for charge in charges for change in charge["status_history"]]
    mine_charges = set(detention.charges.values_list("pk", flat=True))
    mine_events = set(detention.events.values_list("pk", flat=True))
    mine_statuses = set(ChargeStatusChange.objects.filter(charge__detention=detention).values_list("pk", flat=True))
    mine_citations = {citation.pk for citation in _citations_of_detention(detention)}
    return [
        *_check_exists(Statute, {c["statute_id"] for c in charges if c["statute_id"]}, _("Statute")),
        *_check_exists(Source, {item["source"]["id"] for item in citations}, _("Source")),
        *_taken_elsewhere(Charge, [c["id"] for c in charges], mine_charges, _("Charge")),
        *_taken_elsewhere(Event, [e["id"] for e in events], mine_events, _("Event")),
        *_taken_elsewhere(ChargeStatusChange, [s["id"] for s in statuses], mine_statuses, _("Charge status")),
        *_taken_elsewhere(Citation, [item["id"] for item in citations], mine_citations, _("Citation")),
    ]


def restore_detention(restorer, detention, document):
    """
    Restore ``detention`` and everything inside it from ``document``, except
    what a document never holds: the internal notes, the journalist the
    detention belongs to now, and the confidential citations of what stays.
    The detention's own fields are set, not saved: the caller saves it, so
    that its history records the revert once.
    """
    charge_fields = _fields(render.CHARGE_FIELDS)
    status_fields = _fields(render.STATUS_FIELDS)
    event_fields = _fields(render.EVENT_FIELDS)
    wanted_charges = {item["id"] for item in document["charges"]}
    wanted_events = {item["id"] for item in document["events"]}
    wanted_statuses = {change["id"] for item in document["charges"] for change in item["status_history"]}
    charges = {charge.pk: charge for charge in detention.charges.all()}
    events = {event.pk: event for event in detention.events.all()}
    statuses = {change.pk: change for change in ChargeStatusChange.objects.filter(charge__detention=detention)}

    # What the version did not have goes first, innermost first, each deletion in the history.
    citations = _citations_of_detention(detention)
    leaving = {("charge", pk) for pk in charges if pk not in wanted_charges}
    leaving |= {("event", pk) for pk in events if pk not in wanted_events}
    for citation in citations:
        if ("charge", citation.charge_id) in leaving or ("event", citation.event_id) in leaving:
            restorer.delete(citation)
    citations = [
        c for c in citations if ("charge", c.charge_id) not in leaving and ("event", c.event_id) not in leaving
    ]
    for pk, change in statuses.items():
        if pk not in wanted_statuses:
            restorer.delete(change)
    for pk, event in events.items():
        if pk not in wanted_events:
            restorer.delete(event)
    for pk, charge in charges.items():
        if pk not in wanted_charges:
            restorer.delete(charge)

    restorer.set(detention, document, _fields([f for f in render.DETENTION_FIELDS if f != "journalist_id"]))
    owners = [(detention, document["citations"])]
    for item in document["charges"]:
        charge = restorer.assign(
            charges.get(item["id"]) or Charge(pk=item["id"]), item, charge_fields, detention=detention
        )
        for change in item["status_history"]:
            record = statuses.get(change["id"]) or ChargeStatusChange(pk=change["id"])
            restorer.assign(record, change, status_fields, charge=charge)
        owners.append((charge, item["citations"]))
    for item in document["events"]:
        event = restorer.assign(events.get(item["id"]) or Event(pk=item["id"]), item, event_fields, detention=detention)
        owners.append((event, item["citations"]))
    _restore_citations(restorer, citations, owners)


def journalist_problems(journalist, document):
    """Return why ``document`` cannot be restored into ``journalist`` as a whole, as sentences."""
    problems = [
        *_check_exists(Outlet, {item["outlet"]["id"] for item in document["affiliations"]}, _("Outlet")),
        *_check_exists(
            Source, {item["source"]["id"] for item in _public_citations(document["citations"])}, _("Source")
        ),
        *_taken_elsewhere(
            Alias, [a["id"] for a in document["aliases"]], journalist.aliases.values_list("pk", flat=True), _("Alias")
        ),
        *_taken_elsewhere(
            Affiliation,
            [a["id"] for a in document["affiliations"]],
            journalist.affiliations.values_list("pk", flat=True),
            _("Affiliation"),
        ),
        *_taken_elsewhere(
            Citation,
            [item["id"] for item in _public_citations(document["citations"])],
            journalist.citations.values_list("pk", flat=True),
            _("Citation"),
        ),
    ]
    beats = {beat["slug"] for beat in document["beats"]}
    missing = beats - set(Beat.objects.filter(slug__in=beats).values_list("slug", flat=True))
    problems += [_("The beat “%(slug)s” no longer exists.") % {"slug": slug} for slug in sorted(missing)]
    slug = document["slug"]
    if (
        Journalist.objects.filter(slug=slug).exclude(pk=journalist.pk).exists()
        or RetiredSlug.objects.filter(slug=slug).exclude(journalist=journalist).exists()
    ):
        problems.append(_("The address “%(slug)s” is now another journalist's.") % {"slug": slug})
    return problems


def restore_journalist(restorer, journalist, document):
    """
    Restore ``journalist`` with their aliases, outlets, mediums, beats and
    public citations from ``document``; keep the internal notes and the
    confidential citations. The caller saves the journalist (so that its
    history records the revert) and retires a slug left behind.
    """
    # What the version lacks goes before anything is renamed: names and outlets are unique per journalist.
    aliases = {alias.pk: alias for alias in journalist.aliases.all()}
    affiliations = {affiliation.pk: affiliation for affiliation in journalist.affiliations.all()}
    for record in restorer.leftovers(aliases, document["aliases"]) + restorer.leftovers(
        affiliations, document["affiliations"]
    ):
        restorer.delete(record)
    for item in document["aliases"]:
        alias = aliases.get(item["id"]) or Alias(pk=item["id"])
        restorer.assign(alias, item, _fields(render.ALIAS_FIELDS), journalist=journalist)
    for item in document["affiliations"]:
        affiliation = affiliations.get(item["id"]) or Affiliation(pk=item["id"])
        restorer.assign(
            affiliation, item, _fields(render.AFFILIATION_FIELDS), journalist=journalist, outlet_id=item["outlet"]["id"]
        )
    restorer.set(journalist, document, _fields(render.JOURNALIST_FIELDS))
    journalist.mediums.set(Medium.objects.filter(code__in=[medium["code"] for medium in document["mediums"]]))
    journalist.beats.set(Beat.objects.filter(slug__in=[beat["slug"] for beat in document["beats"]]))
    citations = list(journalist.citations.select_related("source"))
    _restore_citations(restorer, citations, [(journalist, document["citations"])])
