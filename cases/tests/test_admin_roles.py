"""
Who may do what: the researcher / editor / outsider matrix for every curation
action. An outsider is a staff user in no group; anonymous visitors are sent to
the login page.
"""

import pytest
from django.urls import reverse

from cases import public
from cases.models import Detention, Journalist, PublicationState

from .curation import draft_case
from .factories import DetentionFactory, JournalistFactory

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationState.DRAFT,
    PublicationState.IN_REVIEW,
    PublicationState.PUBLISHED,
    PublicationState.WITHDRAWN,
)
ALLOWED, DENIED = "allowed", "denied"


def detention_form_data(detention):
    return {
        "journalist": detention.journalist_id,
        "country": detention.country.code,
        "place": "Baku",
        "authority": "",
        "kind": detention.kind,
        "status": detention.status,
        "release_reason": "",
        "linked_to_journalism": detention.linked_to_journalism,
        "arrested": detention.arrested.iso() if detention.arrested else "",
        "released": "",
        "summary": "",
        "internal_notes": "",
        "version": detention.version,
        **{f"{prefix}-TOTAL_FORMS": "0" for prefix in ("charges", "events", "citations")},
        **{f"{prefix}-INITIAL_FORMS": "0" for prefix in ("charges", "events", "citations")},
    }


def outcome(response):
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302 and "/login/" in response.url:
        return DENIED
    return ALLOWED


def users(request, role):
    return request.getfixturevalue(role) if role != "anonymous" else None


ROLES = ["researcher", "editor", "outsider", "anonymous"]


def matrix(researcher, editor, outsider="denied", anonymous="denied"):
    return [("researcher", researcher), ("editor", editor), ("outsider", outsider), ("anonymous", anonymous)]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), matrix(ALLOWED, ALLOWED))
@pytest.mark.parametrize("model", ["detention", "journalist", "charge", "source", "outlet", "statute"])
def test_list_pages(request, as_user, role, expected, model):
    response = as_user(users(request, role)).get(reverse(f"admin:cases_{model}_changelist"))
    assert outcome(response) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), matrix(ALLOWED, ALLOWED))
@pytest.mark.parametrize("model", ["detention", "journalist"])
def test_add_pages(request, as_user, role, expected, model):
    assert outcome(as_user(users(request, role)).get(reverse(f"admin:cases_{model}_add"))) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "role", "expected"),
    [
        *((DRAFT, role, expected) for role, expected in matrix(ALLOWED, ALLOWED)),
        *((IN_REVIEW, role, expected) for role, expected in matrix(DENIED, ALLOWED)),
        # A published case may be changed; the public keeps its published version (below).
        *((PUBLISHED, role, expected) for role, expected in matrix(ALLOWED, ALLOWED)),
        *((WITHDRAWN, role, expected) for role, expected in matrix(DENIED, ALLOWED)),
    ],
)
def test_saving_a_detention(request, as_user, state, role, expected):
    detention = draft_case(state)
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    response = as_user(users(request, role)).post(url, detention_form_data(detention))
    assert outcome(response) == expected
    detention.refresh_from_db()
    assert (detention.place == "Baku") == (expected == ALLOWED)
    if state == PUBLISHED:
        published = public.snapshot_at().detentions().get(detention_id=detention.pk)
        assert published.document["place"] == ""
        assert detention.status_string == ("published, changes pending" if expected == ALLOWED else "published")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "role", "expected"),
    [
        *((DRAFT, role, expected) for role, expected in matrix(ALLOWED, ALLOWED)),
        *((PUBLISHED, role, expected) for role, expected in matrix(DENIED, DENIED)),
        *((WITHDRAWN, role, expected) for role, expected in matrix(DENIED, DENIED)),
    ],
)
def test_deleting_a_detention(request, as_user, state, role, expected):
    detention = draft_case(state)
    if state == WITHDRAWN:
        Detention.objects.filter(pk=detention.pk).update(published_at="2024-01-01T00:00Z")
    url = reverse("admin:cases_detention_delete", args=[detention.pk])
    response = as_user(users(request, role)).post(url, {"post": "yes"})
    assert outcome(response) == expected
    assert Detention.objects.filter(pk=detention.pk).exists() == (expected == DENIED)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), matrix(DENIED, DENIED))
