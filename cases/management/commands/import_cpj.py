from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.importers.cpj import Importer, UnreadableRow, read


class Command(BaseCommand):
    help = (
        "Import CPJ's export of imprisoned journalists (CSV). Every Imprisoned row lands in one detention; "
        "Killed rows are skipped and counted; a row that cannot be read stops the import before anything "
        "is written. Records are drafts unless --publish is given; running it again duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV file CPJ publishes")
        parser.add_argument("--publish", action="store_true", help="publish what is imported instead of drafts")

    def handle(self, *args, file, publish, **options):
        try:
            with file.open(encoding="utf-8-sig", newline="") as lines:
                reading = read(lines)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text; nothing was imported.") from None
        except UnreadableRow as error:
            raise CommandError(f"Row {error.number} of {file}: {error.reason} Nothing was imported.") from None

        first, last = reading.years
        self.stdout.write(
            f"Read {reading.read} rows: {len(reading.rows)} imprisoned, {reading.killed} killed (skipped), "
            f"censuses {first}–{last}."
        )
        verbosity = options.get("verbosity", 1)

        def progress(done, total):
            if verbosity:
                self.stdout.write(f"  {done}/{total} imprisoned rows written")

        summary = Importer(reading, publish=publish, progress=progress).run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done. Journalists: {summary.journalists_created} new, {summary.journalists_kept} already there. "
                f"Detentions: {summary.detentions_created} new, {summary.detentions_updated} updated, "
                f"{summary.detentions_unchanged} unchanged. Killed rows skipped: {summary.killed}. "
                + (f"Published: {summary.published}." if publish else "Everything new is a draft.")
            )
        )
        for warning, count in sorted(summary.warnings.items()):
            self.stdout.write(self.style.WARNING(f"  {warning} ({count} rows)"))
