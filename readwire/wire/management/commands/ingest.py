"""``readwire ingest PATH... [--source NAME]``: load wire files or folders.

Prints one JSON line per story item found and exits with status 1 if any was rejected.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from readwire.wire.services import REJECTED, get_or_create_source, ingest, rejected


def iter_files(paths: list[str]):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


class Command(BaseCommand):
    help = "Ingest wire files (ninjs, NewsML-G2, NITF, RSS/Atom, HTML, text) or folders of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--source", default="wire", help="source name; created when first named")

    def handle(self, *args, **options):
        source = get_or_create_source(options["source"])
        any_rejected = False
        for path in iter_files(options["paths"]):
            try:
                data = path.read_bytes()
            except OSError as exc:
                results = [rejected(f"cannot read file: {exc.strerror or exc}")]
                results[0].path = str(path)
            else:
                results = ingest(data, source, path=str(path))
            for result in results:
                any_rejected |= result.result == REJECTED
                self.stdout.write(json.dumps(result.as_json_line(), ensure_ascii=False))
                for warning in result.warnings:
                    self.stderr.write(f"warning: {path}: {result.uri}: {warning}")
        if any_rejected:
            sys.stdout.flush()
            raise CommandError("some items were rejected (see the JSON lines above)", returncode=1)
