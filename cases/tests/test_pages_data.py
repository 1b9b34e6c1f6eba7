import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from cases import models, versioning
from cases.dates import FuzzyDate
from cases.downloads import FIELDS
from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = pytest.mark.django_db


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_csv_download_streams_every_published_detention(client):
    detention = full_case(arrest=FuzzyDate.month(2023, 11))
    factories.DetentionFactory(publication_state=models.PublicationState.DRAFT)
    response = client.get(reverse("cases:detentions_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(streamed(response))))
    assert [row["id"] for row in rows] == [str(detention.pk)]
    row = rows[0]
    assert list(row) == [name for name, *_rest in FIELDS]
    assert row["arrested"] == "2023-11"
    assert row["arrested_earliest"] == "2023-11-01" and row["arrested_latest"] == "2023-11-30"
    assert row["statutes"] == detention.charges.get().statute.slug
    assert row["name_original"] == "Репортёр"
    assert row["url"].endswith(f"/journalists/{detention.journalist.slug}/#detention-{detention.pk}")


def test_json_download_holds_the_same_rows_as_the_csv(client):
    factories.DetentionFactory.create_batch(3)
    rows = json.loads(streamed(client.get(reverse("cases:detentions_json"))))
    table = list(csv.DictReader(io.StringIO(streamed(client.get(reverse("cases:detentions_csv"))))))
    assert [row["id"] for row in rows] == [int(row["id"]) for row in table]
    assert rows[0]["released_latest"] is None


def test_empty_json_download_is_an_empty_list(client):
    assert json.loads(streamed(client.get(reverse("cases:detentions_json")))) == []


def test_downloads_honour_the_data_version_etag(client):
    factories.DetentionFactory()
    etag = client.get(reverse("cases:detentions_csv"))["ETag"]
    assert client.get(reverse("cases:detentions_csv"), headers={"if-none-match": etag}).status_code == 304


def test_datapackage_describes_both_resources_with_the_data_version(client):
    data = client.get(reverse("cases:datapackage")).json()
    assert data["profile"] == "tabular-data-package"
    assert data["version"] == str(versioning.current().version)
    assert [r["path"] for r in data["resources"]] == [
        "http://testserver/data/detentions.csv",
        "http://testserver/data/detentions.json",
    ]
    fields = data["resources"][0]["schema"]["fields"]
    assert [field["name"] for field in fields] == [name for name, *_rest in FIELDS]
    assert {"name", "type", "description"} <= set(fields[0])
    status = next(field for field in fields if field["name"] == "status")
    assert status["constraints"]["enum"] == models.DetentionStatus.values


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
