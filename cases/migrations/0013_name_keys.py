from django.db import migrations, models

from cases.names import write_keys

# The name keys are searched with "contains" (LIKE '%key%', no UPPER: keys are
# lower case); on PostgreSQL a trigram index serves it, as in 0008. SQLite scans.
INDEXED = [("cases_journalist", "name_key"), ("cases_alias", "name_key"), ("cases_journalistversion", "name_keys")]


def backfill(apps, schema_editor):
    """Write the keys of every existing journalist, alias and published version."""
    write_keys(
        apps.get_model("cases", "Journalist"),
        apps.get_model("cases", "Alias"),
        apps.get_model("cases", "JournalistVersion"),
    )


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in INDEXED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table.removeprefix('cases_')}_{column}_trgm "
            f"ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in INDEXED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table.removeprefix('cases_')}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_counted_detention_ids"),
    ]

    operations = [
        migrations.AddField(
            model_name="alias",
            name="name_key",
            field=models.TextField(blank=True, editable=False, verbose_name="name key"),
        ),
        migrations.AddField(
            model_name="journalist",
            name="name_key",
            field=models.TextField(blank=True, editable=False, verbose_name="name key"),
        ),
        migrations.AddField(
            model_name="journalistversion",
            name="name_keys",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
