import os
import runpy
import subprocess
import sys
import tempfile

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.models import Journalist

BUILDER = settings.BASE_DIR / "fixtures" / "build_azerbaijan.py"
OUTPUT = settings.BASE_DIR / "fixtures" / "azerbaijan.json"

# The domain records of the seed. Mediums come from a migration; history, auth and
# sessions are never part of it.
SEED_MODELS = [
    "cases.Beat",
    "cases.Outlet",
    "cases.Statute",
    "cases.Source",
    "cases.Journalist",
    "cases.Alias",
    "cases.Affiliation",
    "cases.Detention",
    "cases.Charge",
    "cases.ChargeStatusChange",
    "cases.Event",
    "cases.Citation",
]


class Command(BaseCommand):
    help = (
        "Rebuild fixtures/azerbaijan.json: run fixtures/build_azerbaijan.py in a scratch SQLite "
        "database and dump its domain records. The database in the settings is not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(OUTPUT), help="Where to write the fixture.")
        parser.add_argument(
            "--into-empty-database",
            action="store_true",
            help="Run the builder against the configured database, which must have no journalists "
            "(used by the scratch run; not needed by hand).",
        )

    def handle(self, *args, output, into_empty_database, **options):
        if into_empty_database:
            if Journalist.objects.exists():
                raise CommandError("The database already has journalists; the seed is built only into an empty one.")
            runpy.run_path(str(BUILDER))["build"]()
            return

        with tempfile.TemporaryDirectory() as scratch:
            env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{scratch}/seed.sqlite3"}
            for command in (
                ["migrate", "--no-input", "--verbosity", "0"],
                ["build_seed", "--into-empty-database"],
                ["dumpdata", *SEED_MODELS, "--indent", "1", "--output", output],
            ):
                manage = [sys.executable, str(settings.BASE_DIR / "manage.py"), *command]
                result = subprocess.run(manage, env=env, cwd=settings.BASE_DIR, check=False)  # noqa: S603
                if result.returncode:
                    raise CommandError(f"`manage.py {' '.join(command)}` failed in the scratch database.")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
