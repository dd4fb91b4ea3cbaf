"""Front-page curation and placement corrections: every change an editor makes goes through one
of these functions.

Each one checks that the change makes sense, makes it, and writes a ``CurationLog`` entry. Each is
idempotent: asking for what is already so changes nothing, logs nothing, and returns ``False``;
a real change returns ``True``. A request that cannot be honoured raises ``CurationError`` with a
message an editor can act on. Callable alike from the console, a command or a task.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from readwire.newsroom.models import CurationLog, FrontPageEntry, Pin
from readwire.topics import placement
from readwire.topics.models import Placement, Section
from readwire.wire.models import Story

# The front page holds the lead and this many chosen top stories at most.
MAX_TOP_STORIES = 12

Role = FrontPageEntry.Role
Action = CurationLog.Action
T = TypeVar("T")


class CurationError(Exception):
    """The change cannot be made; the message says why, for the editor who asked."""


def _curation(func: Callable[..., T]) -> Callable[..., T]:
    """Run a curation in one transaction; retry when a concurrent curation won a unique-constraint race."""

    @wraps(func)
    def run(*args, **kwargs):
        for attempt in range(3):
            try:
                with transaction.atomic():
                    return func(*args, **kwargs)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    return run


def _log(action: str, story: Story | None, editor, detail: str = "") -> None:
    CurationLog.objects.create(
        action=action,
        story=story,
        headline=story.headline[:1000] if story else "",
        editor=editor if editor and editor.pk else None,
        editor_name=editor.get_username() if editor and editor.pk else "",
        detail=detail[:500],
    )


def _check_can_be_curated(story: Story) -> None:
    # Re-read the state: the story may have been killed since the editor's page was drawn.
    state = Story.objects.filter(pk=story.pk).values_list("state", flat=True).first()
    if state is None:
        raise CurationError("That story does not exist.")
    if state == Story.State.WITHDRAWN:
        raise CurationError(f"“{story.headline}” was withdrawn; a withdrawn story cannot go on the front page.")


def _locked_entries() -> list[FrontPageEntry]:
    return list(
        FrontPageEntry.objects.select_for_update(of=("self",))
        .select_related("story")
        .order_by("role", "position", "pk")
    )


def _renumber(top: list[FrontPageEntry]) -> None:
    """Store positions 0..n-1 in the order of ``top``."""
    changed = []
    for position, entry in enumerate(top):
        if entry.position != position:
            entry.position = position
            changed.append(entry)
    if changed:
        FrontPageEntry.objects.bulk_update(changed, ["position"])


def _split(entries: list[FrontPageEntry]) -> tuple[FrontPageEntry | None, list[FrontPageEntry]]:
    lead = next((e for e in entries if e.role == Role.LEAD), None)
    return lead, [e for e in entries if e.role == Role.TOP]


# --- the lead ----------------------------------------------------------------------------------


@_curation
def set_lead(story: Story, *, editor=None) -> bool:
    """Make ``story`` the lead. The lead it replaces becomes the first top story, unless withdrawn."""
    _check_can_be_curated(story)
    lead, top = _split(_locked_entries())
    if lead is not None and lead.story_id == story.pk:
        return False
    details = []
    own = next((e for e in top if e.story_id == story.pk), None)
    if own is not None:
        own.delete()
        top.remove(own)
        details.append("taken from the top stories")
    if lead is not None:
        lead.delete()
        details.append(f"replacing “{lead.story.headline}”")
        if not lead.story.is_withdrawn:
            # The story that led a moment ago is still news: it moves down, not off.
            demoted = FrontPageEntry.objects.create(story=lead.story, role=Role.TOP, added_by=lead.added_by)
            top.insert(0, demoted)
            details.append("which moves to the top stories")
    FrontPageEntry.objects.create(story=story, role=Role.LEAD, added_by=editor if editor and editor.pk else None)
    _renumber(top)
    _log(Action.SET_LEAD, story, editor, ", ".join(details))
    return True


@_curation
def clear_lead(*, editor=None) -> bool:
    """Hand the lead back to the automatic choice (most urgent recent story)."""
    lead, _top = _split(_locked_entries())
    if lead is None:
        return False
    lead.delete()
    _log(Action.CLEAR_LEAD, lead.story, editor, "the lead is chosen automatically again")
    return True


# --- top stories -------------------------------------------------------------------------------


@_curation
def add_top_story(story: Story, *, editor=None, position: int | None = None) -> bool:
    """Add ``story`` to the top stories, at the end or at ``position`` (0 is first)."""
    _check_can_be_curated(story)
    lead, top = _split(_locked_entries())
    if lead is not None and lead.story_id == story.pk:
        raise CurationError(f"“{story.headline}” is the lead story; it cannot also be a top story.")
    if any(e.story_id == story.pk for e in top):
        return False
    if len(top) >= MAX_TOP_STORIES:
        raise CurationError(f"The front page holds {MAX_TOP_STORIES} top stories; remove one first.")
    entry = FrontPageEntry(story=story, role=Role.TOP, added_by=editor if editor and editor.pk else None)
    entry.position = len(top)
    entry.save()
    index = len(top) if position is None else max(0, min(position, len(top)))
    top.insert(index, entry)
    _renumber(top)
    _log(Action.ADD_TOP, story, editor, f"at position {index + 1}")
    return True


@_curation
def move_top_story(story: Story, position: int, *, editor=None) -> bool:
    """Move a top story to ``position`` (0 is first; out-of-range positions go to the nearest end)."""
    _lead, top = _split(_locked_entries())
    entry = next((e for e in top if e.story_id == story.pk), None)
    if entry is None:
        raise CurationError(f"“{story.headline}” is not one of the top stories.")
    old = top.index(entry)
    new = max(0, min(position, len(top) - 1))
    if new == old:
        return False
    top.remove(entry)
    top.insert(new, entry)
    _renumber(top)
    _log(Action.MOVE_TOP, story, editor, f"from position {old + 1} to {new + 1}")
    return True


@_curation
def remove_top_story(story: Story, *, editor=None) -> bool:
    _lead, top = _split(_locked_entries())
    entry = next((e for e in top if e.story_id == story.pk), None)
    if entry is None:
        return False
    old = top.index(entry)
    entry.delete()
    top.remove(entry)
    _renumber(top)
    _log(Action.REMOVE_TOP, story, editor, f"was at position {old + 1}")
    return True


# --- pins --------------------------------------------------------------------------------------


def describe_pin_until(until: datetime | None) -> str:
    if until is None:
        return "until unpinned"
    return "until " + date_format(timezone.localtime(until), "j M Y, H:i T")


@_curation
def pin(story: Story, *, until: datetime | None = None, editor=None) -> bool:
    """Keep ``story`` at the head of the top stories, until ``until`` (or until unpinned).

    Pinning a pinned story again with another time changes its time.
    """
    _check_can_be_curated(story)
    now = timezone.now()
    if until is not None and until <= now:
        raise CurationError("The pin would end in the past; choose a later time, or none.")
    existing = Pin.objects.select_for_update().filter(story=story).first()
    if existing is not None and existing.until == until:
        return False
    if existing is None:
        Pin.objects.create(story=story, until=until, pinned_by=editor if editor and editor.pk else None)
    else:
        existing.until = until
        existing.pinned_by = editor if editor and editor.pk else None
        existing.save(update_fields=["until", "pinned_by"])
    _log(Action.PIN, story, editor, describe_pin_until(until))
    return True


@_curation
def unpin(story: Story, *, editor=None) -> bool:
    deleted, _ = Pin.objects.filter(story=story).delete()
    if not deleted:
        return False
    _log(Action.UNPIN, story, editor)
    return True


# --- desks and Topics in Focus -----------------------------------------------------------------


@_curation
def correct_placement(story: Story, section: Section, *, include: bool, editor=None) -> bool:
    """Put ``story`` in ``section`` (``include=True``) or take it out, for this version and every later one.

    The correction itself is ``topics.placement.correct_placement`` (which makes it stick across new
    versions); this adds the check an editor can act on and the log entry. Putting a story where the
    wire or the classifier already placed it records the correction, so that it stays there; asking
    for what an editor already decided changes nothing.
    """
    if not Story.objects.filter(pk=story.pk).exists():
        raise CurationError("That story does not exist.")
    if include and not section.active:
        raise CurationError(f"{section.name} is switched off; an operator must activate it before stories go there.")
    decided = placement.corrections_for(story).get(section.pk)
    placed = Placement.objects.filter(story=story, section=section).exists()
    if decided is include and placed is include:
        return False
    placement.correct_placement(story, section, include, editor if editor and editor.pk else None)
    kind = section.get_kind_display()
    _log(
        Action.PLACE if include else Action.UNPLACE,
        story,
        editor,
        f"{'into' if include else 'out of'} {section.name} ({kind})",
    )
    return True
