"""Entering cases: uncertain dates, search, filters, lists that stay fast, the landing page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.dates import FuzzyDate
from cases.forms import DetentionForm, FuzzyDateField
from cases.models import PublicationState

from .curation import draft_case
from .factories import (
    AffiliationFactory,
    ChargeFactory,
    DetentionFactory,
    JournalistFactory,
    OutletFactory,
    StatuteFactory,
)
from .test_admin_roles import detention_form_data


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2023-11-20", FuzzyDate.day(2023, 11, 20)),
        ("2023-11", FuzzyDate.month(2023, 11)),
        (" 2023 ", FuzzyDate.year(2023)),
        ("2023-11-01..2023-11-30", FuzzyDate.between(datetime.date(2023, 11, 1), datetime.date(2023, 11, 30))),
        ("..2008-11-30", FuzzyDate.between(None, datetime.date(2008, 11, 30))),
        ("15.03.2025", FuzzyDate.day(2025, 3, 15)),
        ("март 2025", FuzzyDate.month(2025, 3)),
        ("", None),
    ],
)
def test_the_date_field_reads_what_people_type(typed, expected):
    assert FuzzyDateField(required=False).clean(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2023-02-30", "2023-02-30 is not a day of the calendar: February 2023 has 28 days."),
        ("2024-02-30", "February 2024 has 29 days."),
        ("2023-13-01", "has no month 13"),
        ("2023-13", "2023-13 is not a month: months run from 1 to 12."),
        ("20 Nov 2023", "'20 Nov 2023' is not a date that can be read. Write a day as 15 March 2025, 15.03.2025"),
        ("31.02.2025", "31.02.2025 is not a day of the calendar: February 2025 has 28 days."),
        ("2023-12-01..2023-11-01", "The earliest possible day comes after the latest"),
        ("between 15 and 1 March 2025", "reads as 15 March 2025 to 1 March 2025"),
    ],
)
def test_the_date_field_explains_what_is_wrong(typed, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        FuzzyDateField().clean(typed)
    assert message in " ".join(error.value.messages)


@pytest.mark.django_db
def test_the_form_shows_a_stored_date_as_typed_and_as_read():
    detention = DetentionFactory(arrest=FuzzyDate.month(2023, 11))
    html = str(DetentionForm(instance=detention)["arrested"])
    assert 'value="2023-11"' in html
    assert "November 2023" in html


@pytest.mark.django_db
def test_the_form_refuses_a_release_before_the_arrest():
    detention = DetentionFactory(arrest=FuzzyDate.month(2023, 11))
    data = detention_form_data(detention) | {"released": "2023-10-15"}
    form = DetentionForm(data, instance=detention)
    assert not form.is_valid()
    assert form.errors["released"] == ["The release (15 October 2023) comes before the arrest (November 2023)."]


@pytest.mark.django_db
def test_a_month_precision_arrest_is_stored_as_the_whole_month(as_user, researcher):
    detention = draft_case()
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    as_user(researcher).post(url, detention_form_data(detention) | {"arrested": "2024-02"})
    detention.refresh_from_db()
    assert (detention.arrested_earliest, detention.arrested_latest, detention.arrested_precision) == (
        datetime.date(2024, 2, 1),
        datetime.date(2024, 2, 29),
        "month",
    )


@pytest.mark.django_db
def test_an_impossible_date_in_the_admin_is_refused_and_the_typing_kept(as_user, researcher):
    detention = draft_case()
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    response = as_user(researcher).post(url, detention_form_data(detention) | {"arrested": "2023-02-30"})
    assert response.status_code == 200
    assert "February 2023 has 28 days" in response.text
    assert 'value="2023-02-30"' in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["Vaqifqizi", "Abzas Media", "206.3.2", "Sevinj"])
def test_search_finds_a_case_by_name_alias_outlet_or_article(as_user, editor, term):
    journalist = JournalistFactory(name="Sevinj Example")
    journalist.aliases.create(name="Sevinj Vaqifqizi")
    AffiliationFactory(journalist=journalist, outlet=OutletFactory(name="Abzas Media"))
    detention = DetentionFactory(journalist=journalist)
    ChargeFactory(detention=detention, statute=StatuteFactory(article="206.3.2"))
    DetentionFactory()  # someone else, who must not match
    response = as_user(editor).get(reverse("admin:cases_detention_changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [detention]
    response = as_user(editor).get(reverse("admin:cases_journalist_changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [journalist]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "matches"),
    [
        ({"arrested_in": "2023"}, {"month"}),
        ({"arrested_in": "unknown"}, {"unknown"}),
        ({"charges__category__exact": "false_news"}, {"year"}),
        ({"publication_state__exact": "draft"}, {"unknown"}),
        ({"country__exact": "TR"}, {"year"}),
    ],
)
def test_list_filters(as_user, editor, params, matches):
    cases = {
        "month": DetentionFactory(arrest=FuzzyDate.month(2023, 5)),
        # Arrested in a range that spills into 2023 does not count as arrested in 2023.
        "range": DetentionFactory(arrest=FuzzyDate.between(datetime.date(2022, 12, 1), datetime.date(2023, 1, 5))),
        "year": DetentionFactory(arrest=FuzzyDate.year(2019), country="TR"),
        "unknown": DetentionFactory(arrest=None, publication_state=PublicationState.DRAFT),
    }
    ChargeFactory(detention=cases["year"], category="false_news")
    response = as_user(editor).get(reverse("admin:cases_detention_changelist"), params)
    found = {name for name, detention in cases.items() if detention in response.context["cl"].result_list}
    assert found == matches


def _changelist_queries(client, count):
    for _ in range(count):
        ChargeFactory(detention=DetentionFactory())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:cases_detention_changelist"))
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.django_db
def test_the_detention_list_does_not_grow_queries_with_rows_nor_count_the_whole_table(as_user, editor):
    client = as_user(editor)
    few = _changelist_queries(client, 2)
    many = _changelist_queries(client, 20)
    assert len(few) == len(many)
    counts = [sql for sql in many if "COUNT(" in sql.upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts)


@pytest.mark.django_db
def test_the_landing_page_lists_what_waits_for_review_and_recent_changes(as_user, editor, researcher):
    from cases import services

    detention = draft_case()
    services.detention_submit(detention=detention, by=researcher)
    other = draft_case()
    page = as_user(editor).get(reverse("admin:index")).text
    assert "Waiting for review" in page
    assert reverse("admin:cases_detention_change", args=[detention.pk]) in page
    assert reverse("admin:cases_detention_change", args=[other.pk]) not in page.split("Recent changes")[0]
    recent = page.split("Recent changes")[1]
    assert "researcher" in recent
    assert "submitted for review" in recent


@pytest.mark.django_db
def test_search_lists_a_case_once_however_many_of_its_rows_match_and_needs_every_word(as_user, editor):
    journalist = JournalistFactory(name="Sevinj Example")
    for n in range(3):
        journalist.aliases.create(name=f"Sevinj Alias {n}")
    detention = DetentionFactory(journalist=journalist, place="Baku")
    statute = StatuteFactory(article="206.3.2")
    for _n in range(2):
        ChargeFactory(detention=detention, statute=statute)
    DetentionFactory(journalist=JournalistFactory(name="Sevinj Other"), place="Ganja")
    changelist = reverse("admin:cases_detention_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = as_user(editor).get(changelist, {"q": "sevinj 206.3.2"})
    assert list(response.context["cl"].result_list) == [detention]
    assert not any("DISTINCT" in query["sql"] for query in queries.captured_queries)
    assert len(as_user(editor).get(changelist, {"q": "Sevinj"}).context["cl"].result_list) == 2


@pytest.mark.django_db
def test_admin_search_columns_have_trigram_indexes_on_postgresql():
    with connection.cursor() as cursor:
        names = {
            name
            for table in ("cases_journalist", "cases_alias", "cases_outlet", "cases_statute", "cases_detention")
            for name in connection.introspection.get_constraints(cursor, table)
            if name.endswith("_trgm")
        }
    expected = {
        "journalist_name_trgm",
        "journalist_name_original_trgm",
        "journalist_slug_trgm",
        "alias_name_trgm",
        "outlet_name_trgm",
        "statute_article_trgm",
        "detention_place_trgm",
        # The name keys (cases.names, migration 0013), searched with "contains".
        "journalist_name_key_trgm",
        "alias_name_key_trgm",
    }
    assert names == (expected if connection.vendor == "postgresql" else set())
