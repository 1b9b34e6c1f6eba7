# ruff: noqa: F401, F811  (pytest fixtures are shared by importing them from .curation)
"""Merging duplicate journalists, and old slugs that keep leading to the person."""

import pytest
from django.test import Client
from django.urls import reverse

from cases import services
from cases.models import Journalist, RetiredSlug

from .curation import editor, researcher
from .factories import AffiliationFactory, CitationFactory, DetentionFactory, JournalistFactory, OutletFactory


@pytest.fixture
def duplicates(db):
    survivor = JournalistFactory(name="Sevinj Vagifgizi", slug="sevinj-vagifgizi")
    survivor.aliases.create(name="Sevinj Vaqifqizi")
    duplicate = JournalistFactory(name="Sevinc Vaqifqizi", slug="sevinc-vaqifqizi", biography="Editor.")
    duplicate.aliases.create(name="Sevinj Vaqifqizi")  # the same alias on both
    duplicate.aliases.create(name="Sevinj Vagifgyzy")
    shared = OutletFactory(name="Shared Outlet")
    AffiliationFactory(journalist=survivor, outlet=shared)
    AffiliationFactory(journalist=duplicate, outlet=shared)
    AffiliationFactory(journalist=duplicate, outlet=OutletFactory(name="Other Outlet"))
    CitationFactory(journalist=duplicate)
    RetiredSlug.objects.create(slug="older-slug", journalist=duplicate)
    detention = DetentionFactory(journalist=duplicate)
    return survivor, duplicate, detention


@pytest.mark.django_db
def test_merge_moves_everything_to_the_survivor(duplicates, editor):
    survivor, duplicate, detention = duplicates
    services.journalist_merge(survivor=survivor, duplicate=duplicate, by=editor)

    assert not Journalist.objects.filter(pk=duplicate.pk).exists()
    detention.refresh_from_db()
    assert detention.journalist == survivor
    assert sorted(survivor.aliases.values_list("name", flat=True)) == [
        "Sevinc Vaqifqizi",
        "Sevinj Vagifgyzy",
        "Sevinj Vaqifqizi",
    ]
    assert sorted(survivor.affiliations.values_list("outlet__name", flat=True)) == ["Other Outlet", "Shared Outlet"]
    assert survivor.citations.count() == 1
    survivor.refresh_from_db()
    assert survivor.biography == "Editor."
    # The moved detention's history says who moved it and why.
    assert detention.history.first().history_user == editor
    assert "merged sevinc-vaqifqizi" in detention.history.first().history_change_reason


@pytest.mark.django_db
@pytest.mark.parametrize("old_slug", ["sevinc-vaqifqizi", "older-slug"])
def test_old_slugs_of_a_merged_journalist_resolve_to_the_survivor(duplicates, editor, old_slug):
    survivor, duplicate, _ = duplicates
    services.journalist_merge(survivor=survivor, duplicate=duplicate, by=editor)
    assert services.journalist_resolve_slug(old_slug) == (survivor, True)
    assert services.journalist_resolve_slug("sevinj-vagifgizi") == (survivor, False)


@pytest.mark.django_db
def test_resolving_an_unknown_slug_raises_does_not_exist():
    with pytest.raises(Journalist.DoesNotExist):
        services.journalist_resolve_slug("nobody")


@pytest.mark.django_db
def test_resolving_respects_the_queryset_given(editor):
    draft = JournalistFactory(publication_state="draft")
    with pytest.raises(Journalist.DoesNotExist):
        services.journalist_resolve_slug(draft.slug, queryset=Journalist.objects.published())


@pytest.mark.django_db
def test_changing_a_slug_in_the_admin_keeps_the_old_one_redirecting(editor):
    journalist = JournalistFactory(slug="first-slug")
    client = Client()
    client.force_login(editor)
    data = {
        "name": journalist.name,
        "slug": "second-slug",
        "gender": journalist.gender,
        "role": journalist.role,
        "version": journalist.version,
        **{f"{p}-{k}": "0" for p in ("aliases", "affiliations", "citations") for k in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }
    response = client.post(reverse("admin:cases_journalist_change", args=[journalist.pk]), data)
    assert response.status_code == 302
    assert services.journalist_resolve_slug("first-slug") == (journalist, True)


@pytest.mark.django_db
def test_a_retired_slug_is_never_given_to_someone_else(editor):
    journalist = JournalistFactory(slug="first-slug")
    services.journalist_retire_slug(journalist=journalist, old_slug="retired-slug")
    other = JournalistFactory.build(slug="retired-slug")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        other.full_clean()


@pytest.mark.django_db
def test_merge_in_the_admin_asks_which_record_to_keep(duplicates, editor):
    survivor, duplicate, _ = duplicates
    client = Client()
    client.force_login(editor)
    url = reverse("admin:cases_journalist_changelist")
    page = client.post(url, {"action": "merge_selected", "_selected_action": [survivor.pk, duplicate.pk]})
    assert "Keep this record" in page.text
    response = client.post(
        url,
        {
            "action": "merge_selected",
            "_selected_action": [survivor.pk, duplicate.pk],
            "survivor": survivor.pk,
            "apply_merge": "1",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:cases_journalist_change", args=[survivor.pk])
    assert not Journalist.objects.filter(pk=duplicate.pk).exists()


@pytest.mark.django_db
def test_merge_needs_exactly_two_journalists(editor):
    journalists = JournalistFactory.create_batch(3)
    client = Client()
    client.force_login(editor)
    response = client.post(
        reverse("admin:cases_journalist_changelist"),
        {"action": "merge_selected", "_selected_action": [j.pk for j in journalists]},
        follow=True,
    )
    assert "Select exactly two journalists" in response.text
    assert Journalist.objects.count() == 3


@pytest.mark.django_db
def test_a_researcher_cannot_merge(duplicates, researcher):
    from django.core.exceptions import PermissionDenied

    survivor, duplicate, _ = duplicates
    with pytest.raises(PermissionDenied):
        services.journalist_merge(survivor=survivor, duplicate=duplicate, by=researcher)
