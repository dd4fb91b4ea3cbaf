"""``search``: ranked, filtered queries over N stories, against a bare full-text lookup.

The archive is generated straight into the index (``SearchBackend.bulk_write``, the path
``readwire reindex --from-scratch`` takes), not through ``accept()``, which would take hours at a
million stories; the rows come from ``readwire.search.documents.build`` over in-memory stories and
versions, so they are the rows ``reindex`` writes. Story, section and placement rows are stored too,
because searches filter by desk and check every result against ``Story.objects.for_readers()``.

The text: 300 to 1,200 words a story (a triangular spread peaking near 400, like ``bench.lib.newswire``),
drawn from a 50,000-word vocabulary with a Zipf distribution (English stop words and news words at
the head, made-up words in the long tail, as in a real archive's spelling variants, names and jargon),
people, places and organisations named in the text and tagged, captions on a third. Stories are
dated about 700 a day back from now, so a million covers four years, on one or two desks each.

Queries: one to four words (35/35/20/10 per cent), content words drawn log-uniformly from the
vocabulary's ranks 60 to 20,000, so both words in a third of all stories and words in a few dozen
appear, and a quarter of them a person or place. Of each hundred queries 20 filter by desk, 20 by
a date range (the last week, the last month, or one month in the past two years), 10 by both, 10
sort by newest, and the rest are words alone. Each query is timed through ``readwire.search.search``:
parsing, matching, ranking, the readers' visibility check and the snippets of the first page; the
``cpu_p*_ms`` figures are this process's CPU time per query, which on a shared machine shows the
cost of a search apart from the wait for a core (on SQLite it is all of it, on PostgreSQL the
server's part is missing).

The baseline, in the same run over the same queries taking turns by chunks, is the bare index
lookup: the same match expression, the 20 newest matching ids, nothing else (no ranking, filters,
visibility or snippets). ``ratio`` = search queries/s / bare lookups/s: what the whole search costs
beyond finding the words. Goal (BENCHMARKS.md): p95 ≤ 20 ms at 1,000,000 stories.
"""

from __future__ import annotations

import math
import time
from datetime import timedelta
from types import SimpleNamespace
from typing import cast

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from bench.lib.figures import latency_figures, peak_rss_mb, rate
from readwire.search import search
from readwire.search.backends import get_backend
from readwire.search.backends.postgres import tsquery_expression
from readwire.search.backends.sqlite import fts5_expression
from readwire.search.documents import build
from readwire.search.query import STOP_WORDS, parse
from readwire.wire.models import Source, Story, Version

NAME = "search"
DESCRIPTION = "ranked, filtered full-text queries over N stories, against a bare index lookup"
DEFAULT_SIZE = 20_000

SEED = 20250302
BATCH = 2000
QUERIES = 600
WARM_UP = 60
CHUNK = 50
STORIES_PER_DAY = 700
VOCABULARY_SIZE = 50_000
ZIPF_EXPONENT = 1.0
GOAL_P95_MS = 20.0

