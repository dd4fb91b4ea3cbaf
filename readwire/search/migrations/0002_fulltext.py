"""The full-text structures over search_document, which only one database each understands.

SQLite: an FTS5 external-content table whose rowid is search_document.sort_key, and the triggers
that keep it in step; the ``sections`` column holds tokens that only the desk and topic filters
ask for (readers' words are matched in the other columns only). PostgreSQL: a stored generated tsvector column and its GIN index; the text
rows are moved out of line (toast_tuple_target) so that the table scanned for matches stays small.
The SQL is written out here, not imported, so this migration means the same thing forever.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        headline, standfirst, body, captions, names, sections,
        content='search_document', content_rowid='sort_key',
        tokenize='porter unicode61 remove_diacritics 0',
        detail=full
    )
    """,
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
    "INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def _words(column):
    # Every run of characters that are not letters or digits becomes one space, as FTS5 cuts text.
    return f"to_tsvector('english'::regconfig, regexp_replace({column}, '[^[:alnum:]]+', ' ', 'g'))"


# '|' marks each boundary between kinds of text and is deleted again, leaving a gap in the
# positions, so that no phrase matches across two of them. The '~' lexemes name the periods of
# 2^21, 2^23 and 2^25 seconds (24, 97 and 388 days) the story's date falls in: a search for the
# newest matches asks for them with the words, and GIN then reads only that period's entries.
# No query a reader types can produce a lexeme with '~' in it.
POSTGRES_VECTOR = (
    "ts_delete("
    f"setweight({_words('headline')}, 'A') || '|:1'::tsvector || "
    f"setweight({_words('standfirst')}, 'B') || '|:1'::tsvector || "
    f"setweight({_words('body')}, 'C') || '|:1'::tsvector || "
    f"setweight({_words('captions')}, 'D') || '|:1'::tsvector || "
    f"setweight({_words('names')}, 'D'), "
    "'{|}'::text[]) || array_to_tsvector(ARRAY["
    "'~21.' || (sort_key >> 45)::text, '~23.' || (sort_key >> 47)::text, '~25.' || (sort_key >> 49)::text]) || "
    # The story's sections ("s3 s12") as lexemes '~s3', '~s12', for the desk and topic filters.
    r"array_to_tsvector(string_to_array(regexp_replace(sections, '(\S+)', '~\1', 'g'), ' '))"
)
# What ranking reads: the headline, standfirst, the body's first 600 characters (the lede, where a
# wire story says what it is about) and the names. Small enough to stay in the row, so ranking a
# thousand candidates does not fetch a thousand full vectors.
POSTGRES_RANK_VECTOR = (
    f"setweight({_words('headline')}, 'A') || setweight({_words('standfirst')}, 'B') || "
    f"setweight({_words('left(body, 600)')}, 'C') || setweight({_words('names')}, 'D')"
)
POSTGRES_FORWARDS = [
    f"ALTER TABLE search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS ({POSTGRES_VECTOR}) STORED",
    "ALTER TABLE search_document ADD COLUMN rank_vector tsvector "
    f"GENERATED ALWAYS AS ({POSTGRES_RANK_VECTOR}) STORED",
    "ALTER TABLE search_document ALTER COLUMN rank_vector SET STORAGE MAIN",
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
    # Texts and the full vector are kept out of line, so the rows a search visits stay small and
    # in memory; the full vector is read only to check a phrase. A search
    # starts from the GIN index (it says so, since a sequential scan looks cheap over these
    # narrow rows), and a parallel scan only adds start-up time to a search's few milliseconds.
    "ALTER TABLE search_document SET (toast_tuple_target = 128, parallel_workers = 0)",
]
# lz4 decompresses several times faster than PostgreSQL's own pglz; builds without it keep pglz.
POSTGRES_LZ4 = [
    "ALTER TABLE search_document ALTER COLUMN vector SET COMPRESSION lz4",
    "ALTER TABLE search_document ALTER COLUMN rank_vector SET COMPRESSION lz4",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS rank_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
    "ALTER TABLE search_document RESET (toast_tuple_target, parallel_workers)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRES_FORWARDS}.get(vendor, []):
        schema_editor.execute(sql, params=None)
    if vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
            if cursor.fetchone():
                for sql in POSTGRES_LZ4:
                    schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    for sql in {"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRES_BACKWARDS}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
