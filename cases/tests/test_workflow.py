"""The review workflow: submit, publish, send back, withdraw; services and the admin's buttons."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import Detention, PublicationState

from .curation import draft_case
from .factories import JournalistFactory

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationState.DRAFT,
    PublicationState.IN_REVIEW,
    PublicationState.PUBLISHED,
    PublicationState.WITHDRAWN,
)


def workflow_url(detention, step):
    return reverse("admin:cases_detention_workflow", args=[detention.pk, step])


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
    services.detention_publish(detention=detention, by=editor)
    assert Detention.objects.published().filter(pk=detention.pk).exists()
    detention.refresh_from_db()
    assert detention.published_at is not None
    assert detention.history.first().history_user == editor
    assert detention.history.first().history_change_reason == "published"


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
    from .factories import ChargeFactory, CitationFactory

    detention = draft_case(IN_REVIEW, cited=False)
    CitationFactory(charge=ChargeFactory(detention=detention))
    services.detention_publish(detention=detention, by=editor)
    assert Detention.objects.published().filter(pk=detention.pk).exists()


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
    with pytest.raises(services.WorkflowError, match="reason"):
        services.detention_withdraw(detention=detention, by=editor, reason="")
    services.detention_withdraw(detention=detention, by=editor, reason="Duplicate of another case.")
    detention.refresh_from_db()
    assert detention.publication_state == WITHDRAWN
    assert detention.withdrawal_reason == "Duplicate of another case."
    assert not Detention.objects.published().filter(pk=detention.pk).exists()
    assert Detention.objects.filter(pk=detention.pk).exists()


@pytest.mark.django_db
def test_withdrawing_a_journalist_hides_their_detentions(editor):
    detention = draft_case(PUBLISHED)
    services.journalist_withdraw(journalist=detention.journalist, by=editor, reason="Asked by the family.")
    assert not Detention.objects.published().filter(pk=detention.pk).exists()


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
    assert Detention.objects.published().filter(pk=detention.pk).exists()


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
    assert set(Detention.objects.published().values_list("pk", flat=True)) == {good.pk}


@pytest.mark.django_db
def test_withdraw_action_asks_for_a_reason_then_withdraws(as_user, editor):
    detention = draft_case(PUBLISHED)
    url = reverse("admin:cases_detention_changelist")
    client = as_user(editor)
    form = client.post(url, {"action": "withdraw_selected", "_selected_action": [detention.pk]})
    assert "Why it is withdrawn" in form.text
    client.post(
        url,
        {
            "action": "withdraw_selected",
            "_selected_action": [detention.pk],
            "reason": "Released before the arrest was confirmed.",
            "apply_reason": "1",
        },
    )
    detention.refresh_from_db()
    assert detention.publication_state == WITHDRAWN


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
