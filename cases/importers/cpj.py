"""
CPJ's export of imprisoned journalists, read into journalists and detentions.

Reading and writing are separate: every row is read and checked first, so that
a row the importer cannot understand stops it before anything is written; then
everything is written in one transaction.

CPJ knows a detention only through its 1 December censuses: each row says that
a person was in custody in a country at the start of 1 December of its year.
Consecutive census years of one person in one country make one detention; a gap
makes two. The dates follow (counting rule 4 of DESIGN.md, in custody on D means
arrested before D and not released before D):

- arrested on or before 30 November of the first census year; and not before
  1 December of the year before, when the file covers that census (the person
  was not in custody then), else with an open start;
- released on or after 1 December of the last census year and on or before
  30 November of the next year, when the file covers the next census; when the
  last census is the file's latest, the release is unknown.

So the tracker's census for every country and year equals the file's rows.

Curation comes first. The import updates only drafts; a journalist or
detention that has left draft (in review, published, withdrawn) is an editor's
and is never modified: where the file disagrees with it, the summary lists it
as "left alone: already curated" for an editor to look at. ``publish``
publishes only what the import itself creates, and needs an editor as ``by``;
every change is recorded in the history as made by ``by``.
"""

import contextlib
import csv
import datetime
import functools
import operator
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record, pre_create_historical_record

from .. import names, publishing
from ..dates import FuzzyDate
from ..models import (
    ENDED_STATUSES,
    Affiliation,
    Alias,
    Charge,
    Citation,
    Detention,
    DetentionKind,
    DetentionStatus,
    Journalist,
    Medium,
    Outlet,
    PublicationState,
    ReleaseReason,
    RetiredSlug,
    Source,
    Visibility,
)
from .cpj_names import (
    CHARGE_CATEGORIES,
    COUNTRY_ALIASES,
    EMPLOYMENT,
    GENDERS,
    MEDIUMS,
    NATIONALITY_ADJECTIVES,
    NO_OUTLET,
    ROLES,
)

REQUIRED_COLUMNS = ["Year", "fullName", "status", "country"]
SOURCE_URL = "https://cpj.org/data/"
SOURCE_TITLE = "CPJ export: journalists imprisoned on 1 December of each year"
CHANGE_REASON = "CPJ export import"
RELEASE_NOTE = "Records imported from CPJ's export of imprisoned journalists."
_SENTENCED = re.compile(r"\d|life|death", re.IGNORECASE)
_NOT_SENTENCED = {"not sentenced", "sentence pending"}


class UnreadableRow(Exception):
    def __init__(self, number, reason):
        self.number, self.reason = number, reason
        super().__init__(f"Row {number}: {reason}")


@dataclass
class Row:
    number: int
    year: int
    full_name: str
    country: str
    nationality: list
    gender: str
    role: str
    employment: str
    organizations: list
    jobs: list
    mediums: list
    charges: dict  # category -> the label CPJ used
    sentence: str
    length: str
    place: str


@dataclass
class Reading:
    rows: list = field(default_factory=list)
    killed: int = 0
    read: int = 0
    warnings: Counter = field(default_factory=Counter)

    @property
    def years(self):
        return min(row.year for row in self.rows), max(row.year for row in self.rows)


def split(cell):
    return [part.strip() for part in (cell or "").split(",") if part.strip()]


@functools.cache
def country_code(name):
    """Return the ISO code of a country as CPJ names it, or "" when unknown."""
    key = name.strip().casefold()
    return COUNTRY_ALIASES.get(key) or countries.by_name(name.strip()) or ""


def _choice(mapping, value, number, column):
    key = (value or "").strip().casefold()
    if key not in mapping:
        raise UnreadableRow(number, f"{column} {value!r} is not one of {sorted(k for k in mapping if k)}.")
    return mapping[key]


