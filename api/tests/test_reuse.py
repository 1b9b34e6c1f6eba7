"""
Data a newsroom can cite and reuse, through the API: fields=, XLSX, lang=,
updated_since and updated_at, counts and censuses as files that describe themselves.
"""

import csv
import datetime
import io

import openpyxl
import pytest

from cases import models, services
from cases.dates import FuzzyDate
from cases.tests import factories

from .builders import full_detention

pytestmark = pytest.mark.django_db

LISTS = ["journalists", "detentions", "outlets", "statutes", "releases", "censuses"]


def _csv(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode())))


def _workbook(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(content))


def _about(workbook):
    return {row[0]: row[1] for row in workbook["About"].iter_rows(min_row=2, values_only=True)}


@pytest.fixture
def published(db):
    detention = full_detention(arrest=FuzzyDate.day(2023, 11, 20), place="Baku")
    factories.DetentionFactory(country="TR", arrest=FuzzyDate.month(2024, 2))
    models.Census.objects.create(
        slug="1-december-2023",
        title="1 December 2023",
        day="2023-12-01",
        release=models.Release.objects.latest_release(),
    )
    return detention


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_fields_gives_only_the_fields_asked_for_in_that_order(client, published, fmt):
    response = client.get("/api/v1/detentions/", {"fields": "country,id", "format": fmt})

    assert response.status_code == 200
    if fmt == "json":
        assert [list(row) for row in response.json()["results"]] == [["country", "id"]] * 2
    elif fmt == "csv":
        assert [list(row) for row in _csv(response)] == [["country", "id"]] * 2
    else:
        rows = list(_workbook(response)["Detentions"].iter_rows(values_only=True))
        assert rows[0] == ("country", "id") and len(rows) == 3


@pytest.mark.parametrize("path", LISTS)
def test_every_list_takes_fields_and_refuses_an_unknown_one_by_name(client, published, path):
    known = client.get(f"/api/v1/{path}/").json()["results"][0]
    first = next(iter(known))
    assert list(client.get(f"/api/v1/{path}/", {"fields": first}).json()["results"][0]) == [first]

    response = client.get(f"/api/v1/{path}/", {"fields": f"{first},shoe_size"})

    assert response.status_code == 400
    (message,) = response.json()["errors"]["fields"]
    assert "shoe_size" in message and first in message


