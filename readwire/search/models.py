"""The search index's own tables.

``SearchDocument`` is one row per searchable story: the text that is searched and shown in
snippets, and what queries filter and sort on. Its key is not the story id but ``sort_key``, a
number that grows with the story's date (``documents.sort_key``): the full-text indexes keep their
entries in key order, so "newest first", a date range and "the newest matches" are walks over the
index rather than sorts of every match. The backends' full-text structures hang off this table:

- SQLite: the FTS5 table ``search_fts`` reads its text from here (``content='search_document'``)
  and triggers keep it in step (migration 0002). Django rebuilds a SQLite table to alter it, which
  drops its triggers and the candidates' index (migration 0003): a migration that alters this
  table must create them again (``backends.sqlite.TRIGGERS_SQL``, ``CANDIDATE_INDEX``).
- PostgreSQL: a generated ``vector`` column (tsvector) with a GIN index (migration 0002).

``SearchEntity`` holds the people and places of each story's current version as filter keys.
"""

from __future__ import annotations

from django.db import models


class SortKeyField(models.BigIntegerField):
    """A 64-bit key that on SQLite is the table's rowid (only a column typed exactly INTEGER is),
    so that joining the FTS5 table to its content is one B-tree lookup, not two."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class SearchDocument(models.Model):
    sort_key = SortKeyField(primary_key=True)
    story = models.OneToOneField("wire.Story", on_delete=models.CASCADE, related_name="search_document")
    # The current version's time as the wire stamped it (Story.version_created).
    dated = models.DateTimeField()
    # Stories are indexed while published; an embargoed one is kept back at query time.
    embargoed_until = models.DateTimeField(null=True, blank=True)
    headline = models.TextField()
    standfirst = models.TextField(blank=True)
    body = models.TextField(blank=True)
    captions = models.TextField(blank=True)
    names = models.TextField(blank=True)
    # The desks and Topics in Focus the story is placed in, as tokens ("s3 s12"; documents.py).
    sections = models.TextField(blank=True)

    class Meta:
        db_table = "search_document"

    def __str__(self) -> str:
        return self.headline


class SearchEntity(models.Model):
    """A person or place a story names, as the keys a filter may use: its name, code and URI."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        PLACE = "place", "Place"
        ORGANISATION = "organisation", "Organisation"

    story = models.ForeignKey("wire.Story", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=500)

    class Meta:
        db_table = "search_entity"
        constraints = [models.UniqueConstraint(fields=["kind", "key", "story"], name="search_entity_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
