"""``readwire worker``: the background worker, a Huey consumer that also runs the periodic tasks.

Its options (threads, polling delays) come from ``settings.HUEY["consumer"]``; run as many workers
on as many machines as the queue needs (with ``REDIS_URL`` set, they share one queue). The consumer
stops after finishing the tasks in hand on SIGINT, and at once on SIGTERM.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker and scheduler (Huey consumer, options from settings.HUEY)."

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=None, help="worker threads (default from settings.HUEY)")

    def handle(self, *args, **options):
        overrides = {"workers": options["threads"]} if options["threads"] else {}
        threads = overrides.get("workers") or settings.HUEY.get("consumer", {}).get("workers", 1)
        self.stderr.write(f"readwire worker: Huey consumer with {threads} threads and the periodic-task scheduler")
        # run_huey gives the huey logger a handler of its own unless it has one, and every line
        # would then be printed twice (once more by the root handler of settings.LOGGING).
        logging.getLogger("huey").addHandler(logging.NullHandler())
        call_command("run_huey", **overrides)
