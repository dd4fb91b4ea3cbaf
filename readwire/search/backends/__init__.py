"""One search interface, a backend per database: SQLite FTS5 and PostgreSQL full text.

A backend keeps the index (``index``, ``remove``, and the bulk ``write`` that ``reindex`` and the
benchmark use) and answers ``search``. Both write the same rows (``documents.build``) through the
ORM; what differs is the full-text structure the database derives from them (migration 0002) and
the SQL that queries it. ``get_backend()`` picks the one for the default database's vendor.

How a search runs, on both (docs/search.md says it for readers):

1. the query tree becomes the backend's own match expression, built from quoted terms only;
2. the newest ``MAX_RESULTS + 1`` matching stories are taken straight off the full-text index in
   ``sort_key`` (date) order, with the filters applied; embargoed stories are left out here;
3. for "relevance" they are ordered by ``score = relevance × (1 + 2^(−age_days / 7))``: the
   backend's relevance (bm25 on SQLite, ts_rank_cd on PostgreSQL) doubled for a story from today,
   × 1.5 at a week old, fading to × 1 after a month; "newest" keeps the date order;
4. the page is checked once more against ``Story.objects.visible()``, the one rule for readers,
   and gets its highlighted headline and snippet.

At most ``MAX_RESULTS`` stories are returned for a query; ``total_is_exact`` says whether more
matched. This bounds the cost of a common word at a million stories; a reader narrows with a
date range or filters to reach further back.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from readwire.search import documents
from readwire.search.documents import MATCH_END, MATCH_START
from readwire.search.models import SearchDocument, SearchEntity
from readwire.search.query import Query
from readwire.wire.models import Story

log = logging.getLogger(__name__)

MAX_RESULTS = 1000
RECENCY_HALF_LIFE_DAYS = 7.0
SNIPPET_WORDS = 28
RELEVANCE = "relevance"
NEWEST = "newest"
SORTS = (RELEVANCE, NEWEST)
# Characters a backend may put into snippets for its own tokenising, removed again on output.
INVISIBLE = "\u2060"
_WHITESPACE = re.compile(r"\s+")
_MARKERS = re.compile(f"([{MATCH_START}{MATCH_END}])")


# The candidate story in a ``Filters.within`` queryset: ``Placement.objects.filter(section=desk,
# story_id=OUTER_STORY)`` is "the story is on that desk", one index probe per candidate.
OUTER_STORY = RawSQL("d.story_id", ())


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides the words. Each of ``within`` is a queryset that refers to
    the candidate story through ``OUTER_STORY``; a result must make every one of them non-empty."""

    since: datetime | None = None
    until: datetime | None = None
    within: tuple[QuerySet, ...] = ()
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


