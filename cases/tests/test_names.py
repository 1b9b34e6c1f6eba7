"""Names in every spelling (DESIGN.md §7): one key over Azerbaijani Latin, English and Russian spellings."""

import itertools
import json
from pathlib import Path

import pytest
from django.urls import reverse

from cases.models import Alias, Journalist
from cases.names import name_key, name_keys
from cases.versions import JournalistVersion

from .factories import AliasFactory, DetentionFactory, JournalistFactory

SEVINJ = ["vagifqizi", "Vaqifqızı", "VAGIFGIZI", "Vagifgyzy", "Вагифгызы"]
ULVI = ["hesenli", "Həsənli", "Гасанлы"]
SEED = Path(__file__).resolve().parents[2] / "fixtures" / "azerbaijan.json"


@pytest.mark.parametrize("spelling", SEVINJ)
def test_every_spelling_of_vagifgizi_has_one_key(spelling):
    assert name_key(spelling) == name_key("Vagifgizi")


@pytest.mark.parametrize("spelling", ULVI)
def test_every_spelling_of_hasanli_has_one_key(spelling):
    assert name_key(spelling) == name_key("Hasanli")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Sevinc", "Sevinj"),
        ("Севиндж", "Sevinj"),
        ("Aliyev", "Алиев"),
        ("Rzayev", "Рзаев"),
        ("Orucov", "Orudjov"),
        ("Məmmədli", "Мамедли"),
        ("Şamo", "Shamo"),
        ("Müşfiq", "Mushfig"),
        ("Gülnarə", "Гюльнара"),
        ("İlqar", "ILQAR"),
    ],
)
def test_transliterations_of_one_name_share_its_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [("Şamo", "Samo"), ("Çingiz", "Cingiz"), ("Kamil", "Qamil")])
def test_letters_the_spellings_agree_on_stay_apart(one, other):
    assert name_key(one) != name_key(other)


def test_keys_ignore_what_is_not_a_letter():
    assert name_key("  Sevinj   Vagif-gizi ") == name_key("sevinj vagifgizi")
    assert name_key("") == name_key("—") == ""
    assert name_keys("Sevinj Vagifgizi", "Sevinc Vaqifqızı", "") == name_key("Sevinj Vagifgizi")


def _seed_people():
    records = json.loads(SEED.read_text())
    people = {}
    for record in records:
        if record["model"] == "cases.journalist":
            people.setdefault(record["pk"], set()).update([record["fields"]["name"], record["fields"]["name_original"]])
    for record in records:
        if record["model"] == "cases.alias":
            people[record["fields"]["journalist"]].add(record["fields"]["name"])
    return {pk: {name_key(name) for name in names if name} for pk, names in people.items()}


def test_no_two_people_of_the_seed_share_a_name_key():
    people = _seed_people()
    assert len(people) > 10
    for (one, keys), (other, other_keys) in itertools.combinations(people.items(), 2):
        assert not keys & other_keys, (one, other)


@pytest.mark.parametrize("spelling", [*SEVINJ, *ULVI])
def test_each_spelling_finds_only_its_person_among_the_seed(spelling):
    people = _seed_people()
    found = [pk for pk, keys in people.items() if any(name_key(spelling) in key for key in keys)]
    assert len(found) == 1


# Searches, on the working records (admin) and on published versions (public page, API).


@pytest.fixture
def people(db):
    sevinj = DetentionFactory(
        journalist=JournalistFactory(name="Sevinj Vagifgizi", name_original="Sevinc Vaqifqızı", slug="sevinj")
    ).journalist
    ulvi = DetentionFactory(journalist=JournalistFactory(name="Ulvi Hasanli", slug="ulvi")).journalist
    other = DetentionFactory(journalist=JournalistFactory(name="Teymur Karimov", slug="teymur")).journalist
    return {"Sevinj Vagifgizi": sevinj, "Ulvi Hasanli": ulvi, "Teymur Karimov": other}


CASES = [*((spelling, "Sevinj Vagifgizi") for spelling in SEVINJ), *((spelling, "Ulvi Hasanli") for spelling in ULVI)]


