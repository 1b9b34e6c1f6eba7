"""
Synthetic cases at scale, for benchmarks: invented people, never real ones.

``Generator.run()`` writes journalists, outlets, statutes, detentions, charges
with status histories, events, sources and citations straight into the tables:
COPY on PostgreSQL, ``bulk_create`` in batches elsewhere. What it marks
published is published as one release, with the versions a publish writes
(``cases.publishing``'s rows of ``cases.render``'s documents), in bulk too. No
model signal fires.
"""

import bisect
import calendar
import datetime
import itertools
import json
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from . import models as m
from . import publishing, render
from .versions import ChangeKind

TODAY = datetime.date(2026, 11, 29)
FIRST_YEAR = 1992

# Countries ordered by how many cases they have (Zipf-like weights 1/rank).
COUNTRIES = (
    "CN TR EG IR AZ BY RU SA ER VN MM SY IN ET IL NI TJ CU BH KG TM UZ PK BD AF IQ YE CM RW BI "
    "UG TZ NG SS SD DZ MA TN LY KZ GT MX VE HN CO PH TH KH LA KP JO KW OM AE QA GE AM UA KE SO"
).split()
COUNTRY_WEIGHTS = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(COUNTRIES))))

FIRST_NAMES = (
    "Aynur Elchin Leyla Murad Sevinj Tural Gunel Rauf Nigar Emin Aysel Farid Zhanna Pavel Olga Igor Svetlana "
    "Dmitri Natalia Andrei Mehmet Ayse Can Elif Hakan Zeynep Ahmet Fatma Omar Salma Youssef Mona Karim Nadia "
    "Hassan Layla Reza Shirin Dariush Maryam Navid Sara Wei Li Ming Hua Jun Mei Tuan Lan Minh Thu Aung Thida "
    "Tesfaye Meron Dawit Selam Ana Carlos Lucia Jorge Maria Diego Rosa Luis Joy Emeka Amina Tunde Grace Ravi "
    "Priya Arjun Kavita Nodir Dilnoza Bakyt Aigul Timur Madina Ruslan Zarina"
).split()
LAST_NAMES = (
    "Aliyeva Mammadov Hasanli Huseynova Rzayev Guliyeva Ismayilov Abbasova Karimov Petrova Ivanov Sokolova "
    "Volkov Kuznetsova Novikov Yilmaz Kaya Demir Sahin Celik Aydin Ozturk Arslan Hassan Mahmoud Ibrahim "
    "Mostafa Saleh Farouk Tehrani Ahmadi Hosseini Rahimi Karimi Moradi Zhang Wang Chen Liu Zhao Huang "
    "Nguyen Tran Le Pham Hoang Win Thein Kyaw Tadesse Bekele Girma Haile Lopez Garcia Martinez Rodriguez "
    "Hernandez Torres Okafor Adeyemi Mensah Diallo Sharma Patel Singh Rao Tashkentov Usmonova Bekov "
    "Nurlanova Saidov Yusupova"
).split()
# Other spellings of the same name, as transliterations differ.
SPELLINGS = (("ya", "ia"), ("y", "i"), ("kh", "h"), ("ov", "off"), ("a", "ah"), ("sh", "ch"), ("e", "ie"))
PLACES = ("capital", "airport", "home", "office", "border crossing", "court house", "protest", "police station")
BEATS = ("politics", "corruption", "human rights", "environment", "elections", "conflict", "business", "religion")
OUTLET_WORDS = "Voice Times Herald Meydan Radio Post Observer Echo Mirror Daily Review News Press Tribune".split()
STATUTE_TITLES = {
    m.ChargeCategory.ANTI_STATE: ("treason", "extremism", "high treason", "terrorism", "espionage"),
    m.ChargeCategory.FALSE_NEWS: ("spreading false information", "fake news"),
    m.ChargeCategory.DEFAMATION: ("defamation", "slander"),
    m.ChargeCategory.INSULT: ("insulting the president", "insulting religious feelings"),
    m.ChargeCategory.CENSORSHIP: ("unlicensed publishing", "violating media law"),
    m.ChargeCategory.RETALIATORY: ("smuggling", "tax evasion", "hooliganism", "drug possession", "fraud"),
    m.ChargeCategory.ADMINISTRATIVE: ("disobeying police", "unauthorised assembly"),
    m.ChargeCategory.OTHER: ("other offence",),
}
CHARGE_COUNT_WEIGHTS = list(itertools.accumulate((40, 25, 13, 8, 6, 4, 2, 2)))  # 1 to 8 charges
STATUS_WEIGHTS = (
    (m.DetentionStatus.RELEASED, 55),
    (m.DetentionStatus.SENTENCED, 22),
    (m.DetentionStatus.PRETRIAL, 15),
    (m.DetentionStatus.UNKNOWN, 7),
    (m.DetentionStatus.DIED_IN_CUSTODY, 1),
)
JOURNALIST_STATES = (("published", 93), ("draft", 3), ("in_review", 2), ("withdrawn", 2))
DETENTION_STATES = (("published", 88), ("draft", 6), ("in_review", 4), ("withdrawn", 2))


