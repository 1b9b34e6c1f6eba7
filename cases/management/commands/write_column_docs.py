"""``manage.py write_column_docs``: write the detention export's columns into docs/api.md."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.exports import column_docs

START = "<!-- columns:start (written by manage.py write_column_docs from cases.exports) -->\n"
END = "<!-- columns:end -->"


def api_docs():
    return Path(settings.BASE_DIR) / "docs" / "api.md"


def documented(text):
    """Return the column table docs/api.md holds between its markers, or None without them."""
    if START not in text or END not in text:
        return None
    return text.split(START, 1)[1].split(END, 1)[0]


class Command(BaseCommand):
    help = "Write the column table of the detention export (cases.exports.DETENTION_FIELDS) into docs/api.md."

    def handle(self, *args, **options):
        path = api_docs()
        text = path.read_text(encoding="utf-8")
        current = documented(text)
        if current is None:
            raise CommandError(f"{path} has no column markers: add {START.strip()} and {END} where the table goes.")
        path.write_text(text.replace(START + current + END, START + column_docs() + END), encoding="utf-8")
        self.stdout.write(f"Wrote {len(column_docs().splitlines()) - 2} columns into docs/api.md.")
