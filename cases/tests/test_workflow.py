"""The review workflow: submit, publish, send back, withdraw; services and the admin's buttons."""

import pytest
from django.test import Client
from django.urls import reverse

from cases import public, services
from cases.models import ChangeKind, Charge, Detention, PublicationState, Release, ReleaseChange

from .curation import draft_case
from .factories import ChargeFactory, JournalistFactory

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationState.DRAFT,
    PublicationState.IN_REVIEW,
    PublicationState.PUBLISHED,
    PublicationState.WITHDRAWN,
)


def workflow_url(detention, step):
    return reverse("admin:cases_detention_workflow", args=[detention.pk, step])


def published_ids():
    return set(public.snapshot_at().detentions().values_list("detention_id", flat=True))


def changes(release):
    found = ReleaseChange.objects.filter(release=release).values_list("kind", "journalist_id", "detention_id")
    return sorted(found, key=lambda change: (change[1], change[2] or 0))


@pytest.mark.django_db
def test_submitting_a_detention_submits_its_draft_journalist_too(researcher):
    detention = draft_case()
    services.detention_submit(detention=detention, by=researcher)
    detention.refresh_from_db()
    detention.journalist.refresh_from_db()
    assert detention.publication_state == IN_REVIEW
    assert detention.journalist.publication_state == IN_REVIEW


@pytest.mark.django_db
def test_publishing_publishes_the_journalist_in_review_alongside(editor):
    detention = draft_case(IN_REVIEW)
    assert published_ids() == set()
    services.detention_publish(detention=detention, by=editor, note="A new case.")
    release = Release.objects.latest_release()
    assert release.note == "A new case."
    assert published_ids() == {detention.pk}
    assert public.snapshot_at().journalists().filter(journalist_id=detention.journalist_id).exists()
    # One release: the person and the detention both added by it.
    assert changes(release) == [
        (ChangeKind.ADDED, detention.journalist_id, None),
        (ChangeKind.ADDED, detention.journalist_id, detention.pk),
    ]
    detention.refresh_from_db()
    assert detention.published_at == release.published_at
    assert detention.status_string == "published"
    assert detention.history.first().history_user == editor
    assert detention.history.first().history_change_reason == f"published in release {release.number}"


@pytest.mark.django_db
def test_publishing_refuses_listing_everything_missing(editor):
    detention = draft_case(IN_REVIEW, journalist_state=DRAFT, cited=False, arrest=None)
    with pytest.raises(services.WorkflowError) as refusal:
        services.detention_publish(detention=detention, by=editor)
    problems = " ".join(refusal.value.problems)
    assert "no arrest date" in problems
    assert "cites no public source" in problems
    assert f"journalist {detention.journalist.name} is draft" in problems
    detention.refresh_from_db()
    assert detention.publication_state == IN_REVIEW


@pytest.mark.django_db
def test_a_confidential_source_does_not_let_a_detention_be_published(editor):
    detention = draft_case(IN_REVIEW, cited=False)
    from .factories import CitationFactory, SourceFactory

    CitationFactory(detention=detention, source=SourceFactory(visibility="confidential"))
    with pytest.raises(services.WorkflowError, match="cites no public source"):
        services.detention_publish(detention=detention, by=editor)


@pytest.mark.django_db
def test_a_source_cited_on_a_charge_is_enough_to_publish(editor):
    from .factories import CitationFactory

    detention = draft_case(IN_REVIEW, cited=False)
    CitationFactory(charge=ChargeFactory(detention=detention))
    services.detention_publish(detention=detention, by=editor)
    assert published_ids() == {detention.pk}


@pytest.mark.django_db
def test_a_draft_cannot_be_published_without_review(editor):
    detention = draft_case(DRAFT, journalist_state=PUBLISHED)
    with pytest.raises(services.WorkflowError, match="not been submitted for review"):
        services.detention_publish(detention=detention, by=editor)


