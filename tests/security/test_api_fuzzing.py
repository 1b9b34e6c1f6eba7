"""Schema fuzzing: requests generated from the API's own OpenAPI schema never get a server error."""

import pytest
import schemathesis
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings

from cases.dates import FuzzyDate
from cases.tests.factories import AffiliationFactory, ChargeFactory, DetentionFactory


@pytest.fixture
def cases(db, settings):
    settings.API_THROTTLE_RATE = "1000000/minute"
    cache.clear()
    detention = DetentionFactory(release=FuzzyDate.month(2024, 5))
    ChargeFactory(detention=detention)
    AffiliationFactory(journalist=detention.journalist)


def test_the_api_never_answers_a_server_error(cases):
    # Requests go through Django's test client, which keeps the test's transaction
    # open (a plain WSGI call closes the connection at the end of each request).
    client = Client(raise_request_exception=False)
    schema = schemathesis.openapi.from_dict(client.get("/api/v1/schema/?format=json").json())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            response = client.get(case.formatted_path, data=case.query or {})
            assert response.status_code < 500, (case.formatted_path, case.query, response.content[:300])

        check()
