"""The fast paths the benchmark asked for keep the behaviour they replaced."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import counting, models, public
from cases.filters import DetentionFilterSet
from cases.tests import factories
from cases.tests.pages_cases import full_case


@pytest.mark.parametrize(("code", "valid"), [("AZ", True), ("YU", True), ("XX", False), ("az", False)])
def test_country_filter_accepts_exactly_the_known_codes(code, valid):
    filterset = DetentionFilterSet(data={"country": code}, queryset=models.DetentionVersion.objects.none())
    assert filterset.is_valid() is valid
    if not valid:
        assert "country" in filterset.errors


@pytest.mark.django_db
def test_people_are_counted_once_however_many_detentions_they_have():
    person = factories.JournalistFactory()
    factories.DetentionFactory.create_batch(3, journalist=person)
    factories.DetentionFactory()
    published = public.snapshot_at().detentions()
    assert published.count_units("journalists") == 2
    assert published.count_units("detentions") == 4


@pytest.mark.django_db
def test_detention_groups_count_a_detention_once_even_with_several_charges_in_one_category():
    detention = factories.DetentionFactory(country="AZ")
    factories.ChargeFactory.create_batch(2, detention=detention, category=models.ChargeCategory.FALSE_NEWS)
    factories.DetentionFactory(country="AZ")
    factories.DetentionFactory(country="TR")
    published = public.snapshot_at().detentions()

    by_country = {g.key: g.count for g in counting.group_counts(published, "country", unit="detentions")}
    by_category = {g.key: g.count for g in counting.group_counts(published, "charge_category", unit="detentions")}

    assert by_country == {"AZ": 2, "TR": 1}
    assert by_category == {"false_news": 1}


@pytest.mark.django_db
def test_counting_indexes_exist():
    with connection.cursor() as cursor:
        names = {
            name
            for table in ("cases_detentionversion", "cases_detentionversioncharge", "cases_journalistversion")
            for name in connection.introspection.get_constraints(cursor, table)
        }
    assert {
        "detentionversion_current",
        "detentionversion_known_on",
        "detentionversioncharge_cat",
        "detentionversioncharge_stat",
        "journalistversion_current",
    } <= names


def _api_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/detentions/?page_size=50")
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.mark.django_db
def test_api_detention_list_queries_do_not_grow_with_rows_and_sentences_are_listed(client):
    statute = factories.StatuteFactory()
    full_case(statute=statute)
    few, _body = _api_list_queries(client)
    # Releases: the data version moves and the list is counted afresh.
    for _n in range(5):
        full_case(statute=statute)
    many, body = _api_list_queries(client)

    assert many == few
    assert len(body["results"]) == 6
    assert all(row["sentences"][0]["term"] == "7 years 6 months" for row in body["results"])


@pytest.mark.django_db
def test_bench_ping_view_is_not_mounted_outside_the_benchmark(client):
    assert client.get("/bench/ping/").status_code == 404


@pytest.mark.usefixtures("cold_answers")  # counts the view's own reads, below the kept answers
@pytest.mark.django_db
def test_api_list_count_is_kept_until_the_data_version_moves(client):
    full_case()
    first, body = _api_list_queries(client)
    again, _body = _api_list_queries(client)
    assert body["count"] == 1
    assert again == first - 1  # no COUNT(*) at the same data version
    full_case()  # a release
    after, body = _api_list_queries(client)
    assert body["count"] == 2
    assert after == first
