"""
``manage.py import_cpj`` writes in bulk: what it leaves behind must be what the
one-record-at-a-time importer left, history included.

``cpj-import-history.json`` is the history (every historical row of every
model, the mediums' rows included) and the audit lines that the one-by-one
importer wrote for the scenario below, with ids and times left out: a bulk
write that loses a field, a history row, a change reason or an audit line
fails here. Regenerate it only for an intended change, with
``CPJ_WRITE_HISTORY=1 pytest cases/tests/test_import_cpj_bulk.py -k golden``.
"""

import csv
import json
import logging
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.test.utils import CaptureQueriesContext
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_m2m_records, pre_create_historical_m2m_records

from cases.importers.cpj import Importer
from cases.models import (
    Affiliation,
    Alias,
    Charge,
    Citation,
    Detention,
    Journalist,
    Outlet,
    PublicationState,
    Source,
)
from cases.names import name_key, name_keys

from .test_import_cpj import COLUMNS, PUBLISH, SAMPLE, generate, run_import

GOLDEN = Path(__file__).parent / "data" / "cpj-import-history.json"
WRITTEN = [Journalist, Detention, Charge, Citation, Source, Outlet, Affiliation, Alias]
# Set by the database or the clock: never the same twice.
VOLATILE = {
    "id",
    "history_id",
    "history_date",
    "created_at",
    "updated_at",
    "published_at",
    "accessed_on",
    "m2m_history_id",
}


def natural_keys():
    """Return, per model, a function from a pk to a key that does not depend on the order of inserts."""
    journalists = dict(Journalist.objects.values_list("pk", "external_id"))
    detentions = dict(Detention.objects.values_list("pk", "external_id"))
    outlets = dict(Outlet.objects.values_list("pk", "slug"))
    sources = dict(Source.objects.values_list("pk", "url"))
    charges = {pk: f"{detentions[d]}/{c}" for pk, d, c in Charge.objects.values_list("pk", "detention", "category")}
    users = dict(get_user_model().objects.values_list("pk", "username"))
    return {
        Journalist: journalists.get,
        Detention: detentions.get,
        Outlet: outlets.get,
        Source: sources.get,
        Charge: charges.get,
        get_user_model(): users.get,
    }


def _row(history_row, keys, skip=()):
    row = {}
    for field in history_row._meta.fields:
        if field.attname in VOLATILE or field.attname in skip:
            continue
        value = getattr(history_row, field.attname)
        related = getattr(field, "related_model", None)
        if related is not None and value is not None:
            value = keys[related](value) if related in keys else value
        row[field.name] = value if value is None or isinstance(value, (bool, int, str)) else str(value)
    return row


def object_key(model, row):
    """Return the key of the record a history row belongs to."""
    if model is Journalist or model is Detention:
        return row["external_id"]
    if model is Charge:
        return f"{row['detention']}/{row['category']}"
    if model is Citation:
        return f"{row['source']}|{row['journalist']}|{row['detention']}|{row['claim']}"
    if model is Source:
        return row["url"]
    if model is Outlet:
        return row["slug"]
    if model is Affiliation:
        return f"{row['journalist']}|{row['outlet']}"
    if model is Alias:
        return f"{row['journalist']}|{row['name']}"
    raise AssertionError(model)


def history_dump():
    """Return every history row the import wrote, per model and record, in the order written."""
    keys = natural_keys()
    dump = {}
    for model in WRITTEN:
        records = {}
        for history in model.history.order_by("history_id"):
            row = _row(history, keys)
            if model is Journalist:
                row["mediums"] = sorted(history.mediums.values_list("medium_id", flat=True))
                row["beats"] = sorted(history.beats.values_list("beat_id", flat=True))
            records.setdefault(object_key(model, row), []).append(row)
        dump[model.__name__] = records
    return dump


def audit_lines(records, keys):
    """Return the audit lines of publication, with the record's id as its natural key."""
    lines = []
    for record in records:
        fields = dict(part.split("=", 1) for part in record.getMessage().split(" "))
        model = {"cases.journalist": Journalist, "cases.detention": Detention}[fields["record"]]
        lines.append(f"{fields['action']} {fields['who']} {fields['record']} {keys[model](int(fields['id']))}")
    return sorted(lines)


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)


