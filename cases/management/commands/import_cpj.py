from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cases.importers.cpj import Importer, UnreadableRow, read


class Command(BaseCommand):
    help = (
        "Import CPJ's export of imprisoned journalists (CSV). Every Imprisoned row lands in one detention; "
        "Killed rows are skipped and counted; a row that cannot be read stops the import before anything "
        "is written. Records are drafts unless --publish is given (by an editor named with --by), which publishes "
        "only what the import creates; records past draft are never changed. Running it again duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV file CPJ publishes")
        parser.add_argument(
            "--publish", action="store_true", help="publish the records the import creates instead of drafts"
        )
        parser.add_argument(
            "--by", metavar="USERNAME", help="who imports, recorded in the history; an editor for --publish"
        )

    def handle(self, *args, file, publish, by=None, **options):
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"There is no user {by!r}; nothing was imported.")
        if publish and (
            user is None or not (user.has_perm("cases.publish_journalist") and user.has_perm("cases.publish_detention"))
        ):
            raise CommandError(
                "--publish needs an editor, named with --by USERNAME, who may publish journalists and detentions; "
                "nothing was imported."
            )
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

        summary = Importer(reading, publish=publish, by=user, progress=progress).run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done. Journalists: {summary.journalists_created} new, {summary.journalists_kept} already there. "
                f"Detentions: {summary.detentions_created} new, {summary.detentions_updated} updated, "
                f"{summary.detentions_unchanged} unchanged. Killed rows skipped: {summary.killed}. "
                + (
                    f"Published: {summary.published}, as release {summary.release}."
                    if publish and summary.release
                    else "Published: nothing new."
                    if publish
                    else "Everything new is a draft."
                )
                + f" Left alone: already curated: {len(summary.left_alone)}."
            )
        )
        for described in summary.left_alone:
            self.stdout.write(self.style.WARNING(f"  left alone: already curated, the file differs: {described}"))
        for warning, count in sorted(summary.warnings.items()):
            self.stdout.write(self.style.WARNING(f"  {warning} ({count} rows)"))