# The head of the vocabulary after the stop words: what a general news wire says most.
_NEWS_WORDS_TEXT = """
said year government people minister new police told percent first week two state would last time
also could after three years officials president country million national since public party health
former court house city report including police company market support being week day world leader
election economy budget tax plan workers union strike council water fire flood storm drought climate
emissions energy coal gas solar wind power prices inflation interest rate bank shares investors trade
deal talks agreement border security forces attack ceasefire military war peace aid refugees asylum
hospital patients doctors nurses vaccine virus study researchers scientists university students schools
teachers children families women men community housing rent jobs unemployment wages business industry
farmers crops cattle mining exports imports dollar growth recession spending debt deficit surplus
treasurer senate parliament vote voters campaign poll opposition coalition policy law legislation bill
judge jury trial sentence appeal charges charged arrested prison murder fraud investigation inquiry
commission evidence lawyer lawyers victims accused guilty team season match game coach players captain
injury league title cup final win won lost goal goals test series record olympic festival film music
artist museum exhibition award book director theatre television news media online social internet
technology software data cyber privacy phone apps network service services transport roads rail
airport flights airline travel tourism environment species forest reef ocean heat temperatures rain
weather bureau warning residents emergency evacuation damage insurance recovery disaster relief
"""
_NEWS_WORDS = _NEWS_WORDS_TEXT.split()
_FIRST_NAMES_TEXT = """
Anthony Maria Chen Priya James Fatima Lars Olivia Kenji Amara Diego Sofia Tom Aisha Pierre Ngozi Hamid
Elena Raj Grace Mateus Yuki Omar Ingrid Kwame Lucia Dmitri Hana Sean Zoe Peter Sarah David Emma Michael
Linda Ahmed Mei Carlos Ana Ivan Nadia Samuel Ruth Daniel Leila Hugo Clara Felix Noor
"""
_FIRST_NAMES = _FIRST_NAMES_TEXT.split()
_LAST_NAMES_TEXT = """
Albanese Nguyen Okafor Schmidt Rossi Tanaka Haddad Kowalski Fernandez Muller OBrien Singh Petrov Mensah
Lindqvist Dubois Costa Park Nakamura Osei Walsh Ibrahim Novak Jensen Alvarez Smith Brown Wilson Taylor
Martin Lee Wong Kumar Patel Kim Garcia Lopez Cohen Hughes Kelly Murphy Ryan Chan Ali Khan Silva Sato
"""
_LAST_NAMES = _LAST_NAMES_TEXT.split()
_PLACES_TEXT = """
Sydney Melbourne Canberra Brisbane Perth Adelaide Hobart Darwin Auckland Wellington Jakarta Tokyo Beijing
Delhi Mumbai London Paris Berlin Brussels Kyiv Moscow Washington Ottawa Nairobi Lagos Cairo Zurich Rome
Madrid Lisbon Dublin Warsaw Athens Istanbul Tehran Dubai Singapore Manila Bangkok Hanoi Seoul Taipei
Geneva Vienna Prague Budapest Oslo Stockholm Helsinki Copenhagen Amsterdam Gaza Jerusalem Beirut Kabul
Islamabad Dhaka Colombo Johannesburg Toronto Vancouver Chicago Houston Miami Boston Denver Mexico Lima
Santiago Bogota Caracas Havana Fiji Samoa Tonga Noumea Geelong Ballarat Bendigo Cairns Townsville Mackay
"""
_PLACES = _PLACES_TEXT.split()
_ORGANISATIONS = (
    "Reserve Bank",
    "United Nations",
    "World Health Organization",
    "European Union",
    "Australian Securities Exchange",
    "International Monetary Fund",
    "Bureau of Meteorology",
    "Fair Work Commission",
    "Red Cross",
    "High Court",
)
# Desks and Topics in Focus with the share of the wire each carries (per cent, roughly).
_DESKS = (
    ("national", 20),
    ("world", 15),
    ("politics", 15),
    ("courts", 8),
    ("business", 12),
    ("finance", 5),
    ("sport", 15),
    ("entertainment", 5),
    ("science", 3),
    ("health", 2),
)
_TOPICS = ("environment", "agriculture", "future-economies", "arts", "refugee-issues")


