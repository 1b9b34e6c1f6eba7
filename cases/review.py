"""
The review of changes (DESIGN.md §4): a published version and the working
record side by side, field by field.

Both sides are public documents (``cases.render``): what the public sees now
and what a release would publish now. Compared as documents, a change the
public would never see (an internal note) shows nowhere, and whatever a release
would change shows here. The records inside a case (charges, their status
history, events, aliases, outlets, citations) are matched by their ids, so a
changed record reads as changed and a new one as added. Labels and values are
what a person reads: field names, choice labels, dates as written.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_countries.fields import CountryField

from . import render, services, translated
from .models import Journalist, PublicationState


@dataclass(frozen=True)
class Row:
    """One field of the case: its label, and its value in the published version and in the working record."""

    label: str
    published: str
    working: str

    @property
    def changed(self):
        return self.published != self.working

    @property
    def change(self):
        """Return "added", "removed", "changed" or "" (the same on both sides)."""
        if not self.changed:
            return ""
        if not self.published:
            return "added"
        if not self.working:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class Section:
    """The rows of one record of a case (a detention, a journalist), titled."""

    title: str
    rows: list

    @property
    def changes(self):
        return [row for row in self.rows if row.changed]


# Reading values as a person does.


def _value(record, name):
    """Return the value of field ``name`` of a loaded record as shown to a person."""
    if record is None:
        return ""
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if isinstance(field, CountryField):
        return ", ".join(str(country.name) for country in (value if field.multiple else [value]) if country)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if value is None:
        return ""
    return str(value)


def _in_every_language(name):
    """Return the columns of a translated field, English first: a translation is reviewed like any change."""
    return [translated.column(name, language) for language in translated.LANGUAGES]


def _date(value):
    return str(value) if value else ""


def _label(*parts):
    return " › ".join(str(part) for part in parts if part)


def _verbose(model, name):
    english = name.removesuffix(f"_{translated.ENGLISH}")
    if english != name and english in translated.fields_of(model):
        # The English is the text itself ("public summary"); the others say their language ("public summary [az]").
        name = english
    return str(model._meta.get_field(name).verbose_name)


def _pairs(before, after, key):
    """
    Return (before, after) pairs of the records of two lists matched by
    ``key``: in the order of ``after``, then what only ``before`` has.
    """
    old = {key(item): item for item in before}
    new_keys = {key(item) for item in after}
    pairs = [(old.get(key(item)), item) for item in after]
    pairs += [(item, None) for item in before if key(item) not in new_keys]
    return pairs


def _rows(prefix, model, pair, names):
    before, after = pair
    return [Row(_label(prefix, _verbose(model, name)), _value(before, name), _value(after, name)) for name in names]


def _citation_key(citation):
    if citation.source.is_public:
        return ("public", citation.pk)
    return ("confidential", citation.source.pk.rsplit(":", 1)[-1])


def _citation_value(citation):
    if citation is None:
        return ""
    source = citation.source
    if not source.is_public:
        return _("confidential source")
    text = " – ".join(part for part in (source.publisher, source.title, source.url) if part)
    if source.archive_url:
        text += f" ({_('archived')}: {source.archive_url})"
    if citation.claim:
        text += f"; {_('what it supports')}: {citation.claim}"
    return text


def _citation_rows(prefix, before, after):
    pairs = _pairs(
        before.citations.all() if before is not None else [],
        after.citations.all() if after is not None else [],
        _citation_key,
    )
    return [Row(_label(prefix, _("source")), _citation_value(old), _citation_value(new)) for old, new in pairs]


def _either(pair):
    return pair[1] if pair[1] is not None else pair[0]


# A detention.

DETENTION_FIELDS = ["country", "place", "authority", "kind", "status", "release_reason", "linked_to_journalism"]
EVENT_FIELDS = ["kind", "description", "court", "stage", "fine_currency", "other_penalties"]


def charge_name(charge):
    """Return how a charge is named in a label: its article, else its wording, else its category."""
    if charge is None:
        return ""
    if charge.statute is not None:
        return charge.statute.article
    return charge.wording or charge.get_category_display()


def _status_value(change, dated):
    if change is None:
        return ""
    text = change.get_status_display()
    if change.note:
        text += f" — {change.note}"
    return f"{change.on}: {text}" if dated else text


def _charge_rows(pair):
    before, after = pair
    prefix = _("Charge %(name)s") % {"name": charge_name(_either(pair))}
    rows = [
        Row(_label(prefix, _("statute")), _value_of_statute(before), _value_of_statute(after)),
        *_rows(prefix, render.current.Charge, pair, ["wording", "wording_en", "category"]),
    ]
    history = _pairs(
        before.status_history.all() if before is not None else [],
        after.status_history.all() if after is not None else [],
        lambda change: change.pk,
    )
    for old, new in history:
        on = _either((old, new)).on
        # When the day itself changed, each side says its day.
        dated = old is not None and new is not None and old.on != new.on
        rows.append(
            Row(
                _label(prefix, _("status on %(day)s") % {"day": on}),
                _status_value(old, dated),
                _status_value(new, dated),
            )
        )
    rows += _citation_rows(prefix, before, after)
    return rows


def _value_of_statute(charge):
    return str(charge.statute) if charge is not None and charge.statute is not None else ""


def _fine(event):
    if event is None or event.fine_amount is None:
        return ""
    return f"{event.fine_amount} {event.fine_currency}".strip()


def _event_rows(pair):
    before, after = pair
    prefix = _("Event: %(event)s") % {"event": _either(pair)}
    return [
        Row(_label(prefix, _("date")), _date(before and before.on), _date(after and after.on)),
        *_rows(prefix, render.current.Event, pair, ["kind", *_in_every_language("description"), "court", "stage"]),
        Row(
            _label(prefix, _verbose(render.current.Event, "charge")),
            charge_name(before.charge) if before is not None else "",
            charge_name(after.charge) if after is not None else "",
        ),
        Row(
            _label(prefix, _("prison term")),
            before.term_display if before is not None else "",
            after.term_display if after is not None else "",
        ),
        Row(_label(prefix, _verbose(render.current.Event, "fine_amount")), _fine(before), _fine(after)),
        *_rows(prefix, render.current.Event, pair, ["other_penalties"]),
        *_citation_rows(prefix, before, after),
    ]


def _load_detention(document):
    if document is None:
        return None
    # Only the detention's own fields are compared; the journalist is named apart.
    return render.load_detention(document, Journalist(pk=document["journalist_id"]))


def detention_rows(published, working, *, names=None):
    """
    Return the rows comparing two documents of one detention (None: not
    there), the detention's fields first, then each charge with its status
    history, each event and the detention's sources. ``names`` maps journalist
    ids to names, for a detention moved to another journalist.
    """
    names = names or {}
    before, after = _load_detention(published), _load_detention(working)
    detention = render.current.Detention
    rows = []
    journalists = [
        names.get(doc["journalist_id"], str(doc["journalist_id"])) if doc else "" for doc in (published, working)
    ]
    if journalists[0] and journalists[0] != journalists[1]:
        rows.append(Row(_verbose(detention, "journalist"), *journalists))
    rows += [
        Row(_("arrested"), _date(before and before.arrested), _date(after and after.arrested)),
        Row(_("released"), _date(before and before.released), _date(after and after.released)),
        *_rows("", detention, (before, after), DETENTION_FIELDS),
        *_rows("", detention, (before, after), _in_every_language("summary")),
    ]
    charges = _pairs(
        before.charges.all() if before is not None else [], after.charges.all() if after is not None else [], _pk
    )
    for pair in charges:
        rows += _charge_rows(pair)
    events = _pairs(
        before.events.all() if before is not None else [], after.events.all() if after is not None else [], _pk
    )
    for pair in events:
        rows += _event_rows(pair)
    rows += _citation_rows("", before, after)
    return [row for row in rows if row.published or row.working]


def _pk(record):
    return record.pk


# A journalist.

JOURNALIST_FIELDS = ["name", "slug", "name_original", "gender", "nationality", "role", *_in_every_language("biography")]


def _names(items):
    return ", ".join(str(item.name) for item in items)


def _alias_value(alias):
    if alias is None:
        return ""
    details = ", ".join(part for part in (alias.note, alias.get_language_display() if alias.language else "") if part)
    return f"{alias.name} ({details})" if details else alias.name


def _affiliation_value(affiliation):
    if affiliation is None:
        return ""
    details = [affiliation.job_title, affiliation.get_employment_display() if affiliation.employment else ""]
    details = ", ".join(part for part in details if part)
    return f"{affiliation.outlet.name} — {details}" if details else affiliation.outlet.name


def journalist_rows(published, working):
    """
    Return the rows comparing two documents of one journalist (None: not
    there): the person's fields, mediums and beats, each alias, each outlet,
    former addresses and the sources cited on the person.
    """
    before = render.load_journalist(published) if published is not None else None
    after = render.load_journalist(working) if working is not None else None
    journalist = render.current.Journalist
    rows = [
        *_rows("", journalist, (before, after), JOURNALIST_FIELDS),
        Row(
            _verbose(journalist, "mediums"),
            _names(before.mediums.all()) if before else "",
            _names(after.mediums.all()) if after else "",
        ),
        Row(
            _verbose(journalist, "beats"),
            _names(before.beats.all()) if before else "",
            _names(after.beats.all()) if after else "",
        ),
    ]
    aliases = _pairs(before.aliases.all() if before else [], after.aliases.all() if after else [], _pk)
    rows += [Row(_("alias"), _alias_value(old), _alias_value(new)) for old, new in aliases]
    affiliations = _pairs(before.affiliations.all() if before else [], after.affiliations.all() if after else [], _pk)
    rows += [
        Row(_label(_("Outlet"), _either((old, new)).outlet.name), _affiliation_value(old), _affiliation_value(new))
        for old, new in affiliations
    ]
    rows.append(
        Row(
            _("former addresses"),
            ", ".join(published["retired_slugs"]) if published else "",
            ", ".join(working["retired_slugs"]) if working else "",
        )
    )
    rows += _citation_rows("", before, after)
    return [row for row in rows if row.published or row.working]


# The review page of a record: its sections.


def _journalist_names(*documents):
    ids = {document["journalist_id"] for document in documents if document}
    return dict(Journalist.objects.filter(pk__in=ids).values_list("pk", "name"))


def journalist_section(journalist, published, working):
    """Return the section comparing two documents of ``journalist``."""
    return Section(_("Journalist: %(name)s") % {"name": journalist.name}, journalist_rows(published, working))


def detention_section(detention, published, working):
    """Return the section comparing two documents of ``detention``."""
    return Section(
        _("Detention: %(detention)s") % {"detention": detention},
        detention_rows(published, working, names=_journalist_names(published, working)),
    )


def review_sections(record):
    """
    Return the sections of the review of a journalist or detention: its
    published version beside its working record. A detention's review also
    shows its journalist when the journalist has changes of their own waiting,
    since publishing or sending back the detention takes the journalist along.
    """
    if isinstance(record, Journalist):
        return [journalist_section(record, services.published_document(record), services.working_document(record))]
    sections = [detention_section(record, services.published_document(record), services.working_document(record))]
    journalist = record.journalist
    if journalist.publication_state != PublicationState.PUBLISHED:
        sections.append(
            journalist_section(
                journalist, services.published_document(journalist), services.working_document(journalist)
            )
        )
    return sections
