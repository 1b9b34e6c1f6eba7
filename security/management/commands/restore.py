import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from .backup import postgres_args, run


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup written by `manage.py backup`. "
        "Everything in the database now is lost; take a backup of it first."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A file written by `manage.py backup`.")
        parser.add_argument("--database", default="default")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="Do not ask to confirm.")

    def handle(self, *args, backup, database, interactive, **options):
        backup = Path(backup)
        if not backup.is_file():
            raise CommandError(f"There is no backup at {backup}.")
        connection = connections[database]
        db = connection.settings_dict
        if interactive:
            answer = input(f"This replaces everything in the database {db['NAME']} with {backup}. Type 'yes': ")
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        connection.close()
        if connection.vendor == "sqlite":
            with sqlite3.connect(backup) as source:
                if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise CommandError(f"{backup} is not a sound SQLite database.")
                with sqlite3.connect(db["NAME"]) as target:
                    source.backup(target)
                target.close()
            source.close()
        elif connection.vendor == "postgresql":
            args, env = postgres_args(db)
            # One transaction: a failed restore leaves the database as it was.
            command = ["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--single-transaction"]
            run([*command, "--dbname", db["NAME"], str(backup)], env)
        else:
            raise CommandError(f"Restoring {connection.vendor} databases is not supported.")
        self.stdout.write(self.style.SUCCESS(f"Restored {db['NAME']} from {backup}"))