def _weighted(pairs):
    values, weights = zip(*pairs, strict=True)
    return values, list(itertools.accumulate(weights))


def _add_days(day, days):
    return min(day + datetime.timedelta(days=days), TODAY)


@dataclass
class Table:
    """The rows of one model waiting to be written, in the column order given."""

    model: type
    columns: tuple
    rows: list = field(default_factory=list)
    written: int = 0


class Sink:
    """Write rows with explicit ids, by COPY on PostgreSQL and bulk_create elsewhere."""

    def __init__(self, batch_size=5000):
        self.batch_size = batch_size
        self.tables = {}
        self.copy = connection.vendor == "postgresql"
        self.now = timezone.now()

    def table(self, model, columns):
        """Register ``model`` with the attnames its rows carry; the rest take their defaults."""
        concrete = {f.attname: f for f in model._meta.concrete_fields}
        extra = [name for name in concrete if name not in columns]
        defaults = tuple(
            self.now if name in ("created_at", "updated_at") else concrete[name].get_default() for name in extra
        )
        self.tables[model] = (Table(model, tuple(columns)), tuple(extra), defaults)
        return self.tables[model][0].rows

    def flush(self):
        """Write every waiting row; tables are written in the order they were registered."""
        for table, extra, defaults in self.tables.values():
            if not table.rows:
                continue
            if self.copy:
                self._copy(table, extra, defaults)
            else:
                names = table.columns + extra
                objs = [table.model(**dict(zip(names, row + defaults, strict=True))) for row in table.rows]
                table.model.objects.bulk_create(objs, batch_size=self.batch_size)
            table.written += len(table.rows)
            table.rows.clear()

    def _copy(self, table, extra, defaults):
        meta = table.model._meta
        names = table.columns + extra
        by_attname = {f.attname: f.column for f in meta.concrete_fields}
        columns = ", ".join(connection.ops.quote_name(by_attname[name]) for name in names)
        # Multiple-country fields keep a comma-joined string; the rows already hold one.
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
                for row in table.rows:
                    # A published document goes in as JSON text.
                    copy.write_row(tuple(json.dumps(v) if isinstance(v, dict) else v for v in row) + defaults)

    def counts(self):
        return {table.model: table.written for table, _extra, _defaults in self.tables.values()}

    def reset_sequences(self):
        models_ = [table.model for table, _extra, _defaults in self.tables.values()]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_):
                cursor.execute(sql)


# The published versions a release writes, in the order their rows refer to each other.
VERSION_MODELS = (
    m.JournalistVersion,
    m.JournalistVersionSlug,
    m.JournalistVersionOutlet,
    m.JournalistVersionMedium,
    m.DetentionVersion,
    m.DetentionVersionCharge,
    m.ReleaseChange,
)


class _Related(list):
    """Rows of a relation, read as a prefetched manager is: ``.all()``."""

    def all(self):
        return self


def _record(row):
    return SimpleNamespace(pk=row["id"], **row)