def test_the_delete_action_keeps_published_records(request, as_user, role, expected):
    detention = draft_case(PUBLISHED)
    client = as_user(users(request, role))
    client.post(
        reverse("admin:cases_detention_changelist"),
        {"action": "delete_selected", "_selected_action": [detention.pk], "post": "yes"},
    )
    assert Detention.objects.filter(pk=detention.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("step", "state", "data", "role", "expected"),
    [
        *(("submit", DRAFT, {}, role, expected) for role, expected in matrix(ALLOWED, ALLOWED)),
        *(("publish", IN_REVIEW, {}, role, expected) for role, expected in matrix(DENIED, ALLOWED)),
        *(("send_back", IN_REVIEW, {"reason": "why"}, role, e) for role, e in matrix(DENIED, ALLOWED)),
        *(
            ("withdraw", PUBLISHED, {"reason": "why", "public_reason": "why, in public"}, role, e)
            for role, e in matrix(DENIED, ALLOWED)
        ),
    ],
)
@pytest.mark.parametrize("model", ["detention", "journalist"])
def test_workflow_steps(request, as_user, model, step, state, data, role, expected):
    detention = draft_case(state)
    record = detention if model == "detention" else detention.journalist
    url = reverse(f"admin:cases_{model}_workflow", args=[record.pk, step])
    client = as_user(users(request, role))
    assert outcome(client.get(url)) == expected
    response = client.post(url, data)
    assert outcome(response) == expected
    record.refresh_from_db()
    assert (record.publication_state != state) == (expected == ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), matrix(DENIED, ALLOWED))
def test_merging_journalists(request, as_user, role, expected):
    survivor, duplicate = JournalistFactory(), JournalistFactory()
    as_user(users(request, role)).post(
        reverse("admin:cases_journalist_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [survivor.pk, duplicate.pk],
            "survivor": survivor.pk,
            "apply_merge": "1",
        },
    )
    assert Journalist.objects.filter(pk=duplicate.pk).exists() == (expected == DENIED)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), matrix(ALLOWED, ALLOWED))
def test_csv_import_and_export_pages(request, as_user, role, expected):
    client = as_user(users(request, role))
    assert outcome(client.get(reverse("admin:cases_detention_import"))) == expected
    assert outcome(client.get(reverse("admin:cases_detention_export"))) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "role", "expected"),
    [
        *((DRAFT, role, expected) for role, expected in matrix(ALLOWED, ALLOWED)),
        *((PUBLISHED, role, expected) for role, expected in matrix(ALLOWED, ALLOWED)),
        *((IN_REVIEW, role, expected) for role, expected in matrix(DENIED, ALLOWED)),
    ],
)
def test_reverting_from_history(request, as_user, state, role, expected):
    journalist = JournalistFactory(publication_state=state, name="First name")
    first = journalist.history.earliest()
    journalist.name = "Second name"
    journalist.save()
    if state == PUBLISHED:
        # Saved, not published: the public still reads the first name.
        assert public.snapshot_at().journalists().get(journalist_id=journalist.pk).name == "First name"
    url = reverse("admin:cases_journalist_simple_history", args=[journalist.pk, first.history_id])
    data = {
        "name": "First name",
        "slug": journalist.slug,
        "gender": journalist.gender,
        "role": journalist.role,
        "version": first.version,
        **{f"{prefix}-TOTAL_FORMS": "0" for prefix in ("aliases", "affiliations", "citations")},
        **{f"{prefix}-INITIAL_FORMS": "0" for prefix in ("aliases", "affiliations", "citations")},
    }
    response = as_user(users(request, role)).post(url, data)
    assert outcome(response) == expected
    journalist.refresh_from_db()
    assert (journalist.name == "First name") == (expected == ALLOWED)
    # A revert restores what was written, not whether it is published.
    assert journalist.is_published == (state == PUBLISHED)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), matrix(ALLOWED, ALLOWED))
def test_staff_preview_of_an_unpublished_journalist(request, as_user, role, expected):
    journalist = JournalistFactory(publication_state=DRAFT, name="Unpublished Person")
    DetentionFactory(journalist=journalist, publication_state=DRAFT, place="Unpublished Place")
    response = as_user(users(request, role)).get(reverse("journalist-preview", args=[journalist.slug]))
    # Denied is a 404, as for an address that does not exist (test_preview.py).
    assert response.status_code == (200 if expected == ALLOWED else 404)
    if expected == ALLOWED:
        # The preview shows the case as it will be published: the draft detention too.
        assert "Unpublished Person" in response.text
        assert "Unpublished Place" in response.text


@pytest.mark.django_db
def test_the_public_page_of_an_unpublished_journalist_is_not_found(client):
    journalist = JournalistFactory(publication_state=DRAFT)
    assert client.get(journalist.get_absolute_url()).status_code == 404
