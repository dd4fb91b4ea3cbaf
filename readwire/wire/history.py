"""What changed between two versions of a story, for the corrections log and the newsroom.

Differences are computed when asked (they are cheap, and versions are immutable), word by word
for text fields so that a reader sees exactly which words a correction replaced.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from readwire.wire.models import Version

TEXT_FIELDS = (
    ("headline", "Headline"),
    ("standfirst", "Standfirst"),
    ("byline", "Byline"),
    ("dateline", "Dateline"),
    ("body_text", "Story"),
)


@dataclass
class Segment:
    """A run of words: ``kind`` is ``same``, ``added`` or ``removed``."""

    kind: str
    text: str


@dataclass
class FieldChange:
    name: str
    label: str
    segments: list[Segment]


def word_diff(before: str, after: str) -> list[Segment]:
    a, b = before.split(" "), after.split(" ")
    segments: list[Segment] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("same", " ".join(a[a1:a2])))
            continue
        if a2 > a1:
            segments.append(Segment("removed", " ".join(a[a1:a2])))
        if b2 > b1:
            segments.append(Segment("added", " ".join(b[b1:b2])))
    return segments


def _collapse_context(segments: list[Segment], words: int = 12) -> list[Segment]:
    """Shorten long unchanged runs to their ends, so a one-word fix in a long story stays readable."""
    out = []
    for i, seg in enumerate(segments):
        parts = seg.text.split(" ")
        if seg.kind == "same" and len(parts) > 2 * words:
            head = " ".join(parts[:words]) if i > 0 else ""
            tail = " ".join(parts[-words:]) if i < len(segments) - 1 else ""
            seg = Segment("same", " … ".join(p for p in (head, tail) if p) if head or tail else "…")
        out.append(seg)
    return out


def compare(before: Version, after: Version, *, include_body: bool = True) -> list[FieldChange]:
    changes = []
    for name, label in TEXT_FIELDS:
        if name == "body_text" and not include_body:
            continue
        old, new = getattr(before, name) or "", getattr(after, name) or ""
        if old != new:
            segments = word_diff(" ".join(old.split()), " ".join(new.split()))
            changes.append(FieldChange(name, label, _collapse_context(segments)))
    return changes


def corrections_log(versions: list[Version], *, include_body: bool = True) -> list[dict]:
    """Each version after the first, newest first, with its note and what it changed.

    ``include_body=False`` leaves out the word-level body changes, for readers who may not read the body.
    """
    entries = []
    for before, after in zip(versions, versions[1:], strict=False):
        entries.append(
            {
                "version": after,
                "previous": before,
                "is_correction": after.is_correction,
                "changes": compare(before, after, include_body=include_body),
                "other_fields": [f for f in (after.changes or {}).get("fields", []) if f not in dict(TEXT_FIELDS)],
            }
        )
    return list(reversed(entries))
