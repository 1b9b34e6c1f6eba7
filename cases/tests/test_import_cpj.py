"""
``manage.py import_cpj``: CPJ's export, on the sample and on larger generated
files with the same quirks. The census the tracker computes for 1 December of
every year and country must equal the file's rows.
"""

import csv
import datetime
import io
import random
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from cases import public, versioning
from cases.importers.cpj import country_code
from cases.models import (
    Affiliation,
    Alias,
    ChangeKind,
    Charge,
    Citation,
    Detention,
    Journalist,
    Outlet,
    PublicationState,
    Release,
    ReleaseChange,
    Source,
)
from cases.version_queries import in_custody_condition

SAMPLE = Path(__file__).parent / "data" / "cpj-export-sample.csv"
COLUMNS = (
    "Year,fullName,primaryNationality,gender,photoUrl,type,typeOfDeath,status,employedAs,organizations,jobs,"
    "coverage,mediums,country,location,region,state,locality,province,localOrForeign,sourcesOfFire,"
    "motiveConfirmed,impunityMurder,tortured,captive,threatened,charges,lengthOfSentence,impCountry,sentence,"
    "locationImprisoned"
).split(",")


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_cpj", str(path), *args, stdout=out)
    return out.getvalue()


def file_census(path):
    """Return {(country code, year): rows} of the Imprisoned rows, read independently of the importer."""
    with open(path, encoding="utf-8", newline="") as lines:
        rows = [row for row in csv.DictReader(lines) if row["status"].strip().lower() == "imprisoned"]
    years = [int(row["Year"]) for row in rows]
    census = Counter((country_code(row["country"]), int(row["Year"])) for row in rows)
    return census, range(min(years), max(years) + 1), {country for country, _ in census}


def tracker_census(years, queryset):
    """Return {(country code, year): detentions in custody on 1 December} of published versions or working records."""
    census = Counter()
    for year in years:
        counted = queryset.filter(in_custody_condition(datetime.date(year, 12, 1))).order_by()
        for row in counted.values("country").annotate(n=Count("pk")):
            census[(row["country"], year)] = row["n"]
    return census


def everything():
    """Return how many of each kind of record exist, and how many history rows."""
    models = [Journalist, Detention, Charge, Citation, Source, Outlet, Affiliation, Alias]
    counts = {model.__name__: model.objects.count() for model in models}
    counts |= {f"history of {m.__name__}": m.history.count() for m in models if hasattr(m, "history")}
    return counts


def assert_census_equal(path, *, published):
    expected, years, countries = file_census(path)
    # Published: the versions the public counts; else the working records, drafts included.
    queryset = public.snapshot_at().detentions() if published else Detention.objects.all()
    actual = tracker_census(years, queryset)
    # Every country and year the file covers, including the zeros.
    for country in countries:
        for year in years:
            assert actual[(country, year)] == expected[(country, year)], (country, year)
    assert sum(actual.values()) == sum(expected.values())


@pytest.mark.django_db
def test_the_sample_imports_as_drafts_with_the_census_of_the_file():
    output = run_import(SAMPLE)
    assert "10 imprisoned, 1 killed (skipped)" in output
    assert "Killed rows skipped: 1" in output
    assert Detention.objects.count() == 8
    assert not Release.objects.exists()
    assert not public.snapshot_at().detentions().exists()
    assert set(Journalist.objects.values_list("publication_state", flat=True)) == {PublicationState.DRAFT}
    assert_census_equal(SAMPLE, published=False)


PUBLISH = ("--publish", "--by", "editor")


@pytest.mark.django_db
def test_the_sample_published_has_the_census_of_the_file(editor):
    run_import(SAMPLE, *PUBLISH)
    assert_census_equal(SAMPLE, published=True)


@pytest.mark.django_db
def test_a_published_import_is_one_release_and_an_identical_rerun_writes_none(editor):
    output = run_import(SAMPLE, *PUBLISH)
    assert list(Release.objects.values_list("number", flat=True)) == [1]
    assert "as release 1." in output
    added = ReleaseChange.objects.filter(release=1, kind=ChangeKind.ADDED)
    assert added.filter(detention_id__isnull=False).count() == Detention.objects.count() == 8
    assert added.filter(detention_id__isnull=True).count() == Journalist.objects.count()
    before = versioning.current()

    again = run_import(SAMPLE, *PUBLISH)
    assert "Published: nothing new." in again
    assert versioning.current() == before
    assert list(Release.objects.values_list("number", flat=True)) == [1]