@pytest.mark.django_db
def test_sending_back_needs_a_comment_and_keeps_it(editor):
    detention = draft_case(IN_REVIEW)
    with pytest.raises(services.WorkflowError, match="comment is empty"):
        services.detention_send_back(detention=detention, by=editor, comment="  ")
    services.detention_send_back(detention=detention, by=editor, comment="Add the court's name.")
    detention.refresh_from_db()
    assert detention.publication_state == DRAFT
    assert detention.review_comment == "Add the court's name."


@pytest.mark.django_db
def test_withdrawing_needs_a_reason_and_hides_the_detention(editor):
    detention = draft_case(PUBLISHED)
    before = public.snapshot_at()
    with pytest.raises(services.WorkflowError, match="reason"):
        services.detention_withdraw(detention=detention, by=editor, reason="")
    assert Release.objects.latest_release().number == before.release
    services.detention_withdraw(
        detention=detention, by=editor, reason="Duplicate of another case.", public_reason="A duplicate record."
    )
    detention.refresh_from_db()
    assert detention.publication_state == WITHDRAWN
    assert detention.withdrawal_reason == "Duplicate of another case."
    assert published_ids() == set()
    # A release of its own, saying why in public words only.
    release = Release.objects.latest_release()
    assert release.number == before.release + 1
    change = ReleaseChange.objects.get(release=release)
    assert (change.kind, change.detention_id, change.reason) == (
        ChangeKind.WITHDRAWN,
        detention.pk,
        "A duplicate record.",
    )
    # Earlier versions still count it, and the working record is kept.
    assert set(public.snapshot_at(before.as_of).detentions().values_list("detention_id", flat=True)) == {detention.pk}
    assert Detention.objects.filter(pk=detention.pk).exists()


@pytest.mark.django_db
def test_withdrawing_a_journalist_hides_their_detentions_and_their_page_answers_gone(editor):
    detention = draft_case(PUBLISHED)
    slug = detention.journalist.slug
    services.journalist_withdraw(
        journalist=detention.journalist,
        by=editor,
        reason="Asked by the family.",
        public_reason="At the family's request.",
    )
    assert published_ids() == set()
    page = Client().get(f"/journalists/{slug}/")
    assert page.status_code == 410
    assert "At the family&#x27;s request." in page.text
    assert "Asked by the family" not in page.text


@pytest.mark.django_db
def test_the_publish_button_shows_what_is_missing_before_anything_happens(as_user, editor):
    detention = draft_case(IN_REVIEW, cited=False)
    response = as_user(editor).get(workflow_url(detention, "publish"))
    assert response.status_code == 200
    assert "It cites no public source" in response.text


@pytest.mark.django_db
def test_the_change_form_offers_the_steps_the_user_may_take(as_user, editor, researcher):
    detention = draft_case(IN_REVIEW)
    change = reverse("admin:cases_detention_change", args=[detention.pk])
    editor_page = as_user(editor).get(change).text
    assert workflow_url(detention, "publish") in editor_page
    assert workflow_url(detention, "send_back") in editor_page
    researcher_page = as_user(researcher).get(change).text
    assert workflow_url(detention, "publish") not in researcher_page


@pytest.mark.django_db
def test_buttons_take_a_case_from_draft_to_published(as_user, researcher, editor):
    detention = draft_case()
    as_user(researcher).post(workflow_url(detention, "submit"))
    response = as_user(editor).post(workflow_url(detention, "publish"), follow=True)
    assert "done" in response.text
    assert published_ids() == {detention.pk}


@pytest.mark.django_db
def test_send_back_button_refuses_an_empty_comment(as_user, editor):
    detention = draft_case(IN_REVIEW)
    response = as_user(editor).post(workflow_url(detention, "send_back"), {"reason": ""})
    assert response.status_code == 200
    assert "This field is required" in response.text
    detention.refresh_from_db()
    assert detention.publication_state == IN_REVIEW


