"""
Publication as versions (DESIGN.md §4): the public reads what releases published,
a number quoted at a time comes back exactly from its permalink, and a withdrawn
case answers 410 while earlier versions still count it.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cases import public, services, versioning
from cases.dates import FuzzyDate
from cases.models import (
    ChargeStatus,
    ChargeStatusChange,
    Detention,
    DetentionStatus,
    DetentionVersion,
    JournalistVersion,
    PublicationState,
    Release,
    ReleaseChange,
)

from .factories import (
    ChargeFactory,
    CitationFactory,
    DetentionFactory,
    JournalistFactory,
    SourceFactory,
    UserFactory,
    publish_all,
)

pytestmark = pytest.mark.django_db

COUNTS = "/api/v1/counts/"


@pytest.fixture
def editor():
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name="editor"))
    return user


def published_case(**kwargs):
    detention = DetentionFactory(**kwargs)
    CitationFactory(detention=detention)
    return Detention.objects.get(pk=detention.pk)


def counted(client, **params):
    return client.get(COUNTS, params).json()


def change_and_submit(detention, editor, **changes):
    """Change a published detention as a researcher would, and submit it: return it in review."""
    for field, value in changes.items():
        setattr(detention, field, value)
    detention.save()
    services.record_changed(record=detention, by=editor)
    services.detention_submit(detention=detention, by=editor)
    return Detention.objects.get(pk=detention.pk)


def test_a_publish_is_one_release_that_writes_versions(editor):
    journalist = JournalistFactory(publication_state=PublicationState.IN_REVIEW)
    detention = DetentionFactory(journalist=journalist, publication_state=PublicationState.IN_REVIEW)
    CitationFactory(detention=detention)
    before = Release.objects.count()

    services.detention_publish(detention=detention, by=editor, note="First published")

    release = Release.objects.latest_release()
    assert Release.objects.count() == before + 1
    assert release.note == "First published" and release.published_by == editor
    assert JournalistVersion.objects.current().get(journalist_id=journalist.pk).valid_from == release
    assert DetentionVersion.objects.current().get(detention_id=detention.pk).valid_from == release
    kinds = set(ReleaseChange.objects.filter(release=release).values_list("kind", "detention_id"))
    assert kinds == {("added", None), ("added", detention.pk)}


def test_a_pending_change_to_a_published_case_stays_off_the_public_until_published(client, editor):
    detention = published_case(summary="Held in Baku.")
    before = client.get(f"/api/v1/detentions/{detention.pk}/")
    etag = before["ETag"]

    detention = change_and_submit(detention, editor, summary="Moved to house arrest.", status="released")

    assert detention.status_string == "published, changes in review"
    during = client.get(f"/api/v1/detentions/{detention.pk}/")
    assert during.json()["summary"] == "Held in Baku." and during["ETag"] == etag
    page = client.get(detention.get_absolute_url()).content.decode()
    assert "Held in Baku." in page and "Moved to house arrest." not in page

    services.detention_publish(detention=detention, by=editor)

    after = client.get(f"/api/v1/detentions/{detention.pk}/").json()
    assert after["summary"] == "Moved to house arrest." and after["status"] == "released"


def test_an_internal_note_is_no_public_change(client, editor):
    detention = published_case()
    version = versioning.current()

    detention.internal_notes = "A lawyer says the hearing moved."
    detention.save()
    services.record_changed(record=detention, by=editor)

    detention.refresh_from_db()
    assert detention.status_string == "published"
    assert versioning.current() == version


def test_as_known_on_gives_back_the_count_groups_and_list_shown_then(client, editor):
    first = published_case()
    shown = counted(client, country="AZ", group_by="status")
    rows = client.get("/api/v1/detentions/", {"country": "AZ"}).json()["results"]

    # Later: a new case, a correction and a withdrawal.
    published_case()
    change_and_submit(first, editor, status=DetentionStatus.SENTENCED)
    services.detention_publish(detention=first, by=editor)
    other = published_case()
    services.detention_withdraw(detention=other, by=editor, reason="duplicate", public_reason="A duplicate record.")
    assert counted(client, country="AZ")["count"] == 2

    again = counted(client, **{"country": "AZ", "group_by": "status", "as_known_on": shown["as_of"]})
    assert (again["count"], again["groups"], again["release"], again["as_of"]) == (
        shown["count"],
        shown["groups"],
        shown["release"],
        shown["as_of"],
    )
    pinned_rows = client.get("/api/v1/detentions/", {"country": "AZ", "as_known_on": shown["as_of"]}).json()
    assert pinned_rows["results"] == rows


def test_the_permalink_of_a_count_reproduces_it(client):
    published_case()
    answer = counted(client, country="AZ", kind="criminal")
    published_case()

    path = answer["permalink"].split("testserver", 1)[-1].split("8000", 1)[-1]
    again = client.get(path).json()

    assert again["count"] == answer["count"] == 1
    assert again["release"] == answer["release"] and again["filters"] == answer["filters"]
    assert again["statement"].startswith(answer["statement"][:-1])
    assert "as known on" in again["statement"]
    assert f"as_known_on={answer['as_of'].replace(':', '%3A')}" in answer["cases_url"]


def test_a_withdrawn_case_answers_410_and_stays_in_earlier_versions(client, editor):
    detention = published_case()
    shown = counted(client)
    services.journalist_withdraw(
        journalist=detention.journalist, by=editor, reason="merged", public_reason="Recorded twice; see the other."
    )

    page = client.get(detention.journalist.get_absolute_url())
    api = client.get(f"/api/v1/detentions/{detention.pk}/")
    person = client.get(f"/api/v1/journalists/{detention.journalist.slug}/")

    assert page.status_code == api.status_code == person.status_code == 410
    assert "Recorded twice; see the other." in page.content.decode()
    assert api.json()["reason"] == "Recorded twice; see the other."
    assert counted(client)["count"] == 0
    assert counted(client, as_known_on=shown["as_of"])["count"] == 1
    earlier = client.get(detention.journalist.get_absolute_url(), {"as_known_on": shown["as_of"]})
    assert earlier.status_code == 200 and "As known on" in earlier.content.decode()


def test_published_versions_are_never_changed_only_followed(editor):
    detention = published_case(summary="First words.")
    first = DetentionVersion.objects.current().get(detention_id=detention.pk)

    change_and_submit(detention, editor, summary="Second words.")
    services.detention_publish(detention=detention, by=editor)

    first.refresh_from_db()
    assert first.document["summary"] == "First words." and first.valid_to is not None
    current = DetentionVersion.objects.current().get(detention_id=detention.pk)
    assert current.document["summary"] == "Second words." and current.valid_from == first.valid_to


def test_a_confidential_source_shows_as_nothing_more_than_that(client):
    detention = published_case()
    secret = SourceFactory(visibility="confidential", title="Relative in Baku", internal_notes="the sister")
    CitationFactory(detention=detention, source=secret, claim="told us of the transfer")

    document = DetentionVersion.objects.current().get(detention_id=detention.pk).document
    body = client.get(detention.get_absolute_url()).content.decode()

    assert {"confidential": "c1"} in document["citations"]
    for private in ("Relative in Baku", "the sister", "told us of the transfer"):
        assert private not in str(document) and private not in body
    assert "confidential source" in body


def test_a_charge_status_change_is_published_with_its_case(client, editor):
    detention = published_case()
    charge = ChargeFactory(detention=detention)
    ChargeStatusChange.objects.create(
        charge=charge,
        status=ChargeStatus.DROPPED,
        on_earliest=datetime.date(2025, 6, 1),
        on_latest=datetime.date(2025, 6, 30),
        on_precision="month",
    )
    assert client.get(f"/api/v1/detentions/{detention.pk}/").json()["charges"][0]["status"] == "unknown"

    publish_all()

    shown = client.get(f"/api/v1/detentions/{detention.pk}/").json()["charges"][0]
    assert shown["status"] == "dropped" and shown["history"][0]["on"]["display"] == "June 2025"


def test_the_data_version_is_the_latest_release():
    assert versioning.current().version == 0
    published_case()
    release = Release.objects.latest_release()
    assert versioning.current() == versioning.DataVersion(release.number, release.published_at)


def test_as_known_on_with_any_offset_reads_the_same_moment(client):
    published_case()
    shown = client.get(COUNTS).json()
    # 23:59 ahead of UTC: a database refuses such an offset, the moment is still the same.
    moment = datetime.datetime.fromisoformat(shown["as_of"]).astimezone(
        datetime.timezone(datetime.timedelta(hours=23, minutes=59))
    )
    again = client.get(COUNTS, {"as_known_on": moment.isoformat()}).json()
    assert (again["count"], again["release"]) == (1, shown["release"])


def test_as_known_on_must_be_a_past_iso_date_time(client):
    future = (timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for value in (
        "yesterday",
        "2024-13-01T00:00:00Z",
        future,
        "0001-01-01T00:00:00+05:00",
        "2020-01-01T00:00:00+99:00",
    ):
        answer = client.get(COUNTS, {"as_known_on": value})
        assert answer.status_code == 400 and "as_known_on" in answer.json()["errors"]
        assert client.get("/", {"as_known_on": value}).status_code == 400


def test_a_public_request_that_reads_a_working_record_fails(client):
    detention = published_case()
    with public.guard(), pytest.raises(public.WorkingRecordRead):
        Detention.objects.filter(pk=detention.pk).exists()
    with public.guard():
        assert public.snapshot_at().detentions().filter(detention_id=detention.pk).exists()


def test_dates_of_a_version_are_its_counted_columns():
    detention = published_case(arrest=FuzzyDate.month(2024, 3), release=FuzzyDate.day(2024, 5, 2))
    version = DetentionVersion.objects.current().get(detention_id=detention.pk)
    assert (version.arrested_earliest, version.arrested_latest) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 3, 31),
    )
    assert version.released_earliest == version.released_latest == datetime.date(2024, 5, 2)
    assert (version.role, version.gender) == (detention.journalist.role, detention.journalist.gender)


def test_publishing_what_changes_nothing_public_writes_no_release(editor):
    detention = published_case()
    version = versioning.current()
    detention.internal_notes = "Checked again with the family."
    detention.save()
    detention.publication_state = PublicationState.IN_REVIEW
    detention.save()

    services.detention_publish(detention=detention, by=editor, note="Nothing public")

    detention.refresh_from_db()
    assert versioning.current() == version
    assert detention.status_string == "published"
    assert not Release.objects.filter(note="Nothing public").exists()
