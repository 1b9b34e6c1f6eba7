"""docs/api.md documents the columns of the export from its one field list, and how to cite, pin and sync."""

import io

from django.core.management import call_command

from cases.exports import DETENTION_COLUMNS, column_docs
from cases.management.commands.write_column_docs import api_docs, documented


def test_the_column_docs_are_those_of_the_export_field_list():
    # If this fails, a column changed: run `manage.py write_column_docs` and say why in the policy.
    assert documented(api_docs().read_text(encoding="utf-8")) == column_docs()


def test_every_export_column_is_documented_with_its_meaning():
    table = column_docs().splitlines()[2:]
    assert [line.split("`")[1] for line in table] == [name for name, _function in DETENTION_COLUMNS]
    assert all(line.rsplit("|", 2)[1].strip() for line in table)


def test_writing_the_column_docs_again_changes_nothing(tmp_path, settings):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = api_docs().read_text(encoding="utf-8")
    stale = text.replace("| `updated_at` |", "| `updated_when` |")
    (docs / "api.md").write_text(stale, encoding="utf-8")
    settings.BASE_DIR = tmp_path

    call_command("write_column_docs", stdout=io.StringIO())

    assert (docs / "api.md").read_text(encoding="utf-8") == text


def test_the_api_docs_show_a_newsroom_how_to_cite_pin_and_sync():
    text = api_docs().read_text(encoding="utf-8")
    guide = text.split("## Cite a count, pin it, sync", 1)[1].split("\n## ", 1)[0]
    assert "citation" in guide and "as_known_on=" in guide and "permalink" in guide
    assert "updated_since=" in guide and "withdrawn" in guide
    assert "CC BY 4.0" in text and "### Adding and retiring columns" in text