@pytest.mark.django_db
def test_publish_action_reports_each_refused_case(as_user, editor):
    good = draft_case(IN_REVIEW)
    bad = draft_case(IN_REVIEW, arrest=None)
    response = as_user(editor).post(
        reverse("admin:cases_detention_changelist"),
        {"action": "publish_selected", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )
    assert "Publish: done for 1" in response.text
    assert "It has no arrest date" in response.text
    assert published_ids() == {good.pk}


@pytest.mark.django_db
def test_withdraw_action_asks_for_a_reason_then_withdraws(as_user, editor):
    detention = draft_case(PUBLISHED)
    url = reverse("admin:cases_detention_changelist")
    client = as_user(editor)
    form = client.post(url, {"action": "withdraw_selected", "_selected_action": [detention.pk]})
    assert "Why it is withdrawn" in form.text and "Public reason" in form.text
    client.post(
        url,
        {
            "action": "withdraw_selected",
            "_selected_action": [detention.pk],
            "reason": "Released before the arrest was confirmed.",
            "public_reason": "The arrest could not be confirmed.",
            "apply_reason": "1",
        },
    )
    detention.refresh_from_db()
    assert detention.publication_state == WITHDRAWN
    withdrawal = ReleaseChange.objects.get(detention_id=detention.pk, kind=ChangeKind.WITHDRAWN)
    assert withdrawal.reason == "The arrest could not be confirmed."


@pytest.mark.django_db
def test_a_sent_back_case_shows_the_editors_comment_to_the_researcher(as_user, researcher, editor):
    detention = draft_case(IN_REVIEW)
    services.detention_send_back(detention=detention, by=editor, comment="Which court?")
    page = as_user(researcher).get(reverse("admin:cases_detention_change", args=[detention.pk]))
    assert "Which court?" in page.text


@pytest.mark.django_db
def test_journalist_publish_requires_review(editor):
    journalist = JournalistFactory(publication_state=DRAFT)
    with pytest.raises(services.WorkflowError):
        services.journalist_publish(journalist=journalist, by=editor)
    services.journalist_submit(journalist=journalist, by=editor)
    services.journalist_publish(journalist=journalist, by=editor)
    journalist.refresh_from_db()
    assert journalist.publication_state == PUBLISHED


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["detention", "journalist"])
def test_a_researcher_cannot_resubmit_a_withdrawn_record_from_the_list(as_user, researcher, model):
    detention = draft_case(WITHDRAWN)
    record = detention if model == "detention" else detention.journalist
    response = as_user(researcher).post(
        reverse(f"admin:cases_{model}_changelist"),
        {"action": "submit_selected", "_selected_action": [record.pk]},
        follow=True,
    )
    assert "You may not do this to this record" in response.text
    record.refresh_from_db()
    assert record.publication_state == WITHDRAWN


@pytest.mark.django_db
def test_the_submit_service_refuses_a_researcher_a_withdrawn_record(researcher):
    detention = draft_case(WITHDRAWN)
    with pytest.raises(services.WorkflowError, match="only an editor may submit it"):
        services.detention_submit(detention=detention, by=researcher)
    with pytest.raises(services.WorkflowError, match="only an editor may submit it"):
        services.journalist_submit(journalist=detention.journalist, by=researcher)
    detention.refresh_from_db()
    assert detention.publication_state == WITHDRAWN


@pytest.mark.django_db
def test_an_editor_resubmits_a_withdrawn_record(as_user, editor):
    detention = draft_case(WITHDRAWN)
    as_user(editor).post(
        reverse("admin:cases_detention_changelist"), {"action": "submit_selected", "_selected_action": [detention.pk]}
    )
    detention.refresh_from_db()
    assert detention.publication_state == IN_REVIEW


# Changes to published cases (DESIGN.md §4): the public keeps the published version until a release.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "editable"), [(DRAFT, True), (PUBLISHED, True), (IN_REVIEW, False), (WITHDRAWN, False)]
)
def test_a_researcher_may_change_drafts_and_published_cases_an_editor_any(researcher, editor, state, editable):
    detention = draft_case(state)
    assert services.can_edit(researcher, detention) is editable
    assert services.can_edit(editor, detention) is True


def public_document(detention):
    return public.snapshot_at().detentions().get(detention_id=detention.pk).document


