"""
The contract's example count, rebuilt with factories: nine people arrested in
Azerbaijan on criminal charges between 1 November 2023 and 7 February 2024, next
to two administrative arrests in the window and arrests that fall outside it.
"""

import datetime

import pytest

from cases import versioning
from cases.dates import FuzzyDate
from cases.tests import factories

pytestmark = pytest.mark.django_db

QUERY = {"country": "AZ", "arrested_from": "2023-11-01", "arrested_to": "2024-02-07", "kind": "criminal"}
CRIMINAL_ARREST_DAYS = [
    datetime.date(2023, 11, 20),
    datetime.date(2023, 11, 21),
    datetime.date(2023, 11, 22),
    datetime.date(2023, 11, 30),
    datetime.date(2023, 12, 1),
    datetime.date(2024, 1, 1),
    datetime.date(2024, 1, 13),
    datetime.date(2024, 1, 16),
    datetime.date(2024, 2, 7),
]


@pytest.fixture
def arrests(version):
    letters = "ABCDEFGHIJKLMNOP"
    people = [
        factories.JournalistFactory(name=f"Reporter {letter}", slug=f"reporter-{letter.lower()}") for letter in letters
    ]
    for person, day in zip(people[: len(CRIMINAL_ARREST_DAYS)], CRIMINAL_ARREST_DAYS, strict=True):
        factories.DetentionFactory(journalist=person, arrest=FuzzyDate.day(day.year, day.month, day.day))
    # Reporter A was held again: still one person.
    factories.DetentionFactory(journalist=people[0], arrest=FuzzyDate.day(2024, 1, 20))
    # Two administrative arrests in the window.
    factories.DetentionFactory(journalist=people[9], kind="administrative", arrest=FuzzyDate.day(2023, 12, 5))
    factories.DetentionFactory(journalist=people[10], kind="administrative", arrest=FuzzyDate.day(2024, 1, 5))
    # Outside the window, uncertain across its edge, in another country, or not published.
    factories.DetentionFactory(journalist=people[11], arrest=FuzzyDate.day(2024, 2, 8))
    factories.DetentionFactory(journalist=people[12], arrest=FuzzyDate.month(2023, 10))
    factories.DetentionFactory(
        journalist=people[13], arrest=FuzzyDate.between(datetime.date(2023, 10, 25), datetime.date(2023, 11, 5))
    )
    factories.DetentionFactory(journalist=people[14], country="GE", arrest=FuzzyDate.day(2023, 12, 1))
    factories.DetentionFactory(journalist=people[15], publication_state="draft", arrest=FuzzyDate.day(2023, 12, 1))


def test_the_contract_example_counts_nine_people_with_its_statement(client, arrests):
    body = client.get("/api/v1/counts/", {**QUERY, "group_by": "country"}).json()

    assert body["count"] == 9
    assert body["unit"] == "journalists"
    assert body["statement"] == (
        "At least 9 journalists and media workers were arrested in Azerbaijan "
        "between 1 November 2023 and 7 February 2024."
    )
    assert body["filters"] == QUERY
    assert body["groups"] == [{"key": "AZ", "label": "Azerbaijan", "count": 9}]
    assert body["cases_url"].endswith(
        "/api/v1/detentions/?country=AZ&kind=criminal&arrested_from=2023-11-01&arrested_to=2024-02-07"
        f"&as_known_on={body['as_of'].replace(':', '%3A')}"
    )
    assert body["release"] == versioning.current().version


def test_the_contract_example_lists_ten_detentions_behind_the_nine_people(client, arrests):
    detentions = client.get("/api/v1/detentions/", QUERY).json()
    episodes = client.get("/api/v1/counts/", {**QUERY, "unit": "detentions"}).json()

    assert detentions["count"] == episodes["count"] == 10


def test_without_the_kind_the_two_administrative_arrests_count_too(client, arrests):
    body = client.get("/api/v1/counts/", {key: value for key, value in QUERY.items() if key != "kind"}).json()

    assert body["count"] == 11
