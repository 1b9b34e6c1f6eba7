"""Fixtures of the case tests: the named users of the roles matrix, and the schema before a migration."""

import pytest

from .factories import staff_user
from .migrations import old_schema  # noqa: F401 (a fixture of the migration tests)


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