@dataclass(frozen=True)
class Candidate:
    sort_key: int
    story_id: int
    relevance: float


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
        document, entities = documents.build(story, story.current)
        for attempt in range(3):
            try:
                with transaction.atomic():
                    self._delete([story.pk])
                    self.write([document], entities)
                return
            except IntegrityError:
                # Another worker indexed the same story at the same moment, or (once in many
                # millions) another story has the same sort key: the first wins, or we step aside.
                if attempt == 2:
                    raise
                if SearchDocument.objects.filter(sort_key=document.sort_key).exclude(story_id=story.pk).exists():
                    document.sort_key += 1

    def remove(self, story_id: int) -> None:
        with transaction.atomic():
            self._delete([story_id])

    def write(self, docs: Sequence[SearchDocument], entities: Sequence[SearchEntity]) -> None:
        """Insert index rows (from ``documents.build``) for stories not in the index yet."""
        SearchDocument.objects.bulk_create(docs, batch_size=500)
        SearchEntity.objects.bulk_create(entities, batch_size=2000)

    def bulk_write(self, docs: Sequence[SearchDocument], entities: Sequence[SearchEntity]) -> None:
        """``write`` for many rows at once, by the fastest path the database has, in one transaction."""
        with transaction.atomic():
            self.write(docs, entities)

    def replace(self, docs: Sequence[SearchDocument], entities: Sequence[SearchEntity]) -> None:
        """Write rows for stories that may be in the index already, in one transaction."""
        with transaction.atomic():
            self._delete([d.story_id for d in docs])
            self.write(docs, entities)

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
        found = self._shown_to_readers(found[:MAX_RESULTS], now)
        if sort == RELEVANCE:
            scored = [(c.relevance * recency_boost(documents.dated_from_key(c.sort_key), now), c) for c in found]
            scored.sort(key=lambda pair: (pair[0], pair[1].sort_key), reverse=True)
        else:
            scored = [(0.0, c) for c in found]
        start = (page - 1) * per_page
        on_page = scored[start : start + per_page]

        marked = self.marked(query, [c.sort_key for _, c in on_page]) if on_page else {}
        results = []
        for score, c in on_page:
            headline, snippet = marked.get(c.sort_key, ("", ""))
            results.append(
                SearchResult(
                    story_id=c.story_id,
                    rank=score,
                    dated=documents.dated_from_key(c.sort_key),
                    headline=marked_html(headline),
                    snippet=marked_html(snippet),
                )
            )
        return SearchPage(results, len(found), start + per_page < len(found), page, per_page, exact, query)

    @staticmethod
    def _shown_to_readers(found: list[Candidate], now: datetime) -> list[Candidate]:
        """The candidates readers are shown, by the stories' own rule: visible, and of a group of
        duplicates only the copy chosen to be shown. The index leaves out withdrawn and withheld
        stories already; this catches a change that bypassed accept() and so never reached the
        index (logged; ``reindex`` repairs it), and the duplicates the wire app links."""
        if not found:
            return found
        stories = Story.objects
        readers = stories.for_readers(now) if hasattr(stories, "for_readers") else stories.visible(now)
        shown = set(readers.filter(pk__in=[c.story_id for c in found]).values_list("pk", flat=True))
        hidden = {c.story_id for c in found} - shown
        if hidden:
            behind = set(
                Story.objects.filter(pk__in=hidden).exclude(pk__in=stories.visible(now)).values_list("pk", flat=True)
            )
            if behind:
                log.warning("search index is behind for stories %s", sorted(behind))
        return [c for c in found if c.story_id in shown]

    def candidates(self, query: Query, filters: Filters, now: datetime, *, limit: int, ranked: bool) -> list[Candidate]:
        """The newest ``limit`` visible-by-embargo stories matching ``query`` and ``filters``,
        newest first, with their relevance when ``ranked`` (0 otherwise)."""
        raise NotImplementedError

    def marked(self, query: Query, sort_keys: list[int]) -> dict[int, tuple[str, str]]:
        """Headline and snippet plain text of each document, matches between MATCH_START/END."""
        raise NotImplementedError

    # --- shared SQL pieces -------------------------------------------------------------------

    @staticmethod
    def filter_sql(filters: Filters, now: datetime, key_column: str) -> tuple[list[str], list]:
        """SQL conditions on the ``d`` (search_document) alias for the embargo and the filters."""
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
        for queryset in filters.within:
            sql, subquery_params = queryset.values("pk")[:1].query.sql_with_params()
            conditions.append(f"EXISTS ({sql})")
            params.extend(subquery_params)
        return conditions, params


def pick_snippet(*columns: str) -> str:
    """Of a backend's snippets (standfirst, body, captions, names) followed by the standfirst and
    body texts, the first snippet with a match, or else the story's opening words."""
    *snippets, standfirst, body = columns
    for snippet in snippets:
        if snippet and MATCH_START in snippet:
            return snippet
    words = (standfirst or body or "").split()
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")


def recency_boost(dated: datetime, now: datetime) -> float:
    age_days = max(0.0, (now - dated).total_seconds() / 86400)
    return 1.0 + 2.0 ** (-age_days / RECENCY_HALF_LIFE_DAYS)


def marked_html(text: str) -> SafeString:
    """Escape ``text`` and turn the match markers into balanced ``<mark>`` elements, and nothing
    else: whatever markup a story's text holds comes out as text."""
    text = _WHITESPACE.sub(" ", text.replace(INVISIBLE, "")).strip()
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
    # Words marked one by one (PostgreSQL) read like a phrase marked whole (FTS5).
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
