import pytest
from rest_framework.test import APIClient

from cases import versioning


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def version(db):
    """Return the data version row, created up front so that it costs the same query every request."""
    return versioning.current()