class Kept(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def scenario(tmp_path):
    """Drafts by a researcher, a published import by an editor, a newer export over curated and draft records."""
    generated = tmp_path / "generated.csv"
    generate(generated, people=40, seed=3)
    run_import(generated, "--by", "researcher")
    audit, kept = logging.getLogger("tracker.audit"), Kept()
    audit.addHandler(kept)  # the audit logger does not propagate
    try:
        run_import(SAMPLE, *PUBLISH)
    finally:
        audit.removeHandler(kept)

    def row(year, name, **cells):
        return {"Year": str(year), "fullName": name, "status": "Imprisoned", "country": "Azerbaijan"} | cells

    held = {"gender": "Female", "employedAs": "Staff", "organizations": "Example Daily", "jobs": "Editor"}
    held |= {"mediums": "Print", "charges": "Anti-State", "sentence": "Not sentenced"}
    old = [row(year, name, **held) for name in ("Held Draft", "Held Curated") for year in (2022, 2023)]
    write_rows(tmp_path / "old.csv", old)
    write_rows(tmp_path / "new.csv", [*old, row(2024, "Someone New", charges="False news")])
    run_import(tmp_path / "old.csv", "--by", "researcher")
    curated = Detention.objects.get(journalist__name="Held Curated")
    curated.publication_state = PublicationState.IN_REVIEW  # as the workflow would, with its history row
    curated.save()
    output = run_import(tmp_path / "new.csv", "--by", "researcher")
    assert "Detentions: 1 new, 1 updated, 0 unchanged" in output
    assert "Left alone: already curated: 1." in output
    return kept.records


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", [Importer.CHUNK, 7], ids=["one chunk", "chunks of 7 rows"])
def test_the_history_of_an_import_is_the_one_by_one_importers_golden(tmp_path, editor, researcher, chunk, monkeypatch):
    # In small chunks, later people find the outlets and slugs that earlier chunks wrote.
    monkeypatch.setattr(Importer, "CHUNK", chunk)
    records = scenario(tmp_path)
    written = {"history": history_dump(), "audit": audit_lines(records, natural_keys())}
    if os.environ.get("CPJ_WRITE_HISTORY") and chunk == Importer.CHUNK:
        GOLDEN.write_text(json.dumps(written, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert written["audit"] == expected["audit"]
    for model, records in expected["history"].items():
        assert written["history"][model].keys() == records.keys(), model
        for key, rows in records.items():
            assert written["history"][model][key] == rows, (model, key)


@pytest.mark.django_db
def test_every_record_the_import_writes_has_its_history_and_the_latest_row_is_the_record(tmp_path, editor, researcher):
    scenario(tmp_path)
    keys = natural_keys()
    for model in WRITTEN:
        history_model = model.history.model
        tracked = [
            f.attname
            for f in history_model._meta.fields
            if f.attname not in VOLATILE and not f.attname.startswith("history_")
        ]
        for record in model.objects.all():
            rows = list(model.history.filter(id=record.pk).order_by("history_id"))
            assert rows, (model.__name__, record.pk)
            assert rows[0].history_type == "+"
            assert all(row.history_type == "~" for row in rows[1:])
            dates = [row.history_date for row in rows]
            assert dates == sorted(dates)
            # The latest history row is the record as stored, field for field (the times included),
            # but for ``live``, which a release writes without a history row.
            latest = rows[-1]
            for attname in {*tracked, "created_at", "updated_at", "published_at"} - {"live"}:
                if hasattr(record, attname) and hasattr(latest, attname):
                    assert getattr(latest, attname) == getattr(record, attname), (model.__name__, record.pk, attname)
            if model is Journalist:
                # The history of its mediums is the through rows, ids and all.
                links = Journalist.mediums.through.objects.filter(journalist=record).values_list("id", "medium_id")
                assert sorted(latest.mediums.values_list("id", "medium_id")) == sorted(links)
            if model in (Detention, Charge):
                assert record.version == len(rows), (model.__name__, record.pk)  # one history row per save
            elif model is Journalist:
                assert record.version == 1  # saved once; its mediums add a row
    assert keys


@pytest.mark.django_db
def test_computed_fields_are_written_and_the_name_search_finds_an_imported_journalist(tmp_path):
    path = tmp_path / "people.csv"
    generate(path, people=30, seed=5)
    run_import(path)
    for journalist in Journalist.objects.all():
        assert journalist.name_key == name_keys(journalist.name, journalist.name_original)
        assert journalist.version == 1
        assert journalist.created_at is not None and journalist.updated_at is not None
    for alias in Alias.objects.all():
        assert alias.name_key == name_key(alias.name)
    for detention in Detention.objects.all():
        assert detention.version >= 1
    for charge in Charge.objects.all():
        assert charge.version == 1
    person = Journalist.objects.get(name="Person7 Example")
    assert list(Journalist.objects.same_name_as([name_key("Person7 Example")])) == [person]
    assert person in Journalist.objects.same_name_as([name_key("Pen7")])  # the second name, an alias
    assert person in Journalist.objects.named("Pen7")


@pytest.mark.django_db
def test_slugs_are_unique_against_journalists_retired_slugs_and_the_file(tmp_path):
    from cases.models import RetiredSlug

    taken = Journalist.objects.create(slug="same-name", name="Someone Earlier")
    other = Journalist.objects.create(slug="other", name="Someone Else")
    RetiredSlug.objects.create(slug="same-name-2", journalist=other)
    path = tmp_path / "same.csv"
    # Three people whose names have one ASCII slug.
    names = ("Same Name", "Sáme Name", "Samé Name")
    write_rows(
        path, [{"Year": "2020", "fullName": name, "status": "Imprisoned", "country": "Turkey"} for name in names]
    )
    run_import(path)
    slugs = sorted(Journalist.objects.exclude(pk__in=[taken.pk, other.pk]).values_list("slug", flat=True))
    assert slugs == ["same-name-3", "same-name-4", "same-name-5"]


@pytest.mark.django_db
def test_the_queries_of_an_import_do_not_grow_with_its_rows(tmp_path, researcher):
    counts = {}
    for people in (50, 500):
        path = tmp_path / f"{people}.csv"
        generate(path, people=people, seed=people)
        counts[people] = []
        for _ in ("first", "again"):
            connection.queries_log.clear()  # it keeps the latest 9,000 only, and a capture is read from it
            with CaptureQueriesContext(connection) as queries:
                run_import(path, "--by", "researcher")
            counts[people].append(len(queries))
    small, large = counts[50], counts[500]
    # The same queries for ten times the people (a chunk is 2,000 rows; both files fit in one).
    assert large[0] <= small[0] + 2, counts
    assert large[1] <= small[1] + 2, counts


def test_the_models_the_import_writes_in_bulk_have_no_save_signal_but_the_historys():
    """A bulk write sends no signal: a new receiver of these models would be skipped by the import."""
    for model in [*WRITTEN, Journalist.mediums.through]:
        for signal in (pre_save, post_save, m2m_changed):
            for receiver in signal._live_receivers(model)[0]:
                method = getattr(receiver, "func", receiver)  # m2m_changed's is a partial
                assert isinstance(getattr(method, "__self__", None), HistoricalRecords), (model, signal, receiver)
    # The import sends the history's record signals itself (the audit log listens), not the mediums' ones.
    assert not pre_create_historical_m2m_records.receivers and not post_create_historical_m2m_records.receivers


@pytest.mark.django_db
def test_a_failure_while_writing_in_bulk_writes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "people.csv"
    generate(path, people=30, seed=5)

    def fail(self, mediums):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Importer, "_mediums", fail)  # after outlets, journalists and aliases are inserted
    with pytest.raises(RuntimeError):
        run_import(path)
    for model in WRITTEN:
        assert not model.objects.exists(), model.__name__
        assert not model.history.exists(), model.__name__
