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
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries
from simple_history.models import HistoricalRecords

from .. import publishing
from ..dates import FuzzyDate
from ..models import (
    ENDED_STATUSES,
    Affiliation,
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


class Importer:
    """Write a Reading into the database in one transaction, as ``by``."""

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
            self.journalists = Journalist.objects.in_bulk([f"cpj:{key}" for key in people], field_name="external_id")
            done = 0
            for key, rows in people.items():
                self._person(key, rows)
                done += len(rows)
                if done // self.every != (done - len(rows)) // self.every:
                    self.progress(done, len(self.reading.rows))
            if self.publish:
                self._release()
        return self.summary

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

    def _save(self, record):
        record._history_user = self.by
        record._change_reason = CHANGE_REASON
        record.save()

    def _publish(self, record, journalist=None):
        """
        Mark a record the import is creating for the import's release, when asked
        to; nothing else. A new detention of a person the import did not create is
        published only where an editor published the person.
        """
        if journalist is not None and journalist.pk not in self.new_journalists and not journalist.live:
            return False
        if self.publish and record._state.adding:
            record.publication_state = PublicationState.PUBLISHED
            record.published_at = timezone.now()
            self.summary.published += 1
            return True
        return False

    def _person(self, key, rows):
        rows.sort(key=lambda row: row.year)
        journalist = self.journalists.get(f"cpj:{key}")
        if journalist is None:
            journalist = self._new_journalist(key, rows[-1])
            self.summary.journalists_created += 1
        else:
            self.summary.journalists_kept += 1
        existing = Detention.objects.in_bulk(
            [self._detention_key(key, run) for run in runs_of(rows)], field_name="external_id"
        )
        for run in runs_of(rows):
            self._detention(journalist, key, run, existing.get(self._detention_key(key, run)))

    def _new_journalist(self, key, latest):
        name, alias = split_name(latest.full_name)
        journalist = Journalist(
            external_id=f"cpj:{key}",
            slug=self._free_slug(name),
            name=name,
            gender=latest.gender,
            nationality=latest.nationality,
            role=latest.role,
        )
        published = self._publish(journalist)
        self._save(journalist)
        if published:
            self.new_journalists.add(journalist.pk)
        if alias:
            journalist.aliases.create(name=alias, note="second name in the CPJ export")
        journalist.mediums.set([self.mediums[code] for code in latest.mediums if code in self.mediums])
        Citation.objects.create(source=self.source, journalist=journalist, claim="listed by CPJ")
        for index, outlet_name in enumerate(latest.organizations):
            outlet = self._outlet(outlet_name, latest.country)
            job = latest.jobs[index] if len(latest.jobs) == len(latest.organizations) else ", ".join(latest.jobs)
            Affiliation.objects.get_or_create(
                journalist=journalist,
                outlet=outlet,
                defaults={"job_title": job[:200], "employment": latest.employment},
            )
        return journalist

    def _free_slug(self, name):
        base = slugify(name)[:110] or "journalist"
        slug, n = base, 1
        while Journalist.objects.filter(slug=slug).exists() or RetiredSlug.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _outlet(self, name, country):
        slug = slugify(name)[:120] or "outlet"
        outlet, _ = Outlet.objects.get_or_create(slug=slug, defaults={"name": name[:200], "country": country})
        return outlet

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
        if not created and detention.publication_state != PublicationState.DRAFT:
            # An editor's record: the file does not overrule it. Say so where they disagree.
            missing = set(charges) - set(detention.charges.values_list("category", flat=True))
            if changed or missing:
                self.summary.left_alone.append(
                    f"{journalist.name}, {run.country} from the {run.first} census "
                    f"({detention.get_publication_state_display()}, #{detention.pk})"
                )
            else:
                self.summary.detentions_unchanged += 1
            return
        published = self._publish(detention, journalist)
        if changed:
            self._save(detention)
        if published:
            self.to_publish.setdefault(journalist.pk, []).append(detention)
        if created:
            self.summary.detentions_created += 1
        elif changed:
            self.summary.detentions_updated += 1
        else:
            self.summary.detentions_unchanged += 1
        Citation.objects.get_or_create(source=self.source, detention=detention, defaults={"claim": "CPJ census"})
        for category, label in charges.items():
            if not Charge.objects.filter(detention=detention, category=category).exists():
                self._save(Charge(detention=detention, category=category, wording=label))

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
