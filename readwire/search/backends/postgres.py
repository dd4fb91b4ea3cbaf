"""PostgreSQL full text: a stored generated ``tsvector`` on ``search_document`` with a GIN index.

The vector (migration 0002) weighs the headline A, standfirst B, body C, captions and names D,
with a position gap between them so that a phrase never runs from one into the next. Its text is
cut into words the way FTS5 cuts it: every run of characters that are not letters or digits is a
space, so ``COVID-19`` is ``covid 19`` on both backends.

A query is built from the query tree with ``phraseto_tsquery('english', %s)`` per phrase, combined
with the tsquery operators ``&&``, ``||`` and ``!!`` in SQL: the reader's words travel as bound
parameters and PostgreSQL never parses them as query syntax. Relevance is ``ts_rank_cd`` with
length normalisation, worked out only over rows already chosen (the newest matches), never over
every match; headlines and snippets are marked in Python from the page's rows, as on SQLite
(``SearchBackend.marked``).
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction

from readwire.search import documents
from readwire.search.backends import Candidate, Filters, SearchBackend, readers_sql, register
from readwire.search.query import AnyOf, Phrase, Query

# Stories fetched beyond the limit, in case the readers' rule hides some of them.
READERS_MARGIN = 50
# 1: divide by 1 + log(document length), so long stories do not win by being long.
RANK_NORMALISATION = 1
# Every story's vector also holds the periods of 2^21, 2^23 and 2^25 seconds (24, 97 and 388 days)
# its date falls in, as lexemes '~21.<n>' and so on (migration 0002).
PERIOD_SHIFTS = (21, 23, 25)
# At most this many periods (lexemes) in one window: each is an entry GIN reads.
MAX_PERIODS = 6
# How many times ``limit`` matches the next span is sized to hold, from the rate of matches in
# the last: enough that one more span is rarely needed.
SPAN_MARGIN = 1.3

GIN_INDEX_SQL = "CREATE INDEX IF NOT EXISTS search_document_vector ON search_document USING gin (vector)"


def _settle_deferred_checks(cursor) -> None:
    """Run the foreign-key checks a transaction has deferred: PostgreSQL refuses TRUNCATE and
    CREATE INDEX on a table with checks pending (only inside a longer transaction, as in tests)."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def tsquery_expression(query: Query) -> tuple[str, list[str]]:
    """SQL for a tsquery equivalent to ``query``, and its parameters (the phrases' words)."""
    params: list[str] = []

    def phrase(p: Phrase) -> str:
        params.append(" ".join(p.words))
        return "phraseto_tsquery('english', %s)"

    def clause(c: Phrase | AnyOf) -> str:
        return "(" + " || ".join(map(phrase, c.phrases)) + ")" if isinstance(c, AnyOf) else phrase(c)

    expression = " && ".join(map(clause, query.required))
    if query.excluded:
        expression = f"({expression}) && !!({' || '.join(map(phrase, query.excluded))})"
    return f"({expression})", params


def _periods(first: int, last: int | None, now_seconds: int) -> tuple[list[str], int] | None:
    """The lexemes of the periods that together hold every story dated from second ``first`` to
    second ``last`` (no ``last``: to the end of the period after the current one), and the second
    the first of them begins: periods of the shortest length in PERIOD_SHIFTS that needs no more
    than MAX_PERIODS of them. None if even the longest would need more.

    GIN reads every entry of each period's lexeme that falls where the query's words do, so the
    fewer stories the periods hold beyond the span the cheaper the search: at a million stories,
    four 97-day periods searched in 12 ms what the three 388-day periods around them took 47 ms for."""
    for shift in PERIOD_SHIFTS:
        end = (now_seconds >> shift) + 1 if last is None else last >> shift
        numbers = range(first >> shift, end + 1)
        if len(numbers) <= MAX_PERIODS:
            return [f"~{shift}.{n}" for n in numbers], numbers.start << shift
    return None


