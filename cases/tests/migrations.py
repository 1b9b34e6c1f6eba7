"""Moving the test database between migrations, for the tests that carry data across one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def forward(targets):
    """Migrate the test database to ``targets`` and return the apps of that schema."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(request, transactional_db):
    """
    Migrate the test database back to the test module's ``BEFORE`` and return the apps
    of that schema; the latest schema is restored afterwards, for the tests that follow.
    """
    executor = MigrationExecutor(connection)
    executor.migrate(request.module.BEFORE)
    yield executor.loader.project_state(request.module.BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
