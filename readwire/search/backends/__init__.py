"""One search interface, a backend per database: SQLite FTS5 and PostgreSQL full text.

A backend keeps the index (``index``, ``remove``, and the bulk ``write`` that ``reindex`` and the
benchmark use) and answers ``search``. Both write the same rows (``documents.build``) through the
ORM; what differs is the full-text structure the database derives from them (migration 0002) and
the SQL that queries it. ``get_backend()`` picks the one for the default database's vendor.

How a search runs, on both (docs/search.md says it for readers):

1. the query tree becomes the backend's own match expression, built from quoted terms only;
2. the newest ``MAX_RESULTS + 1`` matching stories are taken straight off the full-text index in
   ``sort_key`` (date) order, with the filters applied and only stories readers may see, by the
   stories' own rule (``Story.objects.for_readers()``: not withdrawn or withheld, embargo passed,
   one copy of a duplicated story);
3. for "relevance" they are ordered by ``score = relevance × (1 + 2^(−age_days / 7))``: the
   backend's relevance (which of the headline, standfirst and names hold a query word on SQLite,
   ``ts_rank_cd`` on PostgreSQL) doubled for a story from today,
   × 1.5 at a week old, fading to × 1 after a month; "newest" keeps the date order;
4. the page gets its highlighted headline and snippet.

At most ``MAX_RESULTS`` stories are returned for a query; ``total_is_exact`` says whether more
matched. This bounds the cost of a common word at a million stories; a reader narrows with a
date range or filters to reach further back.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from readwire.search import documents
from readwire.search.documents import MATCH_END, MATCH_START
from readwire.search.models import SearchDocument, SearchEntity
from readwire.search.query import Query
from readwire.search.relevance import FieldMatcher
from readwire.wire.models import Story

MAX_RESULTS = 1000
# A snippet's length in words.
SNIPPET_WORDS = 24
RECENCY_HALF_LIFE_DAYS = 7.0
RELEVANCE = "relevance"
NEWEST = "newest"
SORTS = (RELEVANCE, NEWEST)
_WHITESPACE = re.compile(r"\s+")
_MARKERS = re.compile(f"([{MATCH_START}{MATCH_END}])")


# The candidate story in a ``Filters.within`` queryset: ``Placement.objects.filter(section=desk,
# story_id=OUTER_STORY)`` is "the story is on that desk", one index probe per candidate.
OUTER_STORY = RawSQL("d.story_id", ())


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides the words.

    Each of ``within`` is a queryset that refers to the candidate story through ``OUTER_STORY``;
    a result must make every one of them non-empty. It is tested on each candidate as the index
    is walked newest first, which suits a filter that keeps many stories (a desk). Each of
    ``among`` is a queryset of ``sort_key`` values (a few hundred, say a person's stories) that
    the results must be among: the search then starts from them instead of walking the index.
    """

    since: datetime | None = None
    until: datetime | None = None
    # Ids of desks and Topics in Focus the story must be placed in: matched inside the full-text
    # index itself, from the tokens each document carries (``documents.section_token``).
    sections: tuple[int, ...] = ()
    within: tuple[QuerySet, ...] = ()
    among: tuple[QuerySet, ...] = ()
    # Like ``within``, the placements of the desks and Topics in Focus in ``sections``: the section
    # tokens already find only stories placed there, so these only keep out a story moved away by
    # a path that did not reach the index, and a backend may check them after the limit.
    placed: tuple[QuerySet, ...] = ()
    # A filter named something that does not exist (an unknown desk): nothing can match.
    impossible: bool = False


@dataclass(frozen=True)
class SearchResult:
    story_id: int
    rank: float
    dated: datetime
    headline: SafeString
    snippet: SafeString


@dataclass(frozen=True)
class SearchPage:
    results: list[SearchResult]
    # How many stories matched, counting no further than MAX_RESULTS.
    total: int
    has_next: bool
    page: int = 1
    per_page: int = 20
    total_is_exact: bool = True
    query: Query = field(default_factory=Query)

    @property
    def story_ids(self) -> list[int]:
        return [r.story_id for r in self.results]