@pytest.mark.django_db
def test_a_change_to_a_published_case_waits_for_review_while_the_public_keeps_the_published_version(researcher, editor):
    detention = draft_case(PUBLISHED, summary="Held after reporting.")
    first = Release.objects.latest_release()

    detention.summary = "Sentence upheld on appeal."
    detention.save()
    services.record_changed(record=detention, by=researcher)
    detention.refresh_from_db()
    assert detention.status_string == "published, changes pending"
    assert public_document(detention)["summary"] == "Held after reporting."
    assert Release.objects.latest_release() == first

    services.detention_submit(detention=detention, by=researcher)
    detention.refresh_from_db()
    assert detention.status_string == "published, changes in review"
    assert public_document(detention)["summary"] == "Held after reporting."

    services.detention_publish(detention=detention, by=editor, note="Sentence upheld on appeal.")
    release = Release.objects.latest_release()
    assert release.number == first.number + 1 and release.note == "Sentence upheld on appeal."
    assert public_document(detention)["summary"] == "Sentence upheld on appeal."
    assert changes(release) == [(ChangeKind.CHANGED, detention.journalist_id, detention.pk)]
    detention.refresh_from_db()
    assert detention.status_string == "published"


@pytest.mark.django_db
def test_a_new_charge_on_a_published_case_is_public_only_once_published(researcher, editor):
    detention = draft_case(PUBLISHED)
    # Saved as the admin saves it: no release.
    Charge.objects.create(detention=detention, category="retaliatory", wording="tax evasion")
    services.record_changed(record=detention, by=researcher)
    assert [charge["wording"] for charge in public_document(detention)["charges"]] == []
    services.detention_submit(detention=detention, by=researcher)
    services.detention_publish(detention=detention, by=editor)
    assert [charge["wording"] for charge in public_document(detention)["charges"]] == ["tax evasion"]


@pytest.mark.django_db
def test_an_internal_note_leaves_a_published_case_published_and_writes_no_release(researcher):
    detention = draft_case(PUBLISHED)
    before = Release.objects.latest_release()
    detention.internal_notes = "Lawyer says the family fears reprisals."
    detention.save()
    services.record_changed(record=detention, by=researcher)
    detention.refresh_from_db()
    assert detention.status_string == "published"
    assert Release.objects.latest_release() == before


@pytest.mark.django_db
def test_sending_back_a_changed_published_case_keeps_it_published_with_changes_pending(researcher, editor):
    detention = draft_case(PUBLISHED, summary="Held after reporting.")
    detention.summary = "Unconfirmed: moved to another prison."
    detention.save()
    services.record_changed(record=detention, by=researcher)
    services.detention_submit(detention=detention, by=researcher)
    services.detention_send_back(detention=detention, by=editor, comment="Which prison? Cite a source.")
    detention.refresh_from_db()
    assert detention.status_string == "published, changes pending"
    assert detention.review_comment == "Which prison? Cite a source."
    assert public_document(detention)["summary"] == "Held after reporting."


@pytest.mark.django_db
def test_a_second_editor_withdrawing_an_already_withdrawn_detention_is_refused_and_writes_no_release(editor):
    detention = draft_case(PUBLISHED)
    opened_by_the_second = Detention.objects.get(pk=detention.pk)
    services.detention_withdraw(detention=detention, by=editor, reason="Duplicate.")
    after = Release.objects.latest_release()
    with pytest.raises(services.WorkflowError, match="not published"):
        services.detention_withdraw(detention=opened_by_the_second, by=editor, reason="Duplicate.")
    assert Release.objects.latest_release() == after


@pytest.mark.django_db
def test_a_journalist_withdrawn_twice_answers_gone_with_the_latest_public_reason(editor):
    journalist = draft_case(PUBLISHED).journalist
    services.journalist_withdraw(journalist=journalist, by=editor, reason="r", public_reason="First withdrawal.")
    journalist.refresh_from_db()
    services.journalist_submit(journalist=journalist, by=editor)
    services.journalist_publish(journalist=journalist, by=editor)
    assert Client().get(f"/journalists/{journalist.slug}/").status_code == 200
    services.journalist_withdraw(journalist=journalist, by=editor, reason="r", public_reason="Second withdrawal.")
    page = Client().get(f"/journalists/{journalist.slug}/")
    assert page.status_code == 410
    assert "Second withdrawal." in page.text and "First withdrawal." not in page.text
