import pytest

from cases import models
from cases.tests import factories

from .builders import full_detention

pytestmark = pytest.mark.django_db


def test_journalist_list_shows_people_with_aliases_outlets_and_detentions(client):
    detention = full_detention()
    journalist = detention.journalist

    body = client.get("/api/v1/journalists/").json()

    assert body["count"] == 1
    (row,) = body["results"]
    assert row["slug"] == journalist.slug
    assert row["url"] == f"http://testserver/api/v1/journalists/{journalist.slug}/"
    assert row["page_url"].endswith(f"/journalists/{journalist.slug}/")
    assert row["aliases"] == [journalist.aliases.get().name]
    assert row["outlets"] == [
        {
            "slug": journalist.affiliations.get().outlet.slug,
            "name": journalist.affiliations.get().outlet.name,
            "job_title": "reporter",
            "employment": "",
        }
    ]
    assert row["mediums"] == ["online"]
    assert [d["id"] for d in row["detentions"]] == [detention.pk]
    assert row["detentions"][0]["arrested"] == {
        "earliest": "2023-11-20",
        "latest": "2023-11-20",
        "precision": "day",
        "display": "20 November 2023",
        "iso": "2023-11-20",
    }
    assert len(row["sources"]) == 1


def test_journalist_detail_is_found_by_slug(client):
    journalist = factories.JournalistFactory(name="Reporter A", biography="Covers courts.")

    body = client.get(f"/api/v1/journalists/{journalist.slug}/").json()

    assert body["name"] == "Reporter A"
    assert body["biography"] == "Covers courts."


@pytest.mark.parametrize("state", ["draft", "in_review", "withdrawn"])
def test_unpublished_journalist_is_not_found(client, state):
    journalist = factories.JournalistFactory(publication_state=state)

    assert client.get(f"/api/v1/journalists/{journalist.slug}/").status_code == 404
    assert client.get("/api/v1/journalists/").json()["count"] == 0


def test_unpublished_detention_is_not_nested_in_a_published_journalist(client):
    journalist = factories.JournalistFactory()
    shown = factories.DetentionFactory(journalist=journalist)
    factories.DetentionFactory(journalist=journalist, publication_state=models.PublicationState.DRAFT)

    body = client.get(f"/api/v1/journalists/{journalist.slug}/").json()

    assert [d["id"] for d in body["detentions"]] == [shown.pk]


def test_retired_slug_redirects_to_the_current_one(client):
    journalist = factories.JournalistFactory(slug="reporter-a")
    models.RetiredSlug.objects.create(slug="reporter-a-old", journalist=journalist)
    factories.publish_all()

    response = client.get("/api/v1/journalists/reporter-a-old/?format=json")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/journalists/reporter-a/?format=json"


def test_retired_slug_of_an_unpublished_journalist_is_not_found(client):
    journalist = factories.JournalistFactory(publication_state="draft")
    models.RetiredSlug.objects.create(slug="old-slug", journalist=journalist)

    assert client.get("/api/v1/journalists/old-slug/").status_code == 404


def test_journalists_are_listed_by_name(client):
    for name in ("Reporter C", "Reporter A", "Reporter B"):
        factories.JournalistFactory(name=name)

    names = [row["name"] for row in client.get("/api/v1/journalists/").json()["results"]]

    assert names == ["Reporter A", "Reporter B", "Reporter C"]


@pytest.mark.parametrize("text", ["vagif", "Вагиф", "Vaqif"])
def test_search_matches_name_original_script_and_aliases(client, text):
    journalist = factories.JournalistFactory(name="Reporter Vagifgizi", name_original="Репортер Вагифгызы")
    factories.AliasFactory(journalist=journalist, name="Reporter Vaqifqizi")
    factories.AliasFactory(journalist=journalist, name="Reporter Vagifgyzy")
    factories.JournalistFactory(name="Someone Else")

    rows = client.get("/api/v1/journalists/", {"search": text}).json()["results"]

    assert [row["slug"] for row in rows] == [journalist.slug]


def test_journalists_filter_by_role_and_gender(client):
    worker = factories.JournalistFactory(role=models.Role.MEDIA_WORKER, gender=models.Gender.MALE)
    factories.JournalistFactory(role=models.Role.JOURNALIST, gender=models.Gender.MALE)
    factories.JournalistFactory(role=models.Role.MEDIA_WORKER, gender=models.Gender.FEMALE)

    rows = client.get("/api/v1/journalists/", {"role": "media_worker", "gender": "male"}).json()["results"]

    assert [row["slug"] for row in rows] == [worker.slug]


@pytest.mark.parametrize("length", [201, 50_000])
def test_a_search_longer_than_any_name_is_a_400_naming_it(client, length):
    factories.DetentionFactory()

    response = client.get("/api/v1/journalists/", {"search": "a" * length})

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"search": [f"Ensure this value has at most 200 characters (it has {length})."]}
    }


def test_a_search_of_200_characters_is_answered(client):
    factories.DetentionFactory()

    response = client.get("/api/v1/journalists/", {"search": "a" * 200})

    assert response.status_code == 200
    assert response.json()["count"] == 0
