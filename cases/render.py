"""
The public document of a case: what a release publishes, and how it is read back.

``journalist_document`` and ``detention_document`` render working records into
plain JSON: only the fields named public below, only public sources (a
confidential one becomes a placeholder that says only that it exists), no
internal note, no staff identity. ``load_journalist`` and ``load_detention`` read
a document back as unsaved model instances whose relations are filled in from
the document, so that the pages, the API and the exports show a published
version through the same templates and serializers, and can never reach a
working record through them: every relation they read is already in memory.
"""

import contextlib
import contextvars
import copy
import datetime
import decimal

from django.apps import apps as global_apps
from django.db.models import Prefetch
from django.db.models.base import ModelState

from . import translated

_apps = contextvars.ContextVar("models of the cases app", default=global_apps)


class _Models:
    """The cases app's models: the current ones, or a migration's historical ones (``using``)."""

    def __getattr__(self, name):
        return _apps.get().get_model("cases", name)


models = _Models()


@contextlib.contextmanager
def using(apps):
    """Within it, rendering and releases use the models of ``apps`` (a migration's historical models)."""
    token = _apps.set(apps)
    try:
        yield
    finally:
        _apps.reset(token)


# The public fields of each record. A field not named here is never published;
# test_render checks that every field of these models is either here or in PRIVATE.
JOURNALIST_FIELDS = ["id", "slug", "name", "name_original", "gender", "nationality", "role", "biography"]
ALIAS_FIELDS = ["id", "name", "note"]
# Fields written only when they hold something, so that documents published
# before they existed compare equal to the same record rendered now.
OPTIONAL_FIELDS = {"alias": ["language"], "charge": ["wording_en"]}
AFFILIATION_FIELDS = ["id", "job_title", "employment"]
OUTLET_FIELDS = ["id", "slug", "name", "country", "website", "description"]
DETENTION_FIELDS = [
    "id",
    "journalist_id",
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
]
CHARGE_FIELDS = ["id", "statute_id", "wording", "category"]
STATUTE_FIELDS = ["id", "slug", "country", "code", "article", "title"]
STATUS_FIELDS = ["id", "status", "note", "on_earliest", "on_latest", "on_precision"]
EVENT_FIELDS = [
    "id",
    "kind",
    "on_earliest",
    "on_latest",
    "on_precision",
    "description",
    "court",
    "stage",
    "charge_id",
    "term_months",
    "life_sentence",
    "fine_amount",
    "fine_currency",
    "other_penalties",
]
SOURCE_FIELDS = ["id", "url", "title", "publisher", "language", "published_on", "accessed_on", "archive_url"]
CITATION_FIELDS = ["id", "claim"]

# What is never published, field by field.
PRIVATE = {
    "internal_notes",
    "version",
    "publication_state",
    "published_at",
    "review_comment",
    "withdrawal_reason",
    "external_id",
    "created_at",
    "updated_at",
    "visibility",
    "live",
    # A confidential source's label says who it is: the public reads "confidential source #N".
    "internal_label",
    # A pretrial term and the day it runs out are staff's reminder of which cases to check,
    # counted on assumptions (an uncertain order date counts from its earliest day); the
    # public timeline shows the order itself, with its description.
    "custody_term_months",
    "custody_term_days",
    "custody_ends_on_given",
    "custody_ends_on",
    # A search aid derived from the names (cases.names): published versions carry
    # their own keys (JournalistVersion.name_keys), never in the document.
    "name_key",
}


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if hasattr(value, "code"):  # a Country
        return value.code
    if not isinstance(value, str | int | bool | type(None)):  # a multiple CountryField
        return [getattr(item, "code", item) for item in value]
    return value


def _english(record, name):
    """Return field ``name`` of ``record`` in English: its ``_en`` column where the record has one."""
    english = translated.column(name, translated.ENGLISH)
    # A migration's models from before the translations have only the field itself.
    return getattr(record, english) if hasattr(record, english) else getattr(record, name)


