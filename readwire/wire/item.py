"""The one plain shape every wire format is parsed into.

Parsers (``readwire.wire.ingest``) turn bytes into ``WireItem`` objects or ``Rejection``s;
only ``readwire.wire.services.accept`` turns a ``WireItem`` into stored stories.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

# pubStatus values, named as in ninjs and NewsML-G2 (stat:usable, stat:withheld, stat:canceled).
USABLE = "usable"
WITHHELD = "withheld"
CANCELED = "canceled"
PUB_STATUSES = (USABLE, WITHHELD, CANCELED)


@dataclass
class Rendition:
    href: str
    name: str = ""
    mimetype: str = ""
    width: int | None = None
    height: int | None = None


@dataclass
class Picture:
    uri: str = ""
    caption: str = ""
    credit: str = ""
    alt_text: str = ""
    title: str = ""
    renditions: list[Rendition] = field(default_factory=list)


@dataclass
class Subject:
    """A subject, ideally an IPTC Media Topic (``code`` like ``medtop:20000106``)."""

    name: str
    code: str = ""
    uri: str = ""
    scheme: str = ""


@dataclass
class Entity:
    """A person, place or organisation named by the wire."""

    name: str
    code: str = ""
    uri: str = ""


@dataclass
class WireItem:
    uri: str
    headline: str
    format: str
    version: int | None = None
    standfirst: str = ""
    body_html: str = ""
    body_text: str = ""
    byline: str = ""
    dateline: str = ""
    language: str = ""
    urgency: int | None = None
    slugline: str = ""
    genre: str = ""
    pub_status: str = USABLE
    ed_note: str = ""
    signals: list[str] = field(default_factory=list)
    embargoed_until: datetime | None = None
    first_created: datetime | None = None
    version_created: datetime | None = None
    copyright_notice: str = ""
    usage_terms: str = ""
    subjects: list[Subject] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    organisations: list[Entity] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    # The original page or feed entry a story was taken from (RSS link, imported page URL).
    source_link: str = ""
    # Things a lenient parser forgave (extra fields, a missing type): kept for the audit trail.
    warnings: list[str] = field(default_factory=list)
    # The original document (or the part of it that carried this item), kept for audit.
    original: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Rejection:
    """A document, or one item in it, that cannot be a story, and why."""

    reason: str
    uri: str = ""
    version: int | None = None