class Generator:
    """Invent a population of cases; ``run()`` writes ``detentions`` of them and publishes what is marked so."""

    def __init__(self, detentions, seed=1, chunk=5000, progress=None):
        self.target = detentions
        self.rng = random.Random(seed)
        self.chunk = chunk
        self.progress = progress or (lambda written, total, rows, seconds: None)
        self.sink = Sink()
        self.ids = {}
        self.now = self.sink.now
        self.status_choices = _weighted(STATUS_WEIGHTS)
        self.journalist_states = _weighted(JOURNALIST_STATES)
        self.detention_states = _weighted(DETENTION_STATES)
        years = range(FIRST_YEAR, TODAY.year + 1)
        # Recent years hold more cases, as the record gets better and crackdowns grow.
        self.years = list(years)
        self.year_weights = list(itertools.accumulate(1 + (year - FIRST_YEAR) * 0.2 for year in years))

    # Ids are given here, so that rows can point at each other before they are written.
    def next_id(self, model):
        value = self.ids[model]
        self.ids[model] = value + 1
        return value

    def _start_ids(self, models_):
        for model in models_:
            last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
            self.ids[model] = (last or 0) + 1

    def pick(self, values, cumulative):
        return values[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]

    def run(self):
        """Write the population, publish what is marked published as one release, and return (rows per model, seconds)."""
        start = time.monotonic()
        self.medium_names = dict(m.Medium.objects.values_list("code", "name"))
        mediums = list(self.medium_names) or ["print"]
        self.mediums = mediums
        self.sources_by_id, self.outlets_by_id, self.statutes_by_id, self.beats_by_id = {}, {}, {}, {}
        self._register()
        self._start_ids(self.all_models)
        with transaction.atomic():
            self.release = publishing.release_open(note="Synthetic cases, for benchmarks.")
            self._reference_data()
            written = 0
            while written < self.target:
                self.to_publish = {}
                written += self._people(min(self.chunk, self.target - written))
                waiting = self._waiting()
                self.sink.flush()
                self._publish_chunk(waiting)
                self.sink.flush()
                rows = sum(self.sink.counts().values())
                self.progress(written, self.target, rows, time.monotonic() - start)
            if not self.sink.counts()[m.ReleaseChange]:
                self.release.delete()  # nothing was marked published
                self.release = None
            if self.sink.copy:
                self.sink.reset_sequences()
        return self.sink.counts(), time.monotonic() - start

    def _waiting(self):
        """Return the rows waiting in the sink as they will be stored: {model: [{attname: value}]}."""
        waiting = {}
        for table, extra, defaults in self.sink.tables.values():
            names = table.columns + extra
            waiting[table.model] = [dict(zip(names, row + defaults, strict=True)) for row in table.rows]
        return waiting

    def _publish_chunk(self, waiting):
        """
        Write the versions of the cases just written that are marked published,
        exactly as ``publishing.publish_marked`` would: the documents come from
        ``cases.render`` and the rows from ``cases.publishing``. Only the reading
        differs: the records are the rows just generated, in the order the
        renderer's queries read them, rather than fetched back one case at a time
        (a hundred times slower). test_synthetic checks the two agree.
        """
        # Reference rows are written once and cited by later chunks too.
        for model, rows in ((m.Source, "sources_by_id"), (m.Outlet, "outlets_by_id"), (m.Statute, "statutes_by_id")):
            getattr(self, rows).update((row["id"], _record(row)) for row in waiting[model])
        self.beats_by_id.update((row["id"], _record(row)) for row in waiting[m.Beat])
        if not self.to_publish:
            return
        cited = defaultdict(list)
        for row in sorted(waiting[m.Citation], key=lambda row: row["id"]):
            citation = _record(row)
            citation.source = self.sources_by_id[row["source_id"]]
            for owner in ("journalist_id", "detention_id", "charge_id", "event_id"):
                if row[owner] is not None:
                    cited[(owner, row[owner])].append(citation)
        journalists = {}
        nationality = m.Journalist._meta.get_field("nationality")
        for row in waiting[m.Journalist]:
            if row["id"] in self.to_publish:
                journalist = journalists[row["id"]] = _record(row)
                # As the field's descriptor reads the stored text: unique codes, sorted.
                journalist.nationality = nationality.get_clean_value(row["nationality"])
                for name in ("aliases", "mediums", "beats", "affiliations", "retired_slugs"):
                    setattr(journalist, name, _Related())
                journalist.citations = _Related(cited[("journalist_id", row["id"])])
        # Aliases in the database's order of names (its collation, not Python's).
        first, last = min(journalists, default=0), max(journalists, default=0)
        aliases = {row["id"]: row for row in waiting[m.Alias]}
        ordered = m.Alias.objects.filter(journalist_id__gte=first, journalist_id__lte=last).values_list("pk", flat=True)
        for pk in ordered:
            if aliases[pk]["journalist_id"] in journalists:
                journalists[aliases[pk]["journalist_id"]].aliases.append(_record(aliases[pk]))
        for row in sorted(waiting[m.Journalist.mediums.through], key=lambda row: row["medium_id"]):
            if row["journalist_id"] in journalists:
                medium = SimpleNamespace(code=row["medium_id"], name=self.medium_names.get(row["medium_id"], ""))
                journalists[row["journalist_id"]].mediums.append(medium)
        for row in waiting[m.Journalist.beats.through]:
            if row["journalist_id"] in journalists:
                journalists[row["journalist_id"]].beats.append(self.beats_by_id[row["beat_id"]])
        for journalist in journalists.values():
            journalist.beats.sort(key=lambda beat: beat.name)
        for row in sorted(waiting[m.Affiliation], key=lambda row: row["id"]):
            if row["journalist_id"] in journalists:
                affiliation = _record(row)
                affiliation.outlet = self.outlets_by_id[row["outlet_id"]]
                journalists[row["journalist_id"]].affiliations.append(affiliation)

        detentions = {}
        for row in waiting[m.Detention]:
            if row["live"]:
                detention = detentions[row["id"]] = _record(row)
                detention.charges, detention.events = _Related(), _Related()
                detention.citations = _Related(cited[("detention_id", row["id"])])
        charges = {}
        for row in sorted(waiting[m.Charge], key=lambda row: row["id"]):
            if row["detention_id"] in detentions:
                charge = charges[row["id"]] = _record(row)
                charge.statute = self.statutes_by_id[row["statute_id"]] if row["statute_id"] else None
                charge.status_history = _Related()
                charge.citations = _Related(cited[("charge_id", row["id"])])
                detentions[row["detention_id"]].charges.append(charge)
        for row in sorted(waiting[m.ChargeStatusChange], key=self._by_day):
            if row["charge_id"] in charges:
                charges[row["charge_id"]].status_history.append(_record(row))
        for row in sorted(waiting[m.Event], key=self._by_day):
            if row["detention_id"] in detentions:
                event = _record(row)
                event.citations = _Related(cited[("event_id", row["id"])])
                detentions[row["detention_id"]].events.append(event)

        for journalist_id, detention_ids in self.to_publish.items():
            self._publish_case(
                render.journalist_document_of(journalists[journalist_id]),
                [render.detention_document_of(detentions[pk]) for pk in detention_ids],
            )

    def _by_day(self, row):
        # ORDER BY on_latest, pk: PostgreSQL puts NULLs last, SQLite first.
        missing = row["on_latest"] is None
        return (missing if self.sink.copy else not missing, row["on_latest"] or datetime.date.min, row["id"])

    def _publish_case(self, document, detentions):
        release = self.release
        version, rows = publishing.journalist_version(release, document["id"], document, release)
        self._version_row(version, rows)
        changes = [(None, version)]
        for detention in detentions:
            self._version_row(*publishing.detention_version(release, version, detention, release))
            changes.append((detention["id"], version))
        for detention_id, published in changes:
            change = publishing.release_change(
                release,
                ChangeKind.ADDED,
                journalist_id=published.journalist_id,
                detention_id=detention_id,
                slug=published.slug,
                name=published.name,
            )
            change.pk = self.next_id(m.ReleaseChange)
            self.version_rows[m.ReleaseChange].append(self._values(change))

    def _version_row(self, version, rows):
        version.pk = self.next_id(type(version))
        self.version_rows[type(version)].append(self._values(version))
        for row in rows:
            row.version_id = version.pk
            row.pk = self.next_id(type(row))
            self.version_rows[type(row)].append(self._values(row))

    def _values(self, record):
        return tuple(getattr(record, name) for name in self.version_columns[type(record)])

    def _register(self):
        sink = self.sink
        through_mediums = m.Journalist.mediums.through
        through_beats = m.Journalist.beats.through
        self.beat_rows = sink.table(m.Beat, ("id", "slug", "name"))
        self.outlet_rows = sink.table(m.Outlet, ("id", "slug", "name", "country"))
        self.statute_rows = sink.table(m.Statute, ("id", "slug", "country", "code", "article", "title"))
        self.journalist_rows = sink.table(
            m.Journalist,
            ("id", "slug", "name", "name_original", "gender", "nationality", "role", "biography")
            + ("publication_state", "published_at", "live"),
        )
        self.medium_rows = sink.table(through_mediums, ("id", "journalist_id", "medium_id"))
        self.journalist_beat_rows = sink.table(through_beats, ("id", "journalist_id", "beat_id"))
        self.alias_rows = sink.table(m.Alias, ("id", "journalist_id", "name", "note"))
        self.affiliation_rows = sink.table(
            m.Affiliation, ("id", "journalist_id", "outlet_id", "job_title", "employment")
        )
        self.detention_rows = sink.table(
            m.Detention,
            ("id", "journalist_id", "country", "place", "authority", "kind", "status", "release_reason")
            + ("linked_to_journalism", "arrested_earliest", "arrested_latest", "arrested_precision")
            + ("released_earliest", "released_latest", "released_precision", "summary", "internal_notes")
            + ("publication_state", "published_at", "live"),
        )
        self.charge_rows = sink.table(m.Charge, ("id", "detention_id", "statute_id", "wording", "category"))
        self.change_rows = sink.table(
            m.ChargeStatusChange, ("id", "charge_id", "status", "on_earliest", "on_latest", "on_precision")
        )
        self.event_rows = sink.table(
            m.Event,
            ("id", "detention_id", "kind", "on_earliest", "on_latest", "on_precision", "charge_id")
            + ("court", "stage", "term_months", "description"),
        )
        self.source_rows = sink.table(
            m.Source, ("id", "url", "title", "publisher", "language", "published_on", "accessed_on", "visibility")
        )
        self.citation_rows = sink.table(
            m.Citation, ("id", "source_id", "journalist_id", "detention_id", "charge_id", "event_id", "claim")
        )
        self.version_columns = {
            model: tuple(field.attname for field in model._meta.concrete_fields) for model in VERSION_MODELS
        }
        self.version_rows = {model: sink.table(model, self.version_columns[model]) for model in VERSION_MODELS}
        self.all_models = [table.model for table, _e, _d in sink.tables.values()]

    def _reference_data(self):
        rng = self.rng
        self.beats = []
        for name in BEATS:
            beat_id = self.next_id(m.Beat)
            self.beat_rows.append((beat_id, f"{name.replace(' ', '-')}-{beat_id}", name))
            self.beats.append(beat_id)
        # Statutes: a dozen or so articles per country, each of one category.
        self.statutes = {}
        categories = list(STATUTE_TITLES)
        for country in COUNTRIES:
            entries = []
            for number in range(rng.randint(8, 20)):
                category = categories[number % len(categories)] if number < len(categories) else rng.choice(categories)
                statute_id = self.next_id(m.Statute)
                article = f"{100 + number * 7}.{rng.randint(1, 4)}"
                code = (
                    "Code of Administrative Offences"
                    if category == m.ChargeCategory.ADMINISTRATIVE
                    else "Criminal Code"
                )
                slug = f"{country.lower()}-{'ao' if code.startswith('Code') else 'cc'}-{article}"
                self.statute_rows.append(
                    (statute_id, slug, country, code, article, rng.choice(STATUTE_TITLES[category]))
                )
                entries.append((statute_id, category))
            self.statutes[country] = entries
        # Outlets: one for about every 25 people, each in a country.
        self.outlets = {country: [] for country in COUNTRIES}
        for _n in range(max(20, self.target // 25)):
            outlet_id = self.next_id(m.Outlet)
            country = self.pick(COUNTRIES, COUNTRY_WEIGHTS)
            name = f"{rng.choice(OUTLET_WORDS)} {rng.choice(OUTLET_WORDS)} {outlet_id}"
            self.outlet_rows.append((outlet_id, f"outlet-{outlet_id}", name, country))
            self.outlets[country].append(outlet_id)
        self.all_outlets = [outlet for outlets in self.outlets.values() for outlet in outlets]
        self.sources = []

    # Dates.

    def fuzzy(self, year, not_before=None):
        """Return (earliest, latest, precision) of a day in ``year`` known to some precision."""
        rng = self.rng
        start = datetime.date(year, 1, 1)
        if not_before and not_before > start:
            start = not_before
        end = min(datetime.date(year, 12, 31), TODAY)
        if start > end:
            start = end
        day = start + datetime.timedelta(days=rng.randint(0, (end - start).days))
        roll = rng.random()
        if roll < 0.70:
            return day, day, "day"
        if roll < 0.85:
            first = day.replace(day=1)
            last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
            return max(first, start), min(last, TODAY), "month" if first >= start and last <= TODAY else "range"
        if roll < 0.92 and start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
            return start, end, "year"
        latest = _add_days(day, rng.randint(1, 60))
        if roll > 0.98:
            return None, latest, "range"  # "on or before"
        return day, latest, "range"

    # People and their cases.

    def _name(self):
        rng = self.rng
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    def _people(self, detentions_wanted):
        rng = self.rng
        made = 0
        while made < detentions_wanted:
            # Most people are detained once; some again and again.
            roll = rng.random()
            episodes = 1 if roll < 0.7 else 2 if roll < 0.88 else rng.randint(3, 6)
            episodes = min(episodes, detentions_wanted - made)
            country = self.pick(COUNTRIES, COUNTRY_WEIGHTS)
            journalist_id = self._journalist(country)
            self._detentions(journalist_id, country, episodes)
            made += episodes
        return made

    def _journalist(self, country):
        rng = self.rng
        journalist_id = self.next_id(m.Journalist)
        name = self._name()
        state = self.pick(*self.journalist_states)
        slug = f"{name.lower().replace(' ', '-')}-{journalist_id}"
        gender = rng.choice(("female", "male", "male", ""))
        role = "journalist" if rng.random() < 0.85 else "media_worker"
        nationality = country if rng.random() < 0.9 else f"{country},{rng.choice(COUNTRIES)}"
        published_at = self.now if state in ("published", "withdrawn") else None
        bio = f"{name} reports on {rng.choice(BEATS)}." if rng.random() < 0.5 else ""
        published = state == "published"
        self.journalist_rows.append(
            (journalist_id, slug, name, "", gender, nationality, role, bio, state, published_at, published)
        )
        if published:
            self.to_publish[journalist_id] = []
        for code in rng.sample(self.mediums, rng.randint(1, min(2, len(self.mediums)))):
            self.medium_rows.append((self.next_id(m.Journalist.mediums.through), journalist_id, code))
        if rng.random() < 0.5:
            self.journalist_beat_rows.append(
                (self.next_id(m.Journalist.beats.through), journalist_id, rng.choice(self.beats))
            )
        if rng.random() < 0.3:
            spellings = {name}
            for old, new in rng.sample(SPELLINGS, 3):
                variant = name.replace(old, new)
                if variant not in spellings:
                    spellings.add(variant)
                    self.alias_rows.append((self.next_id(m.Alias), journalist_id, variant, "transliteration"))
        outlets = self.outlets[country] or self.all_outlets
        for outlet_id in {rng.choice(outlets) for _n in range(1 if rng.random() < 0.85 else 2)}:
            self.affiliation_rows.append(
                (
                    self.next_id(m.Affiliation),
                    journalist_id,
                    outlet_id,
                    "reporter",
                    rng.choice(("staff", "freelance", "")),
                )
            )
        if rng.random() < 0.2:
            self._cite(journalist_id=journalist_id, claim="biography")
        return journalist_id

    def _detentions(self, journalist_id, country, episodes):
        rng = self.rng
        years = sorted(self.pick(self.years, self.year_weights) for _n in range(episodes))
        not_before = None
        for index, year in enumerate(years):
            last = index == episodes - 1
            if rng.random() < 0.005:
                arrest = (None, None, "")
            else:
                arrest = self.fuzzy(year, not_before)
            status = self.pick(*self.status_choices)
            if not last and status not in m.ENDED_STATUSES:
                status = m.DetentionStatus.RELEASED  # an earlier episode ended
            release = (None, None, "")
            reason = ""
            anchor = arrest[1] or datetime.date(year, 12, 31)
            if status == m.DetentionStatus.RELEASED:
                reason = rng.choice(m.ReleaseReason.values)
                if rng.random() < 0.85 and anchor < TODAY:
                    held = int(rng.expovariate(1 / 300))
                    release = self.fuzzy(min(_add_days(anchor, held).year, TODAY.year), anchor)
            elif status == m.DetentionStatus.DIED_IN_CUSTODY and anchor < TODAY:
                release = self.fuzzy(_add_days(anchor, int(rng.expovariate(1 / 700))).year, anchor)
            if release[1] is not None:
                not_before = _add_days(release[1], 30)
            kind = "criminal" if rng.random() < 0.8 else rng.choice(("administrative", "other"))
            state = self.pick(*self.detention_states)
            detention_id = self.next_id(m.Detention)
            # Public when it and its journalist are marked published, as publish_marked() decides.
            published = state == "published" and journalist_id in self.to_publish
            if published:
                self.to_publish[journalist_id].append(detention_id)
            self.detention_rows.append(
                (
                    detention_id,
                    journalist_id,
                    country,
                    rng.choice(PLACES),
                    "police" if rng.random() < 0.6 else "security service",
                    kind,
                    status,
                    reason,
                    "confirmed" if rng.random() < 0.7 else rng.choice(("suspected", "unclear")),
                    *arrest,
                    *release,
                    "Detained after reporting." if rng.random() < 0.6 else "",
                    "checked by phone" if rng.random() < 0.1 else "",
                    state,
                    self.now if state in ("published", "withdrawn") else None,
                    published,
                )
            )
            self._cite(detention_id=detention_id, claim="arrest")
            self._timeline(detention_id, country, kind, status, arrest, release, anchor)

    def _timeline(self, detention_id, country, kind, status, arrest, release, anchor):
        rng = self.rng
        statutes = self.statutes[country]
        charge_count = bisect.bisect(CHARGE_COUNT_WEIGHTS, rng.random() * CHARGE_COUNT_WEIGHTS[-1]) + 1
        charged_on = (anchor, anchor, "day")
        later = _add_days(anchor, rng.randint(30, 400))
        first_charge = None
        for statute_id, category in rng.sample(statutes, min(charge_count, len(statutes))):
            charge_id = self.next_id(m.Charge)
            first_charge = first_charge or charge_id
            self.charge_rows.append((charge_id, detention_id, statute_id, "", category))
            self.change_rows.append((self.next_id(m.ChargeStatusChange), charge_id, "pending", *charged_on))
            if status in (m.DetentionStatus.SENTENCED, m.DetentionStatus.RELEASED) and rng.random() < 0.6:
                outcome = rng.choice(("convicted", "convicted", "dropped", "acquitted"))
                self.change_rows.append((self.next_id(m.ChargeStatusChange), charge_id, outcome, later, later, "day"))
                if outcome == "convicted" and rng.random() < 0.25:
                    appeal = _add_days(later, 90)
                    self.change_rows.append(
                        (self.next_id(m.ChargeStatusChange), charge_id, "on_appeal", appeal, appeal, "day")
                    )
            if rng.random() < 0.15:
                self._cite(charge_id=charge_id, claim="charge")
        if arrest[1] is not None:
            self._event(detention_id, "arrest", arrest)
        if kind == "criminal":
            self._event(detention_id, "pretrial_ordered", (_add_days(anchor, 2),) * 2 + ("day",), charge=first_charge)
        if rng.random() < 0.5:
            self._event(detention_id, "hearing", (later, later, "day"))
        if status == m.DetentionStatus.SENTENCED or (status == m.DetentionStatus.RELEASED and rng.random() < 0.4):
            self._event(detention_id, "sentence", (later, later, "day"), term=rng.choice((6, 12, 30, 48, 90, 120)))
        if release[1] is not None:
            self._event(detention_id, "death" if status == "died_in_custody" else "release", release)

    def _event(self, detention_id, kind, when, charge=None, term=None):
        event_id = self.next_id(m.Event)
        sentence = kind == "sentence"
        self.event_rows.append(
            (
                event_id,
                detention_id,
                kind,
                *when,
                charge,
                "District court" if sentence else "",
                "first_instance" if sentence else "",
                term,
                "",
            )
        )
        if self.rng.random() < 0.2:
            self._cite(event_id=event_id, claim=kind)

    def _cite(self, claim, journalist_id=None, detention_id=None, charge_id=None, event_id=None):
        rng = self.rng
        # New sources for about half the citations; the rest reuse a recent one.
        if not self.sources or rng.random() < 0.5:
            source_id = self.next_id(m.Source)
            published = datetime.date(rng.randint(FIRST_YEAR, TODAY.year), rng.randint(1, 12), rng.randint(1, 28))
            published = min(published, TODAY)
            confidential = rng.random() < 0.05
            self.source_rows.append(
                (
                    source_id,
                    "" if confidential else f"https://news.example/{source_id}",
                    f"Report {source_id}",
                    rng.choice(OUTLET_WORDS),
                    rng.choice(("en", "ru", "az", "tr", "ar", "fa")),
                    published,
                    _add_days(published, 3),
                    "confidential" if confidential else "public",
                )
            )
            self.sources.append(source_id)
            if len(self.sources) > 2000:
                del self.sources[:1000]
        else:
            source_id = rng.choice(self.sources)
        self.citation_rows.append(
            (self.next_id(m.Citation), source_id, journalist_id, detention_id, charge_id, event_id, claim)
        )


def clear():
    """Delete every case and its history, keeping the fixed reference rows (mediums)."""
    kept = {m.Medium}
    tables = [
        model._meta.db_table
        for model in connection.introspection.installed_models(connection.introspection.table_names())
        if model._meta.app_label == "cases" and model not in kept
    ]
    tables += [m.Journalist.mediums.through._meta.db_table, m.Journalist.beats.through._meta.db_table]
    tables = sorted(set(tables))
    with connection.cursor() as cursor:
        # TRUNCATE is fast but refuses tables with checks pending in an open transaction.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(
                f"TRUNCATE {', '.join(connection.ops.quote_name(t) for t in tables)} RESTART IDENTITY CASCADE"
            )
        else:
            # Children first, so that foreign keys are never left dangling.
            order = [
                *reversed(VERSION_MODELS),
                m.Census,
                m.Release,
                m.Citation,
                m.Journalist.mediums.through,
                m.Journalist.beats.through,
                m.ChargeStatusChange,
                m.Event,
                m.Charge,
                m.Detention,
                m.Alias,
                m.Affiliation,
                m.RetiredSlug,
                m.Journalist,
                m.Outlet,
                m.Statute,
                m.Source,
                m.Beat,
            ]
            first = [model._meta.db_table for model in order]
            for table in first + [t for t in tables if t not in first]:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from models
