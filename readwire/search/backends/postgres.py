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


def _range_lexemes(low: int, high: int) -> list[str]:
    """The lexemes of the fewest periods, all of the shortest length in PERIOD_SHIFTS that needs
    no more than three, that together hold every story from ``low`` to ``high`` (sort keys); none
    (all time) for a range longer than that."""
    first, last = low >> documents.STORY_BITS, high >> documents.STORY_BITS
    for shift in PERIOD_SHIFTS:
        if (last >> shift) - (first >> shift) < 3:
            return [f"~{shift}.{p}" for p in range(first >> shift, (last >> shift) + 1)]
    return []


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
        low, high = documents.sort_key_bounds(filters.since, filters.until)
        if low is not None and high is not None:
            # A date range: one statement over the periods that hold it, wherever it lies. The
            # windows below are counted back from now and, for a month two years ago, would
            # have GIN read the entries of the 388-day periods around it.
            return self._newest(query, filters, now, limit, ranked, _range_lexemes(low, high), last=True)[0]
        now_seconds = int(now.timestamp())
        shifts = list(PERIOD_SHIFTS)
        while shifts:
            shift = shifts.pop(0)
            period = now_seconds >> shift
            # The previous, current and next periods: everything dated after the previous one began.
            window_start = ((period - 1) << shift) << documents.STORY_BITS
            if high is not None and high < window_start:
                continue  # the date range ends before this window begins
            lexemes = [f"~{shift}.{p}" for p in (period - 1, period, period + 1)]
            # The window is the answer if it holds enough, or if the date range lies inside it.
            last = low is not None and low >= window_start
            found, matches = self._newest(query, filters, now, limit, ranked, lexemes, last=last)
            if len(found) >= limit or last:
                return found
            # Each wider window spans about four times the time of the one before: skip those
            # unlikely to hold enough matches either.
            expected = matches * 4
            while shifts and expected < limit:
                shifts.pop(0)
                expected *= 4
        return self._newest(query, filters, now, limit, ranked, [], last=True)[0]

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
            cursor.execute("ANALYZE search_document")
            cursor.execute("ANALYZE search_entity")
