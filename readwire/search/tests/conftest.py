"""A small wire to search: the agency's source and a ``publish`` that indexes as ingest does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from readwire.wire.item import Entity, Picture, WireItem
from readwire.wire.models import Source, Story
from readwire.wire.services import accept

# Stories are dated relative to this moment; searches pass it as ``now``.
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency", title="The Agency")


@pytest.fixture
def publish(agency, django_capture_on_commit_callbacks):
    """Accept a story through the real ingest path, running what runs after commit (the index)."""

    def publish(slug: str, headline: str, body: str = "", *, version: int = 1, **fields) -> Story:
        for name in ("people", "places", "organisations"):
            if name in fields:
                fields[name] = [e if isinstance(e, Entity) else Entity(name=e) for e in fields[name]]
        if "captions" in fields:
            fields["pictures"] = [
                Picture(uri=f"urn:pic:{slug}:{i}", caption=c) for i, c in enumerate(fields.pop("captions"))
            ]
        fields.setdefault("version_created", NOW)
        item = WireItem(
            uri=f"urn:agency:{slug}", headline=headline, format="ninjs", version=version, body_text=body, **fields
        )
        with django_capture_on_commit_callbacks(execute=True):
            result = accept(item, agency)
        assert result.result != "rejected", result.error
        return Story.objects.get(uri=f"urn:agency:{slug}")

    return publish


def slugs(page) -> list[str]:
    """The stories on a page of results, by the slug they were published with, in order."""
    uris = dict(Story.objects.filter(pk__in=page.story_ids).values_list("pk", "uri"))
    return [uris[i].removeprefix("urn:agency:") for i in page.story_ids]
