"""``duplicates``: finding a new story's copies among N stored stories, with the index in the database.

``--size`` is the number of stories already stored, fingerprinted and banded, spread over the days a
wire of 1,500 stories a day takes to send them (10,000 stories: about a week; 100,000: two months).
Then 500 new stories arrive, one at a time, a fifth of them a partner's copy of a story from the last
day (a local opening line, the last paragraphs cut). Each goes through
``readwire.wire.duplicates.linking.update_story``: fingerprint, store, one indexed band query,
confirm, link and regroup; the band query is also timed on its own.

The baseline, in the same run and on the same stories, is the best plain alternative that a single
process could use: datasketch's in-memory ``MinHashLSH`` with the same bands, queried and updated
for each new story after fingerprinting it, and the candidates confirmed the same way. The two take
turns, a chunk each, so a noisy neighbour slows both alike. Readwire cannot use it (several
processes on several machines share one index), so the ratio is the price of the shared index.

The cost per item must not grow with N: compare ``p50_ms`` and ``lookup_p50_ms`` at 10,000 and
100,000.
"""

from __future__ import annotations

import json
import random
import re
import time
from datetime import timedelta

from datasketch import MinHash, MinHashLSH
from django.db import connection, transaction
from django.utils import timezone

from bench.lib.figures import latency_figures, peak_rss_mb, rate
from bench.lib.newswire import Newswire
from readwire.wire.duplicates import fingerprints, linking, rules
from readwire.wire.duplicates.fingerprints import Fingerprint
from readwire.wire.models import LshBand, Source, Story, StoryFingerprint, Version

NAME = "duplicates"
DESCRIPTION = "a new story's copies found among N stored stories (indexed band query), against in-memory LSH"
DEFAULT_SIZE = 10_000

SEED = 20260404
STORIES_PER_DAY = 1500
# New stories checked against the stored ones (fewer for a tiny smoke run).
NEW_ITEMS = 500
COPY_SHARE = 0.2
CHUNK = 50
BATCH = 1000
_TAG = re.compile(r"<[^>]+>")


def run(size: int, progress) -> dict:
    started = time.perf_counter()
    agency = Source.objects.create(name="bench-agency", title="Agency")
    partner = Source.objects.create(name="bench-partner", title="Partner", kind=Source.Kind.FEED)
    now = timezone.now()
    rng = random.Random(SEED)
    wire = _stories(Newswire(seed=SEED))

    memory = _MemoryIndex()
    recent: list[tuple[str, list[str]]] = []
    stored = 0
    while stored < size:
        batch = [next(wire) for _ in range(min(BATCH, size - stored))]
        first = [now - timedelta(days=(size - stored - i) / STORIES_PER_DAY) for i in range(len(batch))]
        _store_existing(agency, batch, first, memory)
        stored += len(batch)
        recent = (recent + [(s["headline"], s["paragraphs"]) for s in batch])[-STORIES_PER_DAY:]
        progress("storing existing stories", stored, size)
    setup_seconds = time.perf_counter() - started

    in_window = Story.objects.filter(first_created__gte=now - rules.WINDOW).count()
    new_items = min(NEW_ITEMS, max(50, size))
    items = []
    for _ in range(new_items):
        if rng.random() < COPY_SHARE:
            headline, paragraphs = rng.choice(recent)
            items.append(
                (partner, "Partner: " + headline, ["Locals said the news came as no surprise.", *paragraphs[:-2]], True)
            )
        else:
            story = next(wire)
            items.append((agency, story["headline"], story["paragraphs"], False))

    lookups: list[float] = []
    candidates: list[int] = []
    find = linking.candidate_ids

    def timed_candidates(*args):
        began = time.perf_counter()
        found = find(*args)
        lookups.append(time.perf_counter() - began)
        candidates.append(len(found))
        return found

    latencies: list[float] = []
    baseline_seconds = 0.0
    copies_linked = false_links = 0
    linking.candidate_ids = timed_candidates
    try:
        for offset in range(0, new_items, CHUNK):
            chunk = items[offset : offset + CHUNK]
            began = time.perf_counter()
            for _source, headline, paragraphs, _copy in chunk:
                memory.add_new(headline, paragraphs)
            baseline_seconds += time.perf_counter() - began
            for number, (source, headline, paragraphs, is_copy) in enumerate(chunk, start=offset):
                story_id = _new_story(source, number, headline, paragraphs, now)
                began = time.perf_counter()
                matches = linking.update_story(story_id)
                latencies.append(time.perf_counter() - began)
                copies_linked += bool(matches) and is_copy
                false_links += bool(matches) and not is_copy
            progress("new stories", min(offset + CHUNK, new_items), new_items)
    finally:
        linking.candidate_ids = find

    items_per_s = rate(new_items, sum(latencies))
    baseline_per_s = rate(new_items, baseline_seconds)
    lookup = latency_figures(lookups)
    figures = {
        "items_per_s": items_per_s,
        **latency_figures(latencies),
        "lookup_p50_ms": lookup["p50_ms"],
        "lookup_p95_ms": lookup["p95_ms"],
        "candidates_per_item": round(sum(candidates) / len(candidates), 2) if candidates else 0.0,
        "new_stories": new_items,
        "copies_made": sum(1 for item in items if item[3]),
        "copies_linked": copies_linked,
        "false_links": false_links,
        "baseline_items_per_s": baseline_per_s,
        "stored_stories": size,
        "stories_in_window": in_window,
        "band_rows": LshBand.objects.count(),
        "setup_seconds": round(setup_seconds, 2),
        "peak_rss_mb": peak_rss_mb(),
        "seconds": round(time.perf_counter() - started, 2),
    }
    return {
        "figures": figures,
        "ratio": round(items_per_s / baseline_per_s, 3) if baseline_per_s else 0.0,
        "ratio_of": "items/s with the index in the database / items/s with datasketch's in-memory LSH",
    }


