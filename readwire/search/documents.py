"""What the index keeps for a story: built here once, for live indexing, ``reindex`` and the benchmark."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime

from readwire.search.models import SearchDocument, SearchEntity
from readwire.wire.models import Story, Version

# sort_key = seconds since 1970 in the high bits, the story id in the low 24: unique in practice,
# ordered by date to the second, and within range of a signed 64-bit integer for years 1800 to 2999.
STORY_BITS = 24
STORY_MASK = (1 << STORY_BITS) - 1
# Snippets mark matches with these two characters and turn them into <mark> after escaping, so
# they must never come from a story.
MATCH_START, MATCH_END = "\x02", "\x03"
_SENTINELS = {ord(MATCH_START): " ", ord(MATCH_END): " ", 0: " "}
# One caption or name per line, for people reading the rows; to the indexes it is a space.
NAME_SEPARATOR = "\n"


def sort_key(dated: datetime, story_id: int) -> int:
    return (int(dated.timestamp()) << STORY_BITS) | (story_id & STORY_MASK)


def sort_key_bounds(since: datetime | None, until: datetime | None) -> tuple[int | None, int | None]:
    """The range of ``sort_key`` holding every story dated from ``since`` to ``until``, inclusive."""
    low = sort_key(since, 0) if since is not None else None
    # A date with a fraction of a second still falls in its whole second's keys.
    high = sort_key(until, STORY_MASK) if until is not None else None
    return low, high


def dated_from_key(key: int) -> datetime:
    return datetime.fromtimestamp(key >> STORY_BITS, tz=UTC)


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").translate(_SENTINELS).strip()


def entity_keys(entity: dict) -> set[str]:
    """The keys a filter can use for one person or place: its name, code and URI, case-folded."""
    keys = set()
    for field in ("name", "code", "uri"):
        value = entity.get(field)
        if isinstance(value, str):
            key = filter_key(value)
            if key:
                keys.add(key)
    return keys


def filter_key(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())[:500]


def _names(entities: Iterable[dict]) -> list[str]:
    return [clean(e["name"]) for e in entities if isinstance(e, dict) and isinstance(e.get("name"), str)]


def section_token(section_id: int) -> str:
    return f"s{section_id}"


def section_tokens(section_ids: Iterable[int]) -> str:
    return " ".join(section_token(i) for i in sorted(set(section_ids)))


def placements(story_ids: Iterable[int]) -> dict[int, list[int]]:
    """The desks and Topics in Focus (section ids) each story is placed in (readwire.topics)."""
    from readwire.topics.models import Placement

    placed: dict[int, list[int]] = {}
    rows = Placement.objects.filter(story_id__in=list(story_ids)).values_list("story_id", "section_id")
    for story_id, section_id in rows:
        placed.setdefault(story_id, []).append(section_id)
    return placed


def build(
    story: Story, version: Version, machine=None, sections: Iterable[int] = ()
) -> tuple[SearchDocument, list[SearchEntity]]:
    """The index rows for ``story`` as of ``version`` (its current one); not saved.

    ``machine`` is what readwire.topics found in an untagged version (its ``MachineTagging``:
    people, places and organisations lists like the version's), searched and filtered alike;
    ``sections`` the ids of the desks and Topics in Focus the story is placed in.
    """
    people = list(version.people or []) + list(getattr(machine, "people", None) or [])
    places = list(version.places or []) + list(getattr(machine, "places", None) or [])
    organisations = list(version.organisations or []) + list(getattr(machine, "organisations", None) or [])
    captions: list[str] = []
    for picture in version.pictures or []:
        if isinstance(picture, dict):
            captions.extend(clean(picture.get(f) or "") for f in ("title", "caption"))
    names = list(dict.fromkeys(_names(people) + _names(places) + _names(organisations)))
    document = SearchDocument(
        sort_key=sort_key(story.version_created, story.pk),
        story_id=story.pk,
        dated=story.version_created,
        embargoed_until=story.embargoed_until,
        headline=clean(version.headline),
        standfirst=clean(version.standfirst),
        body=clean(version.body_text),
        captions=NAME_SEPARATOR.join(c for c in captions if c),
        names=NAME_SEPARATOR.join(n for n in names if n),
        sections=section_tokens(sections),
    )
    entities: list[SearchEntity] = []
    for kind, listed in (
        (SearchEntity.Kind.PERSON, people),
        (SearchEntity.Kind.PLACE, places),
        (SearchEntity.Kind.ORGANISATION, organisations),
    ):
        keys = set().union(*(entity_keys(e) for e in listed or [] if isinstance(e, dict)))
        entities.extend(SearchEntity(story_id=story.pk, kind=kind, key=key) for key in sorted(keys))
    return document, entities


def machine_taggings(versions: Iterable[Version]) -> dict[tuple[int, int], object]:
    """The ``MachineTagging`` of each of ``versions`` that has one, by (story id, version)."""
    from readwire.topics.models import MachineTagging

    wanted = {(v.story_id, v.version) for v in versions}
    if not wanted:
        return {}
    found = MachineTagging.objects.filter(story_id__in={story_id for story_id, _ in wanted})
    return {(m.story_id, m.version): m for m in found if (m.story_id, m.version) in wanted}
