"""The full CSV export of detentions reads plain values; its rows are the paged export's, cell for cell."""

import csv
import datetime
import io

import pytest

from cases import models
from cases.dates import FuzzyDate
from cases.tests import factories
from cases.tests.pages_cases import full_case


def _rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode())))


@pytest.fixture
def varied_cases(version):
    """Cases that exercise every column: fuzzy dates, charges with and without statutes, sentences, sources."""
    full_case(release=FuzzyDate.month(2025, 7))
    full_case(country="TR", arrest=FuzzyDate.year(2019))
    plain = factories.DetentionFactory(country="RU", arrest=FuzzyDate.between(None, datetime.date(2010, 5, 1)))
    factories.ChargeFactory(detention=plain, statute=None, wording="", category=models.ChargeCategory.FALSE_NEWS)
    factories.ChargeFactory(detention=plain, statute=None, wording="hooliganism")
    secret = factories.SourceFactory(url="", title="Confidential note", visibility=models.Visibility.CONFIDENTIAL)
    factories.CitationFactory(detention=plain, source=secret)
    shared = factories.SourceFactory()
    factories.CitationFactory(detention=plain, source=shared)
    factories.EventFactory(detention=plain, kind=models.EventKind.SENTENCE, life_sentence=True)
    factories.CitationFactory(event=plain.events.get(), source=shared)
    factories.DetentionFactory(arrest=None)
    factories.DetentionFactory(publication_state=models.PublicationState.DRAFT)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "&country=AZ", "&charge_category=false_news"])
def test_full_export_rows_equal_the_paged_exports(client, varied_cases, query):
    full = client.get(f"/api/v1/detentions/?format=csv{query}")
    paged = client.get(f"/api/v1/detentions/?format=csv&page_size=200{query}")
    assert full.streaming
    rows = _rows(full)
    assert rows == _rows(paged)
    assert len(rows) > 1


@pytest.mark.django_db
def test_full_export_shows_no_confidential_source_and_each_link_once(client, varied_cases):
    rows = _rows(client.get("/api/v1/detentions/?format=csv&country=RU"))
    header, row = rows[0], rows[1]
    sources = row[header.index("sources")]
    assert "Confidential note" not in sources
    assert sources.count("https://news.example/") == 1
    assert row[header.index("current_sentence")] == "life"
    assert row[header.index("charges")] == f"{models.ChargeCategory.FALSE_NEWS.value} (unknown); hooliganism (unknown)"


@pytest.mark.django_db
def test_full_export_queries_do_not_grow_with_rows(client, varied_cases):
    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            _rows(client.get("/api/v1/detentions/?format=csv"))
        return len(captured)

    few = queries()
    for _n in range(4):
        full_case()
    assert queries() == few
