"""``readwire export URI [--format ninjs|newsmlg2|text]``: a story's current version on stdout."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from readwire.wire.export import EXPORTERS, export_version
from readwire.wire.models import Story


class Command(BaseCommand):
    help = "Print a story's current version as ninjs 3.1, NewsML-G2 or plain text."

    def add_arguments(self, parser):
        parser.add_argument("uri")
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="ninjs")

    def handle(self, *args, **options):
        story = Story.objects.filter(uri=options["uri"]).first()
        if story is None:
            raise CommandError(f"no story with URI {options['uri']!r} (see `readwire shell` or the newsroom)")
        self.stdout.write(export_version(story.current, options["format"]), ending="")
