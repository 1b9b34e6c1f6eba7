"""Arbitrary input gets a clear answer, never a server error (Hypothesis)."""

import datetime
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import public
from cases.dates import FuzzyDate, Precision
from cases.filters import DetentionFilterSet
from cases.tests.factories import ChargeFactory, DetentionFactory

# Fixtures set up once per test are fine here: the examples only read.
READ_ONLY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

DATE_LIKE = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789-.", max_size=25),
    st.from_regex(r"\A-?\d{1,6}(-\d{1,3}){0,2}(\.\.(\d{1,5}(-\d{1,3}){0,2})?)?\Z"),
    st.dates().map(datetime.date.isoformat),
)


@given(DATE_LIKE)
@settings(max_examples=500, deadline=None)
def test_parsing_any_text_gives_a_date_or_a_value_error(text):
    try:
        parsed = FuzzyDate.parse(text)
    except ValueError as error:
        assert str(error)
    else:
        assert parsed.earliest is None or parsed.earliest <= parsed.latest
        assert FuzzyDate.parse(parsed.iso()) == parsed


def fuzzy_dates():
    def ordered(pair):
        first, second = sorted(pair)
        return FuzzyDate.between(first, second)

    return st.one_of(
        st.dates().map(lambda day: FuzzyDate.day(day.year, day.month, day.day)),
        st.dates().map(lambda day: FuzzyDate.month(day.year, day.month)),
        st.dates().map(lambda day: FuzzyDate.year(day.year)),
        st.tuples(st.dates(), st.dates()).map(ordered),
        st.dates().map(lambda day: FuzzyDate.between(None, day)),
    )


@given(fuzzy_dates())
@settings(max_examples=300, deadline=None)
def test_every_date_reads_back_as_written_and_shows(date):
    assert FuzzyDate.parse(date.iso()) == date
    assert date.precision in Precision.values
    assert str(date)


FILTERS = list(DetentionFilterSet.base_filters) + ["unit", "group_by", "format", "page", "search", "ordering"]
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["AZ", "az", "XX", "2023-11-20", "2023-13-45", "0000-01-01", "9999-12-31", "-1", "1e309", "", "%00"]
    ),
    st.integers().map(str),
)
QUERY = st.lists(st.tuples(st.sampled_from(FILTERS) | st.text(max_size=15), VALUES), max_size=6)


@pytest.fixture
def cases(db):
    ChargeFactory(detention=DetentionFactory())
    DetentionFactory(arrest=FuzzyDate.month(2023, 11), release=FuzzyDate.day(2024, 2, 1))


@READ_ONLY
@given(QUERY)
def test_the_shared_filters_accept_or_explain_any_query(cases, pairs):
    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    snapshot = public.snapshot_at()
    filterset = DetentionFilterSet(query, queryset=snapshot.detentions(), snapshot=snapshot)
    if filterset.is_valid():
        list(filterset.qs)
        filterset.active_filters()
    else:
        assert filterset.errors
        assert all(name in filterset.filters or name == "__all__" for name in filterset.errors)


PUBLIC_PATHS = ["/api/v1/detentions/", "/api/v1/counts/", "/api/v1/journalists/", "/"]


@READ_ONLY
@given(st.sampled_from(PUBLIC_PATHS), QUERY)
def test_public_lists_never_answer_a_server_error(client, cases, path, pairs):
    query = urlencode([(key.replace("\x00", ""), value.replace("\x00", "")) for key, value in pairs])
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, query, response.content[:300])
