import datetime

import pytest
from django.urls import reverse

from cases import charts, models, public, services
from cases.counting import count, statement
from cases.dates import FuzzyDate
from cases.figures import year_before
from cases.tests import factories
from cases.tests.pages_cases import full_case

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def test_home_shows_headline_counts_with_their_statements(client):
    factories.DetentionFactory.create_batch(3, arrest=FuzzyDate.day(TODAY.year - 3, 1, 5))
    factories.DetentionFactory(arrest=FuzzyDate.day(TODAY.year - 3, 1, 5), release=FuzzyDate.day(TODAY.year - 2, 1, 1))
    html = get(client, reverse("cases:home"))
    in_custody = count(public.snapshot_at().detentions().in_custody_on(TODAY), filters={"in_custody_on": TODAY})
    assert in_custody.count == 3
    assert in_custody.statement in html
    assert f"At least 3 journalists and media workers were in custody on {TODAY.day} {TODAY:%B %Y}." in html
    start = year_before(TODAY)
    assert (
        "The tracker records no journalist or media worker who was arrested "
        f"between {start.day} {start:%B %Y} and {TODAY.day} {TODAY:%B %Y}."
    ) in html
    assert statement(0, "journalists", {"arrested_from": start, "arrested_to": TODAY}) in html
    assert "At least 4 journalists and media workers were detained." in html


def test_home_lists_recent_changes_newest_first_and_countries(client):
    older = factories.DetentionFactory(country="AZ")
    detention = factories.DetentionFactory(country="TR")
    html = get(client, reverse("cases:home"))
    assert detention.get_absolute_url() in html
    assert html.index(detention.get_absolute_url()) < html.index(older.get_absolute_url())
    assert reverse("cases:country", kwargs={"code": "TR"}) in html
    assert ">Turkey</a>" in html or ">Türkiye</a>" in html


def test_detention_list_filters_with_the_api_filters(client):
    kept = factories.DetentionFactory(country="AZ")
    other = factories.DetentionFactory(country="TR")
    html = get(client, reverse("cases:detentions") + "?country=AZ")
    assert kept.journalist.name in html and other.journalist.name not in html
    assert "At least one journalist or media worker was detained in Azerbaijan." in html
    assert statement(1, "journalists", {"country": "AZ"}) in html


def test_detention_list_bad_filter_is_a_400_naming_the_field(client):
    html = get(client, reverse("cases:detentions") + "?arrested_from=2023-13-45", status=400)
    assert 'class="field invalid"' in html
    assert "Enter a valid date (YYYY-MM-DD)." in html


def test_submitted_empty_fields_redirect_to_a_short_shareable_address(client):
    response = client.get(reverse("cases:detentions") + "?country=AZ&status=&kind=")
    assert response.status_code == 302
    assert response["Location"] == "/detentions/?country=AZ"


def test_detention_list_paginates_and_keeps_the_filters(client):
    factories.DetentionFactory.create_batch(51, country="AZ")
    html = get(client, reverse("cases:detentions") + "?country=AZ")
    assert "Page 1 of 2" in html
    assert 'href="?country=AZ&amp;page=2"' in html
    assert "Page 2 of 2" in get(client, reverse("cases:detentions") + "?country=AZ&page=2")


def test_name_search_matches_aliases_and_original_script(client):
    detention = full_case()
    other = factories.DetentionFactory()
    html = get(client, reverse("cases:detentions") + "?q=alias")
    assert detention.journalist.name in html and other.journalist.name not in html
    assert "1 detention matches “alias”." in html
    assert detention.journalist.name in get(client, reverse("cases:detentions") + "?q=Репортёр")


def test_country_page_shows_counts_census_and_months(client):
    factories.DetentionFactory.create_batch(2, arrest=FuzzyDate.day(2020, 3, 4))
    factories.DetentionFactory(arrest=FuzzyDate.day(2021, 6, 1), release=FuzzyDate.day(2022, 2, 1))
    factories.DetentionFactory(country="TR", arrest=FuzzyDate.day(2019, 3, 4))
    html = get(client, reverse("cases:country", kwargs={"code": "AZ"}))
    assert "<h1>Azerbaijan</h1>" in html
    assert "At least 3 journalists and media workers were detained in Azerbaijan." in html
    assert '<svg class="bars"' in html
    # 2 on 1 December 2020, 3 on 1 December 2021, 2 afterwards; the table repeats the chart.
    assert ">1 December 2020</a></th><td>2</td>" in html
    assert ">1 December 2021</a></th><td>3</td>" in html
    assert ">1 December 2022</a></th><td>2</td>" in html
    assert '<th scope="row">March 2020</th><td>2</td>' in html
    assert '<th scope="row">June 2021</th><td>1</td>' in html


