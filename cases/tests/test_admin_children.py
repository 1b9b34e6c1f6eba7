"""
The records inside a journalist or detention (charges, events, status changes,
citations) follow their owner: a researcher adds, changes or deletes them while
the owner is a draft or published (the change then waits for review, and the
public keeps the published version), never while it is in review or withdrawn,
whether the record is saved on its own page or in an inline, and whichever owner
it is moved to. An event cites only its own detention's charges.
"""

import pytest
from django.urls import reverse

from cases import public
from cases.models import Charge, ChargeStatusChange, Event, PublicationState

from .curation import client_for, draft_case
from .factories import ChargeFactory, EventFactory

DRAFT, PUBLISHED, IN_REVIEW, WITHDRAWN = (
    PublicationState.DRAFT,
    PublicationState.PUBLISHED,
    PublicationState.IN_REVIEW,
    PublicationState.WITHDRAWN,
)


def published_document(detention):
    return public.snapshot_at().detentions().get(detention_id=detention.pk).document


def status_of(detention):
    detention.refresh_from_db()
    return detention.status_string


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
@pytest.mark.parametrize("state", [IN_REVIEW, WITHDRAWN])
@pytest.mark.parametrize(("role", "added"), [("researcher", False), ("editor", True)])
def test_only_an_editor_adds_a_charge_to_a_detention_in_review_or_withdrawn(request, role, added, state):
    locked = draft_case(state)
    response = client_for(request.getfixturevalue(role)).post(reverse("admin:cases_charge_add"), charge_data(locked))
    assert Charge.objects.filter(detention=locked).exists() == added
    if not added:
        assert response.status_code == 200
        assert "Only an editor may add to or change a record in review or withdrawn" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "added"), [("researcher", False), ("editor", True)])
def test_only_an_editor_adds_an_event_to_a_detention_in_review(request, role, added):
    locked = draft_case(IN_REVIEW)
    client_for(request.getfixturevalue(role)).post(reverse("admin:cases_event_add"), event_data(locked))
    assert Event.objects.filter(detention=locked).exists() == added


@pytest.mark.django_db
def test_a_researcher_still_adds_charges_and_events_to_a_draft(researcher):
    draft = draft_case(DRAFT)
    client = client_for(researcher)
    assert client.post(reverse("admin:cases_charge_add"), charge_data(draft)).status_code == 302
    assert client.post(reverse("admin:cases_event_add"), event_data(draft)).status_code == 302
    assert draft.charges.count() == 1 and draft.events.count() == 1
    assert status_of(draft) == "draft"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["researcher", "editor"])
def test_a_charge_and_an_event_added_to_a_published_detention_wait_for_review(request, role):
    published = draft_case(PUBLISHED)
    client = client_for(request.getfixturevalue(role))
    assert client.post(reverse("admin:cases_charge_add"), charge_data(published)).status_code == 302
    assert client.post(reverse("admin:cases_event_add"), event_data(published)).status_code == 302
    assert published.charges.count() == 1 and published.events.count() == 1
    assert status_of(published) == "published, changes pending"
    # The public still sees the detention as it was published.
    assert published_document(published)["charges"] == [] and published_document(published)["events"] == []


@pytest.mark.django_db
def test_a_researcher_cannot_move_a_draft_charge_to_a_detention_in_review(researcher):
    draft, locked = draft_case(DRAFT), draft_case(IN_REVIEW)
    charge = ChargeFactory(detention=draft)
    url = reverse("admin:cases_charge_change", args=[charge.pk])
    client_for(researcher).post(url, charge_data(locked, charge))
    charge.refresh_from_db()
    assert charge.detention == draft


@pytest.mark.django_db
def test_a_researcher_cannot_move_a_draft_event_to_a_detention_in_review(researcher):
    draft, locked = draft_case(DRAFT), draft_case(IN_REVIEW)
    event = EventFactory(detention=draft)
    url = reverse("admin:cases_event_change", args=[event.pk])
    client_for(researcher).post(url, event_data(locked, event))
    event.refresh_from_db()
    assert event.detention == draft


@pytest.mark.django_db
def test_a_researcher_cannot_move_the_charge_of_a_detention_in_review_to_a_draft(researcher):
    draft, locked = draft_case(DRAFT), draft_case(IN_REVIEW)
    charge = ChargeFactory(detention=locked)
    url = reverse("admin:cases_charge_change", args=[charge.pk])
    assert client_for(researcher).post(url, charge_data(draft, charge)).status_code == 403
    charge.refresh_from_db()
    assert charge.detention == locked


@pytest.mark.django_db
def test_moving_a_charge_off_a_published_detention_leaves_it_with_changes_pending(researcher):
    draft, published = draft_case(DRAFT), draft_case(PUBLISHED)
    charge = ChargeFactory(detention=published)
    url = reverse("admin:cases_charge_change", args=[charge.pk])
    assert client_for(researcher).post(url, charge_data(draft, charge)).status_code == 302
    charge.refresh_from_db()
    assert charge.detention == draft
    assert status_of(published) == "published, changes pending"
    assert [item["id"] for item in published_document(published)["charges"]] == [charge.pk]


@pytest.mark.django_db
def test_a_researcher_cannot_add_a_status_change_to_a_charge_of_a_detention_in_review(researcher):
    charge = ChargeFactory(detention=draft_case(IN_REVIEW))
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
def test_a_researcher_records_a_dropped_charge_on_a_published_detention_for_review(researcher):
    charge = ChargeFactory(detention=draft_case(PUBLISHED))
    url = reverse("admin:cases_charge_change", args=[charge.pk])
    data = charge_data(charge.detention, charge) | {
        "status_history-TOTAL_FORMS": "1",
        "status_history-0-status": "dropped",
        "status_history-0-on": "2024-02-01",
        "status_history-0-note": "",
    }
    assert client_for(researcher).post(url, data).status_code == 302
    assert ChargeStatusChange.objects.filter(charge=charge, status="dropped").exists()
    assert status_of(charge.detention) == "published, changes pending"
    (published_charge,) = published_document(charge.detention)["charges"]
    assert published_charge["status_history"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "editable"), [(DRAFT, True), (PUBLISHED, True), (IN_REVIEW, False), (WITHDRAWN, False)]
)
def test_the_inlines_of_a_detention_are_editable_for_a_researcher_unless_in_review_or_withdrawn(
    researcher, state, editable
):
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
    assert "This charge belongs to another case" in response.text
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