# A candidate story: (sort_key, story_id, relevance). A plain tuple, not a NamedTuple or a
# dataclass: a search makes a thousand of them, and under cProfile a NamedTuple's constructor cost
# about a millisecond a search.
Candidate = tuple[int, int, float]


class SearchBackend:
    """The interface, and the parts both backends share. Subclasses answer the two questions that
    need their full-text SQL: which stories match (``candidates``) and how they read with their
    matches marked (``marked``)."""

    vendor = ""

    # --- keeping the index -------------------------------------------------------------------

    def index(self, story: Story) -> None:
        """Make the index show ``story`` as it is now: its current version while it is published
        (embargoed or not), nothing once it is withheld or withdrawn."""
        if story.state != Story.State.PUBLISHED:
            self.remove(story.pk)
            return
        version = story.current
        machine = documents.machine_taggings([version]).get((story.pk, version.version))
        sections = documents.placements([story.pk]).get(story.pk, ())
        document, entities = documents.build(story, version, machine, sections)
        for attempt in range(3):
            try:
                with transaction.atomic():
                    self._delete([story.pk])
                    self.bulk_write([document], entities)
                return
            except IntegrityError:
                # Another worker indexed the same story at the same moment, or (once in many
                # millions) another story has the same sort key: the first wins, or we step aside.
                if attempt == 2:
                    raise
                if SearchDocument.objects.filter(sort_key=document.sort_key).exclude(story_id=story.pk).exists():
                    document.sort_key += 1

    def refresh_sections(self, story_id: int) -> None:
        """Bring a story's section tokens in step with its placements (an editor moved it)."""
        tokens = documents.section_tokens(documents.placements([story_id]).get(story_id, ()))
        SearchDocument.objects.filter(story_id=story_id).exclude(sections=tokens).update(sections=tokens)

    def remove(self, story_id: int) -> None:
        with transaction.atomic():
            self._delete([story_id])

    def bulk_write(self, docs: Sequence[SearchDocument], entities: Sequence[SearchEntity]) -> None:
        """Insert index rows (from ``documents.build``) for stories not in the index yet, by the
        fastest path the database has, in one transaction."""
        with transaction.atomic():
            SearchDocument.objects.bulk_create(docs, batch_size=500)
            SearchEntity.objects.bulk_create(entities, batch_size=2000)

    def replace(self, docs: Sequence[SearchDocument], entities: Sequence[SearchEntity]) -> None:
        """Write rows for stories that may be in the index already, in one transaction."""
        with transaction.atomic():
            self._delete([d.story_id for d in docs])
            self.bulk_write(docs, entities)

    def clear(self) -> None:
        """Empty the index, fast; used by ``reindex --from-scratch``."""
        with transaction.atomic():
            SearchEntity.objects.all().delete()
            SearchDocument.objects.all().delete()

    def begin_bulk(self) -> None:
        """Called before a bulk ``write`` of many stories into an empty index."""

    def finish_bulk(self) -> None:
        """Called after a bulk load or rebuild: whatever makes the index fast to query again."""

    def _delete(self, story_ids: Iterable[int]) -> None:
        ids = list(story_ids)
        SearchEntity.objects.filter(story_id__in=ids).delete()
        SearchDocument.objects.filter(story_id__in=ids).delete()

    # --- searching ---------------------------------------------------------------------------

    def search(
        self,
        query: Query,
        filters: Filters | None = None,
        sort: str = RELEVANCE,
        page: int = 1,
        per_page: int = 20,
        *,
        now: datetime | None = None,
    ) -> SearchPage:
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        filters = filters or Filters()
        now = now or timezone.now()
        page, per_page = max(1, int(page)), max(1, min(int(per_page), 100))
        if query.is_empty or filters.impossible or (filters.since and filters.until and filters.since > filters.until):
            return SearchPage([], 0, False, page, per_page, True, query)

        found = self.candidates(query, filters, now, limit=MAX_RESULTS + 1, ranked=sort == RELEVANCE)
        exact = len(found) <= MAX_RESULTS
        found = found[:MAX_RESULTS]
        start = (page - 1) * per_page
        if sort == RELEVANCE:
            # score = relevance × _boost(age), written out here: it runs for a thousand candidates,
            # and a call per candidate cost about a third of a millisecond a search under cProfile.
            now_seconds, shift = now.timestamp(), documents.STORY_BITS
            per_second = 1.0 / (RECENCY_HALF_LIFE_DAYS * 86400)
            # Best first, the newer of two equal scores first (sort keys are unique, so the
            # candidates themselves are never compared).
            ranked = [
                (c[2] * (1.0 + 2.0 ** (min(0.0, (c[0] >> shift) - now_seconds) * per_second)), c[0], c) for c in found
            ]
            ranked.sort(reverse=True)
            on_page = [(score, c) for score, _, c in ranked[start : start + per_page]]
        else:
            on_page = [(0.0, c) for c in found[start : start + per_page]]

        marked = self.marked(query, [key for _, (key, _, _) in on_page]) if on_page else {}
        results = []
        for score, (key, story_id, _) in on_page:
            headline, snippet = marked.get(key, ("", ""))
            results.append(
                SearchResult(
                    story_id=story_id,
                    rank=score,
                    dated=documents.dated_from_key(key),
                    headline=marked_html(headline),
                    snippet=marked_html(snippet),
                )
            )
        return SearchPage(results, len(found), start + per_page < len(found), page, per_page, exact, query)

    def candidates(self, query: Query, filters: Filters, now: datetime, *, limit: int, ranked: bool) -> list[Candidate]:
        """The newest ``limit`` stories readers may see that match ``query`` and ``filters``,
        newest first, with their relevance when ``ranked`` (0 otherwise)."""
        raise NotImplementedError

    def marked(self, query: Query, sort_keys: list[int]) -> dict[int, tuple[str, str]]:
        """Headline and snippet of each document as plain text, matches between MATCH_START and
        MATCH_END. The headline is whole; the snippet is SNIPPET_WORDS words of the standfirst or
        body, or else the captions or names, whichever has a match first, and a story matched by
        its headline alone shows its opening.

        Both backends cut them in Python from the page's rows (``search.relevance``), so snippets
        read alike on both: FTS5's ``snippet()`` seeks every query word's list of entries once per
        story shown (up to 24 ms a page at a million stories), and PostgreSQL's ``ts_headline``
        parses and stems every word it is given (5 ms a page)."""
        matcher = FieldMatcher(query.phrases)
        # A page's rows, fetched at once: ``iterator()`` would open a server-side cursor on
        # PostgreSQL, three round trips for twenty rows.
        rows = SearchDocument.objects.filter(sort_key__in=sort_keys).values_list(
            "sort_key", "headline", "standfirst", "body", "captions", "names"
        )
        marked = {}
        for key, headline, *texts in rows:
            passages = (matcher.passage(text, SNIPPET_WORDS) for text in texts if text)
            snippet = next((p for p in passages if p is not None), None)
            if snippet is None:  # matched by its headline alone: its opening
                snippet = matcher.opening(texts[0] or texts[1] or "", SNIPPET_WORDS)
            marked[key] = (matcher.highlight(headline or ""), snippet)
        return marked

    # --- shared SQL pieces -------------------------------------------------------------------

    @staticmethod
    def filter_sql(
        filters: Filters, now: datetime, key_column: str, *, readers: bool = True, placed: bool = True
    ) -> tuple[list[str], list]:
        """SQL conditions on the ``d`` (search_document) alias: the filters and (unless told not
        to, for a backend that applies them itself) the placements and the readers' rule."""
        adapt = connection.ops.adapt_datetimefield_value
        conditions = ["(d.embargoed_until IS NULL OR d.embargoed_until <= %s)"]
        params: list = [adapt(now)]
        low, high = documents.sort_key_bounds(filters.since, filters.until)
        if low is not None:
            conditions.append(f"{key_column} >= %s")
            params.append(low)
        if high is not None:
            conditions.append(f"{key_column} <= %s")
            params.append(high)
        for queryset in filters.among:
            sql, subquery_params = queryset.query.sql_with_params()
            conditions.append(f"{key_column} IN ({sql})")
            params.extend(subquery_params)
        for queryset in (*filters.within, *(filters.placed if placed else ())):
            sql, subquery_params = queryset.values("pk")[:1].query.sql_with_params()
            conditions.append(f"EXISTS ({sql})")
            params.extend(subquery_params)
        if readers:
            sql, readers_params = readers_sql(now)
            conditions.append(sql)
            params.extend(readers_params)
        return conditions, params


