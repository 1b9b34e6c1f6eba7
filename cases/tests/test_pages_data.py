import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from cases import models, versioning
from cases.dates import FuzzyDate
from cases.downloads import FIELDS
from cases.exports import DETENTION_COLUMNS
from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = pytest.mark.django_db


def streamed(response):
    """Return the body of a download; a CSV of the data page starts with a byte order mark, for spreadsheets."""
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    if response["Content-Type"].startswith("text/csv") and not response.wsgi_request.path.startswith("/api/"):
        assert body.startswith("\ufeff")
        return body[1:]
    return body


def test_csv_download_streams_every_published_detention(client):
    detention = full_case(arrest=FuzzyDate.month(2023, 11))
    factories.DetentionFactory(publication_state=models.PublicationState.DRAFT)
    response = client.get(reverse("cases:detentions_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(streamed(response))))
    assert [row["id"] for row in rows] == [str(detention.pk)]
    row = rows[0]
    assert list(row) == [name for name, *_rest in FIELDS]
    assert (row["arrested"], row["arrested_precision"], row["arrested_display"]) == (
        "2023-11",
        "month",
        "November 2023",
    )
    assert row["arrested_earliest"] == "2023-11-01" and row["arrested_latest"] == "2023-11-30"
    assert row["released"] == row["released_latest"] == ""
    statute = detention.charges.get().statute
    assert row["charges"] == f"{statute.article} {statute.code} (convicted)"
    assert row["journalist"] == detention.journalist.slug
    assert row["journalist_name"] == detention.journalist.name
    assert row["country"] == "AZ" and row["country_name"] == "Azerbaijan"
    arrest_report = detention.citations.get().source
    assert (arrest_report.url or arrest_report.title) in row["sources"].split(" | ")
    assert row["url"] == f"http://testserver/api/v1/detentions/{detention.pk}/"


def _api_rows(client):
    response = client.get("/api/v1/detentions/?format=csv")
    assert response.streaming
    return list(csv.reader(io.StringIO(streamed(response))))


def test_csv_download_is_the_api_full_export_in_id_order(client):
    full_case(release=FuzzyDate.month(2025, 7))
    full_case(country="TR", arrest=FuzzyDate.year(2019))
    factories.DetentionFactory(arrest=None)
    factories.DetentionFactory(publication_state=models.PublicationState.DRAFT)
    download = list(csv.reader(io.StringIO(streamed(client.get(reverse("cases:detentions_csv"))))))
    api = _api_rows(client)
    assert download[0] == api[0] == [name for name, *_rest in FIELDS]
    assert len(download) == 4
    assert download[1:] == sorted(api[1:], key=lambda row: int(row[0]))
    assert [int(row[0]) for row in download[1:]] == sorted(int(row[0]) for row in download[1:])


def test_json_download_holds_the_same_rows_as_the_csv(client):
    full_case()
    factories.DetentionFactory.create_batch(3)
    rows = json.loads(streamed(client.get(reverse("cases:detentions_json"))))
    table = list(csv.DictReader(io.StringIO(streamed(client.get(reverse("cases:detentions_csv"))))))
    assert len(rows) == len(table) == 4
    assert [list(row) for row in rows] == [list(row) for row in table]
    for row, line in zip(rows, table, strict=True):
        assert {key: "" if value is None else str(value) for key, value in row.items()} == line
    assert isinstance(rows[0]["id"], int)
    assert rows[0]["released_latest"] is None
    assert rows[0]["release_reason"] == ""


def test_empty_json_download_is_an_empty_list(client):
    assert json.loads(streamed(client.get(reverse("cases:detentions_json")))) == []


def test_downloads_honour_the_data_version_etag(client):
    factories.DetentionFactory()
    etag = client.get(reverse("cases:detentions_csv"))["ETag"]
    assert client.get(reverse("cases:detentions_csv"), headers={"if-none-match": etag}).status_code == 304


def test_datapackage_describes_every_resource_with_the_data_version(client):
    data = client.get(reverse("cases:datapackage")).json()
    assert data["profile"] == "tabular-data-package"
    assert data["version"] == str(versioning.current().version)
    assert [r["path"] for r in data["resources"]] == [
        "http://testserver/data/detentions.csv",
        "http://testserver/data/detentions.json",
        "http://testserver/data/detentions.xlsx",
    ]
    fields = data["resources"][0]["schema"]["fields"]
    assert [field["name"] for field in fields] == [name for name, *_rest in FIELDS]
    assert all({"name", "type", "description"} <= set(field) and field["description"] for field in fields)
    assert {field["type"] for field in fields} <= {"string", "integer", "date", "datetime"}
    status = next(field for field in fields if field["name"] == "status")
    assert status["constraints"]["enum"] == models.DetentionStatus.values


def test_datapackage_field_names_are_the_csv_header_and_the_json_keys(client):
    full_case()
    fields = client.get(reverse("cases:datapackage")).json()["resources"][0]["schema"]["fields"]
    names = [field["name"] for field in fields]
    header = next(csv.reader(io.StringIO(streamed(client.get(reverse("cases:detentions_csv"))))))
    keys = list(json.loads(streamed(client.get(reverse("cases:detentions_json"))))[0])
    assert names == header == keys == _api_rows(client)[0]
    assert names == [name for name, _function in DETENTION_COLUMNS]


ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_lists_published_cases_newest_change_first(client):
    older = factories.DetentionFactory()
    newer = factories.DetentionFactory(summary="Newly reported.")
    factories.DetentionFactory(publication_state=models.PublicationState.IN_REVIEW)
    response = client.get(reverse("cases:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314 (our own response)
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [f"http://testserver{newer.get_absolute_url()}", f"http://testserver{older.get_absolute_url()}"]
    assert "Newly reported." in entries[0].find(f"{ATOM}summary").text


def test_sitemap_lists_published_journalists_countries_and_pages(client):
    shown = factories.DetentionFactory(country="TR")
    hidden = factories.JournalistFactory(publication_state=models.PublicationState.WITHDRAWN)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/journalists/{shown.journalist.slug}/" in xml
    assert f"/journalists/{hidden.slug}/" not in xml
    assert "http://testserver/countries/TR/" in xml
    assert "http://testserver/methodology/" in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
