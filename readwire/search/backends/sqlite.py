"""SQLite FTS5: an external-content table over ``search_document``, kept in step by triggers.

``search_fts`` (migration 0002) has one column per kind of text, the Porter stemmer over
``unicode61`` (case folded, diacritics kept, as on PostgreSQL), full position detail for phrases,
and ``sort_key`` as its rowid, so FTS5 walks matches newest first and stops at the limit.
Relevance is which fields hold a match (``SqliteBackend._relevance``); headlines and snippets are
marked in Python from the page's rows, as on PostgreSQL (``SearchBackend.marked``).

Every term reaches FTS5 as a double-quoted string (``fts5_expression``): FTS5 then reads it as
text to tokenise, never as syntax, whatever the reader typed.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction

from readwire.search import documents
from readwire.search.backends import Candidate, Filters, SearchBackend, register
from readwire.search.query import AnyOf, Phrase, Query
from readwire.search.relevance import FieldMatcher

# What a query word in each field adds to a story's relevance (1 for matching at all), in the
# same order of importance as PostgreSQL's weights (headline A, standfirst B, names D).
FIELD_WEIGHTS = (("headline", 6.0), ("standfirst", 3.0), ("names", 2.0))
# Up to this many candidates, or candidates spread over more days than LONG_RANGE_DAYS (words rare
# together), relevance reads their fields by key; otherwise it reads the field indexes' entries for
# the query's words across the candidates' range of keys, which over years number hundreds of thousands.
FEW_CANDIDATES = 100
LONG_RANGE_DAYS = 365
# search_document's (sort_key, headline, standfirst, names), read by key for that (migration 0005).
FIELDS_INDEX = "search_document_fields"
COLUMNS = ("headline", "standfirst", "body", "captions", "names")
# A reader's words are looked for in the text columns only, never among the section tokens.
TEXT_COLUMNS = "{" + " ".join(COLUMNS) + "}"
# search_document's (sort_key, story_id, embargoed_until), all a candidate needs (migration 0003).
CANDIDATE_INDEX = "search_document_candidate"

TRIGGERS_SQL = [
    """
    CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts (rowid, headline, standfirst, body, captions, names, sections)
        VALUES (new.sort_key, new.headline, new.standfirst, new.body, new.captions, new.names, new.sections);
    END
    """,
    """
    CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts (search_fts, rowid, headline, standfirst, body, captions, names, sections)
        VALUES ('delete', old.sort_key, old.headline, old.standfirst, old.body, old.captions, old.names, old.sections);
    END
    """,
    """
    CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts (search_fts, rowid, headline, standfirst, body, captions, names, sections)
        VALUES ('delete', old.sort_key, old.headline, old.standfirst, old.body, old.captions, old.names, old.sections);
        INSERT INTO search_fts (rowid, headline, standfirst, body, captions, names, sections)
        VALUES (new.sort_key, new.headline, new.standfirst, new.body, new.captions, new.names, new.sections);
    END
    """,
]
# The small indexes over the fields relevance looks at (migration 0004), kept in step the same way.
TRIGGERS_SQL += [
    """
    CREATE TRIGGER search_document_fields_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_headline_fts (rowid, headline) VALUES (new.sort_key, new.headline);
        INSERT INTO search_standfirst_fts (rowid, standfirst) VALUES (new.sort_key, new.standfirst);
        INSERT INTO search_names_fts (rowid, names) VALUES (new.sort_key, new.names);
    END
    """,
    """
    CREATE TRIGGER search_document_fields_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_headline_fts (search_headline_fts, rowid, headline) VALUES ('delete', old.sort_key, old.headline);
        INSERT INTO search_standfirst_fts (search_standfirst_fts, rowid, standfirst) VALUES ('delete', old.sort_key, old.standfirst);
        INSERT INTO search_names_fts (search_names_fts, rowid, names) VALUES ('delete', old.sort_key, old.names);
    END
    """,
    """
    CREATE TRIGGER search_document_fields_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_headline_fts (search_headline_fts, rowid, headline) VALUES ('delete', old.sort_key, old.headline);
        INSERT INTO search_standfirst_fts (search_standfirst_fts, rowid, standfirst) VALUES ('delete', old.sort_key, old.standfirst);
        INSERT INTO search_names_fts (search_names_fts, rowid, names) VALUES ('delete', old.sort_key, old.names);
        INSERT INTO search_headline_fts (rowid, headline) VALUES (new.sort_key, new.headline);
        INSERT INTO search_standfirst_fts (rowid, standfirst) VALUES (new.sort_key, new.standfirst);
        INSERT INTO search_names_fts (rowid, names) VALUES (new.sort_key, new.names);
    END
    """,
]
DROP_TRIGGERS_SQL = [
    f"DROP TRIGGER IF EXISTS search_document_{t}" for t in ("ai", "ad", "au", "fields_ai", "fields_ad", "fields_au")
]
# The full-text tables: the whole text, and each field relevance reads on its own (``search_headline_fts``...).
FTS_TABLES = ("search_fts", *(f"search_{column}_fts" for column, _ in FIELD_WEIGHTS))


def fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts5_expression(query: Query, sections: tuple[int, ...] = ()) -> str:
    """The FTS5 MATCH expression for ``query``, in the text columns: quoted strings joined by AND,
    OR and NOT; and, for each of ``sections``, its token in the sections column."""

    def phrase(p: Phrase) -> str:
        return fts5_string(" ".join(p.words))

    def clause(c: Phrase | AnyOf) -> str:
        return "(" + " OR ".join(map(phrase, c.phrases)) + ")" if isinstance(c, AnyOf) else phrase(c)

    expression = " AND ".join(map(clause, query.required))
    if query.excluded:
        expression = f"({expression}) NOT ({' OR '.join(map(phrase, query.excluded))})"
    expression = f"{TEXT_COLUMNS} : ({expression})"
    for section in sections:
        expression += f" AND {{sections}} : {fts5_string(documents.section_token(section))}"
    return expression


@register
class SqliteBackend(SearchBackend):
    vendor = "sqlite"

    def candidates(self, query: Query, filters: Filters, now: datetime, *, limit: int, ranked: bool) -> list[Candidate]:
        conditions, params = self.filter_sql(filters, now, "search_fts.rowid")
        # Each match's story id and embargo come from a narrow index (migration 0003), not from
        # the row that also holds the story's text: a page read per match at a million stories.
        # Only constants and placeholders are put together here; every value is a bound parameter.
        sql = (
            "SELECT search_fts.rowid, d.story_id FROM search_fts "  # noqa: S608
            f"JOIN search_document d INDEXED BY {CANDIDATE_INDEX} ON d.sort_key = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {' AND '.join(conditions)} "
            "ORDER BY search_fts.rowid DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts5_expression(query, filters.sections), *params, limit])
            found = cursor.fetchall()
        relevance = self._relevance(query, filters, found) if ranked and found else {}
        return [(key, story_id, relevance.get(key, 1.0)) for key, story_id in found]

    def _relevance(self, query: Query, filters: Filters, found: list[tuple[int, int]]) -> dict[int, float]:
        """1, plus a weight for each of the headline, standfirst and names that has a query word.

        FTS5's bm25 would be the natural choice, but before scoring a single row it counts every
        story that has each query word: at a million stories, 20 ms for a common word. Which fields
        hold a match is what matters most in news. For many candidates close together it is read
        from the small index of each field (``search_headline_fts`` and so on, migration 0004),
        which holds that field's words alone: the full index would walk every match of the whole
        query in the candidates' range once per field. For few candidates, or candidates years
        apart, the fields are read by key and searched in Python (``_relevance_by_key``)."""
        low, high = found[-1][0], found[0][0]
        if len(found) <= FEW_CANDIDATES or (high - low) >> documents.STORY_BITS > LONG_RANGE_DAYS * 86400:
            return self._relevance_by_key(query, [key for key, _ in found])
        candidates = {key for key, _ in found}
        words = " OR ".join(fts5_string(" ".join(p.words)) for p in query.phrases)
        # Many candidates over a short range (a common word's newest thousand span days): the
        # fields' entries for the words across that range (well under a microsecond an entry).
        where, params = "rowid BETWEEN %s AND %s", [low, high]
        relevance: dict[int, float] = {}
        with connection.cursor() as cursor:
            for column, weight in FIELD_WEIGHTS:
                table = f"search_{column}_fts"
                cursor.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND {where}",  # noqa: S608 - constant names and placeholders
                    [words, *params],
                )
                for (key,) in cursor.fetchall():
                    if key in candidates:
                        relevance[key] = relevance.get(key, 1.0) + weight
        return relevance

    @staticmethod
    def _relevance_by_key(query: Query, keys: list[int]) -> dict[int, float]:
        """``_relevance`` for few candidates, or candidates spread over a long range: their three fields read by key
        (``search_document_fields``, migration 0005), the words looked for in Python
        (``search.relevance``). Some 10 µs a candidate, however common the words."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT sort_key, {', '.join(column for column, _ in FIELD_WEIGHTS)} "  # noqa: S608 - constant names
                f"FROM search_document INDEXED BY {FIELDS_INDEX} WHERE sort_key IN ({', '.join(['%s'] * len(keys))})",
                keys,
            )
            rows = cursor.fetchall()
        matcher = FieldMatcher(query.phrases)
        relevance = dict.fromkeys((row[0] for row in rows), 1.0)
        for position, (_, weight) in enumerate(FIELD_WEIGHTS, start=1):
            for row, holds in zip(rows, matcher.matching([row[position] or "" for row in rows]), strict=True):
                if holds:
                    relevance[row[0]] += weight
        return relevance

    def bulk_write(self, docs, entities) -> None:
        # The ORM's bulk_create spends more time composing statements than SQLite spends on them.
        adapt = connection.ops.adapt_datetimefield_value
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_document (sort_key, story_id, dated, embargoed_until, headline, standfirst, body, "
                "captions, names, sections) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (d.sort_key, d.story_id, adapt(d.dated), adapt(d.embargoed_until), d.headline, d.standfirst)
                    + (d.body, d.captions, d.names, d.sections)
                    for d in docs
                ],
            )
            cursor.executemany(
                "INSERT INTO search_entity (story_id, kind, key) VALUES (%s, %s, %s)",
                [(e.story_id, e.kind, e.key) for e in entities],
            )

    def clear(self) -> None:
        # Deleting a million rows one trigger at a time re-reads every text; FTS5 can drop its
        # whole index at once instead, with the triggers out of the way.
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in DROP_TRIGGERS_SQL:
                cursor.execute(sql)
            cursor.execute("DELETE FROM search_entity")
            cursor.execute("DELETE FROM search_document")
            for table in FTS_TABLES:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")  # noqa: S608 - constant names
            for sql in TRIGGERS_SQL:
                cursor.execute(sql)

    def finish_bulk(self) -> None:
        # Merge the segments a bulk load leaves behind into one b-tree: fewer places to look.
        with connection.cursor() as cursor:
            for table in FTS_TABLES:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608 - constant names
            cursor.execute("ANALYZE search_document")
