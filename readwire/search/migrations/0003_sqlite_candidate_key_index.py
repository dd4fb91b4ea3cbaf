"""SQLite only: an index holding just what finding candidates reads of each search_document row.

A search walks the FTS5 matches newest first and, for each one, needs the story id and embargo of
its search_document row. That row also holds the story's whole text, so each lookup reads a page
or more of it; at a million stories those pages are spread over gigabytes. This index keeps the key,
story id and embargo side by side (a few dozen bytes a story), and the candidates query reads it
instead (``INDEXED BY``). PostgreSQL keeps its texts out of line already and needs nothing here.
The SQL is written out here, not imported, so this migration means the same thing forever.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    "CREATE INDEX IF NOT EXISTS search_document_candidate ON search_document (sort_key, story_id, embargoed_until)",
]
SQLITE_BACKWARDS = ["DROP INDEX IF EXISTS search_document_candidate"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_FORWARDS:
            schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_BACKWARDS:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forwards, backwards)]