@pytest.mark.parametrize(("spelling", "person"), CASES)
def test_the_admin_search_finds_every_spelling(as_user, researcher, people, spelling, person):
    page = as_user(researcher).get(reverse("admin:cases_journalist_changelist"), {"q": spelling})
    found = {name for name in people if f">{name}</a>" in page.content.decode()}
    assert found == {person}


@pytest.mark.parametrize(("spelling", "person"), CASES)
def test_the_admin_search_of_detentions_finds_every_spelling(as_user, researcher, people, spelling, person):
    page = as_user(researcher).get(reverse("admin:cases_detention_changelist"), {"q": spelling})
    found = {name for name in people if name in page.content.decode()}
    assert found == {person}


@pytest.mark.parametrize(("spelling", "person"), CASES)
def test_the_public_search_finds_every_spelling(client, people, spelling, person):
    html = client.get(reverse("cases:detentions"), {"q": spelling}).content.decode()
    assert {name for name in people if name in html} == {person}


@pytest.mark.parametrize(("spelling", "person"), CASES)
def test_the_api_search_finds_every_spelling(client, people, spelling, person):
    rows = client.get("/api/v1/journalists/", {"search": spelling}).json()["results"]
    assert [row["name"] for row in rows] == [person]


def test_a_search_still_matches_the_words_as_typed(client, as_user, researcher, people):
    rows = client.get("/api/v1/journalists/", {"search": "Sevinc Vaq"}).json()["results"]
    assert [row["name"] for row in rows] == ["Sevinj Vagifgizi"]
    page = as_user(researcher).get(reverse("admin:cases_journalist_changelist"), {"q": "teymur"})
    assert ">Teymur Karimov</a>" in page.content.decode()


@pytest.mark.django_db
def test_an_alias_is_found_in_any_spelling_once_published(client):
    journalist = DetentionFactory(journalist=JournalistFactory(name="Mushfig Jabbar", slug="mushfig")).journalist
    AliasFactory(journalist=journalist, name="Müşfiq Cabbar")
    assert Alias.objects.get().name_key == name_key("Mushfig Jabbar")
    assert JournalistVersion.objects.current().get().name_keys.splitlines() == [name_key("Mushfig Jabbar")]
    AliasFactory(journalist=journalist, name="Мушфиг Джаббаров")
    rows = client.get("/api/v1/journalists/", {"search": "Джаббаров"}).json()["results"]
    assert [row["name"] for row in rows] == ["Mushfig Jabbar"]


@pytest.mark.django_db
def test_the_key_follows_every_save_and_is_not_in_the_public_document():
    journalist = JournalistFactory(name="Ulvi Hasanli", name_original="Ülvi Həsənli")
    assert journalist.name_key == name_key("Ulvi Hasanli")
    journalist.name = "Ulvi Hasanov"
    journalist.save(update_fields=["name"])
    assert Journalist.objects.get().name_key.splitlines() == [name_key("Ulvi Hasanov"), name_key("Ulvi Hasanli")]
    version = JournalistVersion.objects.current().get()
    assert version.name_keys and "name_key" not in json.dumps(version.document)


@pytest.mark.django_db
def test_a_merged_duplicate_is_found_in_its_spellings_on_the_survivor(client, editor):
    from cases import services

    survivor = DetentionFactory(journalist=JournalistFactory(name="Ulvi Hasanli", slug="ulvi")).journalist
    duplicate = JournalistFactory(name="Ульви Гасанлы", slug="ulvi-ru")
    AliasFactory(journalist=duplicate, name="Ulvi Hasanly")
    services.journalist_merge(survivor=survivor, duplicate=duplicate, by=editor)
    assert set(Alias.objects.values_list("journalist__slug", "name_key")) == {("ulvi", name_key("Ulvi Hasanli"))}
    rows = client.get("/api/v1/journalists/", {"search": "Гасанлы"}).json()["results"]
    assert [row["slug"] for row in rows] == ["ulvi"]
