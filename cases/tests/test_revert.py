"""
Revert: a whole case back to one of its published versions, never half of it,
keeping what no published version holds, every change in the history.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import publishing, services
from cases.models import (
    Alias,
    Charge,
    ChargeStatusChange,
    Citation,
    Detention,
    DetentionVersion,
    Event,
    Journalist,
    JournalistVersion,
    Medium,
    RetiredSlug,
    Statute,
)

from .curation import client_for
from .factories import AffiliationFactory, AliasFactory, SourceFactory, StatuteFactory
from .test_review_of_changes import published_case


def current_version(detention):
    return DetentionVersion.objects.current().get(detention_id=detention.pk)


def fresh(record):
    return type(record).objects.get(pk=record.pk)


def republish(detention, by):
    """Publish the working detention as it is now, as an editor would after review."""
    services.record_changed(record=fresh(detention), by=by)
    services.detention_submit(detention=fresh(detention), by=by)
    return services.detention_publish(detention=fresh(detention), by=by, note="")


def mess_up(detention):
    """Change every part of a published case directly, as edits over weeks would; return what was added."""
    charge = detention.charges.get()
    Detention.objects.filter(pk=detention.pk).update(summary="Wrong summary.", place="Ganja", internal_notes="keep me")
    charge.status_history.all().delete()
    Charge.objects.filter(pk=charge.pk).update(wording="wrongly typed")
    extra = Charge.objects.create(detention=detention, statute=StatuteFactory(), category="other")
    Citation.objects.create(charge=extra, source=SourceFactory(), claim="extra charge")
    Event.objects.filter(detention=detention).update(description="Wrong description.")
    detention.citations.filter(claim="the arrest").delete()
    confidential = Citation.objects.create(detention=detention, source=SourceFactory(visibility="confidential"))
    return extra, confidential


@pytest.mark.django_db
def test_reverting_restores_charges_status_rows_events_and_citations_and_keeps_what_was_never_public(editor):
    detention = published_case()
    published = services.published_document(detention)
    extra, confidential = mess_up(detention)
    services.record_changed(record=fresh(detention), by=editor)

    services.detention_revert(detention=fresh(detention), version=current_version(detention), by=editor)

    detention = fresh(detention)
    working = services.working_document(detention)
    # Everything public is as published; the one difference is the confidential source, kept.
    assert working["citations"][:-1] == published["citations"]
    assert working["citations"][-1] == {"confidential": "c1"}
    assert {**working, "citations": published["citations"]} == published
    assert detention.internal_notes == "keep me"
    assert Citation.objects.filter(pk=confidential.pk).exists()
    assert not Charge.objects.filter(pk=extra.pk).exists()
    assert str(detention.status_string) == "published, changes pending"


@pytest.mark.django_db
def test_a_case_reverted_to_what_the_public_sees_is_published_with_nothing_pending(editor):
    detention = published_case()
    published = services.published_document(detention)
    Detention.objects.filter(pk=detention.pk).update(summary="Wrong summary.")
    services.record_changed(record=fresh(detention), by=editor)
    assert str(fresh(detention).status_string) == "published, changes pending"

    services.detention_revert(detention=fresh(detention), version=current_version(detention), by=editor)
    assert services.working_document(detention) == published
    assert str(fresh(detention).status_string) == "published"


@pytest.mark.django_db
def test_reverting_to_an_earlier_release_brings_back_deleted_records_with_their_ids(client, editor):
    detention = published_case()
    first = current_version(detention)
    charge = detention.charges.get()
    charge_id, status_id = charge.pk, charge.status_history.get().pk
    charge.delete()
    Detention.objects.filter(pk=detention.pk).update(summary="Charges dropped.")
    republish(detention, editor)
    public_before = client.get(f"/api/v1/detentions/{detention.pk}/").json()
    assert public_before["summary"] == "Charges dropped."

    services.detention_revert(detention=fresh(detention), version=first, by=editor)

    assert services.working_document(detention) == first.document
    assert Charge.objects.get(pk=charge_id).detention_id == detention.pk
    assert ChargeStatusChange.objects.get(pk=status_id).charge_id == charge_id
    assert str(fresh(detention).status_string) == "published, changes pending"
    # Nothing is public until published again.
    assert client.get(f"/api/v1/detentions/{detention.pk}/").json() == public_before


@pytest.mark.django_db
def test_a_revert_is_recorded_in_the_history_with_who_and_why(editor):
    detention = published_case()
    version = current_version(detention)
    extra = Charge.objects.create(detention=detention, statute=StatuteFactory(), category="other")
    Detention.objects.filter(pk=detention.pk).update(summary="Wrong summary.")

    services.detention_revert(detention=fresh(detention), version=version, by=editor)

    reason = f"reverted to release {version.valid_from_id}"
    latest = fresh(detention).history.first()
    assert (latest.history_user, latest.history_change_reason) == (editor, reason)
    assert latest.summary == "Held since November."
    deleted = Charge.history.filter(id=extra.pk, history_type="-").get()
    assert (deleted.history_user, deleted.history_change_reason) == (editor, reason)


@pytest.mark.django_db
def test_a_revert_that_cannot_restore_everything_changes_nothing(editor):
    detention = published_case()
    version = current_version(detention)
    charge = detention.charges.get()
    charge_id, statute_id = charge.pk, charge.statute_id
    charge.delete()
    Statute.objects.filter(pk=statute_id).delete()  # nothing uses it now
    Detention.objects.filter(pk=detention.pk).update(summary="Wrong summary.")

    with pytest.raises(services.WorkflowError, match=f"Statute #{statute_id} no longer exists"):
        services.detention_revert(detention=fresh(detention), version=version, by=editor)
    assert fresh(detention).summary == "Wrong summary."
    assert not Charge.objects.filter(pk=charge_id).exists()


@pytest.mark.django_db
def test_a_version_of_another_detention_is_refused(editor):
    one, other = published_case(), published_case()
    with pytest.raises(services.WorkflowError, match="another detention"):
        services.detention_revert(detention=one, version=current_version(other), by=editor)


@pytest.mark.django_db
def test_a_researcher_may_not_revert_a_case_in_review(researcher):
    detention = published_case()
    Detention.objects.filter(pk=detention.pk).update(publication_state="in_review")
    with pytest.raises(services.WorkflowError, match="only an editor"):
        services.detention_revert(detention=fresh(detention), version=current_version(detention), by=researcher)


@pytest.mark.django_db
def test_reverting_a_journalist_restores_aliases_outlets_mediums_and_the_address(client, editor):
    detention = published_case()
    journalist = detention.journalist
    alias = AliasFactory(journalist=journalist, name="Old Spelling")
    affiliation = AffiliationFactory(journalist=journalist)
    journalist.mediums.add(Medium.objects.get(code="print"))
    publishing.publish_marked()
    version = JournalistVersion.objects.current().get(journalist_id=journalist.pk)
    old_slug, affiliation_id = journalist.slug, affiliation.pk

    alias.delete()
    affiliation.delete()
    journalist = fresh(journalist)
    journalist.mediums.clear()
    Alias.objects.create(journalist=journalist, name="Wrong Spelling")
    Journalist.objects.filter(pk=journalist.pk).update(slug="new-address", biography="wrong", internal_notes="keep")
    services.journalist_slug_saved(journalist=fresh(journalist), old_slug=old_slug, by=editor)

    services.journalist_revert(journalist=fresh(journalist), version=version, by=editor)

    journalist = fresh(journalist)
    working = services.working_document(journalist)
    assert journalist.slug == old_slug and journalist.internal_notes == "keep"
    assert [a["name"] for a in working["aliases"]] == ["Old Spelling"]
    assert [a["id"] for a in working["affiliations"]] == [affiliation_id]
    assert [m["code"] for m in working["mediums"]] == ["print"]
    # The address it had meanwhile was never public, but it is retired all the same: it keeps redirecting.
    assert RetiredSlug.objects.filter(slug="new-address", journalist=journalist).exists()
    assert {**working, "retired_slugs": version.document["retired_slugs"]} == version.document
    assert str(journalist.status_string) == "published, changes pending"


# In the admin.


def revert_url(record, release=None):
    name = record._meta.model_name
    if release is None:
        return reverse(f"admin:cases_{name}_revert", args=[record.pk])
    return reverse(f"admin:cases_{name}_revert_to", args=[record.pk, release])


@pytest.mark.django_db
def test_a_researcher_compares_and_reverts_a_published_case_in_the_admin(researcher):
    detention = published_case()
    version = current_version(detention)
    Detention.objects.filter(pk=detention.pk).update(summary="Wrong summary.")
    client = client_for(researcher)

    change = client.get(reverse("admin:cases_detention_change", args=[detention.pk]))
    assert revert_url(detention) in change.text
    listing = client.get(revert_url(detention))
    assert revert_url(detention, version.valid_from_id) in listing.text
    compare = client.get(revert_url(detention, version.valid_from_id))
    changed = [(row.label, row.published, row.working) for row in compare.context["section"].changes]
    assert changed == [("public summary", "Held since November.", "Wrong summary.")]

    response = client.post(revert_url(detention, version.valid_from_id))
    assert response.status_code == 302
    assert fresh(detention).summary == "Held since November."
    assert fresh(detention).history.first().history_user == researcher


@pytest.mark.django_db
def test_an_outsider_may_not_revert(outsider):
    detention = published_case()
    version = current_version(detention)
    assert client_for(outsider).post(revert_url(detention, version.valid_from_id)).status_code == 403


@pytest.mark.django_db
def test_the_admin_shows_a_refused_revert_and_changes_nothing(editor):
    detention = published_case()
    version = current_version(detention)
    charge = detention.charges.get()
    statute = charge.statute
    charge.delete()
    Statute.objects.filter(pk=statute.pk).delete()
    response = client_for(editor).post(revert_url(detention, version.valid_from_id), follow=True)
    assert "Not reverted" in response.text and "no longer exists" in response.text


@pytest.mark.django_db
def test_the_list_of_versions_makes_as_many_queries_for_two_releases_as_for_six(editor):
    def queries(detention):
        client = client_for(editor)
        client.get(revert_url(detention))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(revert_url(detention)).status_code == 200
        return len(captured)

    few = published_case()
    many = published_case()
    for n in range(4):
        Detention.objects.filter(pk=many.pk).update(summary=f"Update {n}.")
        republish(many, editor)
    assert DetentionVersion.objects.filter(detention_id=many.pk).count() == 5
    assert queries(few) == queries(many)


@pytest.mark.django_db
def test_a_charge_moved_to_another_case_since_refuses_the_revert(editor):
    detention, other = published_case(), published_case()
    version = current_version(detention)
    charge = detention.charges.get()
    Charge.objects.filter(pk=charge.pk).update(detention=other)
    with pytest.raises(services.WorkflowError, match=f"Charge #{charge.pk} now belongs to another case"):
        services.detention_revert(detention=fresh(detention), version=version, by=editor)
    assert Charge.objects.get(pk=charge.pk).detention_id == other.pk
