"""Fixtures shared by the curation tests: the named users of the roles matrix and a case to work on."""

import pytest

from cases.models import PublicationState

from .factories import CitationFactory, DetentionFactory, JournalistFactory, staff_user

PASSWORD = "correct horse battery"


@pytest.fixture
def researcher(db):
    return staff_user("researcher")


@pytest.fixture
def editor(db):
    return staff_user("editor")


@pytest.fixture
def outsider(db):
    """A staff user in no group."""
    return staff_user(None)


@pytest.fixture
def as_user(client):
    """Return a function that logs the client in as a user (None stays anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


def draft_case(state=PublicationState.DRAFT, *, journalist_state=None, cited=True, **kwargs):
    """Return a detention in ``state`` whose journalist is in ``journalist_state`` (the same by default)."""
    journalist = JournalistFactory(publication_state=journalist_state or state)
    detention = DetentionFactory(journalist=journalist, publication_state=state, **kwargs)
    if cited:
        CitationFactory(detention=detention)
    return detention
