"""Odd input and reference lists on public surfaces: found by an independent review."""

import datetime

import pytest

from cases.dates import FuzzyDate
from cases.models import DetentionStatus, PublicationState

from . import factories
from .factories import AffiliationFactory, ChargeFactory, DetentionFactory, JournalistFactory, StatuteFactory

pytestmark = pytest.mark.django_db


def test_a_nul_character_in_the_name_search_is_a_400_not_a_server_error(client):
    DetentionFactory()
    assert client.get("/detentions/?q=%00").status_code == 400


def test_name_search_finds_a_journalist_by_alias(client):
    # An alias unlike the name in any spelling: the name key of the name would find the name itself.
    detention = DetentionFactory(journalist=JournalistFactory(name="Invented Reporter"))
    detention.journalist.aliases.create(name="Penname Writer")
    assert "Invented Reporter" not in client.get("/detentions/?q=penname").content.decode()  # not yet published
    factories.publish_all()
    assert "Invented Reporter" in client.get("/detentions/?q=penname").content.decode()


@pytest.mark.parametrize("code", ["ß", "s1", "AZE"])
def test_a_country_code_that_is_not_two_latin_letters_is_not_found(client, code):
    assert client.get(f"/countries/{code}/").status_code == 404


def test_a_repeated_embed_parameter_is_refused(client):
    response = client.get("/embed/badge.svg?country=AZ&country=TR")
    assert response.status_code == 400
    assert "country: give this parameter once." in response.content.decode()


def test_statutes_and_outlets_of_unpublished_cases_stay_off_public_lists(client):
    draft = DetentionFactory(publication_state=PublicationState.DRAFT)
    ChargeFactory(detention=draft, statute=StatuteFactory(article="999.9", slug="az-cc-999.9"))
    AffiliationFactory(
        journalist=JournalistFactory(publication_state=PublicationState.DRAFT), outlet__slug="hidden-outlet"
    )
    public = DetentionFactory()
    ChargeFactory(detention=public, statute=StatuteFactory(article="206.3.2", slug="az-cc-206.3.2"))
    AffiliationFactory(journalist=public.journalist, outlet__slug="known-outlet")

    statutes = [row["slug"] for row in client.get("/api/v1/statutes/").json()["results"]]
    outlets = [row["slug"] for row in client.get("/api/v1/outlets/").json()["results"]]
    assert statutes == ["az-cc-206.3.2"]
    assert outlets == ["known-outlet"]
    assert client.get("/api/v1/statutes/az-cc-999.9/").status_code == 404
    assert client.get("/statutes/az-cc-999.9/").status_code == 404
    # As a filter, a hidden one is an unknown value, not a count that names it.
    assert client.get("/api/v1/counts/?statute=az-cc-999.9").status_code == 400
    assert client.get("/api/v1/counts/?outlet=hidden-outlet").status_code == 400
    assert "az-cc-999.9" not in client.get("/detentions/").content.decode()


def test_days_in_custody_is_unknown_for_a_release_only_known_as_on_or_before_a_day():
    detention = DetentionFactory(
        arrest=FuzzyDate.day(2023, 11, 20),
        release=FuzzyDate.between(None, datetime.date(2024, 1, 15)),
        status=DetentionStatus.RELEASED,
    )
    assert detention.days_in_custody() is None
    detention.released = FuzzyDate.between(datetime.date(2023, 12, 31), datetime.date(2024, 1, 15))
    assert detention.days_in_custody() == 41
