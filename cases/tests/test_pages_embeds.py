import re

import pytest
from django.urls import reverse

from cases import models, public
from cases.counting import count
from cases.dates import FuzzyDate
from cases.filters import DetentionFilterSet
from cases.tests import factories

pytestmark = pytest.mark.django_db

QUERIES = [
    {},
    {"country": "AZ"},
    {"country": "AZ", "arrested_from": "2023-11-01", "arrested_to": "2024-02-07", "kind": "criminal"},
    {"in_custody_on": "2024-12-01", "role": "journalist"},
    {"country": "AZ", "unit": "detentions"},
    {"country": "TR"},
]


@pytest.fixture
def cases():
    factories.DetentionFactory.create_batch(3, arrest=FuzzyDate.day(2023, 11, 20))
    person = factories.JournalistFactory(role=models.Role.MEDIA_WORKER)
    factories.DetentionFactory(journalist=person, arrest=FuzzyDate.day(2023, 1, 2), release=FuzzyDate.day(2023, 3, 1))
    factories.DetentionFactory(journalist=person, arrest=FuzzyDate.month(2024, 1))
    factories.DetentionFactory(publication_state=models.PublicationState.DRAFT)


def expected(client, query):
    """Return what the API's counts/ answers for the same query, checked against count() itself."""
    body = client.get("/api/v1/counts/", query).json()
    filters = {key: value for key, value in query.items() if key != "unit"}
    snapshot = public.snapshot_at()
    filterset = DetentionFilterSet(filters, queryset=snapshot.detentions(), snapshot=snapshot)
    assert filterset.is_valid()
    result = count(
        filterset.qs, filters=filterset.active_filters(), unit=query.get("unit", "journalists"), snapshot=snapshot
    )
    assert (body["count"], body["statement"]) == (result.count, result.statement)
    return result


@pytest.mark.parametrize("query", QUERIES)
def test_counter_shows_the_same_number_and_statement_as_count(client, cases, query):
    result = expected(client, query)
    response = client.get(reverse("cases:embed_counter"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<p class="number">(\d+)</p>', html).group(1) == str(result.count)
    assert result.statement in html
    assert "As of " in html
    assert "http://testserver/detentions/" in html


@pytest.mark.parametrize("query", QUERIES)
def test_badge_shows_the_same_number_and_statement_as_count(client, cases, query):
    result = expected(client, query)
    response = client.get(reverse("cases:embed_badge"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    assert re.search(r'font-size="30" font-weight="bold">(\d+)</text>', svg).group(1) == str(result.count)
    assert f"<title>{result.statement}</title>" in svg
    assert "As of " in svg and 'href="http://testserver/detentions/' in svg


def test_only_the_counter_may_be_framed_by_other_sites(client):
    assert "X-Frame-Options" not in client.get(reverse("cases:embed_counter"))
    assert client.get(reverse("cases:embed_badge"))["X-Frame-Options"] == "DENY"
    assert client.get(reverse("cases:home"))["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "query, message",
    [
        ("country=XX", "country: Select a valid choice."),
        ("arrested_from=2023-13-45", "arrested_from: Enter a valid date (YYYY-MM-DD)."),
        ("unit=people", "unit: must be one of journalists, detentions."),
        ("colour=red", "colour: unknown parameter."),
        ("arrested_from=2024-02-01&arrested_to=2024-01-01", "arrested_to"),
    ],
)
@pytest.mark.parametrize("name", ["cases:embed_counter", "cases:embed_badge"])
def test_bad_filters_get_a_400_with_a_plain_message(client, name, query, message):
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


@pytest.mark.parametrize("lang, as_of", [("ru", "По состоянию на"), ("az", "tarixinə")])
def test_lang_sets_the_language_of_the_counter_and_the_badge_whatever_the_browser(client, cases, lang, as_of):
    query = {"country": "AZ", "lang": lang}
    statement = client.get("/api/v1/counts/", query).json()["statement"]

    counter = client.get(reverse("cases:embed_counter"), query, headers={"accept-language": "en"}).content.decode()
    badge = client.get(reverse("cases:embed_badge"), query, headers={"accept-language": "en"}).content.decode()

    for answer in (counter, badge):
        assert statement in answer and as_of in answer
        assert f"lang={lang}" in answer  # the cases behind the number, in the same language
    assert f'<html lang="{lang}">' in counter


def test_an_unknown_lang_of_an_embed_is_a_400(client, cases):
    response = client.get(reverse("cases:embed_counter"), {"lang": "fr"})

    assert response.status_code == 400 and "lang" in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_data_page_snippets_pin_its_language_and_link_the_badge(client, lang):
    html = client.get(reverse("cases:data"), headers={"accept-language": lang}).content.decode()

    assert f"/embed/counter/?country=AZ&amp;amp;lang={lang}" in html
    assert re.search(
        rf"&lt;a href=\"http://testserver/detentions/\?country=AZ&amp;amp;lang={lang}\"&gt;"
        rf"&lt;img src=\"http://testserver/embed/badge.svg\?country=AZ&amp;amp;lang={lang}\"",
        html,
    )
