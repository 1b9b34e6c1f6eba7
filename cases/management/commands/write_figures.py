from django.core.management.base import BaseCommand

from cases import figures
from cases.models import Release


class Command(BaseCommand):
    help = (
        "Count the latest release's headline figures again for today (cases.figures). A release "
        "counts them when it is written; run this daily to keep the day-bound ones (in custody "
        "today, arrested in the last 12 months) read rather than counted on the first cold page "
        "of a day without a release."
    )

    def handle(self, *args, **options):
        latest = Release.objects.latest_release()
        if latest is None:
            self.stdout.write("No release yet: nothing to count.")
            return
        figures.write(latest.number)
        written = figures.ReleaseFigure.objects.filter(release=latest).order_by("name")
        for figure in written:
            days = (
                f" for {figure.from_day or '…'} to {figure.until_day or '…'}" if figure.name != figures.EVERYONE else ""
            )
            self.stdout.write(f"Release {latest.number}: {figure.name}{days}")
