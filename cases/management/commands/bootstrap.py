import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from cases import names, publishing
from cases.models import Alias, Journalist

SEED_FIXTURE = "fixtures/azerbaijan.json"


class Command(BaseCommand):
    help = "Load the seed data into an empty database and create a local admin account if there is none."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="where the tracker will be served")

    def handle(self, *args, **options):
        if Journalist.objects.exists():
            self.stdout.write("The database already has cases; the seed data was not loaded again.")
        else:
            with transaction.atomic():
                call_command("loaddata", SEED_FIXTURE, verbosity=0)
                # loaddata saves raw, without the name keys that save() writes.
                names.write_keys(Journalist, Alias)
                # Loading the seed is one release (DESIGN.md §4).
                release = publishing.publish_marked(note="The Azerbaijan seed data.")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the seed data ({Journalist.objects.count()} people) as release {release.number}."
                )
            )

        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "", password)
        self.stdout.write(
            self.style.WARNING(
                "Created a local admin account. It is shown this once; write it down.\n"
                f"  user: admin\n  password: {password}\n  at: {options['url']}/admin/"
            )
        )
