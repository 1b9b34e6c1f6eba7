"""
The records inside a journalist or detention (charges, events, status changes,
citations) follow their owner: a researcher adds, changes or deletes them only
while the owner is a draft, whether the record is saved on its own page or in an
inline, and whichever owner it is moved to. An event cites only its own
detention's charges.
"""

import pytest
from django.urls import reverse

from cases.models import Charge, ChargeStatusChange, Event, PublicationState

from .curation import client_for, draft_case
from .factories import ChargeFactory, EventFactory

DRAFT, PUBLISHED = PublicationState.DRAFT, PublicationState.PUBLISHED


def charge_data(detention, charge=None, **extra):
    return {
        "detention": detention.pk,
        "statute": "",
        "wording": "smuggling",
        "category": "anti_state",
        "version": charge.version if charge else "",
        **{
            f"{prefix}-{key}": "0"
            for prefix in ("status_history", "citations")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
        **extra,
    }


def event_data(detention, event=None, **extra):
    return {
        "detention": detention.pk,
        "kind": "hearing",
        "on": "2024-01-15",
        "description": "A hearing",
        "court": "",
        "stage": "",
        "charge": "",
        "term_months": "",
        "fine_amount": "",
        "fine_currency": "",
        "other_penalties": "",
        "version": event.version if event else "",
        **extra,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "added"), [("researcher", False), ("editor", True)])
def test_only_an_editor_adds_a_charge_to_a_published_detention(request, role, added):
    published = draft_case(PUBLISHED)
    response = client_for(request.getfixturevalue(role)).post(reverse("admin:cases_charge_add"), charge_data(published))
    assert Charge.objects.filter(detention=published).exists() == added
    if not added:
        assert response.status_code == 200
        assert "Only an editor may add to or change a record that is not a draft" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "added"), [("researcher", False), ("editor", True)])
def test_only_an_editor_adds_an_event_to_a_published_detention(request, role, added):
    published = draft_case(PUBLISHED)
    client_for(request.getfixturevalue(role)).post(reverse("admin:cases_event_add"), event_data(published))
    assert Event.objects.filter(detention=published).exists() == added


@pytest.mark.django_db
def test_a_researcher_still_adds_charges_and_events_to_a_draft(researcher):
    draft = draft_case(DRAFT)
    client = client_for(researcher)
    assert client.post(reverse("admin:cases_charge_add"), charge_data(draft)).status_code == 302
    assert client.post(reverse("admin:cases_event_add"), event_data(draft)).status_code == 302
    assert draft.charges.count() == 1 and draft.events.count() == 1


@pytest.mark.django_db
def test_a_researcher_cannot_move_a_draft_charge_to_a_published_detention(researcher):
    draft, published = draft_case(DRAFT), draft_case(PUBLISHED)
    charge = ChargeFactory(detention=draft)
    url = reverse("admin:cases_charge_change", args=[charge.pk])
    client_for(researcher).post(url, charge_data(published, charge))
    charge.refresh_from_db()
    assert charge.detention == draft


@pytest.mark.django_db
def test_a_researcher_cannot_move_a_draft_event_to_a_published_detention(researcher):
    draft, published = draft_case(DRAFT), draft_case(PUBLISHED)
    event = EventFactory(detention=draft)
    url = reverse("admin:cases_event_change", args=[event.pk])
    client_for(researcher).post(url, event_data(published, event))
    event.refresh_from_db()
    assert event.detention == draft


@pytest.mark.django_db
def test_a_researcher_cannot_move_a_published_detentions_charge_to_a_draft(researcher):
    draft, published = draft_case(DRAFT), draft_case(PUBLISHED)
    charge = ChargeFactory(detention=published)
    url = reverse("admin:cases_charge_change", args=[charge.pk])
    assert client_for(researcher).post(url, charge_data(draft, charge)).status_code == 403
    charge.refresh_from_db()
    assert charge.detention == published


@pytest.mark.django_db
def test_a_researcher_cannot_add_a_status_change_to_a_charge_of_a_published_detention(researcher):
    charge = ChargeFactory(detention=draft_case(PUBLISHED))
    url = reverse("admin:cases_charge_change", args=[charge.pk])
    data = charge_data(charge.detention, charge) | {
        "status_history-TOTAL_FORMS": "1",
        "status_history-0-status": "dropped",
        "status_history-0-on": "2024-02-01",
        "status_history-0-note": "",
    }
    client_for(researcher).post(url, data)
    assert not ChargeStatusChange.objects.filter(charge=charge).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "editable"), [(DRAFT, True), (PUBLISHED, False)])
def test_the_inlines_of_a_detention_are_editable_for_a_researcher_only_on_a_draft(researcher, state, editable):
    detention = draft_case(state)
    ChargeFactory(detention=detention)
    response = client_for(researcher).get(reverse("admin:cases_detention_change", args=[detention.pk]))
    assert response.status_code == 200
    inlines = response.context["inline_admin_formsets"]
    assert len(inlines) == 3  # charges, events, citations
    for inline in inlines:
        assert inline.has_add_permission == editable
        assert inline.has_change_permission == editable
        assert inline.has_delete_permission == editable


@pytest.mark.django_db
def test_an_event_cannot_cite_a_charge_of_another_detention(researcher):
    draft, other = draft_case(DRAFT), draft_case(DRAFT)
    foreign = ChargeFactory(detention=other)
    response = client_for(researcher).post(reverse("admin:cases_event_add"), event_data(draft, charge=foreign.pk))
    assert response.status_code == 200
    assert "This charge belongs to another detention" in response.text
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_an_event_cites_a_charge_of_its_own_detention(researcher):
    draft = draft_case(DRAFT)
    own = ChargeFactory(detention=draft)
    response = client_for(researcher).post(reverse("admin:cases_event_add"), event_data(draft, charge=own.pk))
    assert response.status_code == 302
    assert Event.objects.get().charge == own


@pytest.mark.django_db
def test_the_model_refuses_an_event_citing_another_detentions_charge():
    from django.core.exceptions import ValidationError

    event = EventFactory.build(detention=draft_case(DRAFT), charge=ChargeFactory(detention=draft_case(DRAFT)))
    with pytest.raises(ValidationError, match="another detention"):
        event.full_clean()