def read_row(number, cells, reading):
    """Return the Row of an Imprisoned line, None for a Killed one, or raise UnreadableRow."""
    if None in cells or any(value is None for value in cells.values()):
        raise UnreadableRow(number, "it does not have the same number of cells as the header.")
    status = cells["status"].strip().casefold()
    if status == "killed":
        return None
    if status != "imprisoned":
        raise UnreadableRow(number, f"status {cells['status']!r} is neither Imprisoned nor Killed.")
    try:
        year = int(cells["Year"].strip())
    except ValueError:
        raise UnreadableRow(number, f"Year {cells['Year']!r} is not a year.") from None
    if not 1900 <= year <= 2100:
        raise UnreadableRow(number, f"Year {year} is out of range.")
    full_name = " ".join(cells["fullName"].split())
    if not full_name:
        raise UnreadableRow(number, "fullName is empty.")
    country = country_code(cells["country"])
    if not country:
        raise UnreadableRow(number, f"country {cells['country']!r} is not a country the importer knows.")

    charges = {}
    for label in split(cells.get("charges")):
        category = CHARGE_CATEGORIES.get(label.casefold())
        if category is None:
            raise UnreadableRow(number, f"charge {label!r} is not one of CPJ's charge groups.")
        charges.setdefault(category, label)

    nationality = []
    for name in split(cells.get("primaryNationality")):
        code = country_code(name) or NATIONALITY_ADJECTIVES.get(name.casefold(), "")
        if code:
            nationality.append(code)
        else:
            reading.warnings[f"nationality not understood, left empty: {name}"] += 1
    mediums = []
    for name in split(cells.get("mediums")):
        if name.casefold() in MEDIUMS:
            mediums.append(MEDIUMS[name.casefold()])
        else:
            reading.warnings[f"medium not understood, left out: {name}"] += 1

    return Row(
        number=number,
        year=year,
        full_name=full_name,
        country=country,
        nationality=list(dict.fromkeys(nationality)),
        gender=_choice(GENDERS, cells.get("gender"), number, "gender"),
        role=_choice(ROLES, cells.get("type"), number, "type"),
        employment=_choice(EMPLOYMENT, cells.get("employedAs"), number, "employedAs"),
        organizations=[name for name in split(cells.get("organizations")) if name.casefold() not in NO_OUTLET],
        jobs=split(cells.get("jobs")),
        mediums=list(dict.fromkeys(mediums)),
        charges=charges,
        sentence=(cells.get("sentence") or "").strip(),
        length=(cells.get("lengthOfSentence") or "").strip(),
        place=(cells.get("locationImprisoned") or "").strip(),
    )


def read(lines):
    """Return a Reading of the whole file, or raise UnreadableRow naming the first bad row."""
    reader = csv.DictReader(lines)
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise UnreadableRow(1, f"the header lacks the column(s) {', '.join(missing)}.")
    reading = Reading()
    seen = {}
    for number, cells in enumerate(reader, start=1):
        reading.read += 1
        row = read_row(number, cells, reading)
        if row is None:
            reading.killed += 1
            continue
        key = (person_key(row.full_name), row.country, row.year)
        if key in seen:
            raise UnreadableRow(number, f"it repeats row {seen[key]} (same person, country and year).")
        seen[key] = number
        reading.rows.append(row)
    if not reading.rows:
        raise UnreadableRow(reading.read, "the file has no Imprisoned rows.")
    return reading


def person_key(full_name):
    return slugify(full_name, allow_unicode=True)


def split_name(full_name):
    """Return the name and the second name CPJ gives in parentheses ("Nguyen Van A (Pen Name)")."""
    match = re.fullmatch(r"(.*?)\s*\((.+)\)\s*", full_name)
    if match and match.group(1):
        return match.group(1), match.group(2).strip()
    return full_name, ""


@dataclass
class Run:
    """Consecutive census years of one person in one country: one detention."""

    country: str
    rows: list

    @property
    def first(self):
        return self.rows[0].year

    @property
    def last(self):
        return self.rows[-1].year