class Corpus:
    """The generated archive's words and stories; the same seed gives the same archive."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.vocabulary = self._vocabulary()
        ranks = np.arange(1, len(self.vocabulary) + 1, dtype=np.float64)
        weights = 1.0 / ranks**ZIPF_EXPONENT
        self.cumulative = np.cumsum(weights / weights.sum())
        self.people = [f"{f} {last}" for f in _FIRST_NAMES for last in _LAST_NAMES]
        desk_shares = np.array([share for _, share in _DESKS], dtype=np.float64)
        self.desk_p = desk_shares / desk_shares.sum()

    def _vocabulary(self) -> np.ndarray:
        head = sorted(STOP_WORDS, key=lambda w: (len(w), w))
        words = head + [w for w in dict.fromkeys(_NEWS_WORDS) if w not in STOP_WORDS]
        seen = set(words)
        # The long tail: pronounceable made-up words, none ending like an English suffix.
        onsets = list("bdfgklmnprstvz") + ["br", "tr", "st", "pl", "kr", "sh"]
        vowels = list("aeiou") + ["ai", "ou"]
        while len(words) < VOCABULARY_SIZE:
            syllables = self.rng.integers(2, 5)
            word = "".join(
                onsets[self.rng.integers(len(onsets))] + vowels[self.rng.integers(len(vowels))]
                for _ in range(syllables)
            )
            if word not in seen:
                seen.add(word)
                words.append(word)
        return np.array(words, dtype=object)

    def words(self, count: int) -> list[str]:
        return list(self.vocabulary[np.searchsorted(self.cumulative, self.rng.random(count))])

    def prose(self, count: int, names: list[str]) -> str:
        """``count`` words in sentences of 8 to 28, with the story's people and places named."""
        words = self.words(count)
        if names:
            for at in range(7, count, 40):
                words[at] = names[at % len(names)]
        ends = np.cumsum(self.rng.integers(8, 28, size=count // 8 + 1))
        for at in ends[ends < count - 1]:
            words[at] += "."
        text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def story(self, story: Story) -> SimpleNamespace:
        """The current version of ``story``: everything of a ``Version`` row the index reads."""
        rng = self.rng
        people = [self.people[i] for i in rng.integers(len(self.people), size=rng.integers(0, 4))]
        places = [_PLACES[rng.integers(len(_PLACES))]]
        organisations = [_ORGANISATIONS[i] for i in rng.integers(len(_ORGANISATIONS), size=rng.integers(0, 3))]
        word_count = int(rng.triangular(300, 400, 1200))
        named = people + places
        pictures = [
            {"caption": self.prose(int(rng.integers(12, 30)), named), "title": ""}
            for _ in range(rng.choice(4, p=(0.65, 0.27, 0.06, 0.02)))
        ]
        return SimpleNamespace(
            headline=story.headline,
            standfirst=self.prose(int(rng.integers(18, 30)), named),
            body_text=self.prose(word_count, named),
            pictures=pictures,
            people=[{"name": p, "code": "", "uri": ""} for p in people],
            places=[{"name": p, "code": "", "uri": f"https://places.example.com/{p.lower()}"} for p in places],
            organisations=[{"name": o, "code": "", "uri": ""} for o in organisations],
        )

    def headline(self) -> str:
        return self.prose(int(self.rng.integers(6, 12)), []).rstrip(".")

    def desks(self) -> list[str]:
        chosen = [_DESKS[self.rng.choice(len(_DESKS), p=self.desk_p)][0]]
        if self.rng.random() < 0.3:
            chosen.append(_DESKS[self.rng.choice(len(_DESKS), p=self.desk_p)][0])
        if self.rng.random() < 0.15:
            chosen.append(_TOPICS[self.rng.integers(len(_TOPICS))])
        return list(dict.fromkeys(chosen))

    def query(self, now) -> dict:
        rng = self.rng
        count = int(rng.choice(4, p=(0.35, 0.35, 0.2, 0.1))) + 1
        words = []
        for _ in range(count):
            roll = rng.random()
            if roll < 0.15:
                words.append(self.people[rng.integers(len(self.people))].split()[int(rng.integers(2))])
            elif roll < 0.25:
                words.append(_PLACES[rng.integers(len(_PLACES))])
            else:
                rank = int(math.exp(rng.uniform(math.log(60), math.log(20_000))))
                words.append(self.vocabulary[rank])
        options: dict = {}
        kind = rng.random()
        if kind < 0.30:
            options["desk"] = _DESKS[rng.choice(len(_DESKS), p=self.desk_p)][0]
        if 0.20 <= kind < 0.40:
            window = rng.random()
            if window < 0.4:
                options["since"] = now - timedelta(days=7)
            elif window < 0.7:
                options["since"] = now - timedelta(days=30)
            else:
                start = now - timedelta(days=int(rng.integers(30, 730)))
                options["since"], options["until"] = start, start + timedelta(days=30)
        if 0.40 <= kind < 0.50:
            options["sort"] = "newest"
        return {"text": " ".join(words), **options}


def run(size: int, progress) -> dict:
    started = time.perf_counter()
    corpus = Corpus(SEED)
    now = timezone.now()
    build_seconds = _build_archive(corpus, size, now, progress)
    # The queries run on a connection of their own, as a web worker's would, not on the one that
    # wrote the archive (inside a test's transaction, the test's own connection stays).
    if not connection.in_atomic_block:
        connection.close()

    queries = [corpus.query(now) for _ in range(QUERIES + WARM_UP)]
    for q in queries[:WARM_UP]:
        _search(q, now)
        _bare(q)
    queries = queries[WARM_UP:]
    latencies: dict[str, list[float]] = {"words": [], "desk": [], "dates": [], "newest": []}
    all_latencies: list[float] = []
    # This process's CPU time per query: what a search costs on an idle machine when the
    # database runs in-process (SQLite); on PostgreSQL the server's share is not in it.
    cpu: list[float] = []
    search_seconds = bare_seconds = 0.0
    results = 0
    for start in range(0, len(queries), CHUNK):
        chunk = queries[start : start + CHUNK]
        began = time.perf_counter()
        for q in chunk:
            _bare(q)
        bare_seconds += time.perf_counter() - began
        for q in chunk:
            began, cpu_began = time.perf_counter(), time.thread_time()
            page = _search(q, now)
            took = time.perf_counter() - began
            cpu.append(time.thread_time() - cpu_began)
            search_seconds += took
            all_latencies.append(took)
            results += page.total
            kind = "newest" if q.get("sort") else "desk" if "desk" in q else "dates" if "since" in q else "words"
            latencies[kind].append(took)
        progress("querying", start + len(chunk), len(queries))

    queries_per_s = rate(len(queries), search_seconds)
    bare_per_s = rate(len(queries), bare_seconds)
    figures = {
        **latency_figures(all_latencies),
        **{f"cpu_{name}": value for name, value in latency_figures(cpu).items()},
        "queries_per_s": queries_per_s,
        "bare_lookups_per_s": bare_per_s,
        **{f"p95_ms_{kind}": latency_figures(values)["p95_ms"] for kind, values in latencies.items()},
        "goal_p95_ms": GOAL_P95_MS,
        "mean_matches": round(results / len(queries), 1),
        "index_items_per_s": rate(size, build_seconds),
        "index_build_seconds": round(build_seconds, 1),
        "stories": size,
        "peak_rss_mb": peak_rss_mb(),
        "seconds": round(time.perf_counter() - started, 2),
    }
    return {
        "figures": figures,
        "ratio": round(queries_per_s / bare_per_s, 3) if bare_per_s else 0.0,
        "ratio_of": "search queries/s / bare full-text lookups/s",
    }


def _search(q: dict, now):
    return search(q["text"], **{k: v for k, v in q.items() if k != "text"}, now=now)


def _bare(q: dict) -> None:
    query = parse(q["text"])
    if query.is_empty:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT 20",
                [fts5_expression(query)],
            )
        else:
            sql, params = tsquery_expression(query)
            cursor.execute(
                f"SELECT sort_key FROM search_document WHERE vector @@ {sql} ORDER BY sort_key DESC LIMIT 20",  # noqa: S608
                params,
            )
        cursor.fetchall()


def _build_archive(corpus: Corpus, size: int, now, progress) -> float:
    """Stories, placements and their index rows; returns the seconds spent writing the index."""
    from readwire.topics.models import Placement, Section

    source = Source.objects.create(name="bench-archive")
    # The default desks and Topics in Focus come with the topics app's migrations.
    sections = {}
    for kind, slugs in (("desk", [slug for slug, _share in _DESKS]), ("topic", _TOPICS)):
        for slug in slugs:
            sections[slug], _ = Section.objects.get_or_create(kind=kind, slug=slug, defaults={"name": slug.title()})
    backend = get_backend()
    backend.clear()
    backend.begin_bulk()
    index_seconds = 0.0
    first = now - timedelta(days=size / STORIES_PER_DAY)
    step = (now - first) / size
    for start in range(0, size, BATCH):
        count = min(BATCH, size - start)
        stories = []
        for i in range(start, start + count):
            dated = first + step * i + timedelta(seconds=int(corpus.rng.integers(0, 60)))
            embargo = now + timedelta(hours=2) if corpus.rng.random() < 0.001 else None
            headline = corpus.headline()
            stories.append(
                Story(
                    uri=f"https://archive.example.com/{i}",
                    source=source,
                    headline=headline,
                    first_created=dated,
                    version_created=dated,
                    received_at=dated,
                    updated_at=dated,
                    embargoed_until=embargo,
                )
            )
        placed = [[sections[slug] for slug in corpus.desks()] for _ in stories]
        with transaction.atomic():
            Story.objects.bulk_create(stories, batch_size=500)
            Placement.objects.bulk_create(
                [
                    Placement(story=s, section=section, origin="wire")
                    for s, on in zip(stories, placed, strict=True)
                    for section in on
                ],
                batch_size=2000,
            )
        docs, entities = [], []
        for story, on in zip(stories, placed, strict=True):
            # The generated version has every field of a Version that the index reads.
            version = cast(Version, corpus.story(story))
            doc, story_entities = build(story, version, sections=[section.pk for section in on])
            docs.append(doc)
            entities.extend(story_entities)
        began = time.perf_counter()
        backend.bulk_write(docs, entities)
        index_seconds += time.perf_counter() - began
        progress("indexing", start + count, size)
    progress("optimising the index")
    began = time.perf_counter()
    backend.finish_bulk()
    index_seconds += time.perf_counter() - began
    with connection.cursor() as cursor:
        # The stories and placements the searches check were written in bulk too: on PostgreSQL,
        # VACUUM leaves them as autovacuum would within minutes of a load (pages all-visible, so
        # the placement checks are index-only scans), the state a running service is in.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
    return index_seconds
