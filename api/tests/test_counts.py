import datetime

import pytest

from cases import counting, models, public, publishing, versioning
from cases.dates import FuzzyDate
from cases.tests import factories

pytestmark = pytest.mark.django_db


def test_counts_answer_every_key_of_the_contract(client, settings):
    settings.SITE_URL = "https://tracker.example"
    published_at = datetime.datetime(2026, 11, 29, 17, 0, 0, tzinfo=datetime.UTC)
    journalist = factories.JournalistFactory(publication_state="draft")
    factories.DetentionFactory(journalist=journalist, publication_state="draft")
    models.Journalist.objects.update(publication_state="published")
    models.Detention.objects.update(publication_state="published")
    release = publishing.publish_marked(at=published_at)

    body = client.get("/api/v1/counts/", {"country": "AZ", "group_by": "country"}).json()

    pinned = "as_known_on=2026-11-29T17%3A00%3A00Z"
    assert body == {
        "count": 1,
        "unit": "journalists",
        "statement": "At least one journalist or media worker was detained in Azerbaijan.",
        "filters": {"country": "AZ"},
        "groups": [{"key": "AZ", "label": "Azerbaijan", "count": 1}],
        "release": release.number,
        "as_of": "2026-11-29T17:00:00Z",
        "permalink": f"https://tracker.example/api/v1/counts/?country=AZ&group_by=country&{pinned}",
        "methodology_url": "https://tracker.example/methodology/",
        "cases_url": f"https://tracker.example/api/v1/detentions/?country=AZ&{pinned}",
        "license": {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "url": "https://creativecommons.org/licenses/by/4.0/",
        },
        "citation": "“At least one journalist or media worker was detained in Azerbaijan.” "
        f"Journalist detention tracker, release {release.number} (2026-11-29T17:00:00Z), "
        f"https://tracker.example/api/v1/counts/?country=AZ&group_by=country&{pinned}. Licence: CC-BY-4.0.",
    }


def test_groups_are_absent_without_group_by(client, version):
    body = client.get("/api/v1/counts/").json()

    assert "groups" not in body
    assert body["count"] == 0
    assert body["filters"] == {}
    assert body["release"] == 0 and "/api/v1/detentions/?as_known_on=" in body["cases_url"]


def test_count_is_distinct_people_over_groups(client):
    journalist = factories.JournalistFactory()
    factories.DetentionFactory(journalist=journalist, arrest=FuzzyDate.day(2023, 11, 20))
    factories.DetentionFactory(journalist=journalist, arrest=FuzzyDate.day(2024, 3, 1))

    people = client.get("/api/v1/counts/", {"group_by": "year"}).json()
    detentions = client.get("/api/v1/counts/", {"group_by": "year", "unit": "detentions"}).json()

    assert people["count"] == 1
    assert people["groups"] == [
        {"key": "2023", "label": "2023", "count": 1},
        {"key": "2024", "label": "2024", "count": 1},
    ]
    assert detentions["count"] == 2
    assert detentions["unit"] == "detentions"
    assert detentions["statement"] == "At least 2 detentions of journalists and media workers took place."


@pytest.mark.parametrize("group_by", counting.GROUPS)
def test_every_group_by_names_its_groups(client, group_by):
    detention = factories.DetentionFactory(status="sentenced", journalist__gender="male")
    factories.ChargeFactory(detention=detention, category="false_news", statute__article="206.3.2")
    factories.AffiliationFactory(journalist=detention.journalist, outlet__slug="outlet-x", outlet__name="Outlet X")
    detention.journalist.mediums.add(models.Medium.objects.get(code="tv"))
    factories.publish_all()

    groups = client.get("/api/v1/counts/", {"group_by": group_by}).json()["groups"]

    expected = {
        "country": ("AZ", "Azerbaijan"),
        "year": ("2023", "2023"),
        "month": ("2023-11", "November 2023"),
        "status": ("sentenced", "sentenced"),
        "kind": ("criminal", "criminal"),
        "charge_category": ("false_news", "false news"),
        "statute": ("az-cc-206.3.2", "AZ Criminal Code art. 206.3.2 (smuggling)"),
        "outlet": ("outlet-x", "Outlet X"),
        "gender": ("male", "male"),
        "role": ("journalist", "journalist"),
        "medium": ("tv", str(models.Medium.objects.get(code="tv"))),
    }[group_by]
    assert groups == [{"key": expected[0], "label": expected[1], "count": 1}]


