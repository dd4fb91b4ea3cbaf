"""Two versions of a story side by side, for the console's compare view.

The word-level diff is ``wire.history``'s; this module lays it out in two columns and keeps the
story's paragraphs, so a long body stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from readwire.wire.history import TEXT_FIELDS, Segment, word_diff
from readwire.wire.models import Version

# A token of its own between paragraphs: the diff treats it as a word, the template as a break.
PARAGRAPH = "\n\n"


@dataclass
class TextColumns:
    name: str
    label: str
    changed: bool
    left: list[Segment]
    right: list[Segment]


@dataclass
class FieldRow:
    label: str
    left: str
    right: str

    @property
    def changed(self) -> bool:
        return self.left != self.right


def _words(text: str) -> str:
    paragraphs = [" ".join(line.split()) for line in (text or "").splitlines()]
    return f" {PARAGRAPH} ".join(p for p in paragraphs if p)


def text_columns(a: Version, b: Version) -> list[TextColumns]:
    columns = []
    for name, label in TEXT_FIELDS:
        old, new = _words(getattr(a, name)), _words(getattr(b, name))
        if not old and not new:
            continue
        segments = [s for s in word_diff(old, new) if s.text]
        columns.append(
            TextColumns(
                name=name,
                label=label,
                changed=old != new,
                left=[s for s in segments if s.kind != "added"],
                right=[s for s in segments if s.kind != "removed"],
            )
        )
    return columns


def _names(entries: list) -> str:
    return ", ".join(str(e.get("name") or e.get("code") or "") for e in entries or [] if isinstance(e, dict))


def _pictures(pictures: list) -> str:
    described = []
    for picture in pictures or []:
        if isinstance(picture, dict):
            text = picture.get("caption") or picture.get("title") or picture.get("uri") or "untitled"
            credit = f" ({picture['credit']})" if picture.get("credit") else ""
            described.append(f"{text}{credit}")
    return "; ".join(described)


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j M Y, H:i:s T") if value else ""


def field_rows(a: Version, b: Version) -> list[FieldRow]:
    """Everything else a version carries, as text, so that what differs can be marked."""

    def row(label: str, get) -> FieldRow:
        return FieldRow(label, get(a), get(b))

    return [
        row("pubStatus", lambda v: v.pub_status),
        row("Signals", lambda v: ", ".join(v.signals or [])),
        row("Editor's note", lambda v: v.ed_note),
        row("Urgency", lambda v: "" if v.urgency is None else str(v.urgency)),
        row("Slugline", lambda v: v.slugline),
        row("Genre", lambda v: v.genre),
        row("Embargoed until", lambda v: _when(v.embargoed_until)),
        row("Version created", lambda v: _when(v.version_created)),
        row("Received", lambda v: _when(v.received_at)),
        row("Format", lambda v: v.format),
        row("Language", lambda v: v.language),
        row("Subjects", lambda v: _names(v.subjects)),
        row("People", lambda v: _names(v.people)),
        row("Places", lambda v: _names(v.places)),
        row("Organisations", lambda v: _names(v.organisations)),
        row("Pictures", lambda v: _pictures(v.pictures)),
        row("Copyright", lambda v: v.copyright_notice),
        row("Usage terms", lambda v: v.usage_terms),
        row("Source link", lambda v: v.source_link),
    ]
