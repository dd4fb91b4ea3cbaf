"""``readwire load_sample_wire``: load the sample wire through the ingest service.

Running it again changes nothing (every item comes back ``unchanged``); see ``readwire.sample.load``
for how the sample's times are moved so the news is fresh, and kept stable across loads.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from readwire.sample.load import load_sample_wire


class Command(BaseCommand):
    help = "Load the sample wire (about 170 stories of a fictional newswire, and a partner's feed); safe to run again."

    def handle(self, *args, **options):
        summary = load_sample_wire(progress=self.show_progress)
        self.stdout.write(f"Sample wire: {summary.describe()}.")
        for path, reason in summary.rejections:
            self.stderr.write(f"rejected: {path}: {reason}")
        if summary.rejections:
            raise CommandError(f"{len(summary.rejections)} sample wire items were rejected (see above)")

    def show_progress(self, done: int, total: int) -> None:
        if self.stderr.isatty():
            self.stderr.write(f"\rLoading the sample wire: {done}/{total} documents", ending="")
            if done == total:
                self.stderr.write("")
        elif done == total or done % 50 == 0:
            self.stderr.write(f"Loading the sample wire: {done}/{total} documents")
