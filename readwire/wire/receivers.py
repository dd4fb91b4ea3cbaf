"""The wire's own receivers of ``story_changed``, connected in ``WireConfig.ready``."""

from __future__ import annotations

import logging

from readwire.wire import signals

log = logging.getLogger(__name__)


def link_duplicates(sender, *, story_id: int, change: str, **kwargs) -> None:
    """Find the story's copies from other sources, or take a killed story out of its group.

    A failure here must not fail the ingest that sent the signal (the story is stored and
    committed by now): it is logged, and ``readwire link_duplicates`` puts things right.
    """
    from readwire.wire.duplicates.linking import forget_story, update_story

    try:
        if change == signals.KILLED:
            forget_story(story_id)
        else:
            update_story(story_id)
    except Exception:
        log.exception("could not look for duplicates of story %s (%s)", story_id, change)