def runs_of(rows):
    """Return the detentions of one person's rows."""
    by_country = defaultdict(list)
    for row in rows:
        by_country[row.country].append(row)
    runs = []
    for country, country_rows in sorted(by_country.items()):
        country_rows.sort(key=lambda row: row.year)
        for row in country_rows:
            if runs and runs[-1].country == country and runs[-1].last == row.year - 1:
                runs[-1].rows.append(row)
            else:
                runs.append(Run(country, [row]))
    return runs


def arrest_of(run, earliest_year):
    start = None if run.first == earliest_year else datetime.date(run.first - 1, 12, 1)
    return FuzzyDate.between(start, datetime.date(run.first, 11, 30))


def release_of(run, latest_year):
    if run.last == latest_year:
        return None
    return FuzzyDate.between(datetime.date(run.last, 12, 1), datetime.date(run.last + 1, 11, 30))


def _within(stored, computed):
    """Return whether a stored date is as narrow as, or narrower than, the computed one."""
    if stored is None:
        return False
    starts_inside = computed.earliest is None or (stored.earliest is not None and stored.earliest >= computed.earliest)
    return starts_inside and stored.latest <= computed.latest


@dataclass
class Summary:
    read: int = 0
    imprisoned: int = 0
    killed: int = 0
    journalists_created: int = 0
    journalists_kept: int = 0
    detentions_created: int = 0
    detentions_updated: int = 0
    detentions_unchanged: int = 0
    published: int = 0
    release: int | None = None
    left_alone: list = field(default_factory=list)  # the curated detentions the file disagrees with, described
    warnings: Counter = field(default_factory=Counter)


@contextlib.contextmanager
def changes_by(user):
    """Record ``user`` in the history of every record saved inside, including those created by managers."""
    had, before = hasattr(HistoricalRecords.context, "request"), getattr(HistoricalRecords.context, "request", None)
    # What django-simple-history's middleware leaves for a web request; this one comes from the command line.
    request = HttpRequest()
    request.user = user
    HistoricalRecords.context.request = request
    try:
        yield
    finally:
        if had:
            HistoricalRecords.context.request = before
        else:
            del HistoricalRecords.context.request


# What an import changes in a draft detention it updates (Versioned and Timestamped included).
DETENTION_UPDATED_FIELDS = [
    "arrested_earliest",
    "arrested_latest",
    "arrested_precision",
    "released_earliest",
    "released_latest",
    "released_precision",
    "status",
    "release_reason",
    "version",
    "updated_at",
]


@dataclass
class Plan:
    """What one chunk of people writes, decided before anything is written; records are unsaved until then."""

    journalists: list = field(default_factory=list)
    published_people: set = field(default_factory=set)  # id() of the new journalists the import publishes
    aliases: list = field(default_factory=list)  # (journalist, alias)
    mediums: list = field(default_factory=list)  # (journalist, [medium codes])
    outlets: dict = field(default_factory=dict)  # slug -> (name, country) of the first that names it
    affiliations: list = field(default_factory=list)  # (journalist, outlet slug, affiliation)
    detentions: list = field(default_factory=list)
    changed_detentions: list = field(default_factory=list)
    published_detentions: dict = field(default_factory=dict)  # id(journalist) -> (journalist, [detentions])
    charges: list = field(default_factory=list)  # (detention, charge)
    citations: list = field(default_factory=list)  # (journalist, detention, citation): one of the two


