"""``readwire reindex [--from-scratch]``: rebuild the search index from the stories.

Needed after restoring a database without its index, after a change to what is indexed, or if the
log says an index update failed. Progress goes to stderr.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from readwire.search.rebuild import BATCH_SIZE, rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the stories; progress on stderr."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from-scratch",
            action="store_true",
            help="empty the index first and bulk-load it: faster, but searches miss stories until it finishes",
        )
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help=f"stories per batch (default {BATCH_SIZE})"
        )

    def handle(self, *args, from_scratch, batch_size, **options):
        started = time.perf_counter()
        indexed = rebuild(from_scratch=from_scratch, batch_size=max(1, batch_size), progress=self.stderr.write)
        self.stderr.write(f"search index rebuilt: {indexed:,} stories in {time.perf_counter() - started:.1f}s")
