"""A new journalist whose name reads as an existing person's is saved only once the researcher says it is someone else."""

import pytest
from django.urls import reverse

from cases.models import Journalist

from .admin_forms import save_change_form
from .factories import AliasFactory, JournalistFactory

ADD = reverse("admin:cases_journalist_add")


@pytest.fixture
def sevinj(db):
    journalist = JournalistFactory(name="Sevinj Vagifgizi", name_original="Sevinc Vaqifqızı", slug="sevinj")
    AliasFactory(journalist=journalist, name="Sevinj Abbasova")
    return journalist


def add(user, name, **changes):
    return save_change_form(user, ADD, {"name": name, "slug": "new-person", **changes})


@pytest.mark.parametrize("name", ["Sevinc Vaqifqizi", "SEVINJ VAGIFGYZY", "Севиндж Вагифгызы", "Sevinj Abbasova"])
def test_a_namesake_is_refused_with_a_link_to_the_other_person(researcher, sevinj, name):
    page = add(researcher, name)
    assert page.status_code == 200
    html = page.content.decode()
    link = reverse("admin:cases_journalist_change", args=[sevinj.pk])
    assert f'This name reads the same as that of <a href="{link}">Sevinj Vagifgizi</a>' in html
    assert 'type="checkbox" name="different_person"' in html
    assert not Journalist.objects.filter(slug="new-person").exists()


def test_a_namesake_in_the_original_script_field_is_refused_too(researcher, sevinj):
    page = add(researcher, "Someone Else", name_original="Sevinc Vaqifqızı")
    assert "This name reads the same as that of" in page.content.decode()
    assert not Journalist.objects.filter(slug="new-person").exists()


def test_a_confirmed_different_person_is_saved(researcher, sevinj):
    page = add(researcher, "Sevinj Vagifgizi", different_person="on")
    assert page.status_code == 302
    assert Journalist.objects.filter(slug="new-person", name="Sevinj Vagifgizi").exists()


def test_a_different_name_is_saved_without_asking(researcher, sevinj):
    assert add(researcher, "Sevinj Mammadova").status_code == 302
    assert Journalist.objects.filter(slug="new-person").exists()


def test_the_box_is_shown_only_when_a_namesake_is_found(as_user, researcher, sevinj):
    html = as_user(researcher).get(ADD).content.decode()
    assert 'type="hidden" name="different_person"' in html and 'type="checkbox" name="different_person"' not in html


def test_renaming_to_another_persons_name_asks_but_editing_ones_own_does_not(researcher, sevinj):
    ulvi = JournalistFactory(name="Ulvi Hasanli", slug="ulvi")
    AliasFactory(journalist=ulvi, name="Ulvi Hasanly")
    url = reverse("admin:cases_journalist_change", args=[ulvi.pk])
    # The person's own alias spelled otherwise: no namesake.
    assert save_change_form(researcher, url, {"name": "Ülvi Həsənli"}).status_code == 302
    refused = save_change_form(researcher, url, {"name": "Sevinj Vaqifqizi"})
    assert refused.status_code == 200 and "This name reads the same as that of" in refused.content.decode()
    assert Journalist.objects.get(pk=ulvi.pk).name == "Ülvi Həsənli"
    assert save_change_form(researcher, url, {"name": "Sevinj Vaqifqizi", "different_person": "on"}).status_code == 302
    # Confirmed once, the name does not ask again on the next save.
    assert save_change_form(researcher, url, {"biography": "A reporter."}).status_code == 302
