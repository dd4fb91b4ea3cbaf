"""SQLite only: the fields relevance reads, by key, for candidates spread over years.

Relevance is which of the headline, standfirst and names hold a query word. 0004's small FTS5
indexes answer that by reading every entry of the query's words across the candidates' range of
keys: cheap for a common word (its thousand newest matches span days) but 10 to 55 ms at a million
stories when the words are rare together and the range is years. For those, relevance now reads
the candidates' three fields by key from this index (some 300 bytes a story, where a document row
holds the whole text) and looks for the words in them (``search.relevance``).
The SQL is written out here, not imported, so this migration means the same thing forever.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    "CREATE INDEX IF NOT EXISTS search_document_fields ON search_document (sort_key, headline, standfirst, names)",
]
SQLITE_BACKWARDS = ["DROP INDEX IF EXISTS search_document_fields"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_FORWARDS:
            schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_BACKWARDS:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_sqlite_fields_index")]

    operations = [migrations.RunPython(forwards, backwards)]
