"""``search()``: the one call the reader site and the API make, and keeping the index in step."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from readwire.search import query as query_language
from readwire.search.backends import OUTER_STORY, RELEVANCE, Filters, SearchPage, get_backend
from readwire.search.documents import filter_key
from readwire.search.models import SearchDocument, SearchEntity
from readwire.topics.models import Placement, Section
from readwire.wire import signals
from readwire.wire.models import Story

log = logging.getLogger(__name__)


def search(
    query: str,
    *,
    desk: str | None = None,
    topic: str | None = None,
    person: str | None = None,
    place: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    sort: str = RELEVANCE,
    page: int = 1,
    per_page: int = 20,
    now: datetime | None = None,
) -> SearchPage:
    """Stories a reader may see that match ``query`` (see ``readwire.search.query`` for the
    language), best first or newest first, one page at a time.

    ``desk`` and ``topic`` are slugs; ``person`` and ``place`` a name, code or URI as the wire
    tagged the story's current version (case does not matter); ``since`` and ``until`` bound the
    date of the story's current version, a ``date`` meaning the whole day in Readwire's time zone.
    """
    within: list[QuerySet] = []
    among: list[QuerySet] = []
    placed: list[QuerySet] = []
    sections: list[int | None] = []
    for kind, slug in (("desk", desk), ("topic", topic)):
        if slug:
            section_id = section_for(kind, slug)
            sections.append(section_id)
            if section_id is not None:
                # The index's own tokens find the story; this keeps out a story an editor moved
                # away from the section by a path that did not reach the index.
                placed.append(Placement.objects.filter(section_id=section_id, story_id=OUTER_STORY))
    for kind, value in ((SearchEntity.Kind.PERSON, person), (SearchEntity.Kind.PLACE, place)):
        if value:
            few, stories = entity_stories(kind, value)
            (among if few else within).append(stories)
    filters = Filters(
        since=_moment(since, start=True),
        until=_moment(until, start=False),
        sections=tuple(s for s in sections if s is not None),
        within=tuple(within),
        among=tuple(among),
        placed=tuple(placed),
        impossible=None in sections,
    )
    return get_backend().search(query_language.parse(query), filters, sort, page, per_page, now=now)


# A person or place named in no more stories than this is searched from its stories outward.
FEW_STORIES = 2000


def entity_stories(kind: str, value: str) -> tuple[bool, QuerySet]:
    """ "The story names this person (or place)": whether they are few, and a queryset for
    ``Filters.among`` (their sort keys) if so, for ``Filters.within`` if not."""
    named = SearchEntity.objects.filter(kind=kind, key=filter_key(value))
    if named[: FEW_STORIES + 1].count() <= FEW_STORIES:
        return True, SearchDocument.objects.filter(story_id__in=named.values("story_id")).values("sort_key")
    return False, named.filter(story_id=OUTER_STORY)


def section_for(kind: str, slug: str) -> int | None:
    """The id of the desk or Topic in Focus ``slug`` (readwire.topics), or None if there is none."""
    return Section.objects.filter(kind=kind, slug=slug).values_list("pk", flat=True).first()


def _moment(value: date | datetime | None, *, start: bool) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value if value is None or timezone.is_aware(value) else timezone.make_aware(value)
    moment = (
        datetime.combine(value, time.min)
        if start
        else datetime.combine(value + timedelta(days=1), time.min) - timedelta(microseconds=1)
    )
    return timezone.make_aware(moment)


def index_story(story_id: int) -> None:
    """Bring the index in step with the story as it is now (or drop it, if it is gone)."""
    backend = get_backend()
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        backend.remove(story_id)
    else:
        backend.index(story)


def on_placement_changed(sender, instance, **kwargs) -> None:
    """Receiver of Placement's post_save and post_delete: an editor put a story in a section or
    took it out. Placements made in bulk (re-placing the archive) send nothing: ``readwire
    reindex`` after them."""
    try:
        get_backend().refresh_sections(instance.story_id)
    except Exception:
        log.exception("could not update the search index's sections for story %s", instance.story_id)


def on_story_changed(sender, *, story_id: int, change: str, **kwargs) -> None:
    """Receiver of ``wire.signals.story_changed``: a kill leaves the index at once, anything else
    is indexed as the story now stands. A failure here must not fail the ingest that sent it:
    search re-checks visibility on every page, and ``readwire reindex`` repairs the index."""
    try:
        if change == signals.KILLED:
            get_backend().remove(story_id)
        else:
            index_story(story_id)
    except Exception:
        log.exception("could not update the search index for story %s (%s)", story_id, change)
