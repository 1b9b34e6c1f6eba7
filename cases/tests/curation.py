"""Helpers shared by the curation tests; the named users are fixtures in conftest.py."""

from django.test import Client

from cases.models import PublicationState

from .factories import CitationFactory, DetentionFactory, JournalistFactory

PASSWORD = "correct horse battery"


def draft_case(state=PublicationState.DRAFT, *, journalist_state=None, cited=True, **kwargs):
    """Return a detention in ``state`` whose journalist is in ``journalist_state`` (the same by default)."""
    journalist = JournalistFactory(publication_state=journalist_state or state)
    detention = DetentionFactory(journalist=journalist, publication_state=state, **kwargs)
    if cited:
        CitationFactory(detention=detention)
    return detention


def client_for(user):
    """Return a test client logged in as ``user``."""
    client = Client()
    client.force_login(user)
    return client
