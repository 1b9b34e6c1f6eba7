"""
The counting rules of DESIGN.md, for every date precision, at the boundaries.

Counts are lower bounds: an uncertain date satisfies a filter only if all of its
possible days do.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction

from cases import public
from cases.dates import FuzzyDate
from cases.models import DetentionStatus, PublicationState

from . import factories
from .factories import (
    AffiliationFactory,
    ChargeFactory,
    DetentionFactory,
    JournalistFactory,
    StatuteFactory,
)

D = datetime.date
pytestmark = pytest.mark.django_db

# One arrest of each precision, all touching 1 December 2023.
DAY = FuzzyDate.day(2023, 12, 1)
MONTH = FuzzyDate.month(2023, 12)  # 1–31 December 2023
YEAR = FuzzyDate.year(2023)
RANGE = FuzzyDate.between(D(2023, 11, 20), D(2023, 12, 5))
OPEN_START = FuzzyDate.between(None, D(2023, 11, 30))


def published():
    return public.snapshot_at().detentions()


def ids(detentions):
    return set(detentions.values_list("detention_id", flat=True))


def arrested_ids(start=None, end=None):
    return ids(published().arrested_between(start, end))


def released_ids(start=None, end=None):
    return ids(published().released_between(start, end))


def custody_ids(day):
    return ids(published().in_custody_on(day))


@pytest.mark.parametrize(
    ("arrest", "start", "end", "counted"),
    [
        # Exact day: both bounds are inclusive.
        (DAY, D(2023, 12, 1), D(2023, 12, 1), True),
        (DAY, D(2023, 12, 2), None, False),
        (DAY, None, D(2023, 11, 30), False),
        # A month straddling a bound counts only when the whole month is inside.
        (MONTH, D(2023, 12, 1), D(2023, 12, 31), True),
        (MONTH, D(2023, 12, 15), D(2024, 1, 31), False),
        (MONTH, D(2023, 11, 1), D(2023, 12, 30), False),
        (MONTH, None, D(2023, 12, 31), True),
        (MONTH, D(2023, 12, 2), None, False),
        # A year counts only for windows holding the whole year.
        (YEAR, D(2023, 1, 1), D(2023, 12, 31), True),
        (YEAR, D(2023, 11, 1), D(2024, 2, 7), False),
        # An explicit range.
        (RANGE, D(2023, 11, 20), D(2023, 12, 5), True),
        (RANGE, D(2023, 11, 21), D(2023, 12, 31), False),
        (RANGE, D(2023, 11, 1), D(2023, 12, 4), False),
        # "On or before 30 November": no window with a start can hold it.
        (OPEN_START, None, D(2023, 11, 30), True),
        (OPEN_START, D(1900, 1, 1), D(2023, 11, 30), False),
    ],
)
def test_arrested_between_counts_only_dates_wholly_inside(arrest, start, end, counted):
    detention = DetentionFactory(arrest=arrest)
    assert (detention.pk in arrested_ids(start, end)) is counted


@pytest.mark.parametrize(
    ("release", "start", "end", "counted"),
    [
        (DAY, D(2023, 12, 1), D(2023, 12, 1), True),
        (DAY, D(2023, 12, 2), D(2023, 12, 31), False),
        (MONTH, D(2023, 12, 1), D(2023, 12, 31), True),
        (MONTH, D(2023, 12, 10), D(2023, 12, 31), False),
        (YEAR, D(2023, 1, 1), None, True),
        (YEAR, D(2023, 6, 1), None, False),
        (RANGE, None, D(2023, 12, 5), True),
        (RANGE, None, D(2023, 12, 4), False),
    ],
)
def test_released_between_counts_only_dates_wholly_inside(release, start, end, counted):
    detention = DetentionFactory(arrest=FuzzyDate.day(2023, 1, 1), release=release, status=DetentionStatus.RELEASED)
    assert (detention.pk in released_ids(start, end)) is counted


def test_open_ended_release_is_never_released_between():
    DetentionFactory(arrest=DAY, release=None)
    assert released_ids(None, D(2100, 1, 1)) == set()


@pytest.mark.parametrize(
    ("arrest", "census", "counted"),
    [
        # Arrested on D is not in custody at the start of D; the day before is.
        (DAY, D(2023, 12, 1), False),
        (DAY, D(2023, 12, 2), True),
        # A month-precision arrest is certain only from the day after the month ends.
        (MONTH, D(2023, 12, 31), False),
        (MONTH, D(2024, 1, 1), True),
        (YEAR, D(2023, 12, 31), False),
        (YEAR, D(2024, 1, 1), True),
        (RANGE, D(2023, 12, 5), False),
        (RANGE, D(2023, 12, 6), True),
        (OPEN_START, D(2023, 11, 30), False),
        (OPEN_START, D(2023, 12, 1), True),
    ],
)
def test_in_custody_on_needs_the_latest_arrest_day_before_the_census(arrest, census, counted):
    detention = DetentionFactory(arrest=arrest)
    assert (detention.pk in custody_ids(census)) is counted


@pytest.mark.parametrize(
    ("release", "census", "counted"),
    [
        # Released on D was still in custody at the start of D.
        (FuzzyDate.day(2024, 12, 1), D(2024, 12, 1), True),
        (FuzzyDate.day(2024, 11, 30), D(2024, 12, 1), False),
        # A release some time in December 2024: the start of 1 December is certain, the 2nd is not.
        (FuzzyDate.month(2024, 12), D(2024, 12, 1), True),
        (FuzzyDate.month(2024, 12), D(2024, 12, 2), False),
        (FuzzyDate.year(2025), D(2025, 1, 1), True),
        (FuzzyDate.year(2025), D(2025, 1, 2), False),
        (FuzzyDate.between(D(2024, 12, 1), D(2025, 11, 30)), D(2024, 12, 1), True),
        (FuzzyDate.between(D(2024, 12, 1), D(2025, 11, 30)), D(2025, 6, 1), False),
    ],
)
def test_in_custody_on_needs_the_earliest_release_day_on_or_after_the_census(release, census, counted):
    detention = DetentionFactory(arrest=FuzzyDate.day(2023, 11, 20), release=release, status=DetentionStatus.RELEASED)
    assert (detention.pk in custody_ids(census)) is counted


def test_open_ended_detention_is_in_custody_on_every_later_day():
    detention = DetentionFactory(arrest=FuzzyDate.day(2023, 11, 20), release=None)
    assert detention.pk in custody_ids(D(2023, 11, 21))
    assert detention.pk in custody_ids(D(2030, 12, 1))


def test_custody_that_ended_on_an_unknown_day_is_not_counted():
    # Released, but nobody knows when: it may have ended before any census.
    detention = DetentionFactory(arrest=FuzzyDate.day(2023, 11, 20), status=DetentionStatus.RELEASED)
    assert detention.pk not in custody_ids(D(2023, 12, 1))


def test_detention_with_no_arrest_date_matches_no_date_rule():
    detention = DetentionFactory(arrest=None)
    assert detention.pk not in arrested_ids(None, D(2100, 1, 1))
    assert detention.pk not in custody_ids(D(2100, 1, 1))


def test_person_with_two_detentions_counts_once_as_a_journalist_and_twice_as_detentions():
    person = JournalistFactory()
    DetentionFactory(
        journalist=person,
        arrest=FuzzyDate.day(2024, 3, 6),
        release=FuzzyDate.between(D(2024, 3, 6), D(2024, 3, 8)),
        status=DetentionStatus.RELEASED,
    )
    DetentionFactory(journalist=person, arrest=FuzzyDate.day(2025, 1, 17))
    window = published().arrested_between(D(2024, 1, 1), D(2025, 12, 31))
    assert window.count_units("journalists") == 1
    assert window.count_units("detentions") == 2
    # Between the two detentions the person was free.
    assert published().in_custody_on(D(2024, 12, 1)).count_units() == 0
    assert published().in_custody_on(D(2025, 12, 1)).count_units() == 1


@pytest.mark.parametrize(
    ("journalist_state", "detention_state", "counted"),
    [
        (PublicationState.PUBLISHED, PublicationState.PUBLISHED, True),
        (PublicationState.PUBLISHED, PublicationState.DRAFT, False),
        (PublicationState.PUBLISHED, PublicationState.IN_REVIEW, False),
        (PublicationState.PUBLISHED, PublicationState.WITHDRAWN, False),
        (PublicationState.DRAFT, PublicationState.PUBLISHED, False),
        (PublicationState.WITHDRAWN, PublicationState.PUBLISHED, False),
    ],
)
def test_only_published_detentions_of_published_journalists_count(journalist_state, detention_state, counted):
    detention = DetentionFactory(
        journalist=JournalistFactory(publication_state=journalist_state), publication_state=detention_state
    )
    assert published().filter(detention_id=detention.pk).exists() is counted


def test_a_change_counts_only_once_a_release_publishes_it():
    detention = DetentionFactory(country="AZ")
    before = public.snapshot_at()
    detention.country = "TR"
    detention.save()
    assert ids(published().in_country("AZ")) == {detention.pk}
    assert ids(published().in_country("TR")) == set()
    factories.publish_all()
    assert ids(published().in_country("AZ")) == set()
    assert ids(published().in_country("TR")) == {detention.pk}
    # As known before that release, it still counts where it was published then.
    assert ids(public.snapshot_at(before.as_of).detentions().in_country("AZ")) == {detention.pk}


def test_contract_filters_each_narrow_to_the_matching_detention():
    statute = StatuteFactory(article="206.3.2", slug="az-cc-206.3.2")
    target = DetentionFactory(
        journalist=JournalistFactory(gender="male", role="media_worker"),
        country="AZ",
        kind="administrative",
        status="sentenced",
        linked_to_journalism="suspected",
    )
    target.journalist.mediums.add("tv")
    ChargeFactory(detention=target, statute=statute, category="false_news")
    outlet = AffiliationFactory(journalist=target.journalist).outlet
    other = DetentionFactory(country="TR")
    ChargeFactory(detention=other, category="anti_state")
    # The same person twice on one statute still yields one row, not a join duplicate.
    ChargeFactory(detention=target, statute=statute, category="false_news")

    versions = published()
    for narrowed in (
        versions.in_country("AZ"),
        versions.of_journalist(target.journalist.slug),
        versions.with_status("sentenced"),
        versions.of_kind("administrative"),
        versions.linked_to_journalism("suspected"),
        versions.with_charge_category("false_news"),
        versions.under_statute("az-cc-206.3.2"),
        versions.at_outlet(outlet.slug),
        versions.of_gender("male"),
        versions.of_role("media_worker"),
        versions.in_medium("tv"),
    ):
        assert list(narrowed.values_list("detention_id", flat=True)) == [target.pk]


def test_filters_chain():
    match = DetentionFactory(country="AZ", kind="criminal", arrest=FuzzyDate.day(2023, 11, 20))
    DetentionFactory(country="AZ", kind="administrative", arrest=FuzzyDate.day(2023, 12, 2))
    DetentionFactory(country="AZ", kind="criminal", arrest=FuzzyDate.day(2024, 3, 6))
    chained = published().in_country("AZ").arrested_between(D(2023, 11, 1), D(2024, 2, 7)).of_kind("criminal")
    assert list(chained.values_list("detention_id", flat=True)) == [match.pk]


def test_database_refuses_a_release_before_the_arrest():
    detention = DetentionFactory(arrest=FuzzyDate.day(2024, 1, 10))
    detention.released = FuzzyDate.day(2024, 1, 9)
    with pytest.raises(IntegrityError), transaction.atomic():
        detention.save()


def test_database_refuses_interval_ends_out_of_order():
    detention = DetentionFactory()
    detention.arrested_earliest = D(2024, 2, 1)
    detention.arrested_latest = D(2024, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        detention.save()


def test_database_refuses_a_day_precision_without_its_day():
    detention = DetentionFactory()
    detention.arrested_earliest = None
    with pytest.raises(IntegrityError), transaction.atomic():
        detention.save()


def test_slugs_are_unique():
    JournalistFactory(slug="ulvi")
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalistFactory(slug="ulvi")
