"""
The review of changes to published cases (DESIGN.md §4): a researcher changes
a published case in the admin, the public keeps its published version, the
change goes to review, and the editor sees the two side by side, field by field.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import review, services
from cases.models import (
    ChargeStatus,
    Citation,
    Detention,
    DetentionStatus,
    Journalist,
    PublicationState,
    Release,
    Statute,
)

from .admin_forms import save_change_form
from .curation import client_for
from .factories import (
    AliasFactory,
    ChargeFactory,
    ChargeStatusChangeFactory,
    CitationFactory,
    DetentionFactory,
    EventFactory,
    SourceFactory,
    StatuteFactory,
    one_release,
)


def published_case(charges=1):
    """Return a published detention with charges (206.3.2 first), each pending since 21 November 2023, an event and a source."""
    with one_release():
        detention = DetentionFactory(summary="Held since November.", place="Baku")
        for number in range(charges):
            article = "206.3.2" if number == 0 else f"30{number}.1"
            statute = Statute.objects.filter(article=article).first() or StatuteFactory(article=article)
            charge = ChargeFactory(detention=detention, statute=statute)
            ChargeStatusChangeFactory(charge=charge, status=ChargeStatus.PENDING)
            CitationFactory(charge=charge, claim="the charge")
        EventFactory(detention=detention)
        CitationFactory(detention=detention, source=SourceFactory(title="Reporter arrested"), claim="the arrest")
    detention.refresh_from_db()
    return detention


def change_url(record):
    return reverse(f"admin:cases_{record._meta.model_name}_change", args=[record.pk])


def review_url(record):
    return reverse(f"admin:cases_{record._meta.model_name}_review", args=[record.pk])


def workflow_url(record, step):
    return reverse(f"admin:cases_{record._meta.model_name}_workflow", args=[record.pk, step])


def public_detention(client, detention):
    response = client.get(f"/api/v1/detentions/{detention.pk}/")
    assert response.status_code == 200
    return response.json()


def status_of(record):
    record.refresh_from_db()
    return str(record.status_string)


def submit(detention, researcher):
    detention.refresh_from_db()
    services.detention_submit(detention=detention, by=researcher)


def record_a_release(researcher, detention):
    """As the researcher in the admin: the charge convicted on 20 June 2025, the person released that day."""
    charge = detention.charges.get(statute__article="206.3.2")
    response = save_change_form(
        researcher,
        change_url(charge),
        {
            "status_history-1-status": ChargeStatus.CONVICTED,
            "status_history-1-on": "2025-06-20",
            "status_history-1-note": "sentence suspended",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    response = save_change_form(
        researcher,
        change_url(detention),
        {"released": "2025-06-20", "status": DetentionStatus.RELEASED, "release_reason": "served"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors


# Researchers change published cases; the public keeps the published version.


@pytest.mark.django_db
def test_a_published_detention_opens_editable_for_a_researcher(researcher):
    detention = published_case()
    page = client_for(researcher).get(change_url(detention))
    assert page.status_code == 200
    assert 'name="_save"' in page.text
    assert "State: <strong>published</strong>" in page.text


@pytest.mark.django_db
def test_a_researchers_change_to_a_published_case_is_pending_and_not_public(client, researcher):
    detention = published_case()
    before = public_detention(client, detention)
    record_a_release(researcher, detention)
    assert status_of(detention) == "published, changes pending"
    assert public_detention(client, detention) == before
    page = client_for(researcher).get(change_url(detention))
    assert "published, changes pending" in page.text
    assert "The public sees the last published version" in page.text


@pytest.mark.django_db
def test_a_status_row_on_the_charge_page_makes_its_detention_pending(researcher):
    detention = published_case()
    charge = detention.charges.get()
    response = save_change_form(
        researcher, change_url(charge), {"status_history-1-status": "dropped", "status_history-1-on": "2024-02"}
    )
    assert response.status_code == 302
    assert status_of(detention) == "published, changes pending"


@pytest.mark.django_db
def test_deleting_a_charge_on_its_own_page_makes_its_detention_pending(researcher):
    detention = published_case(charges=2)
    charge = detention.charges.exclude(statute__article="206.3.2").get()
    url = reverse("admin:cases_charge_delete", args=[charge.pk])
    response = client_for(researcher).post(url, {"post": "yes"})
    assert response.status_code == 302
    assert status_of(detention) == "published, changes pending"


@pytest.mark.django_db
def test_an_alias_added_inline_makes_the_journalist_pending_and_not_their_detention(researcher):
    detention = published_case()
    journalist = detention.journalist
    response = save_change_form(researcher, change_url(journalist), {"aliases-0-name": "Another Spelling"})
    assert response.status_code == 302
    assert status_of(journalist) == "published, changes pending"
    assert status_of(detention) == "published"


@pytest.mark.django_db
def test_an_internal_note_leaves_a_published_case_published(researcher):
    detention = published_case()
    response = save_change_form(researcher, change_url(detention), {"internal_notes": "call the lawyer"})
    assert response.status_code == 302
    assert status_of(detention) == "published"


@pytest.mark.django_db
def test_undoing_a_change_makes_the_case_published_again(researcher):
    detention = published_case()
    save_change_form(researcher, change_url(detention), {"place": "Ganja"})
    assert status_of(detention) == "published, changes pending"
    save_change_form(researcher, change_url(detention), {"place": "Baku"})
    assert status_of(detention) == "published"


@pytest.mark.django_db
def test_lists_and_the_journalist_page_say_published_changes_pending(researcher):
    detention = published_case()
    save_change_form(researcher, change_url(detention), {"place": "Ganja"})
    client = client_for(researcher)
    listing = client.get(reverse("admin:cases_detention_changelist"))
    assert "published, changes pending" in listing.text
    pending = client.get(reverse("admin:cases_detention_changelist"), {"publication": "changes_pending"})
    assert list(pending.context["cl"].result_list) == [detention]
    published = client.get(reverse("admin:cases_detention_changelist"), {"publication": "published"})
    assert list(published.context["cl"].result_list) == []
    person = client.get(change_url(detention.journalist))
    assert "published, changes pending" in person.text  # the detention row of the journalist's page


# Submit, and the review page.


@pytest.mark.django_db
def test_submit_sends_the_pending_changes_of_a_published_case_to_review(researcher, editor):
    detention = published_case()
    record_a_release(researcher, detention)
    response = client_for(researcher).post(workflow_url(detention, "submit"))
    assert response.status_code == 302
    assert status_of(detention) == "published, changes in review"
    queue = client_for(editor).get(reverse("admin:index"))
    assert "published, changes in review" in queue.text
    assert review_url(detention) in queue.text


@pytest.mark.django_db
def test_the_review_page_shows_the_published_version_beside_the_working_record(researcher, editor):
    detention = published_case()
    record_a_release(researcher, detention)
    submit(detention, researcher)
    page = client_for(editor).get(review_url(detention))
    assert page.status_code == 200
    rows = {row.label: row for section in page.context["sections"] for row in section.rows}
    status = rows["Charge 206.3.2 › status on 20 June 2025"]
    assert (status.published, status.working, status.change) == ("", "convicted — sentence suspended", "added")
    assert (rows["released"].published, rows["released"].working) == ("", "20 June 2025")
    assert (rows["status"].published, rows["status"].working) == ("in pretrial detention", "released")
    assert (rows["release reason"].published, rows["release reason"].working) == ("", "sentence served")
    assert not rows["arrested"].changed
    assert rows["arrested"].working == "20 November 2023"
    assert page.context["changes"] == 4
    assert "Charge 206.3.2 › status on 20 June 2025" in page.text
    assert 'name="confirm_publish"' in page.text and 'name="confirm_send_back"' in page.text


@pytest.mark.django_db
def test_an_editor_publishes_from_the_review_page_with_a_public_note(client, researcher, editor):
    detention = published_case()
    record_a_release(researcher, detention)
    submit(detention, researcher)
    response = client_for(editor).post(review_url(detention), {"step": "publish", "note": "Released after 19 months."})
    assert response.status_code == 302
    assert status_of(detention) == "published"
    release = Release.objects.latest_release()
    assert release.note == "Released after 19 months." and release.published_by == editor
    shown = public_detention(client, detention)
    assert shown["status"] == "released"
    assert "2025-06-20" in str(shown)


@pytest.mark.django_db
def test_sending_back_from_the_review_page_needs_a_comment_and_returns_the_journalist_too(researcher, editor):
    detention = published_case()
    journalist = detention.journalist
    save_change_form(researcher, change_url(journalist), {"biography_en": "A reporter."})
    save_change_form(researcher, change_url(detention), {"place": "Ganja"})
    submit(detention, researcher)
    assert status_of(journalist) == "published, changes in review"
    editor_client = client_for(editor)
    page = editor_client.get(review_url(detention))
    assert [section.title for section in page.context["sections"]][1] == f"Journalist: {journalist.name}"

    refused = editor_client.post(review_url(detention), {"step": "send_back", "reason": "  "})
    assert refused.status_code == 200 and refused.context["steps"][1][1].errors
    assert status_of(detention) == "published, changes in review"

    editor_client.post(review_url(detention), {"step": "send_back", "reason": "Which court?"})
    assert status_of(detention) == "published, changes pending"
    assert status_of(journalist) == "published, changes pending"
    assert detention.review_comment == journalist.review_comment == "Which court?"


@pytest.mark.django_db
def test_a_researcher_sees_the_review_page_but_may_not_publish_from_it(researcher):
    detention = published_case()
    save_change_form(researcher, change_url(detention), {"place": "Ganja"})
    submit(detention, researcher)
    client = client_for(researcher)
    page = client.get(review_url(detention))
    assert page.status_code == 200 and "confirm_publish" not in page.text
    assert client.post(review_url(detention), {"step": "publish"}).status_code == 403
    assert status_of(detention) == "published, changes in review"


@pytest.mark.django_db
def test_an_outsider_cannot_see_the_review_page(outsider):
    detention = published_case()
    assert client_for(outsider).get(review_url(detention)).status_code == 403


@pytest.mark.django_db
def test_a_journalist_review_shows_aliases_outlets_mediums_and_sources(researcher, editor):
    detention = published_case()
    journalist = detention.journalist
    AliasFactory(journalist=journalist, name="Old Spelling")
    journalist.refresh_from_db()
    response = save_change_form(
        researcher,
        change_url(journalist),
        {"aliases-0-name": "New Spelling", "mediums": ["print"], "affiliations-0-outlet": ""},
    )
    assert response.status_code == 302
    page = client_for(editor).get(review_url(journalist))
    rows = {(row.label, row.published, row.working) for row in page.context["sections"][0].rows if row.changed}
    assert ("alias", "Old Spelling", "New Spelling") in rows
    assert ("mediums", "", "print") in rows


@pytest.mark.django_db
def test_the_review_page_makes_as_many_queries_for_one_charge_as_for_six(editor):
    def queries(detention):
        client = client_for(editor)
        client.get(review_url(detention))  # warm the session and content types
        with CaptureQueriesContext(connection) as captured:
            assert client.get(review_url(detention)).status_code == 200
        return len(captured)

    assert queries(published_case(charges=1)) == queries(published_case(charges=6))


# The comparison itself, on documents.


@pytest.mark.django_db
def test_a_removed_charge_reads_as_removed_with_its_status_and_source():
    detention = published_case(charges=2)
    published = services.published_document(detention)
    Detention.objects.get(pk=detention.pk).charges.exclude(statute__article="206.3.2").delete()
    rows = review.detention_rows(published, services.working_document(detention))
    removed = [row for row in rows if row.change == "removed"]
    assert {row.label for row in removed} == {
        "Charge 301.1 › statute",
        "Charge 301.1 › category",
        "Charge 301.1 › status on 21 November 2023",
        "Charge 301.1 › source",
    }
    assert all(row.working == "" for row in removed)
    assert [row.published for row in removed if row.label.endswith("category")] == ["anti-state"]


@pytest.mark.django_db
def test_a_changed_status_day_shows_both_days():
    detention = published_case()
    published = services.published_document(detention)
    Detention.objects.get(pk=detention.pk).charges.get().status_history.update(
        on_latest=datetime.date(2023, 12, 1), on_earliest=datetime.date(2023, 12, 1)
    )
    [row] = [row for row in review.detention_rows(published, services.working_document(detention)) if row.changed]
    assert (row.published, row.working) == ("21 November 2023: pending", "1 December 2023: pending")


@pytest.mark.django_db
def test_a_confidential_source_reads_as_such_on_both_sides():
    detention = published_case()
    # Made directly, not by a factory: a factory would publish it.
    Citation.objects.create(detention=detention, source=SourceFactory(visibility="confidential", title="SECRET"))
    rows = review.detention_rows(services.published_document(detention), services.working_document(detention))
    added = [row for row in rows if row.changed]
    assert [(row.label, row.published, row.working) for row in added] == [("source", "", "confidential source")]


@pytest.mark.django_db
def test_an_unpublished_detention_reads_as_all_added():
    detention = DetentionFactory(publication_state=PublicationState.DRAFT, journalist__publication_state="draft")
    rows = review.detention_rows(None, services.working_document(detention))
    assert rows and all(row.change == "added" for row in rows)


# Withdrawal asks for the staff reason and the public one.


@pytest.mark.django_db
def test_withdrawing_in_the_admin_keeps_the_reason_and_shows_only_the_public_one(client, editor):
    detention = published_case()
    url = workflow_url(detention, "withdraw")
    page = client_for(editor).get(url)
    assert 'name="public_reason"' in page.text
    missing = client_for(editor).post(url, {"reason": "duplicate of another record"})
    assert missing.status_code == 200 and missing.context["form"].errors["public_reason"]
    assert status_of(detention) == "published"

    client_for(editor).post(
        url, {"reason": "DUPLICATE-INTERNAL", "public_reason": "Recorded twice; see the other case."}
    )
    assert status_of(detention) == "withdrawn"
    assert detention.withdrawal_reason == "DUPLICATE-INTERNAL"
    gone = client.get(f"/api/v1/detentions/{detention.pk}/")
    assert gone.status_code == 410
    assert "Recorded twice; see the other case." in gone.text
    assert "DUPLICATE-INTERNAL" not in gone.text
    page = client.get(reverse("cases:journalist", kwargs={"slug": detention.journalist.slug}))
    assert "DUPLICATE-INTERNAL" not in page.text


@pytest.mark.django_db
def test_a_published_case_with_changes_pending_can_be_withdrawn(researcher, editor):
    detention = published_case()
    save_change_form(researcher, change_url(detention), {"place": "Ganja"})
    page = client_for(editor).get(change_url(detention))
    assert workflow_url(detention, "withdraw") in page.text
    client_for(editor).post(
        workflow_url(detention, "withdraw"), {"reason": "wrong person", "public_reason": "Not a journalist."}
    )
    assert status_of(detention) == "withdrawn"


@pytest.mark.django_db
def test_the_withdraw_list_action_asks_for_both_reasons(editor):
    detention = published_case()
    client = client_for(editor)
    data = {"action": "withdraw_selected", "_selected_action": [detention.pk], "apply_reason": "1", "reason": "x"}
    response = client.post(reverse("admin:cases_detention_changelist"), data)
    assert response.status_code == 200 and status_of(detention) == "published"
    client.post(reverse("admin:cases_detention_changelist"), {**data, "public_reason": "Withdrawn."})
    assert status_of(detention) == "withdrawn"
    assert Journalist.objects.get(pk=detention.journalist_id).live