def _fields(record, names, kind=None):
    """
    Return the public fields ``names`` of ``record`` (a ``kind`` of record:
    "journalist", "statute"...): the translated ones in English under their own
    name, their other languages under "translations" (only those that exist),
    and the optional ones only when set.
    """
    own = translated.FIELDS.get(kind, ())
    data = {name: _plain(_english(record, name) if name in own else getattr(record, name)) for name in names}
    for name in own:
        if name in data and data[name] is None:
            data[name] = ""
    translations = {}
    for language in translated.LANGUAGES[1:]:
        texts = {
            name: text
            for name in own
            if name in names and (text := getattr(record, translated.column(name, language), None))
        }
        if texts:
            translations[language] = texts
    if translations:
        data[translated.TRANSLATIONS] = translations
    for name in OPTIONAL_FIELDS.get(kind, ()):
        if getattr(record, name, ""):
            data[name] = _plain(getattr(record, name))
    return data


class _Confidential:
    """Numbers the confidential sources of one case: the same source keeps one placeholder."""

    def __init__(self):
        self.keys = {}

    def key(self, source):
        return self.keys.setdefault(source.pk, f"c{len(self.keys) + 1}")


def _citations(record, confidential):
    cited = []
    for citation in record.citations.all():
        source = citation.source
        if source.visibility == "public":
            cited.append({**_fields(citation, CITATION_FIELDS), "source": _fields(source, SOURCE_FIELDS)})
        else:
            cited.append({"confidential": confidential.key(source)})
    return cited


def _cited():
    return Prefetch("citations", queryset=models.Citation.objects.select_related("source").order_by("pk"))


def _journalists_to_render(pks):
    return models.Journalist.objects.filter(pk__in=pks).prefetch_related(
        "aliases",
        "mediums",
        "beats",
        "retired_slugs",
        Prefetch("affiliations", queryset=models.Affiliation.objects.select_related("outlet").order_by("pk")),
        _cited(),
    )


def journalist_document_of(journalist):
    """
    Return the public document of ``journalist``: a working journalist, or any
    record with its fields and relations (``aliases.all()`` ...) in the order
    ``journalist_document`` fetches them.
    """
    confidential = _Confidential()
    return {
        **_fields(journalist, JOURNALIST_FIELDS, "journalist"),
        "aliases": [_fields(alias, ALIAS_FIELDS, "alias") for alias in journalist.aliases.all()],
        "mediums": [{"code": medium.code, "name": medium.name} for medium in journalist.mediums.all()],
        "beats": [{"slug": beat.slug, "name": beat.name} for beat in journalist.beats.all()],
        "affiliations": [
            {**_fields(affiliation, AFFILIATION_FIELDS), "outlet": _fields(affiliation.outlet, OUTLET_FIELDS, "outlet")}
            for affiliation in journalist.affiliations.all()
        ],
        "retired_slugs": sorted(retired.slug for retired in journalist.retired_slugs.all()),
        "citations": _citations(journalist, confidential),
    }


def journalist_document(journalist):
    """Return the public document of a working journalist."""
    return journalist_document_of(_journalists_to_render([journalist.pk]).get())


def _detentions_to_render(pks):
    charges = models.Charge.objects.select_related("statute").prefetch_related(
        Prefetch("status_history", queryset=models.ChargeStatusChange.objects.order_by("on_latest", "pk")), _cited()
    )
    return models.Detention.objects.filter(pk__in=pks).prefetch_related(
        Prefetch("charges", queryset=charges.order_by("pk")),
        Prefetch("events", queryset=models.Event.objects.prefetch_related(_cited()).order_by("on_latest", "pk")),
        _cited(),
    )