@pytest.mark.django_db
@pytest.mark.parametrize("by", [(), ("--by", "researcher"), ("--by", "nobody")])
def test_publishing_an_import_needs_an_editor_named_with_by(researcher, by):
    with pytest.raises(CommandError, match="nothing was imported"):
        run_import(SAMPLE, "--publish", *by)
    assert everything() == {name: 0 for name in everything()}


@pytest.mark.django_db
def test_every_change_the_import_makes_records_who_made_it(editor):
    run_import(SAMPLE, *PUBLISH)
    for model in [Journalist, Detention, Charge, Citation, Source, Outlet, Affiliation, Alias]:
        users = set(model.history.values_list("history_user", flat=True))
        assert users == {editor.pk}, model.__name__


@pytest.mark.django_db
def test_publish_publishes_only_what_the_import_creates_not_existing_drafts(editor):
    run_import(SAMPLE)
    sent_back = Detention.objects.get(journalist__name="Arin Example")
    sent_back.review_comment = "Check the arrest date"
    sent_back.save()
    output = run_import(SAMPLE, *PUBLISH)
    assert "Published: nothing new." in output
    assert not Release.objects.exists()
    assert not Detention.objects.exclude(publication_state=PublicationState.DRAFT).exists()
    assert not Journalist.objects.exclude(publication_state=PublicationState.DRAFT).exists()


@pytest.mark.django_db
def test_the_sample_reads_names_years_and_countries_as_cpj_means_them():
    run_import(SAMPLE)
    arin = Journalist.objects.get(name="Arin Example")
    assert arin.detentions.count() == 1  # 2006 and 2007: one detention
    bora = Journalist.objects.get(name="Bora Sample")
    assert bora.detentions.count() == 2  # 2007 and 2009: released and detained again
    assert list(bora.aliases.values_list("name", flat=True)) == ["Pen Quill"]
    first, second = bora.detentions.order_by("arrested_latest")
    assert str(first.arrested) == "between 1 December 2006 and 30 November 2007"
    assert str(first.released) == "between 1 December 2007 and 30 November 2008"
    assert str(second.arrested) == "between 1 December 2008 and 30 November 2009"
    assert second.released is None  # 2009 is the file's latest census: still held
    assert set(first.charges.values_list("category", flat=True)) == {"anti_state", "insult"}

    emir = Detention.objects.get(journalist__name="Emir Invented")
    assert emir.country.code == "YU"
    assert str(emir.arrested) == "on or before 30 November 1996"  # the file's first census

    assert sorted(c.code for c in Journalist.objects.get(name="Dana Fictive").nationality) == ["CA", "IR"]
    assert [c.code for c in Journalist.objects.get(name="Farah Madeup").nationality] == ["SO"]
    assert Detention.objects.get(journalist__name="Gil Notreal").country.code == "SZ"
    assert not Journalist.objects.filter(name="Hana Imaginary").exists()

    source = Source.objects.get()
    assert "CPJ" in source.title
    for detention in Detention.objects.all():
        assert detention.citations.filter(source=source).exists()
    for journalist in Journalist.objects.all():
        assert journalist.citations.filter(source=source).exists()


@pytest.mark.django_db
def test_running_the_sample_twice_changes_nothing():
    run_import(SAMPLE)
    before = everything()
    output = run_import(SAMPLE)
    assert everything() == before
    assert "0 new" in output and "8 unchanged" in output


