"""The paywall: the ONE place that decides what a reader may read of a story.

Every surface asks ``decide(reader, story)`` and shows ``full`` text, a ``preview`` (headline,
standfirst, first paragraph) or ``none``, with the reason. Pages, the API, feeds and email bodies
all go through here, so no surface can leak full text another would hide.

- A story readers may not see at all (withdrawn, embargoed, withheld): ``none``.
- Anonymous readers: ``preview``.
- Staff, and readers with full access (today an ``AccessGrant``; later a trial, plan or seat): ``full``.
- Other signed-in readers: a monthly meter of free stories (``READWIRE_FREE_STORIES_PER_MONTH``,
  default 3), counted on the server. Reading the same story again in a month costs nothing.
  Only a reader's own request to read a story (``record=True``) spends the meter; feeds, lists
  and emails never spend it for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from readwire.accounts import reader_cache
from readwire.billing.models import AccessGrant, MeteredRead
from readwire.wire.models import Story, Version
from readwire.wire.sanitise import clean_html

FULL = "full"
PREVIEW = "preview"
NONE = "none"


@dataclass(frozen=True)
class Access:
    level: str
    reason: str
    # Free stories left this month, for metered readers; None when the meter does not apply.
    meter_remaining: int | None = None

    @property
    def is_full(self) -> bool:
        return self.level == FULL


def free_stories_per_month() -> int:
    return getattr(settings, "READWIRE_FREE_STORIES_PER_MONTH", 3)


def has_full_access(reader) -> bool:
    """Whether a signed-in reader is entitled to everything (plan, trial, seat or staff grant)."""
    if reader.is_staff:
        return True
    # Asked on every signed-in story page; kept until the reader's grant changes (reader_cache).
    return reader_cache.remembered(
        reader.pk, "full-access", lambda: AccessGrant.objects.filter(reader=reader, full_access=True).exists()
    )


def decide(reader, story: Story, *, record: bool = False, now: datetime | None = None) -> Access:
    now = now or timezone.now()
    if not _readable(story, now):
        return Access(NONE, "not available to readers")
    if reader is None or not reader.is_authenticated:
        return Access(PREVIEW, "sign in or subscribe to read the whole story")
    if reader.is_staff:
        return Access(FULL, "staff")
    if has_full_access(reader):
        return Access(FULL, "subscriber")
    return _metered(reader, story, record=record, now=now)


def decide_many(reader, stories: Iterable[Story], *, now: datetime | None = None) -> dict[int, Access]:
    """``decide(reader, story)`` for each of ``stories``, by story id, without spending the meter
    (lists and search results never open a story), in at most two queries whatever their number."""
    now = now or timezone.now()
    stories = list(stories)
    if reader is None or not reader.is_authenticated or not stories:
        return {story.pk: decide(reader, story, now=now) for story in stories}
    unavailable = Access(NONE, "not available to readers")
    if has_full_access(reader):
        entitled = Access(FULL, "staff" if reader.is_staff else "subscriber")
        return {story.pk: entitled if _readable(story, now) else unavailable for story in stories}
    month, limit = now.strftime("%Y-%m"), free_stories_per_month()
    read = set(MeteredRead.objects.filter(reader=reader, month=month).values_list("story_id", flat=True))
    decided = {}
    for story in stories:
        if not _readable(story, now):
            decided[story.pk] = unavailable
        elif story.pk in read:
            decided[story.pk] = Access(FULL, "free story already read this month", max(0, limit - len(read)))
        elif len(read) >= limit:
            decided[story.pk] = Access(
                PREVIEW, f"you have read your {limit} free stories this month; subscribe to read on", 0
            )
        else:
            decided[story.pk] = Access(PREVIEW, "a free story: open it to read it in full", limit - len(read))
    return decided


def _readable(story: Story, now: datetime) -> bool:
    return not story.is_withdrawn and story.state == Story.State.PUBLISHED and not story.is_embargoed(now)


def _metered(reader, story: Story, *, record: bool, now: datetime) -> Access:
    month = now.strftime("%Y-%m")
    limit = free_stories_per_month()
    reads = MeteredRead.objects.filter(reader=reader, month=month)
    if reads.filter(story=story).exists():
        return Access(FULL, "free story already read this month", max(0, limit - reads.count()))
    used = reads.count()
    if used >= limit:
        return Access(PREVIEW, f"you have read your {limit} free stories this month; subscribe to read on", 0)
    if not record:
        return Access(PREVIEW, "a free story: open it to read it in full", limit - used)
    try:
        with transaction.atomic():
            MeteredRead.objects.create(reader=reader, story=story, month=month, read_at=now)
    except IntegrityError:
        pass  # the same story opened twice at once: counted once
    return Access(FULL, "free story", max(0, limit - used - 1))


# Where a first paragraph ends: its closing tag, or two line breaks (feeds often break paragraphs so).
_PARAGRAPH_END = re.compile(r"</p>|<br\s*/?>\s*<br\s*/?>", re.IGNORECASE)


def first_paragraph_html(version: Version) -> str:
    """The preview of a story body: its first paragraph, already sanitised."""
    body = version.body_html or ""
    end = _PARAGRAPH_END.search(body)
    if body.startswith("<p") and end:
        # Cleaning again closes any element the cut left open.
        return clean_html(body[: end.start()] + "</p>")
    first = (version.body_text or "").split("\n\n", 1)[0]
    from django.utils.html import escape

    return f"<p>{escape(first)}</p>" if first else ""


def body_for(access: Access, version: Version) -> str:
    """The body HTML a reader with ``access`` may be shown."""
    if access.level == FULL:
        return version.body_html
    if access.level == PREVIEW:
        return first_paragraph_html(version)
    return ""
