"""SQLite only: small FTS5 indexes over the fields that make a story relevant, one per field.

Relevance on SQLite is which of the headline, standfirst and names hold a query word. Asking the
full index that question walks every match of the whole query in the candidates' range once per
field; when the words are rare together, that range is the whole archive and each walk costs as
much as finding the candidates did. These indexes hold one short field each (some 40 words a story
in all, instead of 650), so a field's matches in the range are read from that field's own entries,
whatever the rest of the query. Same tokenizer as ``search_fts``; triggers keep them in step with
search_document.
The SQL is written out here, not imported, so this migration means the same thing forever.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """
    CREATE VIRTUAL TABLE search_headline_fts USING fts5(
        headline, content='search_document', content_rowid='sort_key',
        tokenize='porter unicode61 remove_diacritics 0', detail=full
    )
    """,
    """
    CREATE VIRTUAL TABLE search_standfirst_fts USING fts5(
        standfirst, content='search_document', content_rowid='sort_key',
        tokenize='porter unicode61 remove_diacritics 0', detail=full
    )
    """,
    """
    CREATE VIRTUAL TABLE search_names_fts USING fts5(
        names, content='search_document', content_rowid='sort_key',
        tokenize='porter unicode61 remove_diacritics 0', detail=full
    )
    """,
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
    "INSERT INTO search_headline_fts (search_headline_fts) VALUES ('rebuild')",
    "INSERT INTO search_standfirst_fts (search_standfirst_fts) VALUES ('rebuild')",
    "INSERT INTO search_names_fts (search_names_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_document_fields_au",
    "DROP TRIGGER IF EXISTS search_document_fields_ad",
    "DROP TRIGGER IF EXISTS search_document_fields_ai",
    "DROP TABLE IF EXISTS search_headline_fts",
    "DROP TABLE IF EXISTS search_standfirst_fts",
    "DROP TABLE IF EXISTS search_names_fts",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_FORWARDS:
            schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_BACKWARDS:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_candidate_key_index")]

    operations = [migrations.RunPython(forwards, backwards)]
