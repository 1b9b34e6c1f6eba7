"""No lost edits: the second of two saves of the same record is refused and keeps what was typed."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import Charge, Detention, PublicationState

from .curation import client_for, draft_case
from .factories import ChargeFactory, SourceFactory, staff_user
from .test_admin_roles import detention_form_data


@pytest.mark.django_db
def test_the_second_of_two_saves_is_refused_and_keeps_what_was_typed(researcher):
    detention = draft_case()
    other = staff_user("researcher", username="second_researcher")
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    opened = detention_form_data(detention)  # both open the form at the same version

    first = client_for(researcher).post(url, opened | {"place": "Baku"})
    assert first.status_code == 302
    second = client_for(other).post(url, opened | {"place": "Ganja", "summary_en": "Typed with care."})

    assert second.status_code == 200
    assert "was changed by researcher" in second.text
    assert "your changes were not saved" in second.text
    assert "Typed with care." in second.text
    assert 'value="Ganja"' in second.text
    detention.refresh_from_db()
    assert detention.place == "Baku"


@pytest.mark.django_db
def test_a_save_after_reloading_goes_through(researcher):
    detention = draft_case()
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    client = client_for(researcher)
    client.post(url, detention_form_data(detention) | {"place": "Baku"})
    detention.refresh_from_db()
    response = client.post(url, detention_form_data(detention) | {"place": "Ganja"})
    assert response.status_code == 302
    detention.refresh_from_db()
    assert detention.place == "Ganja"


@pytest.mark.django_db
def test_a_workflow_step_in_between_does_not_refuse_a_save_of_other_fields(researcher, editor):
    # The send-back moved the version on but changed nothing the form holds: no false alarm.
    detention = draft_case(PublicationState.IN_REVIEW)
    opened = detention_form_data(detention)
    services.detention_send_back(detention=detention, by=editor, comment="Check the place.")
    detention.refresh_from_db()
    assert detention.publication_state == PublicationState.DRAFT
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    response = client_for(researcher).post(url, opened | {"place": "Sumgait"})
    assert response.status_code == 302
    detention.refresh_from_db()
    assert detention.place == "Sumgait"
    assert detention.publication_state == PublicationState.DRAFT
    assert detention.review_comment == "Check the place."


@pytest.mark.django_db
def test_a_charge_changed_on_its_own_page_is_not_overwritten_from_the_detention_form(editor):
    detention = draft_case()
    charge = ChargeFactory(detention=detention, wording="smuggling")
    stale = {
        "charges-TOTAL_FORMS": "1",
        "charges-INITIAL_FORMS": "1",
        "charges-0-id": charge.pk,
        "charges-0-detention": detention.pk,
        "charges-0-statute": charge.statute_id,
        "charges-0-wording": "smuggling (old page)",
        "charges-0-category": charge.category,
        "charges-0-version": charge.version,
    }
    client = client_for(editor)
    charge_url = reverse("admin:cases_charge_change", args=[charge.pk])
    charge_page = {
        "detention": detention.pk,
        "statute": charge.statute_id,
        "wording": "smuggling of currency",
        "category": charge.category,
        "version": charge.version,
        **{f"{p}-{k}": "0" for p in ("status_history", "citations") for k in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }
    assert client.post(charge_url, charge_page).status_code == 302
    detention.refresh_from_db()
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    response = client.post(url, detention_form_data(detention) | stale)
    assert response.status_code == 200
    assert "your changes were not saved" in response.text
    assert Charge.objects.get(pk=charge.pk).wording == "smuggling of currency"


@pytest.mark.django_db
def test_sources_are_locked_too(editor):
    source = SourceFactory()
    url = reverse("admin:cases_source_change", args=[source.pk])
    data = {"url": source.url, "title": "New title", "visibility": "public", "version": source.version}
    client = client_for(editor)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data | {"title": "Newer title"}).status_code == 200
    source.refresh_from_db()
    assert source.title == "New title"


@pytest.mark.django_db
def test_every_save_moves_the_version_forward():
    detention = draft_case()
    before = detention.version
    detention.save()
    assert Detention.objects.get(pk=detention.pk).version == before + 1
