from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# The admin searches with icontains, which PostgreSQL writes as
# UPPER(column::text) LIKE UPPER('%word%'); a trigram GIN index on that very
# expression serves it. SQLite has no such index and scans, as it always did,
# so the indexes are made on PostgreSQL only (and are not in the model state).
SEARCHED = [
    ("cases_journalist", "name"),
    ("cases_journalist", "name_original"),
    ("cases_journalist", "slug"),
    ("cases_alias", "name"),
    ("cases_outlet", "name"),
    ("cases_statute", "article"),
    ("cases_detention", "place"),
]


def _name(table, column):
    return f"{table.removeprefix('cases_')}_{column}_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in SEARCHED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_name(table, column)} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_name(table, column)}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_performance_indexes"),
    ]

    operations = [
        # CreateExtension does nothing on other databases.
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