def detention_document_of(detention):
    """Return the public document of ``detention``, given as ``journalist_document_of`` takes a journalist."""
    confidential = _Confidential()
    return {
        **_fields(detention, DETENTION_FIELDS, "detention"),
        "charges": [
            {
                **_fields(charge, CHARGE_FIELDS, "charge"),
                "statute": _fields(charge.statute, STATUTE_FIELDS, "statute") if charge.statute else None,
                "status_history": [_fields(change, STATUS_FIELDS) for change in charge.status_history.all()],
                "citations": _citations(charge, confidential),
            }
            for charge in detention.charges.all()
        ],
        "events": [
            {**_fields(event, EVENT_FIELDS, "event"), "citations": _citations(event, confidential)}
            for event in detention.events.all()
        ],
        "citations": _citations(detention, confidential),
    }


def detention_document(detention):
    """Return the public document of a working detention: its charges with their history, events and sources."""
    return detention_document_of(_detentions_to_render([detention.pk]).get())


# Reading a document back: always as the current current.

from . import models as current  # noqa: E402

# model -> (what its constructor leaves in a new record, the fields whose defaults are
# made afresh each time): a record read back from a document is made from these rather
# than through the constructor and its signals, a quarter of a cold list page.
_BLANKS = {}


def _blank(model):
    """Return a new, empty ``model()``: the same attributes, without calling the constructor."""
    found = _BLANKS.get(model)
    if found is None:
        made = model()
        fresh = [field for field in model._meta.concrete_fields if field.has_default() and callable(field.default)]
        kept = {name: value for name, value in made.__dict__.items() if name != "_state"}
        for field in fresh:
            kept.pop(field.attname, None)
        found = _BLANKS[model] = (kept, fresh)
    kept, fresh = found
    record = model.__new__(model)
    record.__dict__.update(kept)
    for name, value in kept.items():
        if isinstance(value, list | dict | set):
            record.__dict__[name] = copy.copy(value)  # a default of its own, as model() gives
    for field in fresh:
        record.__dict__[field.attname] = field.get_default()
    record._state = ModelState()
    return record


def _instance(model, data, names, **extra):
    record = _blank(model)
    own = translated.fields_of(model)
    optional = OPTIONAL_FIELDS.get(model._meta.model_name, ())
    for name in [*names, *optional]:
        field = model._meta.get_field(name.removesuffix("_id")) if name.endswith("_id") else model._meta.get_field(name)
        value = data.get(name, "" if name in optional else None)
        value = None if value is None else field.to_python(value)
        if name in own:
            translated.set_from_document(record, data, name, value)
        else:
            setattr(record, field.attname, value)
    for name, value in extra.items():
        setattr(record, name, value)
    record._state.adding = False
    record._state.db = "default"
    return record


class LoadedRelation(RuntimeError):
    """Code asked a relation read back from a document for more than its rows."""


class _Loaded:
    """
    Mixed into the queryset of a relation read back from a document: it holds its rows
    and nothing else, so a query made from it (filter, order_by, reverse ...) fails
    loudly rather than answering from nothing or reading working records.
    """

    def _chain(self):
        raise LoadedRelation(
            f"The {self.model.__name__} rows read back from a document are all there is: iterate them."
        )


# (model, relation name) -> (an empty queryset of the relation's own class, made to hold
# rows, and the prefetch cache name): learnt from one real manager, since making a related
# manager and its filtered queryset for every relation of every record read back was most
# of a cold list page.
_RELATIONS = {}


def _relation(record, name):
    found = _RELATIONS.get((type(record), name))
    if found is None:
        manager = getattr(record, name)
        cache_name = manager.prefetch_cache_name if hasattr(manager, "prefetch_cache_name") else name
        empty = manager.model._default_manager.none()
        empty.__class__ = type(f"Loaded{type(empty).__name__}", (_Loaded, type(empty)), {})
        found = _RELATIONS[(type(record), name)] = (empty, cache_name)
    return found


