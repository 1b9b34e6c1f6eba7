"""
Two people on the same record: a save that changes other fields than the
first person's goes through with both changes kept; one that changes the same
field is refused, saying what the other person changed, and saving again from
the refused form keeps what was typed.
"""

import html
import re

import pytest
from django.urls import reverse

from cases import public
from cases.models import Charge, Detention, DetentionStatus, Medium, PublicationState, ReleaseReason

from .curation import client_for, draft_case
from .factories import ChargeFactory, staff_user
from .test_admin_roles import detention_form_data
from .test_history import journalist_form_data
from .test_review_of_changes import published_case


def as_opened(detention):
    """Return the detention form as it opens on ``detention`` (its stored values, its version)."""
    return detention_form_data(detention) | {
        "place": detention.place,
        "authority": detention.authority,
        "summary_en": detention.summary,
        "release_reason": detention.release_reason,
        "internal_notes": detention.internal_notes,
    }


def words(response):
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.text)).split())


def resubmitted(response):
    """Return the data the refused page sends when saved again as it is shown (each inline row shows its own)."""
    form = response.context["adminform"].form
    data = {key: form.data.getlist(key) for key in form.data}
    for inline in response.context["inline_admin_formsets"]:
        for row in inline.formset.forms:
            data |= {key: row.data.getlist(key) for key in row.data if key.startswith(f"{row.prefix}-")}
    return data


@pytest.fixture
def other(db):
    return staff_user("researcher", username="second_researcher")


@pytest.mark.django_db
def test_the_refusal_names_what_the_other_person_changed_with_its_values(researcher, other):
    detention = draft_case()
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    opened = as_opened(detention)
    first = client_for(researcher).post(
        url,
        opened
        | {
            "place": "Ganja",
            "status": DetentionStatus.RELEASED,
            "release_reason": ReleaseReason.HOUSE_ARREST,
            "released": "2025-03",
        },
    )
    assert first.status_code == 302

    refused = client_for(other).post(url, opened | {"place": "Sumgait", "summary_en": "Typed with care."})
    assert refused.status_code == 200
    message = words(refused)
    assert "was changed by researcher" in message
    assert "your changes were not saved" in message
    assert "Place: — → Ganja" in message
    assert "Status: in pretrial detention → released" in message
    assert "Release reason: — → moved to house arrest" in message
    assert "Released: — → March 2025" in message
    assert "You changed Place too" in message
    assert "house_arrest" not in message.split("your changes were not saved")[1].split("You changed")[0]
    detention.refresh_from_db()
    assert (detention.place, detention.summary) == ("Ganja", "")


@pytest.mark.django_db
def test_saving_again_from_the_refused_form_saves_what_was_typed_and_keeps_their_other_changes(researcher, other):
    detention = draft_case()
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    opened = as_opened(detention)
    client_for(researcher).post(url, opened | {"place": "Ganja", "status": DetentionStatus.RELEASED})
    refused = client_for(other).post(url, opened | {"place": "Sumgait", "summary_en": "Typed with care."})
    assert refused.status_code == 200
    # The refused form shows the other person's status, and carries the version they saved.
    assert 'value="released" selected' in refused.text

    retried = client_for(other).post(url, resubmitted(refused))
    assert retried.status_code == 302
    detention.refresh_from_db()
    assert detention.place == "Sumgait"
    assert detention.summary == "Typed with care."
    assert detention.status == DetentionStatus.RELEASED


@pytest.mark.django_db
def test_two_saves_of_different_fields_are_merged_and_both_kept_with_their_history(researcher, other):
    detention = published_case()
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    opened = as_opened(detention)
    assert client_for(researcher).post(url, opened | {"place": "Ganja"}).status_code == 302

    merged = client_for(other).post(url, opened | {"summary_en": "Moved to house arrest in March."}, follow=True)
    assert merged.status_code == 200
    assert "saved together with the changes researcher made meanwhile (Place: Ganja)" in words(merged)
    detention.refresh_from_db()
    assert detention.place == "Ganja"
    assert detention.summary == "Moved to house arrest in March."
    # Still a published case with changes pending; the public sees the published version.
    assert detention.status_string == "published, changes pending"
    assert public.snapshot_at().detentions().get(detention_id=detention.pk).document["place"] == "Baku"
    by_whom = [
        (row.history_user.username, row.place, row.summary)
        for row in detention.history.filter(history_user__isnull=False).order_by("history_date")
        if row.history_change_reason is None
    ]
    assert by_whom == [
        ("researcher", "Ganja", "Held since November."),
        ("second_researcher", "Ganja", "Moved to house arrest in March."),
    ]


