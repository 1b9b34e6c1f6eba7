import pytest

from cases import versioning
from cases.models import Detention, PublicationState

from .factories import DetentionFactory, EventFactory, JournalistFactory

pytestmark = pytest.mark.django_db(transaction=True)


def version():
    return versioning.current().version


def test_publishing_editing_and_withdrawing_move_the_data_version():
    detention = DetentionFactory(publication_state=PublicationState.DRAFT)
    before = version()
    detention.publication_state = PublicationState.PUBLISHED
    detention.save()
    published = version()
    assert published > before
    EventFactory(detention=detention)
    assert version() > published
    detention.refresh_from_db()
    detention.publication_state = PublicationState.WITHDRAWN
    detention.save()
    assert version() > published + 1


def test_editing_a_draft_leaves_the_data_version_alone():
    draft = JournalistFactory(publication_state=PublicationState.DRAFT)
    before = version()
    draft.biography = "still being researched"
    draft.save()
    EventFactory(detention=DetentionFactory(journalist=draft, publication_state=PublicationState.DRAFT))
    assert version() == before


def test_sending_a_published_record_back_to_draft_moves_the_data_version():
    detention = Detention.objects.get(pk=DetentionFactory().pk)
    before = version()
    detention.publication_state = PublicationState.DRAFT
    detention.save()
    assert version() > before