def test_cases_url_lists_the_detentions_behind_the_count(client, settings):
    settings.SITE_URL = "https://tracker.example"
    factories.DetentionFactory(kind="administrative")
    factories.DetentionFactory(kind="criminal")

    body = client.get("/api/v1/counts/", {"kind": "administrative"}).json()
    cases = client.get(body["cases_url"].removeprefix("https://tracker.example")).json()

    # Pinned to the release that answered, so the list behind a quoted number stays the same.
    pinned = f"as_known_on={body['as_of'].replace(':', '%3A')}"
    assert body["cases_url"] == f"https://tracker.example/api/v1/detentions/?kind=administrative&{pinned}"
    assert cases["count"] == body["count"] == 1


def test_a_publish_is_counted_at_once(client, version):
    draft = factories.DetentionFactory(publication_state="draft")
    assert client.get("/api/v1/counts/").json()["count"] == 0

    draft.publication_state = models.PublicationState.PUBLISHED
    draft.save()
    factories.publish_all()

    body = client.get("/api/v1/counts/").json()
    assert body["count"] == 1
    assert body["as_of"] == public.format_moment(versioning.current().changed_at)


def test_counts_change_only_with_a_release(client, version):
    detention = factories.DetentionFactory()
    assert client.get("/api/v1/counts/").json()["count"] == 1

    # Changing the working record publishes nothing: the count is that of the release.
    models.Detention.objects.filter(pk=detention.pk).update(country="TR")
    assert client.get("/api/v1/counts/", {"country": "AZ"}).json()["count"] == 1

    factories.publish_all()
    assert client.get("/api/v1/counts/", {"country": "AZ"}).json()["count"] == 0


def test_counts_as_csv_give_one_row_or_one_row_per_group(client):
    factories.DetentionFactory(country="AZ")
    factories.DetentionFactory(country="TR")

    plain = client.get("/api/v1/counts/", {"format": "csv", "country": "AZ"})
    grouped = client.get("/api/v1/counts/", {"format": "csv", "group_by": "country"})

    assert plain["Content-Type"] == "text/csv; charset=utf-8"
    header, row = plain.content.decode().splitlines()
    assert header == ("count,unit,statement,filters,release,as_of,permalink,methodology_url,cases_url,license,citation")
    assert row.startswith("1,journalists,At least one journalist or media worker was detained in Azerbaijan.,")
    lines = [line.split(",")[:4] for line in grouped.content.decode().splitlines()]
    assert lines == [
        ["country", "label", "count", "total"],
        ["AZ", "Azerbaijan", "1", "2"],
        ["TR", "Türkiye", "1", "2"],
    ]


def test_counts_as_csv_without_groups_still_have_a_header(client, version):
    response = client.get("/api/v1/counts/", {"format": "csv", "group_by": "statute"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "statute,label,count,total,unit,statement,filters,release,as_of,permalink,methodology_url,cases_url,"
        "license,citation"
    ]


def test_a_journalists_former_slug_filters_as_the_current_one(client):
    detention = factories.DetentionFactory()
    factories.DetentionFactory()
    current = detention.journalist.slug
    factories.RetiredSlugFactory(slug="reporter-old", journalist=detention.journalist)

    body = client.get("/api/v1/counts/", {"journalist": "reporter-old"}).json()
    listed = client.get("/api/v1/detentions/", {"journalist": "reporter-old"}).json()

    assert body["count"] == 1
    # What the answer cites (and its permalink) is the current slug.
    assert body["filters"] == {"journalist": current}
    assert f"?journalist={current}&as_known_on=" in body["cases_url"]
    assert [row["id"] for row in listed["results"]] == [detention.pk]


def test_a_former_slug_of_an_unpublished_journalist_is_still_unknown(client):
    detention = factories.DetentionFactory(journalist=factories.JournalistFactory(publication_state="draft"))
    factories.RetiredSlugFactory(slug="hidden-old", journalist=detention.journalist)

    response = client.get("/api/v1/counts/", {"journalist": "hidden-old"})

    assert response.status_code == 400
    assert "journalist" in response.json()["errors"]