def test_a_csv_field_is_a_column_name(client, published):
    ok = client.get("/api/v1/detentions/", {"fields": "journalist_name,arrested_display", "format": "csv"})
    json_only = client.get("/api/v1/detentions/", {"fields": "events", "format": "csv"})

    assert list(_csv(ok)[0]) == ["journalist_name", "arrested_display"]
    assert json_only.status_code == 400 and "events" in json_only.json()["errors"]["fields"][0]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_answers_xlsx_with_a_header_and_an_about_sheet(client, published, path, settings):
    settings.SITE_URL = "https://tracker.example"
    rows = client.get(f"/api/v1/{path}/", {"page_size": 200}).json()["count"]

    response = client.get(f"/api/v1/{path}/", {"format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith(f'_release-{models.Release.objects.latest_release().number}.xlsx"')
    workbook = _workbook(response)
    assert workbook.sheetnames == [path.capitalize(), "About"]
    assert workbook[path.capitalize()].max_row == rows + 1
    about = _about(workbook)
    assert about["license"] == "CC-BY-4.0"
    assert about["release"] == models.Release.objects.latest_release().number
    assert "as_known_on=" in about["permalink"] and about["permalink"] in about["citation"]


def test_xlsx_holds_exact_days_as_dates_and_numbers_as_numbers(client, published):
    sheet = _workbook(client.get("/api/v1/detentions/", {"format": "xlsx", "country": "AZ"}))["Detentions"]
    header, row = list(sheet.iter_rows(values_only=True))
    row = dict(zip(header, row, strict=True))

    assert row["id"] == published.pk
    assert row["arrested_earliest"] == datetime.datetime(2023, 11, 20)
    assert sheet.cell(2, header.index("arrested_earliest") + 1).is_date
    assert row["arrested"] == "2023-11-20" and row["arrested_precision"] == "day"
    assert row["current_sentence_months"] == 90
    assert isinstance(row["updated_at"], datetime.datetime)


def test_an_xlsx_list_names_its_filters_in_the_about_sheet(client, published):
    response = client.get("/api/v1/detentions/", {"format": "xlsx", "country": "AZ", "lang": "az"})

    about = _about(_workbook(response))
    assert about["filters"] == "country=AZ"
    assert about["filter country"] == "AZ"
    assert "country_AZ" in response["Content-Disposition"] or "country-AZ" in response["Content-Disposition"]
    assert response["Link"].startswith("<http") and 'rel="canonical"' in response["Link"]


def test_lang_chooses_the_language_of_statements_and_display_columns_not_of_codes(client, published):
    english = client.get("/api/v1/counts/", {"country": "AZ"}).json()
    russian = client.get("/api/v1/counts/", {"country": "AZ", "lang": "ru"}, headers={"accept-language": "az"}).json()
    rows = _csv(client.get("/api/v1/detentions/", {"format": "csv", "country": "AZ", "lang": "ru"}))

    assert english["statement"].startswith("At least one")
    assert russian["statement"] != english["statement"] and "Азербайджан" in russian["statement"]
    (row,) = rows
    assert (row["country"], row["country_name"], row["arrested"]) == ("AZ", "Azerbaijan", "2023-11-20")
    assert row["country_display"] == "Азербайджан"
    assert row["arrested_display"] == "20 ноября 2023"
    assert row["status"] == "pretrial" and row["status_display"] not in ("", "pretrial", "pretrial detention")


def test_an_unknown_language_is_a_400_naming_lang(client, published):
    response = client.get("/api/v1/detentions/", {"lang": "fr"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lang"]


def test_updated_since_gives_only_records_published_after_it_and_each_says_when(client, published):
    first = client.get("/api/v1/detentions/").json()["results"]
    since = max(row["updated_at"] for row in first)
    assert all(row["updated_at"].endswith("Z") for row in first)

    later = factories.DetentionFactory(country="RU")

    rows = client.get("/api/v1/detentions/", {"updated_since": since}).json()["results"]
    assert [row["id"] for row in rows] == [later.pk]
    assert rows[0]["updated_at"] > since
    people = client.get("/api/v1/journalists/", {"updated_since": since}).json()["results"]
    assert [person["slug"] for person in people] == [later.journalist.slug]
    assert len(_csv(client.get("/api/v1/detentions/", {"updated_since": since, "format": "csv"}))) == 1


def test_updated_since_must_be_a_past_date_time(client, published):
    response = client.get("/api/v1/detentions/", {"updated_since": "2023-13-01"})

    assert response.status_code == 400 and list(response.json()["errors"]) == ["updated_since"]


def test_a_grouped_count_file_says_what_it_counts(client, published):
    rows = _csv(client.get("/api/v1/counts/", {"format": "csv", "group_by": "country", "kind": "criminal"}))

    assert {row["country"] for row in rows} == {"AZ", "TR"}
    for row in rows:
        assert row["statement"].startswith("At least 2 journalists")
        assert row["filters"] == "kind=criminal"
        assert row["release"] == str(models.Release.objects.latest_release().number)
        assert row["as_of"] and "as_known_on=" in row["permalink"]
        assert row["license"] == "CC-BY-4.0" and row["permalink"] in row["citation"]


def test_a_count_as_xlsx_has_the_statement_and_filters_in_its_about_sheet(client, published):
    response = client.get("/api/v1/counts/", {"format": "xlsx", "country": "AZ"})

    workbook = _workbook(response)
    assert list(workbook["Count"].iter_rows(values_only=True))[1][0] == 1
    about = _about(workbook)
    assert about["statement"] == "At least one journalist or media worker was detained in Azerbaijan."
    assert about["filter country"] == "AZ"
    assert about["license"] == "CC-BY-4.0" and about["as_of"]


def test_month_and_year_series_are_in_time_order_with_zeros(client, db):
    for month in (11, 2, 4):
        factories.DetentionFactory(arrest=FuzzyDate.month(2023 if month == 11 else 2024, month))
    factories.DetentionFactory(arrest=FuzzyDate.year(2021))

    months = client.get("/api/v1/counts/", {"group_by": "month"}).json()["groups"]
    years = client.get("/api/v1/counts/", {"group_by": "year"}).json()["groups"]
    rows = _csv(client.get("/api/v1/counts/", {"group_by": "month", "format": "csv"}))

    assert [(group["key"], group["count"]) for group in months] == [
        ("2023-11", 1),
        ("2023-12", 0),
        ("2024-01", 0),
        ("2024-02", 1),
        ("2024-03", 0),
        ("2024-04", 1),
    ]
    assert months[1]["label"] == "December 2023"
    assert [(group["key"], group["count"]) for group in years] == [("2021", 1), ("2022", 0), ("2023", 1), ("2024", 2)]
    assert [row["month"] for row in rows] == [group["key"] for group in months]


def test_a_census_downloads_with_what_changed_since(client, published):
    census = models.Census.objects.get()
    documented = factories.DetentionFactory(arrest=FuzzyDate.day(2023, 6, 1), status="pretrial")
    services.detention_withdraw(detention=published, by=None, reason="duplicate", public_reason="Recorded twice.")

    rows = _csv(client.get(f"/api/v1/censuses/{census.slug}/", {"format": "csv"}))
    workbook = _workbook(client.get(f"/api/v1/censuses/{census.slug}/", {"format": "xlsx"}))

    changes = {row["journalist"]: (row["counted_at_release"], row["counted_now"], row["change"]) for row in rows}
    assert changes[published.journalist.slug] == ("True", "False", "withdrawn")
    assert changes[documented.journalist.slug] == ("False", "True", "documented_since")
    assert {row["release"] for row in rows} == {str(census.release_id)}
    about = _about(workbook)
    assert about["count"] == 1 and about["statement"].startswith("At least one")
    assert about["now_count"] == 1
    assert workbook["Census"].max_row == len(rows) + 1


def test_the_schema_names_the_licence_and_documents_xlsx(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()

    assert schema["info"]["license"] == {"name": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    listing = schema["paths"]["/api/v1/detentions/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert {"fields", "lang", "updated_since"} <= names
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in listing["responses"]["200"]["content"]


def test_a_record_answers_xlsx_too(client, published):
    response = client.get(f"/api/v1/detentions/{published.pk}/", {"format": "xlsx"})

    workbook = _workbook(response)
    rows = list(workbook["Detentions"].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == published.pk
    assert _about(workbook)["license"] == "CC-BY-4.0"