def _fill(record, name, objects):
    """Put ``objects`` where ``record.<name>.all()`` reads prefetched rows, so it runs no query."""
    empty, cache_name = _relation(record, name)
    # A queryset that already holds its rows, made as a copy of the empty one: their query is
    # shared, since every queryset method that would change it would copy it first (and
    # here refuses to, _Loaded).
    queryset = object.__new__(type(empty))
    queryset.__dict__.update(empty.__dict__)
    queryset._hints, queryset._known_related_objects = {}, {}
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    cache = getattr(record, "_prefetched_objects_cache", None)
    if cache is None:
        record._prefetched_objects_cache = cache = {}
    cache[cache_name] = queryset


def _load_citations(record, data, document_key):
    citations = []
    for item in data:
        if "confidential" in item:
            # A key of its own, never a working id: footnotes tell sources apart by pk.
            source = current.Source(visibility=current.Visibility.CONFIDENTIAL)
            source.pk = f"{document_key}:{item['confidential']}"
            citation = current.Citation(claim="")
        else:
            source = _instance(current.Source, item["source"], SOURCE_FIELDS, visibility=current.Visibility.PUBLIC)
            citation = _instance(current.Citation, item, CITATION_FIELDS)
        citation.source = source
        citations.append(citation)
    _fill(record, "citations", citations)
    record.public_citations = [citation for citation in citations if citation.source.is_public]


def load_journalist(document, *, updated_at=None, published_at=None):
    """Return an unsaved Journalist carrying everything of ``document``, relations included."""
    journalist = _instance(
        current.Journalist, document, JOURNALIST_FIELDS, updated_at=updated_at, published_at=published_at
    )
    _fill(journalist, "aliases", [_instance(current.Alias, alias, ALIAS_FIELDS) for alias in document["aliases"]])
    _fill(journalist, "mediums", [current.Medium(code=m["code"], name=m["name"]) for m in document["mediums"]])
    _fill(journalist, "beats", [current.Beat(slug=b["slug"], name=b["name"]) for b in document["beats"]])
    affiliations = []
    for item in document["affiliations"]:
        affiliation = _instance(current.Affiliation, item, AFFILIATION_FIELDS)
        affiliation.outlet = _instance(current.Outlet, item["outlet"], OUTLET_FIELDS)
        affiliation.journalist = journalist
        affiliations.append(affiliation)
    _fill(journalist, "affiliations", affiliations)
    _load_citations(journalist, document["citations"], f"j{journalist.pk}")
    return journalist


def load_statute(document):
    """Return an unsaved Statute carrying the statute part of a charge's document."""
    return _instance(current.Statute, document, STATUTE_FIELDS)


def load_detention(document, journalist, *, updated_at=None, published_at=None):
    """Return an unsaved Detention of ``journalist`` (a loaded one) carrying everything of ``document``."""
    detention = _instance(
        current.Detention, document, DETENTION_FIELDS, updated_at=updated_at, published_at=published_at
    )
    detention.journalist = journalist
    key = f"d{detention.pk}"
    charges = {}
    for item in document["charges"]:
        charge = _instance(current.Charge, item, CHARGE_FIELDS, updated_at=updated_at)
        charge.detention = detention
        charge.statute = _instance(current.Statute, item["statute"], STATUTE_FIELDS) if item["statute"] else None
        history = [_instance(current.ChargeStatusChange, change, STATUS_FIELDS) for change in item["status_history"]]
        for change in history:
            change.charge = charge
        _fill(charge, "status_history", history)
        _load_citations(charge, item["citations"], key)
        charges[charge.pk] = charge
    events = []
    for item in document["events"]:
        event = _instance(current.Event, item, EVENT_FIELDS)
        event.detention = detention
        event.charge = charges.get(event.charge_id)
        _load_citations(event, item["citations"], key)
        events.append(event)
    for charge in charges.values():
        _fill(charge, "events", [event for event in events if event.charge_id == charge.pk])
    _fill(detention, "charges", charges.values())
    _fill(detention, "events", events)
    _load_citations(detention, document["citations"], key)
    return detention
