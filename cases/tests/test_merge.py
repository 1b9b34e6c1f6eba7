"""Merging duplicate journalists, and old slugs that keep leading to the person."""

import pytest
from django.test import Client
from django.urls import reverse

from cases import public, services
from cases.models import ChangeKind, Journalist, Release, ReleaseChange, RetiredSlug

from .factories import (
    AffiliationFactory,
    CitationFactory,
    DetentionFactory,
    JournalistFactory,
    OutletFactory,
    RetiredSlugFactory,
)


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
    assert Journalist.objects.slug_now(old_slug) == "sevinj-vagifgizi"
    assert Client().get(f"/journalists/{old_slug}/").headers["Location"] == "/journalists/sevinj-vagifgizi/"


@pytest.mark.django_db
def test_merging_two_published_records_is_one_release_the_public_sees_as_one_person(duplicates, editor):
    survivor, duplicate, detention = duplicates
    before = Release.objects.latest_release().number
    services.journalist_merge(survivor=survivor, duplicate=duplicate, by=editor)

    assert Release.objects.latest_release().number == before + 1
    snapshot = public.snapshot_at()
    # The duplicate's record left the public, and its detention is counted once, under the survivor.
    assert list(snapshot.journalists().values_list("journalist_id", flat=True)) == [survivor.pk]
    assert list(snapshot.detentions().values_list("detention_id", "journalist_id")) == [(detention.pk, survivor.pk)]
    assert snapshot.detentions().count_units("journalists") == 1
    assert sorted(ReleaseChange.objects.filter(release=before + 1).values_list("kind", "journalist_id")) == sorted(
        [
            (ChangeKind.CHANGED, survivor.pk),
            (ChangeKind.CHANGED, survivor.pk),  # the detention, now theirs
            (ChangeKind.WITHDRAWN, duplicate.pk),
        ]
    )
    page = Client().get("/journalists/sevinj-vagifgizi/")
    assert "Sevinc Vaqifqizi" in page.text and "Sevinj Vagifgyzy" in page.text  # the names, now aliases


@pytest.mark.django_db
def test_a_merge_waits_while_either_record_has_changes_pending(duplicates, editor, researcher):
    survivor, duplicate, detention = duplicates
    detention.summary = "Not yet reviewed."
    detention.save()
    services.record_changed(record=detention, by=researcher)
    with pytest.raises(services.WorkflowError, match="changes pending"):
        services.journalist_merge(survivor=survivor, duplicate=duplicate, by=editor)
    assert Journalist.objects.filter(pk=duplicate.pk).exists()
    assert "Not yet reviewed." not in Client().get("/journalists/sevinc-vaqifqizi/").text


@pytest.mark.django_db
def test_an_unknown_slug_has_no_current_slug():
    assert Journalist.objects.slug_now("nobody") is None


@pytest.mark.django_db
def test_a_retired_slug_of_an_unpublished_journalist_does_not_redirect_publicly(editor):
    draft = JournalistFactory(publication_state="draft")
    RetiredSlugFactory(journalist=draft, slug="old-draft")
    assert not public.snapshot_at().journalists().once_slugged("old-draft").exists()
    assert Client().get("/journalists/old-draft/").status_code == 404


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
        **{
            f"{p}-{k}": "0"
            for p in ("aliases", "affiliations", "citations", "detentions")
            for k in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    response = client.post(reverse("admin:cases_journalist_change", args=[journalist.pk]), data)
    assert response.status_code == 302
    assert Journalist.objects.slug_now("first-slug") == "second-slug"


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


def public_text(journalist):
    """Return the journalist's public page and the public API's detentions, as the public reads them."""
    client = Client()
    page = client.get(f"/journalists/{journalist.slug}/")
    assert page.status_code == 200
    return page.text + client.get("/api/v1/detentions/?format=json").text


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "in_review", "withdrawn"])
def test_an_unpublished_duplicate_is_not_merged_into_a_published_survivor(editor, state):
    survivor = JournalistFactory(name="Visible Person", slug="visible-person")
    duplicate = JournalistFactory(name="Hidden Name", slug="hidden-slug", publication_state=state)
    duplicate.aliases.create(name="Hidden Alias")
    hidden = DetentionFactory(journalist=duplicate, place="Hidden Place")  # published, but hidden by its person
    with pytest.raises(services.WorkflowError, match="Withdraw Visible Person first"):
        services.journalist_merge(survivor=survivor, duplicate=duplicate, by=editor)
    hidden.refresh_from_db()
    assert hidden.journalist == duplicate
    assert Journalist.objects.filter(pk=duplicate.pk).exists()
    text = public_text(survivor)
    assert "Hidden Name" not in text and "Hidden Alias" not in text and "Hidden Place" not in text
    assert Client().get("/journalists/hidden-slug/").status_code == 404


@pytest.mark.django_db
def test_merging_an_unpublished_duplicate_into_a_withdrawn_survivor_shows_nothing_until_review(editor):
    survivor = JournalistFactory(name="Visible Person", slug="visible-person", publication_state="withdrawn")
    duplicate = JournalistFactory(name="Hidden Name", slug="hidden-slug", publication_state="withdrawn")
    hidden = DetentionFactory(journalist=duplicate, place="Hidden Place")
    services.journalist_merge(survivor=survivor, duplicate=duplicate, by=editor)
    hidden.refresh_from_db()
    assert hidden.journalist == survivor and hidden.publication_state == "published"
    assert not public.snapshot_at().detentions().filter(detention_id=hidden.pk).exists()
    assert Client().get("/journalists/hidden-slug/").status_code == 404  # the slug is retired, not public
    assert RetiredSlug.objects.get(slug="hidden-slug").journalist == survivor


@pytest.mark.django_db
def test_a_moved_draft_detention_stays_hidden_under_a_published_survivor(editor):
    survivor = JournalistFactory(name="Visible Person", slug="visible-person")
    duplicate = JournalistFactory(name="Other Spelling", slug="other-spelling")
    draft = DetentionFactory(journalist=duplicate, publication_state="draft", place="Draft Place")
    services.journalist_merge(survivor=survivor, duplicate=duplicate, by=editor)
    draft.refresh_from_db()
    assert draft.journalist == survivor and draft.publication_state == "draft"
    assert not public.snapshot_at().detentions().filter(detention_id=draft.pk).exists()
    assert "Draft Place" not in public_text(survivor)


@pytest.mark.django_db
def test_the_admin_says_why_an_unpublished_duplicate_is_not_merged(editor):
    survivor = JournalistFactory(name="Visible Person")
    duplicate = JournalistFactory(name="Hidden Name", publication_state="withdrawn")
    client = Client()
    client.force_login(editor)
    response = client.post(
        reverse("admin:cases_journalist_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [survivor.pk, duplicate.pk],
            "survivor": survivor.pk,
            "apply_merge": "1",
        },
        follow=True,
    )
    assert "Withdraw Visible Person first" in response.text
    assert Journalist.objects.filter(pk=duplicate.pk).exists()