@pytest.mark.django_db
def test_a_charge_row_of_the_case_form_merges_with_a_change_on_the_charges_own_page(editor):
    detention = draft_case()
    charge = ChargeFactory(detention=detention, wording="smuggling")
    opened_row = {
        "charges-TOTAL_FORMS": "1",
        "charges-INITIAL_FORMS": "1",
        "charges-0-id": charge.pk,
        "charges-0-detention": detention.pk,
        "charges-0-statute": charge.statute_id,
        "charges-0-wording": "smuggling",
        "charges-0-category": charge.category,
        "charges-0-version": charge.version,
    }
    charge_page = {
        "detention": detention.pk,
        "statute": charge.statute_id,
        "wording": "smuggling of currency",
        "category": charge.category,
        "version": charge.version,
        **{f"{p}-{k}": "0" for p in ("status_history", "citations") for k in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }
    client = client_for(editor)
    opened = as_opened(detention)
    assert client.post(reverse("admin:cases_charge_change", args=[charge.pk]), charge_page).status_code == 302

    url = reverse("admin:cases_detention_change", args=[detention.pk])
    response = client.post(url, opened | opened_row | {"charges-0-category": "false_news"})
    assert response.status_code == 302
    charge.refresh_from_db()
    assert (charge.wording, charge.category) == ("smuggling of currency", "false_news")


@pytest.mark.django_db
def test_a_refusal_of_a_charge_row_names_the_other_change_and_a_retry_saves_it(editor):
    detention = draft_case()
    charge = ChargeFactory(detention=detention, wording="smuggling")
    opened = as_opened(detention) | {
        "charges-TOTAL_FORMS": "1",
        "charges-INITIAL_FORMS": "1",
        "charges-0-id": charge.pk,
        "charges-0-detention": detention.pk,
        "charges-0-statute": charge.statute_id,
        "charges-0-wording": "smuggling",
        "charges-0-category": charge.category,
        "charges-0-version": charge.version,
    }
    stored = Charge.objects.get(pk=charge.pk)
    stored.wording = "smuggling of currency"
    stored.save()

    client = client_for(editor)
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    refused = client.post(url, opened | {"charges-0-wording": "smuggling by a group"})
    assert refused.status_code == 200
    assert "Wording as reported: smuggling → smuggling of currency" in words(refused)
    assert f'name="charges-0-version" value="{charge.version + 1}"' in refused.text
    assert Charge.objects.get(pk=charge.pk).wording == "smuggling of currency"

    data = resubmitted(refused)
    assert data["charges-0-wording"] == ["smuggling by a group"]
    assert client.post(url, data).status_code == 302
    assert Charge.objects.get(pk=charge.pk).wording == "smuggling by a group"
    assert Detention.objects.get(pk=detention.pk).publication_state == PublicationState.DRAFT


@pytest.mark.django_db
def test_a_journalists_mediums_and_biography_changed_by_two_people_are_both_kept(researcher, other):
    journalist = draft_case().journalist
    television, radio = Medium.objects.order_by("pk")[:2]
    url = reverse("admin:cases_journalist_change", args=[journalist.pk])
    opened = journalist_form_data(journalist, biography_en="")
    assert client_for(researcher).post(url, opened | {"mediums": [television.pk]}).status_code == 302

    assert client_for(other).post(url, opened | {"biography_en": "Reports on courts."}).status_code == 302
    journalist.refresh_from_db()
    assert journalist.biography == "Reports on courts."
    assert list(journalist.mediums.all()) == [television]

    # The same m2m changed by both: refused, naming the other's choice.
    journalist.refresh_from_db()
    opened = journalist_form_data(journalist, biography_en=journalist.biography, mediums=[television.pk])
    assert client_for(researcher).post(url, opened | {"mediums": [radio.pk]}).status_code == 302
    refused = client_for(other).post(url, opened | {"mediums": [television.pk, radio.pk]})
    assert refused.status_code == 200
    assert f"Mediums: {television} → {radio}" in words(refused)
