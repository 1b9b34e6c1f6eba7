"""The list's faster serializers write what the generic ones wrote."""

import pytest
from django.urls import reverse

from cases.dates import FuzzyDate
from cases.tests import factories
from cases.tests.pages_cases import full_case


@pytest.mark.django_db
def test_row_links_are_the_reversed_urls(client, version):
    detentions = [full_case(), factories.DetentionFactory(journalist=factories.JournalistFactory(slug="a-b_c"))]
    rows = {row["id"]: row for row in client.get("/api/v1/detentions/").json()["results"]}
    for detention in detentions:
        row = rows[detention.pk]
        assert row["url"] == f"http://testserver{reverse('api:detention-detail', args=[detention.pk])}"
        slug = detention.journalist.slug
        assert row["journalist"]["url"] == f"http://testserver{reverse('api:journalist-detail', args=[slug])}"


@pytest.mark.django_db
def test_fuzzy_dates_and_sources_are_written_in_full_in_each_language(client, version):
    full_case(release=FuzzyDate.month(2025, 7))
    english = client.get("/api/v1/detentions/").json()["results"][0]
    russian = client.get("/api/v1/detentions/", HTTP_ACCEPT_LANGUAGE="ru").json()["results"][0]
    assert english["released"] == {
        "earliest": "2025-07-01",
        "latest": "2025-07-31",
        "precision": "month",
        "display": "July 2025",
        "iso": "2025-07",
    }
    assert russian["released"]["display"] != "July 2025"
    assert english["sources"] == [
        {
            "url": english["sources"][0]["url"],
            "title": "Arrest report",
            "publisher": "Example News",
            "language": "",
            "published_on": "2023-11-21",
            "accessed_on": None,
            "archive_url": "",
            "claim": "",
        }
    ]
