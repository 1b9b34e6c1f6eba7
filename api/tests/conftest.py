import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from cases import versioning


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle budgets and cached counts live in the cache: each test starts empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def version(db):
    """Return the data version row, created up front so that it costs the same query every request."""
    return versioning.current()
