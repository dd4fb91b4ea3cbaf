"""``readwire compact_mediatopics cptall-x-all.json``: rebuild ``topics/data/mediatopics.json``.

Run it when IPTC publishes a new Media Topics release, then commit the file.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from readwire.topics.mediatopics import DATA_FILE, compact


def dumps_one_entry_per_line(compacted: dict) -> str:
    """JSON with one concept per line, so that a new IPTC release reads as a short diff."""
    lines = []
    for key, value in compacted.items():
        if isinstance(value, dict):
            entries = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items())
            lines.append(f"{json.dumps(key)}: {{\n{entries}\n}}")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


class Command(BaseCommand):
    help = "Compact IPTC's full Media Topics file (cptall-x-all.json) into the vocabulary Readwire ships."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="IPTC's cptall-x-all.json")
        parser.add_argument("--output", type=Path, default=DATA_FILE)

    def handle(self, *args, source: Path, output: Path, **options):
        try:
            full = json.loads(source.read_text(encoding="utf-8"))
            compacted = compact(full)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"{source} is not an IPTC Media Topics file: {exc}") from None
        output.write_text(dumps_one_entry_per_line(compacted), encoding="utf-8")
        self.stdout.write(f"{len(compacted['concepts'])} Media Topics written to {output}")