def readers_sql(now: datetime) -> tuple[str, list]:
    """The stories' own rule for what readers see, as an SQL condition on ``d.story_id``: visible,
    and of a group of duplicates only the copy chosen to be shown. The index already leaves out
    withdrawn and withheld stories; this also holds when a change bypassed accept()."""
    sql, params = _readers_sql()
    adapt = connection.ops.adapt_datetimefield_value
    return f"EXISTS ({sql})", [adapt(now) if p is _NOW else p for p in params]


# A time no story is dated at, compiled into the readers' rule in place of "now" and swapped for
# the real now on every search: composing that query with the ORM costs more than running it.
_COMPILE_TIME = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)
_NOW = object()
_readers_sql_cache: dict[str, tuple[str, list]] = {}


def _readers_sql() -> tuple[str, list]:
    """``Story.objects.for_readers()`` of the candidate story, as SQL whose "now" parameters are ``_NOW``."""
    vendor = connection.vendor
    if vendor not in _readers_sql_cache:
        stories = Story.objects
        readers = (
            stories.for_readers(_COMPILE_TIME) if hasattr(stories, "for_readers") else stories.visible(_COMPILE_TIME)
        )
        sql, params = readers.filter(pk=OUTER_STORY).values("pk")[:1].query.sql_with_params()
        compiled_now = connection.ops.adapt_datetimefield_value(_COMPILE_TIME)
        _readers_sql_cache[vendor] = (sql, [_NOW if p == compiled_now else p for p in params])
    return _readers_sql_cache[vendor]