class Importer:
    """
    Write a Reading into the database in one transaction, as ``by``.

    The rows are written in bulk, a chunk of people at a time: what exists is
    looked up in a few queries, what changes is decided in Python exactly as a
    record-by-record import would, and each kind of record is then inserted or
    updated at once, with the history rows that ``save()`` would have written
    (same user, change reason and fields; the mediums' rows included). A bulk
    write calls neither ``save()`` nor its signals, so what those compute is
    computed here: name keys, version counters, ``updated_at``, and the history
    signals (the audit log listens to them).
    """

    # People are written CHUNK rows or so at a time: queries per chunk, not per row.
    CHUNK = 2000
    BATCH = 1000

    def __init__(self, reading, *, publish=False, by=None, progress=None, every=500):
        if publish and (
            by is None or not (by.has_perm("cases.publish_journalist") and by.has_perm("cases.publish_detention"))
        ):
            raise PermissionDenied("Only an editor may publish an import: name one with --by.")
        self.reading = reading
        self.publish = publish
        self.by = by
        self.progress = progress or (lambda done, total: None)
        self.every = every
        # What the release of a --publish import writes: journalist pk -> created detentions.
        self.to_publish = {}
        self.new_journalists = set()
        self.earliest_year, self.latest_year = reading.years
        self.summary = Summary(
            read=reading.read, imprisoned=len(reading.rows), killed=reading.killed, warnings=reading.warnings
        )

    def run(self):
        people = defaultdict(list)
        for row in self.reading.rows:
            people[person_key(row.full_name)].append(row)
        with transaction.atomic(), changes_by(self.by):
            self.source = self._source()
            self.mediums = {medium.code: medium for medium in Medium.objects.all()}
            done, chunk, rows_in_chunk = 0, [], 0
            for key, rows in people.items():
                chunk.append((key, rows))
                rows_in_chunk += len(rows)
                if rows_in_chunk >= self.CHUNK:
                    done = self._chunk(chunk, done, rows_in_chunk)
                    chunk, rows_in_chunk = [], 0
            if chunk:
                self._chunk(chunk, done, rows_in_chunk)
            if self.publish:
                self._release()
        return self.summary

    def _chunk(self, people, done, size):
        """Write the records of ``people`` [(key, rows)], ``size`` rows; return how many rows are done."""
        self.plan = Plan()
        journalists = Journalist.objects.in_bulk([f"cpj:{key}" for key, _ in people], field_name="external_id")
        runs = [(key, rows, runs_of(sorted(rows, key=lambda row: row.year))) for key, rows in people]
        existing = Detention.objects.in_bulk(
            [self._detention_key(key, run) for key, _, person_runs in runs for run in person_runs],
            field_name="external_id",
        )
        ids = [detention.pk for detention in existing.values()]
        self.charges_of = defaultdict(set)
        for detention_id, category in self._values(Charge.objects, "detention", ids, "detention_id", "category"):
            self.charges_of[detention_id].add(category)
        self.cited = {
            detention_id
            for (detention_id,) in self._values(
                Citation.objects.filter(source=self.source), "detention", ids, "detention_id"
            )
        }
        for key, rows, person_runs in runs:
            rows.sort(key=lambda row: row.year)
            journalist = journalists.get(f"cpj:{key}")
            if journalist is None:
                journalist = self._new_journalist(key, rows[-1])
                self.summary.journalists_created += 1
            else:
                self.summary.journalists_kept += 1
            for run in person_runs:
                self._detention(journalist, key, run, existing.get(self._detention_key(key, run)))
        self._write()
        if (done + size) // self.every != done // self.every:
            self.progress(done + size, len(self.reading.rows))
        return done + size

    def _values(self, queryset, field, ids, *names):
        """Return ``values_list(*names)`` of the rows whose ``field`` is one of ``ids``, in as few queries as may be."""
        limit = connection.features.max_query_params  # SQLite's; PostgreSQL has none
        size = limit - 10 if limit else max(len(ids), 1)
        found = []
        for start in range(0, len(ids), size):
            found += queryset.filter(**{f"{field}__in": ids[start : start + size]}).values_list(*names)
        return found

    def _release(self):
        """Publish what the import created as one release (DESIGN.md §4); nothing else."""
        if not self.to_publish:
            return
        with transaction.atomic():
            release = publishing.release_open(by=self.by, note=RELEASE_NOTE)
            journalists = Journalist.objects.in_bulk(list(self.to_publish))
            written = False
            for pk, detentions in self.to_publish.items():
                written |= publishing.write_case(
                    release, journalists[pk], journalist_changes=pk in self.new_journalists, detentions=detentions
                )
                Detention.objects.filter(pk__in=[detention.pk for detention in detentions]).update(live=True)
            if not written:
                # A release that changes nothing would still move every public validator.
                transaction.set_rollback(True)
                return
        Journalist.objects.filter(pk__in=self.new_journalists).update(live=True)
        self.summary.release = release.number

    def _source(self):
        source, _ = Source.objects.get_or_create(
            url=SOURCE_URL,
            title=SOURCE_TITLE,
            defaults={
                "publisher": "Committee to Protect Journalists",
                "language": "en",
                "accessed_on": timezone.localdate(),
                "visibility": Visibility.PUBLIC,
            },
        )
        return source

    def _publish(self, record, journalist=None):
        """
        Mark a record the import is creating for the import's release, when asked
        to; nothing else. A new detention of a person the import did not create is
        published only where an editor published the person.
        """
        if journalist is not None and id(journalist) not in self.plan.published_people and not journalist.live:
            return False
        if self.publish and record._state.adding:
            record.publication_state = PublicationState.PUBLISHED
            record.published_at = timezone.now()
            self.summary.published += 1
            return True
        return False

    def _new_journalist(self, key, latest):
        plan = self.plan
        name, alias = split_name(latest.full_name)
        journalist = Journalist(
            external_id=f"cpj:{key}",
            name=name,
            gender=latest.gender,
            nationality=latest.nationality,
            role=latest.role,
        )
        if self._publish(journalist):
            plan.published_people.add(id(journalist))
        plan.journalists.append(journalist)
        if alias:
            plan.aliases.append((journalist, Alias(name=alias, note="second name in the CPJ export")))
        mediums = [code for code in latest.mediums if code in self.mediums]
        if mediums:
            plan.mediums.append((journalist, mediums))
        plan.citations.append((journalist, None, Citation(source=self.source, claim="listed by CPJ")))
        outlets = []
        for index, outlet_name in enumerate(latest.organizations):
            slug = slugify(outlet_name)[:120] or "outlet"
            plan.outlets.setdefault(slug, (outlet_name[:200], latest.country))
            if slug in outlets:
                continue  # the first one stands, as get_or_create would have it
            outlets.append(slug)
            job = latest.jobs[index] if len(latest.jobs) == len(latest.organizations) else ", ".join(latest.jobs)
            plan.affiliations.append((journalist, slug, Affiliation(job_title=job[:200], employment=latest.employment)))
        return journalist

    def _detention_key(self, key, run):
        return f"cpj:{key}:{run.country}:{run.first}"

    def _detention(self, journalist, key, run, detention):
        arrested = arrest_of(run, self.earliest_year)
        released = release_of(run, self.latest_year)
        latest = run.rows[-1]
        if detention is None:
            detention = Detention(
                external_id=self._detention_key(key, run),
                journalist=journalist,
                country=run.country,
                place=latest.place[:200],
                kind=DetentionKind.OTHER,
                internal_notes=self._notes(run),
            )
            created = True
        else:
            created = False
        changed = created
        if not _within(detention.arrested, arrested):
            detention.arrested = arrested
            changed = True
        if released is not None and not _within(detention.released, released):
            detention.released = released
            changed = True
        status = self._status(latest, released)
        if created or (released is not None and detention.status not in ENDED_STATUSES):
            changed = changed or detention.status != status
            detention.status = status
            detention.release_reason = ReleaseReason.UNKNOWN if released is not None else ""
        charges = {}
        for row in run.rows:
            for category, label in row.charges.items():
                charges.setdefault(category, label)
        if created and any(category != "none_disclosed" for category in charges):
            detention.kind = DetentionKind.CRIMINAL
        stored_charges = set() if created else self.charges_of[detention.pk]
        if not created and detention.publication_state != PublicationState.DRAFT:
            # An editor's record: the file does not overrule it. Say so where they disagree.
            missing = set(charges) - stored_charges
            if changed or missing:
                self.summary.left_alone.append(
                    f"{journalist.name}, {run.country} from the {run.first} census "
                    f"({detention.get_publication_state_display()}, #{detention.pk})"
                )
            else:
                self.summary.detentions_unchanged += 1
            return
        plan = self.plan
        published = self._publish(detention, journalist)
        if created:
            plan.detentions.append(detention)
        elif changed:
            plan.changed_detentions.append(detention)
        if published:
            plan.published_detentions.setdefault(id(journalist), (journalist, []))[1].append(detention)
        if created:
            self.summary.detentions_created += 1
        elif changed:
            self.summary.detentions_updated += 1
        else:
            self.summary.detentions_unchanged += 1
        if created or detention.pk not in self.cited:
            plan.citations.append((None, detention, Citation(source=self.source, claim="CPJ census")))
        for category, label in charges.items():
            if category not in stored_charges:
                plan.charges.append((detention, Charge(category=category, wording=label)))

    def _write(self):
        """Write what the chunk's plan holds, each kind of record in bulk with its history."""
        plan = self.plan
        outlets = Outlet.objects.in_bulk(list(plan.outlets), field_name="slug")
        new_outlets = [
            Outlet(slug=slug, name=name, country=country)
            for slug, (name, country) in plan.outlets.items()
            if slug not in outlets
        ]
        self._create(new_outlets)
        outlets |= {outlet.slug: outlet for outlet in new_outlets}

        self._free_slugs(plan.journalists)
        for journalist in plan.journalists:
            journalist.name_key = names.name_keys(journalist.name, journalist.name_original)
            journalist.version = 1
        self._create(plan.journalists, reason=CHANGE_REASON)
        for journalist in plan.journalists:
            if id(journalist) in plan.published_people:
                self.new_journalists.add(journalist.pk)

        for journalist, alias in plan.aliases:
            alias.journalist = journalist
            alias.name_key = names.name_key(alias.name)
        self._create([alias for _, alias in plan.aliases])
        self._mediums(plan.mediums)
        for journalist, slug, affiliation in plan.affiliations:
            affiliation.journalist, affiliation.outlet = journalist, outlets[slug]
        self._create([affiliation for _, _, affiliation in plan.affiliations])

        for detention in plan.detentions:
            detention.version = 1
        self._create(plan.detentions, reason=CHANGE_REASON)
        now = timezone.now()
        for detention in plan.changed_detentions:
            detention.version += 1  # Versioned.save(): one more than the stored row's
            detention.updated_at = now
        if plan.changed_detentions:
            Detention.objects.bulk_update(plan.changed_detentions, DETENTION_UPDATED_FIELDS, batch_size=self.BATCH)
            self._history(plan.changed_detentions, "~", CHANGE_REASON)

        for detention, charge in plan.charges:
            charge.detention = detention
            charge.version = 1
        self._create([charge for _, charge in plan.charges], reason=CHANGE_REASON)
        for journalist, detention, citation in plan.citations:
            citation.journalist, citation.detention = journalist, detention
        self._create([citation for _, _, citation in plan.citations])

        for journalist, detentions in plan.published_detentions.values():
            self.to_publish.setdefault(journalist.pk, []).extend(detentions)

    def _create(self, objs, reason=None):
        """Insert ``objs`` (of one model) and their "+" history rows; ``reason`` as ``_save`` gave it, else None."""
        if not objs:
            return
        created = type(objs[0]).objects.bulk_create(objs, batch_size=self.BATCH)
        if any(obj.pk is None for obj in created):
            raise RuntimeError("This database does not return the primary keys of a bulk insert.")
        return self._history(created, "+", reason)

    def _history(self, objs, history_type, reason):
        """
        Write the history rows that ``save()`` would have written for ``objs``,
        and send the history signals it would have sent; return the rows.
        """
        history = type(objs[0]).history.model
        concrete = {field.attname for field in type(objs[0])._meta.concrete_fields}
        fields = [
            field.attname
            for field in history._meta.fields
            if field.attname in concrete and field.attname != "history_id"
        ]
        when = timezone.now()
        rows = [
            history(
                history_date=when,
                history_type=history_type,
                history_user=self.by,
                history_change_reason=reason,
                **{attname: getattr(obj, attname) for attname in fields},
            )
            for obj in objs
        ]
        signal = {"history_date": when, "history_user": self.by, "history_change_reason": reason, "using": None}
        for obj, row in zip(objs, rows, strict=True):
            pre_create_historical_record.send(sender=history, instance=obj, history_instance=row, **signal)
        history.objects.bulk_create(rows, batch_size=self.BATCH)
        for obj, row in zip(objs, rows, strict=True):
            post_create_historical_record.send(sender=history, instance=obj, history_instance=row, **signal)
        return rows

    def _mediums(self, mediums):
        """
        Set the mediums of new journalists, as ``journalist.mediums.set()`` did:
        the through rows, then a "~" history row of each journalist with the
        history of its mediums (its beats are none).
        """
        if not mediums:
            return
        through = Journalist.mediums.through
        links = through.objects.bulk_create(
            [through(journalist=journalist, medium_id=code) for journalist, codes in mediums for code in codes],
            batch_size=self.BATCH,
        )
        journalists = [journalist for journalist, _ in mediums]
        rows = self._history(journalists, "~", CHANGE_REASON)
        history_of = {id(journalist): row for journalist, row in zip(journalists, rows, strict=True)}
        m2m_history = apps.get_model(Journalist._meta.app_label, f"{Journalist.history.model.__name__}_mediums")
        m2m_history.objects.bulk_create(
            [
                m2m_history(
                    id=link.pk,
                    journalist_id=link.journalist_id,
                    medium_id=link.medium_id,
                    history=history_of[id(link.journalist)],
                )
                for link in links
            ],
            batch_size=self.BATCH,
        )

    def _free_slugs(self, journalists):
        """
        Give each new journalist the first free slug of its name (name, name-2,
        name-3 ...): free of every journalist's slug, of every retired slug, and
        of the slugs given before it in the file.
        """
        bases = [slugify(journalist.name)[:110] or "journalist" for journalist in journalists]
        if not bases:
            return
        distinct = list(dict.fromkeys(bases))
        taken = set()
        for model in (Journalist, RetiredSlug):
            taken.update(slug for (slug,) in self._values(model.objects, "slug", distinct, "slug"))
        # A base taken, or wanted twice, needs the numbered slugs taken after it.
        wanted = Counter(bases)
        crowded = [base for base in distinct if base in taken or wanted[base] > 1]
        for start in range(0, len(crowded), 200):
            prefixes = [f"{base}-" for base in crowded[start : start + 200]]
            after = functools.reduce(operator.or_, (Q(slug__startswith=prefix) for prefix in prefixes))
            for model in (Journalist, RetiredSlug):
                # startswith is LIKE, which SQLite compares without case: keep the exact matches.
                found = model.objects.filter(after).values_list("slug", flat=True)
                taken.update(slug for slug in found if slug.startswith(tuple(prefixes)))
        for journalist, base in zip(journalists, bases, strict=True):
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            journalist.slug = slug

    def _status(self, latest, released):
        if released is not None:
            return DetentionStatus.RELEASED
        if latest.sentence.casefold() in _NOT_SENTENCED or latest.length.casefold() == "sentence pending":
            return DetentionStatus.PRETRIAL
        if _SENTENCED.search(latest.sentence):
            return DetentionStatus.SENTENCED
        return DetentionStatus.UNKNOWN

    def _notes(self, run):
        years = f"{run.first}" if run.first == run.last else f"{run.first}–{run.last}"
        latest = run.rows[-1]
        parts = [f"Imported from the CPJ export (census years {years})."]
        if latest.sentence or latest.length:
            parts.append(f"CPJ sentence: {latest.sentence or '-'} (bucket: {latest.length or '-'}).")
        return " ".join(parts)
