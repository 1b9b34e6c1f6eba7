"""History: who changed what and when, a readable diff, and revert to an earlier version."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cases import public, services
from cases.models import Detention, Journalist, PublicationState, RetiredSlug

from .curation import client_for, draft_case
from .factories import JournalistFactory
from .test_admin_roles import detention_form_data


@pytest.mark.django_db
def test_history_shows_who_changed_which_field_from_what_to_what(researcher, editor):
    detention = draft_case()
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    client_for(researcher).post(url, detention_form_data(detention) | {"place": "Baku"})
    detention.refresh_from_db()
    client_for(researcher).post(url, detention_form_data(detention) | {"place": "Ganja"})
    services.detention_submit(detention=detention, by=researcher)

    page = client_for(editor).get(reverse("admin:cases_detention_history", args=[detention.pk])).text
    assert "researcher" in page
    assert "Baku" in page and "Ganja" in page
    assert "place" in page
    assert "submitted for review" in page


@pytest.mark.django_db
def test_revert_restores_an_earlier_version_and_records_it(researcher):
    detention = draft_case(place="Baku")
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    client = client_for(researcher)
    client.post(url, detention_form_data(detention) | {"place": "Ganja", "arrested": "2023-11"})
    detention.refresh_from_db()
    assert detention.place == "Ganja"
    original = detention.history.earliest()

    revert_url = reverse("admin:cases_detention_simple_history", args=[detention.pk, original.history_id])
    form = client.get(revert_url)
    assert form.status_code == 200
    assert 'value="Baku"' in form.text
    # Post the old version as the revert form shows it.
    old = original.instance
    response = client.post(revert_url, detention_form_data(old) | {"version": original.version})
    assert response.status_code == 302

    detention.refresh_from_db()
    assert detention.place == "Baku"
    assert detention.arrested == old.arrested
    assert detention.history.count() == 3
    assert detention.history.first().history_user == researcher


@pytest.mark.django_db
def test_a_revert_moves_the_version_forward_so_old_forms_stay_stale(researcher):
    detention = draft_case(place="Baku")
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    client = client_for(researcher)
    client.post(url, detention_form_data(detention) | {"place": "Ganja"})
    detention.refresh_from_db()
    opened_at_second_version = detention_form_data(detention)
    original = detention.history.earliest()
    revert_url = reverse("admin:cases_detention_simple_history", args=[detention.pk, original.history_id])
    client.post(revert_url, detention_form_data(original.instance) | {"version": original.version})

    response = client.post(url, opened_at_second_version | {"place": "Sumgait"})
    assert response.status_code == 200
    assert Detention.objects.get(pk=detention.pk).place == "Baku"


@pytest.mark.django_db
def test_a_revert_does_not_change_the_publication_state(editor):
    detention = draft_case(PublicationState.IN_REVIEW)
    original = detention.history.earliest()
    services.detention_publish(detention=detention, by=editor)
    revert_url = reverse("admin:cases_detention_simple_history", args=[detention.pk, original.history_id])
    client_for(editor).post(revert_url, detention_form_data(original.instance) | {"version": original.version})
    detention.refresh_from_db()
    # Not back in review: still published, the reverted place a change pending like any other.
    assert detention.place == "Baku"
    assert detention.is_published
    assert detention.status_string == "published, changes pending"
    assert public.snapshot_at().detentions().get(detention_id=detention.pk).document["place"] == ""


def journalist_form_data(journalist, **changes):
    return {
        "name": journalist.name,
        "slug": journalist.slug,
        "gender": journalist.gender,
        "role": journalist.role,
        "version": journalist.version,
        **{
            f"{p}-{k}": "0"
            for p in ("aliases", "affiliations", "citations", "detentions")
            for k in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
        **changes,
    }


@pytest.mark.django_db
def test_reverting_a_slug_change_retires_the_newer_slug_and_returns_the_older(editor):
    journalist = JournalistFactory(slug="first-slug")
    first = journalist.history.earliest()
    client = client_for(editor)
    change_url = reverse("admin:cases_journalist_change", args=[journalist.pk])
    assert client.post(change_url, journalist_form_data(journalist, slug="second-slug")).status_code == 302
    assert RetiredSlug.objects.filter(slug="first-slug").exists()

    revert_url = reverse("admin:cases_journalist_simple_history", args=[journalist.pk, first.history_id])
    assert client.post(revert_url, journalist_form_data(first.instance, version=first.version)).status_code == 302

    journalist.refresh_from_db()
    assert journalist.slug == "first-slug"
    # The slug left behind redirects and is never reused; the one returned to is the journalist's again.
    assert Journalist.objects.slug_now("second-slug") == "first-slug"
    # The public never saw the second slug, and sees the redirect once the change is published.
    assert Client().get("/journalists/second-slug/").status_code == 404
    assert journalist.status_string == "published, changes pending"
    services.journalist_submit(journalist=journalist, by=editor)
    services.journalist_publish(journalist=journalist, by=editor)
    assert Client().get("/journalists/second-slug/").headers["Location"] == "/journalists/first-slug/"
    assert not RetiredSlug.objects.filter(slug="first-slug").exists()
    assert Client().get("/journalists/first-slug/").status_code == 200
    with pytest.raises(ValidationError):
        JournalistFactory.build(slug="second-slug").full_clean()