def recency_boost(dated: datetime, now: datetime) -> float:
    return _boost((now - dated).total_seconds())


def _boost(age_seconds: float) -> float:
    return 1.0 + 2.0 ** (-max(0.0, age_seconds) / (RECENCY_HALF_LIFE_DAYS * 86400))


def marked_html(text: str) -> SafeString:
    """Escape ``text`` and turn the match markers into balanced ``<mark>`` elements, and nothing
    else: whatever markup a story's text holds comes out as text."""
    text = _WHITESPACE.sub(" ", text).strip()
    out: list[str] = []
    open_mark = False
    for piece in _MARKERS.split(text):
        if piece == MATCH_START:
            if not open_mark:
                out.append("<mark>")
                open_mark = True
        elif piece == MATCH_END:
            if open_mark:
                out.append("</mark>")
                open_mark = False
        else:
            out.append(html.escape(piece))
    if open_mark:
        out.append("</mark>")
    # Matched words next to each other read as one marked passage.
    joined = "".join(out).replace("<mark></mark>", "").replace("</mark> <mark>", " ")
    return mark_safe(joined)  # noqa: S308 - every piece of text is escaped


_BACKENDS: dict[str, type[SearchBackend]] = {}


def register(cls: type[SearchBackend]) -> type[SearchBackend]:
    _BACKENDS[cls.vendor] = cls
    return cls


def get_backend() -> SearchBackend:
    from readwire.search.backends import postgres, sqlite  # noqa: F401 - they register themselves

    try:
        return _BACKENDS[connection.vendor]()
    except KeyError:
        raise RuntimeError(
            f"search has no backend for {connection.vendor}; Readwire runs on SQLite or PostgreSQL"
        ) from None
