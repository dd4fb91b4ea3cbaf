"""The generated wire: reproducible, valid ninjs 3.1, shaped like an agency's day."""

import html
import json
import re
from collections import Counter

from bench.lib.figures import latency_figures
from bench.lib.newswire import KILL, NEW, RESEND, UPDATE, Newswire
from readwire.wire.ingest import parse_document

MEDIA_TOPIC = "http://cv.iptc.org/newscodes/mediatopic/"


def test_same_seed_gives_the_same_documents_byte_for_byte():
    assert list(Newswire(seed=7).documents(200)) == list(Newswire(seed=7).documents(200))
    assert list(Newswire(seed=7).documents(20)) != list(Newswire(seed=8).documents(20))


def test_every_document_is_valid_ninjs_3_1_with_wire_shaped_content():
    wire = Newswire(seed=11)
    documents = list(wire.documents(400))
    items = [json.loads(document) for document in documents]

    # The ninjs reader records every schema complaint as a warning: a clean wire gives none.
    parsed = [parse_document(document) for document in documents]
    assert all(fmt == "ninjs" and len(found) == 1 and found[0].warnings == [] for fmt, found in parsed)
    for item in items:
        body = item["bodies"][0]
        words = len(html.unescape(re.sub(r"<[^>]+>", "", body["value"])).split())
        assert 300 <= words <= 1200 and words == body["wordCount"]
    assert all(1 <= len(item["subjects"]) <= 6 for item in items)
    assert all(subject["uri"].startswith(MEDIA_TOPIC) for item in items for subject in item["subjects"])
    with_pictures = sum("associations" in item for item in items) / len(items)
    assert 0.2 < with_pictures < 0.5


def test_the_mix_has_updates_resends_and_kills_of_earlier_stories():
    wire = Newswire(seed=3)
    documents = list(wire.documents(2000))
    assert set(wire.sent) == {NEW, UPDATE, RESEND, KILL}
    assert 0.08 < wire.sent[UPDATE] / 2000 < 0.16 and 0.03 < wire.sent[RESEND] / 2000 < 0.08
    assert len(documents) - len(set(documents)) >= wire.sent[RESEND] * 0.9
    versions = Counter(json.loads(document)["uri"] for document in set(documents))
    assert max(versions.values()) > 1


def test_latency_percentiles_are_nearest_rank_in_milliseconds():
    figures = latency_figures([n / 1000 for n in range(100, 0, -1)])
    assert figures == {"p50_ms": 50.0, "p95_ms": 95.0, "p99_ms": 99.0}
