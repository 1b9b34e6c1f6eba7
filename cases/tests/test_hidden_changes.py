"""
A change nothing public shows changes nothing public (DESIGN.md §4): editing a
reference record that only hidden records use leaves the API's ETag,
Last-Modified and ``as_of`` and the downloads' X-Data-Version as they were, even
after everything marked published is published again, so nobody polling can tell
when staff work on confidential material. Editing one the public sees moves
them once a release publishes it, and not before.
"""

import datetime

import pytest

from cases.models import PublicationState, Release, Visibility

from . import factories
from .factories import (
    AffiliationFactory,
    ChargeFactory,
    CitationFactory,
    DetentionFactory,
    EventFactory,
    JournalistFactory,
    OutletFactory,
    SourceFactory,
    StatuteFactory,
)

DRAFT, PUBLISHED = PublicationState.DRAFT, PublicationState.PUBLISHED


@pytest.fixture
def published(db):
    """Return a published detention of a published journalist, counted by the API."""
    return DetentionFactory()


@pytest.fixture
def drafts(db):
    """Return a draft journalist with a draft detention, and a draft detention of a published journalist."""
    person = JournalistFactory(publication_state=DRAFT)
    return [
        DetentionFactory(journalist=person, publication_state=DRAFT),
        DetentionFactory(journalist=JournalistFactory(), publication_state=DRAFT),
    ]


@pytest.fixture
def stamp(client, published, drafts):
    """
    Return a function giving what the public sees of the data version, and one
    that dates the releases so far long ago, so that a change would show in the dates too.
    """

    def long_ago():
        latest = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
        for age, number in enumerate(Release.objects.order_by("-number").values_list("number", flat=True)):
            Release.objects.filter(number=number).update(published_at=latest - datetime.timedelta(minutes=age))

    def seen():
        counts = client.get("/api/v1/counts/")
        assert counts.status_code == 200
        download = client.get("/data/datapackage.json")
        assert download.status_code == 200
        return {
            "ETag": counts["ETag"],
            "Last-Modified": counts["Last-Modified"],
            "as_of": counts.json()["as_of"],
            "X-Data-Version": download["X-Data-Version"],
        }

    seen.long_ago = long_ago
    return seen


def save(record, **changes):
    def change():
        for name, value in changes.items():
            setattr(record, name, value)
        record.save()

    return change


def assert_unchanged(stamp, change):
    stamp.long_ago()
    before = stamp()
    assert before["Last-Modified"] == "Tue, 02 Jan 2024 03:04:05 GMT"
    change()
    assert stamp() == before
    # Published again, nothing public differs: no release is written.
    assert factories.publish_all() is None
    assert stamp() == before


def assert_moved(stamp, change):
    stamp.long_ago()
    before = stamp()
    change()
    assert stamp() == before  # saved, not yet published
    assert factories.publish_all() is not None
    after = stamp()
    assert all(after[name] != before[name] for name in before), (before, after)


# Outlets


def test_editing_an_outlet_only_draft_journalists_work_for_changes_nothing_public(stamp, drafts):
    outlet = AffiliationFactory(journalist=drafts[0].journalist).outlet
    assert_unchanged(stamp, save(outlet, name="Renamed while still a draft", website="https://draft.example/"))


def test_editing_an_outlet_of_a_published_journalist_moves_the_data_version(stamp, published):
    outlet = AffiliationFactory(journalist=published.journalist).outlet
    assert_moved(stamp, save(outlet, name="Renamed in public"))


def test_editing_an_outlet_nobody_works_for_changes_nothing_public(stamp):
    assert_unchanged(stamp, save(OutletFactory(), description="Not yet linked to anyone"))


# Statutes


def test_editing_a_statute_charged_only_in_drafts_changes_nothing_public(stamp, drafts):
    statutes = [ChargeFactory(detention=draft).statute for draft in drafts]
    for statute in statutes:
        assert_unchanged(stamp, save(statute, title="a title still being checked"))


def test_editing_a_statute_charged_in_a_published_detention_moves_the_data_version(stamp, published, drafts):
    statute = StatuteFactory()
    ChargeFactory(detention=drafts[0], statute=statute)
    ChargeFactory(detention=published, statute=statute)
    assert_moved(stamp, save(statute, title="a corrected title"))


# Sources


def citing(source, detention, target):
    """Cite ``source`` from ``detention`` itself, its journalist, a charge or an event of it."""
    records = {
        "journalist": lambda: {"journalist": detention.journalist},
        "detention": lambda: {"detention": detention},
        "charge": lambda: {"charge": ChargeFactory(detention=detention)},
        "event": lambda: {"event": EventFactory(detention=detention)},
    }
    CitationFactory(source=source, **records[target]())
    return source


TARGETS = ["journalist", "detention", "charge", "event"]


@pytest.mark.parametrize("target", TARGETS)
def test_a_confidential_source_cited_in_public_changes_nothing_public_whatever_is_edited(stamp, published, target):
    source = citing(SourceFactory(visibility=Visibility.CONFIDENTIAL), published, target)
    assert_unchanged(
        stamp,
        save(
            source,
            internal_notes="Met the contact again on Tuesday.",
            title="Interview notes",
            url="https://private.example/notes",
            publisher="A contact",
        ),
    )


@pytest.mark.parametrize("target", TARGETS)
def test_a_public_source_cited_only_by_drafts_changes_nothing_public(stamp, drafts, target):
    source = SourceFactory()
    # The journalist of the second draft detention is published.
    for draft in drafts if target != "journalist" else drafts[:1]:
        citing(source, draft, target)
    assert_unchanged(stamp, save(source, title="A better title"))


@pytest.mark.parametrize("target", TARGETS)
def test_editing_a_public_source_cited_in_public_moves_the_data_version(stamp, published, target):
    source = citing(SourceFactory(), published, target)
    assert_moved(stamp, save(source, title="A corrected title"))


@pytest.mark.parametrize(
    ("before", "after"), [(Visibility.PUBLIC, Visibility.CONFIDENTIAL), (Visibility.CONFIDENTIAL, Visibility.PUBLIC)]
)
def test_a_source_cited_in_public_changing_visibility_moves_the_data_version(stamp, published, before, after):
    source = citing(SourceFactory(visibility=before), published, "detention")
    assert_moved(stamp, save(source, visibility=after))


def test_a_confidential_source_cited_only_by_drafts_made_public_changes_nothing_public(stamp, drafts):
    source = citing(SourceFactory(visibility=Visibility.CONFIDENTIAL), drafts[0], "event")
    assert_unchanged(stamp, save(source, visibility=Visibility.PUBLIC))
