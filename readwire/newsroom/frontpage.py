"""The front page readers see: the editors' choices where they made them, urgency and recency elsewhere.

The rules, in order:

- **Lead**: the story an editor made lead, while readers may see it. Otherwise the most urgent story
  of the last ``LEAD_WINDOW`` (the most recent among equally urgent ones); otherwise the most recent.
- **Top stories**: pinned stories whose pin has not run out (in the order they were pinned), then the
  editors' top stories in their order, then, up to ``TOP_STORIES``, the most urgent recent stories.
- **Latest**: the most recent stories not already shown above.

Every story passes ``Story.objects.visible(now)``: a withdrawn, withheld or embargoed story is never
on the front page, whatever was curated, and a killed lead gives way to the automatic choice. The
automatic choices come from ``Story.objects.for_readers(now)``, which shows one copy of a story that
several sources carried; a copy an editor chose deliberately is shown as chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone

from readwire.newsroom.models import FrontPageEntry, Pin
from readwire.wire.models import Story

LEAD_WINDOW = timedelta(hours=6)
TOP_WINDOW = timedelta(hours=24)
TOP_STORIES = 6
LATEST_STORIES = 20


@dataclass
class FrontPage:
    lead: Story | None
    top: list[Story]
    latest: list[Story]
    # How each shown story got there: "lead" / "top" (an editor), "pinned", or "automatic".
    chosen_by: dict[int, str] = field(default_factory=dict)

    def is_pinned(self, story: Story) -> bool:
        return self.chosen_by.get(story.pk) == "pinned"


def _most_urgent_first(queryset):
    # IPTC urgency: 1 is the most urgent, 9 the least; stories without one come after all that have one.
    return queryset.order_by(F("urgency").asc(nulls_last=True), "-version_created", "-pk")


def front_page(now: datetime | None = None) -> FrontPage:
    now = now or timezone.now()
    visible = Story.objects.visible(now)
    automatic = Story.objects.for_readers(now)
    chosen_by: dict[int, str] = {}

    entries = list(
        FrontPageEntry.objects.filter(story__in=visible.values("pk"))
        .select_related("story")
        .order_by("role", "position", "pk")
    )
    pins = list(
        Pin.objects.active(now).filter(story__in=visible.values("pk")).select_related("story").order_by("pinned_at")
    )

    lead = next((e.story for e in entries if e.role == FrontPageEntry.Role.LEAD), None)
    if lead is not None:
        chosen_by[lead.pk] = "lead"
    else:
        lead = _most_urgent_first(automatic.filter(version_created__gte=now - LEAD_WINDOW)).first()
        lead = lead or automatic.order_by("-version_created", "-pk").first()
        if lead is not None:
            chosen_by[lead.pk] = "automatic"

    top: list[Story] = []
    for story, how in [(p.story, "pinned") for p in pins] + [
        (e.story, "top") for e in entries if e.role == FrontPageEntry.Role.TOP
    ]:
        if story.pk not in chosen_by:
            chosen_by[story.pk] = how
            top.append(story)

    missing = TOP_STORIES - len(top)
    if missing > 0:
        recent = automatic.exclude(pk__in=list(chosen_by)).filter(version_created__gte=now - TOP_WINDOW)
        fill = list(_most_urgent_first(recent)[:missing])
        if len(fill) < missing:
            older = automatic.exclude(pk__in=[*chosen_by, *(s.pk for s in fill)])
            fill += list(older.order_by("-version_created", "-pk")[: missing - len(fill)])
        for story in fill:
            chosen_by[story.pk] = "automatic"
            top.append(story)

    latest = list(automatic.exclude(pk__in=list(chosen_by)).order_by("-version_created", "-pk")[:LATEST_STORIES])
    return FrontPage(lead=lead, top=top, latest=latest, chosen_by=chosen_by)
