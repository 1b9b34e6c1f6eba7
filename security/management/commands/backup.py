import datetime
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


def postgres_args(db):
    """Return the libpq command-line options and environment for a database's settings."""
    args = ["--host", db["HOST"] or "127.0.0.1", "--port", str(db["PORT"] or 5432), "--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else dict(os.environ)
    return args, env


def run(command, env):
    executable = shutil.which(command[0])
    if executable is None:
        raise CommandError(f"{command[0]} is not installed; install the PostgreSQL client tools.")
    result = subprocess.run([executable, *command[1:]], env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the whole database to one file: the SQLite online backup API, "
        "or pg_dump's custom format for PostgreSQL. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The file to write; by default backups/tracker-<UTC time>.<kind>.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        db = connections[database].settings_dict
        sqlite = connections[database].vendor == "sqlite"
        if output is None:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            output = settings.BASE_DIR / "backups" / f"tracker-{stamp}.{'sqlite3' if sqlite else 'pgdump'}"
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        if output.exists():
            raise CommandError(f"{output} exists already; a backup never overwrites another.")
        if sqlite:
            # The online backup API copies a consistent snapshot even while the site writes.
            with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(output) as target:
                source.backup(target)
            source.close()
            target.close()
        elif connections[database].vendor == "postgresql":
            args, env = postgres_args(db)
            run(["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(output), db["NAME"]], env)
        else:
            raise CommandError(f"Backups of {connections[database].vendor} databases are not supported.")
        output.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"Backed up {database} to {output}"))
