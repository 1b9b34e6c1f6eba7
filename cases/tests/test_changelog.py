"""
The public changelog and named censuses: what each release did, never who did it,
and a census as published with what later releases changed about its day.
"""

import datetime

import pytest
from django.contrib.auth.models import Group

from cases import services
from cases.dates import FuzzyDate
from cases.models import Census, Release

from .factories import CitationFactory, DetentionFactory, JournalistFactory, UserFactory, one_release

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 12, 1)


@pytest.fixture
def editor():
    user = UserFactory(username="editor-with-a-name", first_name="Staff", last_name="Member")
    user.groups.add(Group.objects.get(name="editor"))
    return user


def case(name, **kwargs):
    with one_release():
        detention = DetentionFactory(journalist=JournalistFactory(name=name), **kwargs)
        CitationFactory(detention=detention)
    return detention


def census_at_latest(**kwargs):
    return Census.objects.create(
        slug="1-december-2024", title="1 December 2024", day=DAY, release=Release.objects.latest_release(), **kwargs
    )


def test_the_changelog_says_what_each_release_did_and_never_who(client, editor):
    kept = case("Kept Person")
    gone = case("Gone Person")
    services.detention_withdraw(detention=gone, by=editor, reason="internal: a duplicate", public_reason="Duplicate.")

    page = client.get("/changes/").content.decode()
    api = client.get("/api/v1/releases/").json()
    feed = client.get("/changes/feed/").content.decode()

    latest = api["results"][0]
    assert latest["number"] == Release.objects.latest_release().number
    assert latest["changes"] == [
        {
            "kind": "withdrawn",
            "journalist": gone.journalist.slug,
            "name": "Gone Person",
            "detention": gone.pk,
            "reason": "Duplicate.",
            "url": f"http://127.0.0.1:8000/api/v1/detentions/{gone.pk}/",
        }
    ]
    assert "Kept Person" in page and "Duplicate." in page and f'href="{kept.journalist.get_absolute_url()}' in page
    for body in (page, str(api), feed):
        for private in ("editor-with-a-name", "Staff", "Member", "internal: a duplicate"):
            assert private not in body


@pytest.mark.usefixtures("cold_answers")  # counts the view's own reads, below the kept answers
@pytest.mark.parametrize("releases", [1, 12])
def test_the_changelog_reads_a_fixed_number_of_queries(client, releases, django_assert_num_queries):
    for number in range(releases):
        case(f"Person {number}")
    # the data version, the releases (count and page), their changes
    with django_assert_num_queries(4):
        assert client.get("/api/v1/releases/").status_code == 200
    with django_assert_num_queries(4):
        assert client.get("/changes/").status_code == 200


def test_a_census_gives_its_figure_as_published_and_what_changed_since(client, editor):
    held = case("Held Person", arrest=FuzzyDate.day(2024, 6, 1))
    withdrawn = case("Withdrawn Person", arrest=FuzzyDate.day(2024, 7, 1))
    census_at_latest()
    # Later: one more case documented for that day, one withdrawn, one not in custody then.
    case("Documented Later", arrest=FuzzyDate.day(2024, 3, 1))
    case("Arrested After", arrest=FuzzyDate.day(2025, 1, 5))
    services.detention_withdraw(
        detention=withdrawn, by=editor, reason="wrong person", public_reason="Not a journalist."
    )

    body = client.get("/api/v1/censuses/1-december-2024/").json()
    page = client.get("/censuses/1-december-2024/").content.decode()

    assert body["count"] == 2
    assert {person["name"] for person in body["people"]} == {"Held Person", "Withdrawn Person"}
    assert body["statement"] == "At least 2 journalists and media workers were in custody on 1 December 2024."
    since = body["since"]
    assert since["count"] == 2
    assert [person["name"] for person in since["documented"]] == ["Documented Later"]
    assert [person["name"] for person in since["withdrawn"]] == ["Withdrawn Person"]
    assert "1 more documented, 1 withdrawn" in page
    assert held.journalist.get_absolute_url() in page


def test_a_census_pinned_before_its_release_does_not_exist_yet(client):
    case("Held Person", arrest=FuzzyDate.day(2024, 6, 1))
    before = Release.objects.latest_release().published_at
    case("Another Person")
    census_at_latest()

    moment = before.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert client.get("/api/v1/censuses/1-december-2024/", {"as_known_on": moment}).status_code == 404
    assert client.get("/censuses/1-december-2024/", {"as_known_on": moment}).status_code == 404
