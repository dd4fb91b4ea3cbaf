"""The lists of stories the reader pages show, each one query however many stories there are.

Every list starts from ``Story.objects.for_readers(now)``: nothing withdrawn, withheld or under
embargo, and one copy of a story that several sources carried.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from readwire.topics.models import Placement, Section
from readwire.wire.models import Story, Version

# Desk sections on the home page look this far back, so the query stays small at any archive size.
HOME_SECTION_WINDOW = timedelta(days=7)
HOME_SECTION_STORIES = 4
RELATED_STORIES = 4
RELATED_WINDOW = timedelta(days=30)
PER_PAGE = 20


@dataclass
class Page:
    stories: list[Story]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def newest_first(queryset):
    return queryset.order_by("-version_created", "-pk")


def one_page(queryset, number: int, per_page: int = PER_PAGE) -> Page:
    """A page of ``queryset`` without counting it: one row more than the page tells whether there is a next."""
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return Page(rows[:per_page], number, len(rows) > per_page)


def active_sections() -> list[Section]:
    return list(Section.objects.active())


def section_stories(section: Section, number: int = 1, *, now: datetime | None = None) -> Page:
    stories = Story.objects.for_readers(now).filter(placements__section=section)
    return one_page(newest_first(stories), number)


def latest_by_section(
    sections: Iterable[Section],
    *,
    per_section: int = HOME_SECTION_STORIES,
    exclude: Iterable[int] = (),
    now: datetime | None = None,
) -> dict[int, list[Story]]:
    """The newest few stories of each section, by section id, in one query."""
    now = now or timezone.now()
    recent = Story.objects.for_readers(now).filter(version_created__gte=now - HOME_SECTION_WINDOW)
    exclude = list(exclude)
    if exclude:
        recent = recent.exclude(pk__in=exclude)
    ranked = (
        Placement.objects.filter(section__in=[s.pk for s in sections], story__in=recent.values("pk"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("section_id")],
                order_by=[F("story__version_created").desc(), F("story_id").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .select_related("story")
        .order_by("section_id", "rank")
    )
    by_section: dict[int, list[Story]] = {}
    for placement in ranked:
        by_section.setdefault(placement.section_id, []).append(placement.story)
    return by_section


def section_labels(stories: Iterable[Story], sections: list[Section]) -> dict[int, Section]:
    """For each story, the section to name above its headline (its first desk, in menu order), in one query."""
    ids = [s.pk for s in stories if s is not None]
    if not ids or not sections:
        return {}
    order = {section.pk: n for n, section in enumerate(sections)}
    labels: dict[int, Section] = {}
    placed = Placement.objects.filter(story_id__in=ids, section_id__in=list(order)).values_list(
        "story_id", "section_id"
    )
    for story_id, section_id in placed:
        best = labels.get(story_id)
        if best is None or order[section_id] < order[best.pk]:
            labels[story_id] = sections[order[section_id]]
    return labels


def sections_of(story: Story) -> list[Section]:
    return list(Section.objects.active().filter(placements__story=story))


def related_stories(story: Story, sections: list[Section], *, now: datetime | None = None) -> list[Story]:
    """Other stories from the story's desks and Topics in Focus, newest first, from around its time.

    Topics in Focus are narrower than desks, so a story sharing one comes first.
    """
    if not sections:
        return []
    now = now or timezone.now()
    topics = [s.pk for s in sections if s.kind == Section.Kind.TOPIC_IN_FOCUS]
    desks = [s.pk for s in sections if s.kind == Section.Kind.DESK]
    candidates = (
        Story.objects.for_readers(now)
        .filter(version_created__gte=story.version_created - RELATED_WINDOW)
        .exclude(pk=story.pk)
        .exclude(pk=story.duplicate_of_id or 0)
        .exclude(duplicate_of_id=story.pk)
    )
    related: list[Story] = []
    for section_ids in (topics, desks):
        if not section_ids or len(related) >= RELATED_STORIES:
            continue
        in_sections = candidates.filter(
            pk__in=Placement.objects.filter(section_id__in=section_ids).values("story_id")
        ).exclude(pk__in=[s.pk for s in related])
        related += list(newest_first(in_sections)[: RELATED_STORIES - len(related)])
    return related


def current_versions(stories: Iterable[Story], *, with_body: bool = False) -> dict[int, Version]:
    """The current version of each story (for standfirsts and pictures), by story id, in one query."""
    ids = [s.pk for s in stories if s is not None]
    if not ids:
        return {}
    fields = ["story_id", "version", "headline", "standfirst", "pictures", "language"]
    # Lists show a standfirst and a picture; search previews need the bodies, others leave them be.
    if with_body:
        fields += ["body_html", "body_text"]
    versions = Version.objects.filter(story_id__in=ids, version=F("story__current_version")).only(*fields)
    return {v.story_id: v for v in versions}


def filtered_stories(
    *,
    sections: Iterable[Section] = (),
    people: Iterable[str] = (),
    places: Iterable[str] = (),
    since: date | None = None,
    until: date | None = None,
    number: int = 1,
    now: datetime | None = None,
) -> Page:
    """Stories by filters alone, newest first: the search page without words (a tag's link)."""
    from readwire.search.documents import filter_key
    from readwire.search.models import SearchEntity

    stories = Story.objects.for_readers(now)
    for section in sections:
        stories = stories.filter(pk__in=Placement.objects.filter(section=section).values("story_id"))
    for kind, values in ((SearchEntity.Kind.PERSON, people), (SearchEntity.Kind.PLACE, places)):
        for value in values:
            named = SearchEntity.objects.filter(kind=kind, key=filter_key(value)).values("story_id")
            stories = stories.filter(pk__in=named)
    zone = timezone.get_current_timezone()
    if since:
        stories = stories.filter(version_created__gte=datetime.combine(since, datetime.min.time(), zone))
    if until:
        stories = stories.filter(
            version_created__lt=datetime.combine(until + timedelta(days=1), datetime.min.time(), zone)
        )
    return one_page(newest_first(stories), number)