def generate(path, *, people, seed=7, first_year=1992, last_year=2024, bad_row=None):
    """
    Write a CPJ-shaped file: people held for one or more runs of census years,
    some with gaps, some in two countries; legacy country names, charge groups in
    every spelling, adjectives for nationality, names with a second name in
    parentheses, and killed rows. ``bad_row`` replaces that data row's cells.
    """
    rng = random.Random(seed)
    countries = [
        "Azerbaijan",
        "Turkey",
        "Iran",
        "Yugoslavia",
        "Swaziland",
        "Macedonia",
        "Ivory Coast",
        "Bosnia-Herzegovina",
        "Republic of Congo",
        "Republic of the Congo",
        "Israel and the Occupied Palestinian Territory",
        "United States",
        "United States of America",
        "Zaire",
        "Western Sahara",
        "China",
        "Eritrea",
    ]
    charges = [
        "Anti-State",
        "Anti-state",
        "Retaliatory",
        "retaliatory",
        "False News",
        "False news",
        "false news",
        "Defamation",
        "Ethnic/Religious Insult",
        "Ethnic or religious insult",
        "Religious or ethnic insult",
        "Censorship Violation",
        "Censorship violation",
        "No charge disclosed",
        "No Charge",
        "No charge",
        "",
    ]
    nationalities = ["Azerbaijan", "German", "Somali", "Palestinian", "Canada, Iran", "", "Turkish", "Yugoslavia"]
    rows = []
    for n in range(people):
        name = f"Person{n} Example" + (f" (Pen{n})" if n % 7 == 0 else "")
        base = {
            "fullName": name,
            "primaryNationality": rng.choice(nationalities),
            "gender": rng.choice(["Male", "Female", ""]),
            "type": "Journalist",
            "typeOfDeath": "N/A",
            "status": "Imprisoned",
            "employedAs": rng.choice(["Staff", "staff", "Freelance", ""]),
            "organizations": rng.choice(["Example Daily", "Example Daily, Example Online", "Freelancer", ""]),
            "jobs": "Editor",
            "mediums": rng.choice(["Print", "Internet, Print", "Television", "Radio", ""]),
            "localOrForeign": "Local",
        }
        year = rng.randint(first_year, last_year)
        for _ in range(rng.choice([1, 1, 1, 2, 3])):  # runs; later ones after a gap
            country = rng.choice(countries)
            for offset in range(rng.choice([1, 1, 2, 3, 5])):
                if year + offset > last_year:
                    break
                rows.append(
                    base
                    | {
                        "Year": str(year + offset),
                        "country": country,
                        "charges": ", ".join(sorted({rng.choice(charges) for _ in range(rng.randint(1, 2))} - {""})),
                        "sentence": rng.choice(["12 years 6 months", "3 to 8 years", "Life", "Not sentenced", ""]),
                        "lengthOfSentence": rng.choice(["10+ Years", "5-10 years", "Sentence pending", ""]),
                    }
                )
            year += offset + rng.randint(2, 4)
            if year > last_year:
                break
        if n % 10 == 0:
            rows.append(base | {"Year": str(rng.randint(first_year, last_year)), "status": "Killed"})
    # Every census year from the first to the last is in the file, as CPJ's is.
    rows.append({"fullName": "First Census", "status": "Imprisoned", "Year": str(first_year), "country": "Azerbaijan"})
    rows.append({"fullName": "Last Census", "status": "Imprisoned", "Year": str(last_year), "country": "Azerbaijan"})
    rng.shuffle(rows)
    if bad_row is not None:
        number, cells = bad_row
        rows[number - 1] = rows[number - 1] | cells
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cpj") / "big.csv"
    rows = generate(path, people=600)
    assert rows >= 2000
    return path


@pytest.mark.django_db
def test_a_large_file_imports_with_the_census_of_the_file_and_a_rerun_changes_nothing(big_file, editor):
    output = run_import(big_file, *PUBLISH)
    assert "imprisoned rows written" in output  # progress on a long file
    assert "Done." in output
    assert_census_equal(big_file, published=True)
    assert Release.objects.count() == 1
    before = everything()
    again = run_import(big_file, *PUBLISH)
    assert everything() == before
    assert Release.objects.count() == 1
    assert "Detentions: 0 new, 0 updated" in again
    assert "Left alone: already curated: 0." in again


def older_and_newer_exports(tmp_path):
    """Two exports: in the newer one, Someone Held is no longer held on 1 December 2024."""
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    lines = ",".join(COLUMNS) + "\n"
    held = "{year},Someone Held,,,,,,Imprisoned,,,,,,Azerbaijan" + "," * 17 + "\n"
    other = "{year},Someone Else,,,,,,Imprisoned,,,,,,Azerbaijan" + "," * 17 + "\n"
    old.write_text(lines + held.format(year=2022) + held.format(year=2023) + other.format(year=2023))
    new.write_text(old.read_text() + other.format(year=2024))
    return old, new


