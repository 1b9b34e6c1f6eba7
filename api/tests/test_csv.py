"""CSV for spreadsheets: flat columns, every row of a full export, streamed."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse

from cases import models
from cases.dates import FuzzyDate
from cases.tests import factories

from .builders import full_detention

pytestmark = pytest.mark.django_db


def _rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_detention_csv_flattens_charges_and_public_sources(client):
    detention = full_detention(arrest=FuzzyDate.month(2023, 11), place="Baku")
    second = factories.ChargeFactory(detention=detention, statute=None, wording="hooliganism", category="other")
    factories.ChargeStatusChangeFactory(charge=second, status="dropped")
    factories.CitationFactory(
        detention=detention, source__visibility="confidential", source__url="https://secret.example/"
    )
    urls = list(
        models.Source.objects.filter(
            visibility="public", citations__in=models.Citation.objects.exclude(journalist=detention.journalist)
        )
        .order_by("citations__pk")
        .values_list("url", flat=True)
    )

    response = client.get("/api/v1/detentions/", {"format": "csv"})

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    release = models.Release.objects.latest_release().number
    assert response["Content-Disposition"] == f'attachment; filename="detentions_release-{release}.csv"'
    (row,) = _rows(response)
    statute = detention.charges.first().statute
    assert row["id"] == str(detention.pk)
    assert row["journalist"] == detention.journalist.slug
    journalist = detention.journalist
    assert (row["journalist_name_original"], row["role"], row["gender"]) == (
        journalist.name_original,
        journalist.role,
        journalist.gender,
    )
    assert (row["country"], row["country_name"], row["place"]) == ("AZ", "Azerbaijan", "Baku")
    assert (row["arrested"], row["arrested_precision"], row["arrested_display"]) == (
        "2023-11",
        "month",
        "November 2023",
    )
    assert (row["arrested_earliest"], row["arrested_latest"]) == ("2023-11-01", "2023-11-30")
    assert row["charges"] == f"{statute.article} Criminal Code (convicted); hooliganism (dropped)"
    assert row["charge_categories"] == "anti_state; other"
    assert row["current_sentence"] == "7 years 6 months"
    assert set(row["sources"].split(" | ")) == set(urls)
    assert len(urls) == 3
    assert "secret.example" not in row["sources"]
    assert row["url"] == f"http://testserver/api/v1/detentions/{detention.pk}/"


def test_full_export_holds_every_filtered_row_beyond_a_page(client):
    factories.DetentionFactory.create_batch(60, country="AZ")
    factories.DetentionFactory(country="TR")

    rows = _rows(client.get("/api/v1/detentions/", {"format": "csv", "country": "AZ"}))

    assert len(rows) == 60
    assert {row["country"] for row in rows} == {"AZ"}


def test_csv_with_a_page_gives_that_page(client):
    factories.DetentionFactory.create_batch(3)

    response = client.get("/api/v1/detentions/", {"format": "csv", "page_size": 2, "page": 2})

    assert not response.streaming
    assert len(_rows(response)) == 1


def test_empty_csv_still_has_its_header(client):
    response = client.get("/api/v1/detentions/", {"format": "csv"})

    assert b"".join(response.streaming_content).decode().splitlines() == [
        "id,journalist,journalist_name,journalist_name_original,role,gender,"
        "country,country_name,country_display,place,authority,kind,kind_display,status,status_display,"
        "release_reason,linked_to_journalism,arrested,arrested_precision,arrested_display,arrested_earliest,"
        "arrested_latest,released,released_precision,released_display,released_earliest,released_latest,"
        "custody_confirmed_on,charges,charge_categories,current_sentence,current_sentence_months,"
        "current_sentence_display,summary,sources,url,updated_at"
    ]


def test_journalist_csv_joins_aliases_and_outlets(client):
    detention = full_detention()
    journalist = detention.journalist

    (row,) = _rows(client.get("/api/v1/journalists/", {"format": "csv"}))

    assert row["slug"] == journalist.slug
    assert row["aliases"] == journalist.aliases.get().name
    assert row["outlets"] == journalist.affiliations.get().outlet.name
    assert row["mediums"] == "online"
    assert row["detentions"] == "1"


def test_reference_lists_as_csv(client):
    statute = factories.StatuteFactory(article="206.3.2", title="smuggling")
    factories.ChargeFactory(statute=statute)

    statutes = _rows(client.get("/api/v1/statutes/", {"format": "csv"}))
    outlets = _rows(client.get("/api/v1/outlets/", {"format": "csv"}))

    assert statutes == [
        {
            "slug": "az-cc-206.3.2",
            "country": "AZ",
            "code": "Criminal Code",
            "article": "206.3.2",
            "title": "smuggling",
            "detentions": "1",
        }
    ]
    assert outlets == []


def test_csv_can_be_asked_for_with_accept(client):
    response = client.get("/api/v1/outlets/", HTTP_ACCEPT="text/csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_a_detail_as_csv_is_one_row(client):
    detention = full_detention()

    (row,) = _rows(client.get(f"/api/v1/detentions/{detention.pk}/", {"format": "csv"}))

    assert row["id"] == str(detention.pk)
