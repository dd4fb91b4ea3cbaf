"""The wire as it arrives: every version of every story, newest first, for the editors' wire screen.

A row is one version as it came in (a new story, an update, a correction, a kill), shown with what
its story is now (state, current version, desks). A page costs a fixed number of queries however
many rows it has: the versions with their stories and sources in one, their desks in one more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import Prefetch, Q
from django.utils import timezone

from readwire.wire.item import CANCELED, WITHHELD
from readwire.wire.models import Source, Story, Version

PAGE_SIZE = 50
# Live updates ask for what came in after the newest row they show, by id. On PostgreSQL ids are
# handed out when a row is inserted, not when it commits, so a version may become visible after one
# with a higher id; answers therefore also repeat the last minute, and the page skips rows it has.
LIVE_LOOKBACK = timedelta(seconds=60)
# ...and only among the last few hundred ids below the newest shown, so that a poll reads a short
# range of the primary key however large the wire grows. Far more than ingest runs at once.
LIVE_LOOKBACK_IDS = 500
# IPTC urgency 1 (flash) and 2 (bulletin) are what editors call breaking.
BREAKING_URGENCY = 2

# Big text columns the list never shows.
_UNSHOWN = ("original", "body_html", "body_text", "standfirst", "copyright_notice", "usage_terms", "pictures")


@dataclass(frozen=True)
class WireFilters:
    desk: str = ""  # a Section slug (desk or Topic in Focus)
    source: str = ""  # a Source name
    urgency: int | None = None  # this urgency or more urgent (a smaller number)

    def as_query(self) -> dict[str, str]:
        query = {"desk": self.desk, "source": self.source, "urgency": str(self.urgency or "")}
        return {name: value for name, value in query.items() if value}


@dataclass
class WireRow:
    version: Version
    story: Story
    sections: list  # topics.Section
    now: datetime

    @property
    def id(self) -> int:
        return self.version.pk

    @property
    def breaking(self) -> bool:
        return self.version.urgency is not None and self.version.urgency <= BREAKING_URGENCY

    @property
    def state(self) -> str:
        return state_of(self.story, self.now)

    @property
    def change(self) -> str:
        """What this version did when it arrived."""
        if self.version.pub_status == CANCELED:
            return "kill"
        if self.version.is_correction:
            return "correction"
        if self.version.pub_status == WITHHELD:
            return "withheld"
        if not (self.version.changes or {}).get("from_version"):
            # Only a story's first version has nothing to be compared with.
            return "new"
        return "update"

    @property
    def superseded(self) -> bool:
        return self.version.version != self.story.current_version

    @property
    def previous_version(self) -> int | None:
        """The version this one was compared with when it arrived."""
        return (self.version.changes or {}).get("from_version")


def state_of(story: Story, now: datetime | None = None) -> str:
    """What a story is now: ``published``, ``embargoed``, ``withheld`` or ``withdrawn``."""
    if story.state == Story.State.PUBLISHED and story.is_embargoed(now):
        return "embargoed"
    return story.state


def _topics_model(name: str):
    """Desks come from the topics app's placements; without them the wire shows sluglines only."""
    try:
        return apps.get_model("topics", name)
    except LookupError:
        return None


def _sections_prefetch() -> Prefetch:
    return Prefetch(
        "story__placements",
        queryset=_topics_model("Placement")
        .objects.select_related("section")
        .filter(section__active=True)
        .order_by("section__kind", "section__position", "section__name"),
        to_attr="active_placements",
    )


def arrivals(
    filters: WireFilters,
    *,
    after: int | None = None,
    before: int | None = None,
    limit: int | None = None,
    now: datetime | None = None,
) -> list[WireRow]:
    """Versions newest first. ``after``: those with a higher id, and any received in the last
    ``LIVE_LOOKBACK`` (for live updates); ``before``: the page older than that version."""
    now = now or timezone.now()
    versions = Version.objects.select_related("story", "story__source").defer(*_UNSHOWN).order_by("-received_at", "-pk")
    with_desks = _topics_model("Placement") is not None
    if with_desks:
        versions = versions.prefetch_related(_sections_prefetch())
    if filters.source:
        versions = versions.filter(story__source__name=filters.source)
    if filters.urgency is not None:
        versions = versions.filter(urgency__lte=filters.urgency)
    if filters.desk and with_desks:
        versions = versions.filter(story__placements__section__slug=filters.desk)
    if after is not None:
        versions = versions.filter(pk__gt=max(after - LIVE_LOOKBACK_IDS, 0)).filter(
            Q(pk__gt=after) | Q(received_at__gte=now - LIVE_LOOKBACK)
        )
    if before is not None:
        cursor = Version.objects.filter(pk=before).values_list("received_at", flat=True).first()
        if cursor is not None:
            versions = versions.filter(Q(received_at__lt=cursor) | Q(received_at=cursor, pk__lt=before))
    return [
        WireRow(
            version=v,
            story=v.story,
            sections=[p.section for p in v.story.active_placements] if with_desks else [],
            now=now,
        )
        for v in versions[: limit or PAGE_SIZE]
    ]


def filter_choices() -> dict:
    """The desks, Topics in Focus and sources an editor can filter by."""
    section = _topics_model("Section")
    sections = list(section.objects.filter(active=True).order_by("kind", "position", "name")) if section else []
    return {
        "desks": [s for s in sections if s.kind == "desk"],
        "topics": [s for s in sections if s.kind == "topic"],
        "sources": list(Source.objects.order_by("name").only("name", "title")),
    }