def test_census_agrees_with_count_for_each_year():
    factories.DetentionFactory.create_batch(2, arrest=FuzzyDate.month(2020, 11))
    factories.DetentionFactory(arrest=FuzzyDate.year(2021), release=FuzzyDate.month(2022, 12))
    queryset = public.snapshot_at().detentions().in_country("AZ")
    years = charts.census_years(queryset, datetime.date(2024, 1, 10))
    assert years == [2020, 2021, 2022, 2023]
    for day, number in charts.census(queryset, years):
        expected = count(queryset.in_custody_on(day), filters={"country": "AZ", "in_custody_on": day}).count
        assert number == expected
    assert [n for _day, n in charts.census(queryset, years)] == [2, 2, 3, 2]


def test_country_code_in_lower_case_redirects_and_unknown_is_not_found(client):
    assert client.get("/countries/az/")["Location"] == "/countries/AZ/"
    assert client.get("/countries/XX/").status_code == 404


def test_statute_pages_list_articles_and_their_cases(client):
    statute = factories.StatuteFactory(article="206.3.2", title="smuggling")
    detention = full_case(statute=statute)
    html = get(client, reverse("cases:statutes"))
    assert reverse("cases:statute", kwargs={"slug": statute.slug}) in html
    html = get(client, reverse("cases:statute", kwargs={"slug": statute.slug}))
    assert "article 206.3.2" in html
    assert detention.journalist.name in html
    sentence = "At least one journalist or media worker was detained, with a charge under AZ Criminal Code art. 206.3.2 (smuggling)."
    assert sentence in html
    assert statement(1, "journalists", {"statute": statute.slug}) == sentence
    assert "<td>convicted</td>" in html


def test_statute_only_on_unpublished_cases_is_not_listed(client):
    statute = factories.StatuteFactory(article="999.9")
    draft = factories.DetentionFactory(publication_state=models.PublicationState.DRAFT)
    factories.ChargeFactory(detention=draft, statute=statute)
    assert statute.slug not in get(client, reverse("cases:statutes"))
    assert client.get(reverse("cases:statute", kwargs={"slug": statute.slug})).status_code == 404


def test_statute_of_a_withdrawn_case_leaves_the_list_with_the_withdrawal(client, editor):
    statute = factories.StatuteFactory(article="999.9")
    detention = full_case(statute=statute)
    assert statute.slug in get(client, reverse("cases:statutes"))
    services.detention_withdraw(detention=detention, by=editor, reason="Not a journalist.")
    assert statute.slug not in get(client, reverse("cases:statutes"))


def test_statute_pages_name_a_statute_as_last_published(client):
    statute = factories.StatuteFactory(article="206.3.2", title="smuggling")
    full_case(statute=statute)
    models.Statute.objects.filter(pk=statute.pk).update(title="smuggling by a group")
    assert "(smuggling by a group)" not in get(client, reverse("cases:statutes"))  # not yet published
    full_case(statute=statute)  # another case, published with the new title; the first keeps the old
    for url in (reverse("cases:statutes"), reverse("cases:statute", kwargs={"slug": statute.slug})):
        html = get(client, url)
        assert "art. 206.3.2 (smuggling by a group)" in html and "art. 206.3.2 (smuggling)" not in html, url


def test_methodology_states_the_counting_rules(client):
    html = get(client, reverse("cases:methodology"))
    for phrase in ("at least", "1 December", "journalists and media workers", "published"):
        assert phrase in html


def test_data_page_links_the_downloads_and_states_the_version(client):
    factories.DetentionFactory.create_batch(2)
    html = get(client, reverse("cases:data"))
    for name in ("detentions_csv", "detentions_json", "datapackage"):
        assert reverse(f"cases:{name}") in html
    assert "Data version" in html
    assert "At least 2 detentions of journalists and media workers took place." in html
    assert statement(2, "detentions", {}) in html


def test_lists_show_names_in_original_script_with_their_language(client):
    full_case()
    html = get(client, reverse("cases:detentions"))
    assert '<span class="original" lang="ru">Репортёр</span>' in html