def _stories(wire: Newswire):
    """New stories from the generated wire (its updates, resends and kills left out)."""
    seen = set()
    while True:
        item = json.loads(wire.next_document())
        if item["uri"] in seen or item.get("pubStatus") == "canceled" or not item.get("bodies"):
            continue
        seen.add(item["uri"])
        html = item["bodies"][0]["value"]
        paragraphs = [_TAG.sub(" ", p).strip() for p in html.split("</p>") if _TAG.sub("", p).strip()]
        yield {"uri": item["uri"], "headline": item["headlines"][0]["value"], "paragraphs": paragraphs}


def _store_existing(source: Source, batch: list[dict], first_created: list, memory: _MemoryIndex) -> None:
    """Stories as ``update_story`` would have left them, written in bulk: the setup is not measured."""
    prints = [Fingerprint.of(s["headline"], "", "\n\n".join(s["paragraphs"])) for s in batch]
    with transaction.atomic():
        stories = Story.objects.bulk_create(
            Story(uri=s["uri"], source=source, headline=s["headline"][:1000], first_created=at, version_created=at)
            for s, at in zip(batch, first_created, strict=True)
        )
        StoryFingerprint.objects.bulk_create(
            StoryFingerprint(
                story_id=story.pk,
                scheme=fingerprints.SCHEME,
                signature=fp.to_bytes(),
                shingle_count=fp.shingle_count,
            )
            for story, fp in zip(stories, prints, strict=True)
        )
        table = connection.ops.quote_name(LshBand._meta.db_table)
        adapt = connection.ops.adapt_datetimefield_value
        rows = [
            (story.pk, number, value, adapt(story.first_created))
            for story, fp in zip(stories, prints, strict=True)
            if fp.usable
            for number, value in fp.bands()
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (story_id, band, hash, first_created) VALUES (%s, %s, %s, %s)",  # noqa: S608
                rows,
            )
    for story, fp in zip(stories, prints, strict=True):
        memory.insert(story.pk, fp)


def _new_story(source: Source, number: int, headline: str, paragraphs: list[str], now) -> int:
    body = "\n\n".join(paragraphs)
    with transaction.atomic():
        story = Story.objects.create(
            uri=f"urn:bench:new:{number}", source=source, headline=headline, first_created=now, version_created=now
        )
        Version.objects.create(story=story, version=1, format="ninjs", headline=headline, body_text=body)
    return story.pk


class _MemoryIndex:
    """The single-process way: datasketch's MinHashLSH over the same bands, in this process's memory."""

    def __init__(self):
        rows = fingerprints.ROWS_PER_BAND
        self.whole = MinHashLSH(num_perm=fingerprints.BANDS * rows, params=(fingerprints.BANDS, rows))
        self.lead = MinHashLSH(num_perm=fingerprints.LEAD_BANDS * rows, params=(fingerprints.LEAD_BANDS, rows))
        self.prints: dict[object, Fingerprint] = {}
        self.added = 0

    def insert(self, key, fp: Fingerprint) -> None:
        if not fp.usable:
            return
        self.prints[key] = fp
        self.whole.insert(key, _minhash(fp.signature, self.whole.h), check_duplication=False)
        self.lead.insert(key, _minhash(fp.lead, self.lead.h), check_duplication=False)

    def add_new(self, headline: str, paragraphs: list[str]) -> int:
        fp = Fingerprint.of(headline, "", "\n\n".join(paragraphs))
        whole = _minhash(fp.signature, self.whole.h)
        lead = _minhash(fp.lead, self.lead.h)
        found = set(self.whole.query(whole)) | set(self.lead.query(lead))
        copies = sum(rules.is_duplicate(fp.similarity(self.prints[key])) for key in found)
        self.added += 1
        self.insert(("new", self.added), fp)
        return copies


def _minhash(values, num_perm: int) -> MinHash:
    # Only the signature is needed; the permutations are passed in so that none are drawn again.
    a, b = fingerprints._permutations(fingerprints.PERMUTATION_SEED)
    return MinHash(
        hashvalues=values[:num_perm], scheme=fingerprints.PERMUTATION_SCHEME, permutations=(a[:num_perm], b[:num_perm])
    )
