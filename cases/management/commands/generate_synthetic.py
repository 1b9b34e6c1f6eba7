import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cases import synthetic


class Command(BaseCommand):
    help = (
        "Fill the database with invented cases for benchmarks: skewed countries, repeat detentions, "
        "uncertain dates, charges with histories, events, sources and citations. Never for production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--detentions", type=int, default=10_000, help="How many detentions to write.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random choices; same seed, same data.")
        parser.add_argument("--clear", action="store_true", help="Delete every case (and its history) first.")
        parser.add_argument("--chunk", type=int, default=5000, help="Detentions written per batch.")

    def handle(self, *args, detentions, seed, clear, chunk, **options):
        if detentions < 1:
            raise CommandError("--detentions must be at least 1.")
        if clear:
            synthetic.clear()
            self.stdout.write("Deleted every case.")
        method = "COPY" if connection.vendor == "postgresql" else "bulk_create"
        self.stdout.write(f"Writing {detentions:,} detentions with {method} on {connection.vendor} (seed {seed}).")
        interactive = sys.stdout.isatty() and options.get("verbosity", 1) > 0

        def progress(written, total, rows, seconds):
            if options.get("verbosity", 1) == 0:
                return
            line = f"  {written:>10,} / {total:,} detentions, {rows:,} rows, {rows / max(seconds, 1e-6):,.0f} rows/s"
            self.stdout.write(f"\r{line}" if interactive else line, ending="" if interactive else "\n")

        generator = synthetic.Generator(detentions, seed=seed, chunk=chunk, progress=progress)
        counts, seconds = generator.run()
        if interactive:
            self.stdout.write("")
        total = sum(counts.values())
        for model, written in counts.items():
            self.stdout.write(f"  {model._meta.label:<32} {written:>12,}")
        released = f" Published as release {generator.release.number}." if generator.release else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {total:,} rows in {seconds:.1f} s: {total / max(seconds, 1e-6):,.0f} rows/s.{released}"
            )
        )
