"""Schema fuzzing: requests generated from the API's own OpenAPI schema never get a server error."""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings

from cases.dates import FuzzyDate
from cases.tests.factories import AffiliationFactory, ChargeFactory, DetentionFactory
from tracker.wsgi import application


@pytest.fixture
def cases(db, settings):
    settings.API_THROTTLE_RATE = "1000000/minute"
    cache.clear()
    detention = DetentionFactory(release=FuzzyDate.month(2024, 5))
    ChargeFactory(detention=detention)
    AffiliationFactory(journalist=detention.journalist)


def test_the_api_never_answers_a_server_error(cases):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            assert response.status_code < 500, (case.path, case.path_parameters, case.query, response.text[:300])

        check()