@pytest.mark.django_db
def test_a_newer_export_releases_who_is_no_longer_held(tmp_path):
    old, new = older_and_newer_exports(tmp_path)
    run_import(old)
    assert Detention.objects.get(journalist__name="Someone Held").released is None
    run_import(new)
    held_detention = Detention.objects.get(journalist__name="Someone Held")
    assert str(held_detention.released) == "between 1 December 2023 and 30 November 2024"
    assert held_detention.status == "released"
    assert held_detention.publication_state == PublicationState.DRAFT
    assert_census_equal(new, published=False)
    assert Detention.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("state", [PublicationState.PUBLISHED, PublicationState.WITHDRAWN, PublicationState.IN_REVIEW])
def test_the_import_leaves_curated_records_alone_and_says_so(tmp_path, editor, state):
    old, new = older_and_newer_exports(tmp_path)
    run_import(old, *PUBLISH)
    held = Detention.objects.get(journalist__name="Someone Held")
    Detention.objects.filter(pk=held.pk).update(publication_state=state)
    history = held.history.count()
    output = run_import(new, *PUBLISH)
    held.refresh_from_db()
    assert held.released is None and held.status != "released"
    assert held.publication_state == state
    assert held.history.count() == history
    assert "Left alone: already curated: 1." in output
    assert "left alone: already curated, the file differs: Someone Held, AZ from the 2022 census" in output


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"country": "Atlantis"}, "country 'Atlantis' is not a country the importer knows"),
        ({"Year": "20x9"}, "Year '20x9' is not a year"),
        ({"charges": "Jaywalking"}, "charge 'Jaywalking' is not one of CPJ's charge groups"),
        ({"status": "Missing"}, "status 'Missing' is neither Imprisoned nor Killed"),
        ({"status": "Imprisoned", "fullName": "  "}, "fullName is empty"),
    ],
)
def test_an_unreadable_row_stops_the_import_with_its_number_and_writes_nothing(tmp_path, editor, cells, reason):
    path = tmp_path / "bad.csv"
    generate(path, people=60, bad_row=(37, cells))
    with pytest.raises(CommandError) as error:
        run_import(path, *PUBLISH)
    assert f"Row 37 of {path}: {reason}" in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert everything() == {name: 0 for name in everything()}


@pytest.mark.django_db
def test_a_bad_row_late_in_a_large_file_writes_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    rows = generate(path, people=700, bad_row=(1999, {"status": "Imprisoned", "country": "Narnia"}))
    assert rows >= 2000
    with pytest.raises(CommandError, match="Row 1999"):
        run_import(path)
    assert Journalist.objects.count() == 0 and Source.objects.count() == 0


@pytest.mark.django_db
def test_a_row_repeating_a_person_country_and_year_is_refused(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(SAMPLE.read_text() + SAMPLE.read_text().splitlines()[1] + "\n")
    with pytest.raises(CommandError, match="Row 12 .*repeats row 1"):
        run_import(path)
    assert Detention.objects.count() == 0


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "nowhere.csv")


@pytest.mark.django_db
def test_a_published_import_leaves_a_new_detention_of_a_draft_person_a_draft_and_writes_no_release(tmp_path, editor):
    lines = ",".join(COLUMNS) + "\n"
    row = "{year},Someone Else,,,,,,Imprisoned,,,,,,Azerbaijan" + "," * 17 + "\n"
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text(lines + row.format(year=2021))
    new.write_text(lines + row.format(year=2021) + row.format(year=2023))  # held again after a gap
    run_import(old)
    output = run_import(new, *PUBLISH)
    person = Journalist.objects.get(name="Someone Else")
    assert person.detentions.count() == 2
    # Its person is a draft no editor has published: the import publishes neither.
    assert set(person.detentions.values_list("publication_state", flat=True)) == {PublicationState.DRAFT}
    assert "Published: nothing new." in output
    assert not Release.objects.exists()
