"""``ingest``: ninjs 3.x items the whole way in, against a bare parse and insert.

Every item is a document of its own, as an editorial system pushes it, and goes through
``readwire.wire.services.ingest``: format detection, the ninjs parser and its schema validation, then
``accept`` (sanitising, the story and version rows, the signal after commit, and whatever else accept
does by the time this runs: tagging, dedupe and the search index hook in there).

The baseline, through the same database connection in the same run, is the best plain way to keep
the same items: ``json.loads`` and one INSERT of a row as heavy as a ``Version`` row (headline, body,
subjects, pictures, the original document), each in a transaction of its own, with no validation,
sanitising or versioning. The two take turns, a chunk each, so a noisy neighbour slows both alike.

The wire is ``bench.lib.newswire``: 300 to 1,200 words, 1 to 6 Media Topics, pictures on about a
third, updates, resends and the odd kill. Goal (BENCHMARKS.md): 500 items/s or more on one core, and
a cost per item that does not depend on the number of readers and the topics they follow.
"""

from __future__ import annotations

import json
import time
from collections import Counter

from django.db import connection, transaction

from bench.lib.figures import latency_figures, peak_rss_mb, rate
from bench.lib.newswire import Newswire
from readwire.wire.services import REJECTED, get_or_create_source, ingest

NAME = "ingest"
DESCRIPTION = "ninjs 3.x items through parse, validate, sanitise and store, against a bare parse+insert"
DEFAULT_SIZE = 1500  # a default run on PostgreSQL stays under a minute with placement, search and duplicates inline

SEED = 20250301
CHUNK = 250
# The first items pay for imports and compiled schemas, which a running worker paid long ago.
WARM_UP = 50
# Readers and the topics they follow do not exist yet. When they do, the run is repeated with this
# many readers following topics spread like a real audience's, and the cost per item must not change.
READERS = 0

BARE_TABLE_SQL = {
    "sqlite": "CREATE TABLE bench_bare_version (id integer PRIMARY KEY AUTOINCREMENT, ",
    "postgresql": "CREATE TABLE bench_bare_version (id bigserial PRIMARY KEY, ",
}
BARE_COLUMNS_SQL = (
    "uri varchar(500) NOT NULL, version integer NOT NULL, headline varchar(1000) NOT NULL, "
    "body_html text NOT NULL, body_text text NOT NULL, subjects text NOT NULL, pictures text NOT NULL, "
    "original text NOT NULL, received_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)"
)
BARE_INDEX_SQL = "CREATE INDEX bench_bare_version_uri ON bench_bare_version (uri)"
BARE_INSERT_SQL = (
    "INSERT INTO bench_bare_version (uri, version, headline, body_html, body_text, subjects, pictures, original) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)


class BenchmarkError(RuntimeError):
    pass


def run(size: int, progress) -> dict:
    started = time.perf_counter()
    source = get_or_create_source("bench-agency")
    _create_bare_table()
    for document in Newswire(seed=SEED + 1, agency="warm-up.example.com").documents(WARM_UP):
        _bare_insert(document)
        ingest(document, source)

    wire = Newswire(seed=SEED)
    latencies: list[float] = []
    bare_seconds = cpu_seconds = 0.0
    results: Counter[str] = Counter()
    rejections: list[str] = []
    while len(latencies) < size:
        chunk = list(wire.documents(min(CHUNK, size - len(latencies))))
        began = time.perf_counter()
        for document in chunk:
            _bare_insert(document)
        bare_seconds += time.perf_counter() - began

        cpu_began = time.process_time()
        for document in chunk:
            began = time.perf_counter()
            outcome = ingest(document, source)
            latencies.append(time.perf_counter() - began)
            for accepted in outcome:
                results[accepted.result] += 1
                if accepted.result == REJECTED:
                    rejections.append(f"{accepted.uri or 'a document'}: {accepted.error}")
        cpu_seconds += time.process_time() - cpu_began
        progress("ingesting", len(latencies), size)

    if rejections:
        # A rejected item skips most of the path, so the figures would flatter it.
        raise BenchmarkError(f"{len(rejections)} of {size} generated items were rejected; first: {rejections[0]}")
    items_per_s = rate(size, sum(latencies))
    baseline_per_s = rate(size, bare_seconds)
    figures = {
        "items_per_s": items_per_s,
        **latency_figures(latencies),
        "cpu_ms_per_item": round(cpu_seconds * 1000 / size, 3),
        "baseline_items_per_s": baseline_per_s,
        "created_items": results["created"],
        "new_version_items": results["new_version"],
        "unchanged_items": results["unchanged"],
        "withdrawn_items": results["withdrawn"],
        "readers": READERS,
        "peak_rss_mb": peak_rss_mb(),
        "seconds": round(time.perf_counter() - started, 2),
    }
    return {
        "figures": figures,
        "ratio": round(items_per_s / baseline_per_s, 3) if baseline_per_s else 0.0,
        "ratio_of": "full ingest items/s / bare parse+insert items/s",
    }


def _create_bare_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(BARE_TABLE_SQL[connection.vendor] + BARE_COLUMNS_SQL)
        cursor.execute(BARE_INDEX_SQL)


def _bare_insert(document: bytes) -> None:
    item = json.loads(document)
    body = item["bodies"][0]["value"] if item.get("bodies") else ""
    row = [
        item["uri"],
        int(item.get("version") or 1),
        item["headlines"][0]["value"],
        body,
        # The raw body again stands in for the plain text a Version row keeps beside the HTML.
        body,
        json.dumps(item.get("subjects", [])),
        json.dumps(item.get("associations", [])),
        document.decode(),
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(BARE_INSERT_SQL, row)