@register
class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def candidates(self, query: Query, filters: Filters, now: datetime, *, limit: int, ranked: bool) -> list[Candidate]:
        # GIN has no order, so "the newest matches" means finding every match and sorting them,
        # and a common word matches a third of the archive. Looking first in the recent periods
        # (see PERIOD_SHIFTS) bounds that work by the period's size, not the archive's.
        with transaction.atomic(), connection.cursor() as cursor:
            # The planner costs "vector @@ query" as if it were free, so over narrow rows whose
            # vectors live out of line a sequential scan looks cheap; it would read every vector.
            # And for a few thousand matches it would rather hash all the stories (to test who may
            # read them) than look each one up: a search is a few thousand lookups at most.
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), "
                "set_config('enable_mergejoin', 'off', true)"
            )
            return self._staged(query, filters, now, limit, ranked)

    def _staged(self, query, filters, now, limit, ranked) -> list[Candidate]:
        """The newest ``limit`` candidates, looked for over ever longer spans back from ``now``.

        Each span is searched in the periods that hold it (``_periods``), so GIN reads only the
        entries of the stories in them; the first span is the finest period or two. Each next
        span is sized from the rate of matches in the last to hold about SPAN_MARGIN × ``limit``
        matches: a wider window than needed costs a heap page per match, and a narrower one
        another statement. A date range is searched in one statement, in its own periods."""
        low, high = documents.sort_key_bounds(filters.since, filters.until)
        bits = documents.STORY_BITS
        if low is not None and high is not None:
            periods = _periods(low >> bits, high >> bits, int(now.timestamp()))
            return self._newest(query, filters, now, limit, ranked, periods[0] if periods else [], last=True)[0]
        now_seconds = int(now.timestamp())
        span = 1 << PERIOD_SHIFTS[0]
        while True:
            first = now_seconds - span
            if high is not None and high >> bits < first:
                first = -(1 << 62)  # the date range ends before this span: all of it at once
            # The span is the last to look in if the date range begins inside it.
            last = low is not None and low >> bits >= first
            periods = _periods(low >> bits if last and low is not None else first, None, now_seconds)
            lexemes, begins = periods if periods is not None else ([], 0)
            last = last or periods is None
            found, matches = self._newest(query, filters, now, limit, ranked, lexemes, last=last)
            if len(found) >= limit or last:
                return found
            span = now_seconds - begins
            span = max(span * 2, int(span * limit * SPAN_MARGIN / max(matches, 1)))

    def _newest(
        self, query, filters, now, limit, ranked, periods: list[str], *, last: bool
    ) -> tuple[list[Candidate], int]:
        """The newest ``limit`` candidates in ``periods`` (all time if none), and how many stories
        matched there before the readers' rule. Unless this is the ``last`` window to look in, a
        window with fewer than ``limit`` matches is only counted: its stories are not checked
        against the readers' rule nor ranked, as the next, wider window will take them again."""
        tsquery, query_params = tsquery_expression(query)
        # The desk's placements (``placed``) are checked with the readers' rule, after the limit:
        # the section tokens have narrowed the matches to the desk already, and checking each of a
        # wide window's thousands of matches costs more than the rest of the search.
        conditions, params = self.filter_sql(filters, now, "d.sort_key", readers=False, placed=False)
        match, match_params = tsquery, list(query_params)
        for section in filters.sections:
            match += " && %s::tsquery"
            match_params.append(f"~{documents.section_token(section)}")
        if periods:
            match += f" && ({' || '.join(['%s::tsquery'] * len(periods))})"
            match_params += periods
        match = f"({match})"
        judge, judge_params = self._judge_sql(query, filters, now, ranked)
        # One statement: the window's newest matches (``w``), then, only if the window answers
        # (enough matches, or the last window), each one's readers' rule, placements and relevance,
        # reading its row again by its physical address (``ctid``: a direct heap fetch, where a
        # second query by key probed the primary key a thousand times). Inside one statement the
        # address cannot go stale. Only constants and placeholders are put together here;
        # every value is a bound parameter.
        sql = (
            "WITH w AS MATERIALIZED ("  # noqa: S608
            "SELECT d.ctid AS at, d.sort_key, d.story_id, count(*) OVER () AS matches FROM search_document d "
            f"WHERE d.vector @@ {match} AND {' AND '.join(conditions)} "
            # "+ 0" keeps the planner from walking the primary key backwards, testing each row's
            # vector: it cannot tell that reading a vector costs far more than the GIN lookup.
            "ORDER BY d.sort_key + 0 DESC LIMIT %s) "
            # A CASE, not a join: PostgreSQL evaluates the subquery only for the rows it reaches.
            "SELECT w.sort_key, w.story_id, w.matches, CASE WHEN w.matches >= %s OR %s THEN "
            f"(SELECT {judge} FROM search_document d WHERE d.ctid = w.at) END FROM w"
        )
        # The readers' rule is a lookup per story, so it runs after the limit, over a few more
        # stories than needed; only when too many of those are hidden does it run over them all.
        fetch = limit + READERS_MARGIN
        while True:
            with connection.cursor() as cursor:
                cursor.execute(sql, [*match_params, *params, fetch, limit, last, *judge_params])
                rows = cursor.fetchall()
            rows.sort(reverse=True)  # newest first, as the window took them
            matches = rows[0][2] if rows else 0
            if not last and matches < limit:
                return [], matches
            shown = [(key, story_id, float(relevance)) for key, story_id, _, relevance in rows if relevance is not None]
            if len(shown) >= limit or matches <= fetch:
                return shown[:limit], matches
            fetch = matches

    @staticmethod
    def _judge_sql(query: Query, filters: Filters, now: datetime, ranked: bool) -> tuple[str, list]:
        """SQL for a window's match ``d`` that is NULL unless readers may see the story and it is
        still placed as ``filters.placed`` says, else its relevance (0 unless ``ranked``)."""
        readers, params = readers_sql(now)
        conditions = [readers]
        for queryset in filters.placed:
            sql, subquery_params = queryset.values("pk")[:1].query.sql_with_params()
            conditions.append(f"EXISTS ({sql})")
            params.extend(subquery_params)
        tsquery, query_params = tsquery_expression(query)
        relevance = f"ts_rank_cd(d.rank_vector, {tsquery}, {RANK_NORMALISATION})" if ranked else "0.0"
        return f"CASE WHEN {' AND '.join(conditions)} THEN {relevance} END", [
            *params,
            *(query_params if ranked else []),
        ]

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            _settle_deferred_checks(cursor)
            cursor.execute("TRUNCATE search_entity, search_document")

    def begin_bulk(self) -> None:
        # Filling a GIN index row by row is several times slower than building it once at the end.
        with connection.cursor() as cursor:
            _settle_deferred_checks(cursor)
            cursor.execute("DROP INDEX IF EXISTS search_document_vector")

    def bulk_write(self, docs, entities) -> None:
        columns = (
            "sort_key",
            "story_id",
            "dated",
            "embargoed_until",
            "headline",
            "standfirst",
            "body",
            "captions",
            "names",
            "sections",
        )
        with transaction.atomic(), connection.cursor() as cursor, connection.wrap_database_errors:
            with cursor.cursor.copy(f"COPY search_document ({', '.join(columns)}) FROM STDIN") as copy:
                for d in docs:
                    copy.write_row([getattr(d, c) for c in columns])
            with cursor.cursor.copy("COPY search_entity (story_id, kind, key) FROM STDIN") as copy:
                for e in entities:
                    copy.write_row((e.story_id, e.kind, e.key))

    def finish_bulk(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_document_vector'")
            if cursor.fetchone() is None:
                _settle_deferred_checks(cursor)
                cursor.execute("SET maintenance_work_mem = '256MB'")
                cursor.execute(GIN_INDEX_SQL)
                cursor.execute("RESET maintenance_work_mem")
            # VACUUM also sets the freshly loaded rows' hint bits, which the first searches would
            # otherwise set (dirtying each page they touch), and marks the pages all-visible. It
            # cannot run inside a transaction (a test's); there ANALYZE alone.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{command} search_document")
            cursor.execute(f"{command} search_entity")
