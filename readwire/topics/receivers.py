"""How the topics app hooks into the wire: placing stories as they change, and the ninjs export."""

from __future__ import annotations

import logging

from readwire.wire import signals

log = logging.getLogger(__name__)


def place_changed_story(sender, story_id: int, version: int, change: str, **kwargs) -> None:
    """Place a created, updated or corrected story. A kill leaves its placements as they were."""
    from readwire.topics.placement import place_story

    if change == signals.KILLED:
        return
    try:
        place_story(story_id)
    except Exception:
        # The story is stored and committed; a placement failure must not turn the wire's push into
        # an error. ``readwire place_stories`` places it again.
        log.exception("could not place story %s (version %s)", story_id, version)


def machine_subjects(version) -> list[dict]:
    """Subjects the classifier assigned to ``version``, as ninjs 3.1 subject objects."""
    from readwire.topics.models import MachineTagging
    from readwire.topics.placement import MACHINE_CREATOR

    tagging = MachineTagging.objects.filter(story_id=version.story_id, version=version.version).first()
    if tagging is None:
        return []
    return [
        {
            "name": subject["name"],
            "uri": subject["uri"],
            "literal": subject["code"],
            "creator": MACHINE_CREATOR,
            "confidence": max(0, min(100, int(subject.get("confidence", 0)))),
        }
        for subject in tagging.subjects
    ]
