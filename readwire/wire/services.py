"""The one place stories are written: ``accept`` a parsed item, or ``ingest`` a document.

Rules (docs/wire-formats.md tells the whole story):
- the same URI and version again is ``unchanged``; a higher version is a ``new_version`` and becomes
  current; a lower version arriving late is kept in the history but never replaces a newer one;
- an item without a version number (RSS, imported pages) gets the next number when its content
  changed, and is ``unchanged`` otherwise;
- ``canceled`` (a kill) withdraws the story for good: later versions are kept for audit only;
- a story belongs to the source that first sent it; another source may not overwrite it;
- ``story_changed`` is sent after the transaction commits.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from readwire.wire import signals
from readwire.wire.item import CANCELED, PUB_STATUSES, USABLE, WITHHELD, Rejection, WireItem
from readwire.wire.models import Source, Story, Version
from readwire.wire.sanitise import clean_html, clean_text, html_to_text, text_to_html

log = logging.getLogger(__name__)

CREATED = "created"
NEW_VERSION = "new_version"
UNCHANGED = "unchanged"
WITHDRAWN = "withdrawn"
REJECTED = "rejected"

MAX_URI_LENGTH = 500
MAX_HEADLINE_LENGTH = 1000
# Fields whose change a reader can see; compared between versions for the corrections log.
COMPARED_FIELDS = (
    "headline",
    "standfirst",
    "body_text",
    "byline",
    "dateline",
    "pictures",
    "subjects",
    "people",
    "places",
    "organisations",
    "urgency",
    "ed_note",
    "embargoed_until",
    "pub_status",
    "slugline",
    "genre",
)


@dataclass
class AcceptResult:
    uri: str
    version: int | None
    result: str
    error: str | None = None
    story_id: int | None = None
    warnings: list[str] = field(default_factory=list)
    path: str | None = None
    # True when the document as a whole was refused (unreadable, too large), not one item in it.
    whole_document: bool = False

    def as_json_line(self) -> dict:
        return {"path": self.path, "uri": self.uri, "version": self.version, "result": self.result, "error": self.error}


def rejected(reason: str, uri: str = "", version: int | None = None) -> AcceptResult:
    return AcceptResult(uri=uri, version=version, result=REJECTED, error=reason)


def document_rejected(reason: str, path: str | None = None) -> AcceptResult:
    result = rejected(reason)
    result.path, result.whole_document = path, True
    return result


# --- accepting one item ----------------------------------------------------------------------


def accept(item: WireItem, source: Source) -> AcceptResult:
    """Store ``item`` for ``source``: create the story, add a version, or leave things as they are."""
    problem = _problem_with(item)
    if problem:
        return rejected(problem, item.uri, item.version)
    fields = _prepare(item)
    # Two pushes of the same new item may race to create it; the loser's insert fails on the
    # unique constraints and the retry then finds the winner's row and answers ``unchanged``.
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _store(item, fields, source)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _problem_with(item: WireItem) -> str | None:
    if not item.uri or not item.uri.strip():
        return "the item has no URI (ninjs 'uri', NewsML-G2 guid), so it cannot be stored or updated"
    if len(item.uri) > MAX_URI_LENGTH:
        return f"the item's URI is longer than {MAX_URI_LENGTH} characters"
    if item.version is not None and (not isinstance(item.version, int) or item.version < 1):
        return f"version {item.version!r} is not a positive whole number"
    if item.pub_status not in PUB_STATUSES:
        return f"pubStatus {item.pub_status!r} is not one of {', '.join(PUB_STATUSES)}"
    if item.pub_status != CANCELED and not clean_text(item.headline):
        return "the item has no headline"
    return None


def _prepare(item: WireItem) -> dict:
    """The version row's fields: sanitised, normalised, with a digest of what readers see."""
    warnings = list(item.warnings)
    body_html = clean_html(item.body_html)
    if not body_html and item.body_text:
        body_html = text_to_html(item.body_text)
    body_text = html_to_text(body_html) if body_html else ""
    headline = clean_text(item.headline)
    if len(headline) > MAX_HEADLINE_LENGTH:
        warnings.append(f"headline shortened to {MAX_HEADLINE_LENGTH} characters")
        headline = headline[: MAX_HEADLINE_LENGTH - 1] + "…"
    now = timezone.now()
    fields = {
        "format": item.format[:20],
        "headline": headline,
        "standfirst": clean_text(item.standfirst),
        "body_html": body_html,
        "body_text": body_text,
        "byline": clean_text(item.byline)[:500],
        "dateline": clean_text(item.dateline)[:300],
        "language": (item.language or "").strip()[:20],
        "urgency": item.urgency if isinstance(item.urgency, int) and 0 <= item.urgency <= 9 else None,
        "slugline": clean_text(item.slugline)[:300],
        "genre": clean_text(item.genre)[:200],
        "pub_status": item.pub_status,
        "ed_note": clean_text(item.ed_note),
        "signals": sorted({s.strip().lower() for s in item.signals if s and s.strip()}),
        "embargoed_until": _aware(item.embargoed_until, "embargoed_until", warnings),
        "first_created": _aware(item.first_created, "first_created", warnings),
        "version_created": _aware(item.version_created, "version_created", warnings) or now,
        "copyright_notice": clean_text(item.copyright_notice),
        "usage_terms": clean_text(item.usage_terms),
        "subjects": [_clean_dict(asdict(s)) for s in item.subjects if s.name or s.code],
        "people": [_clean_dict(asdict(e)) for e in item.people if e.name],
        "places": [_clean_dict(asdict(e)) for e in item.places if e.name],
        "organisations": [_clean_dict(asdict(e)) for e in item.organisations if e.name],
        "pictures": [_clean_picture(asdict(p)) for p in item.pictures],
        "source_link": item.source_link if item.source_link.startswith(("http://", "https://")) else "",
        "warnings": warnings,
        "original": item.original,
    }
    if item.embargoed_until is not None and fields["embargoed_until"] is None and item.pub_status == USABLE:
        # An embargo we cannot honour must not become "publish now": hold the story back instead.
        fields["pub_status"] = WITHHELD
        warnings.append("held back as withheld: the embargo time could not be used")
    if item.urgency is not None and fields["urgency"] is None:
        warnings.append(f"urgency {item.urgency!r} ignored: expected 0 to 9")
    fields["content_hash"] = _content_hash(fields)
    return fields


# Wire times outside these years are typing errors, and near the ends of datetime's range
# converting them to UTC overflows; they are dropped with a warning.
EARLIEST_YEAR, LATEST_YEAR = 1800, 2999


def _aware(value: datetime | None, name: str = "", warnings: list[str] | None = None) -> datetime | None:
    if value is None:
        return None
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        if warnings is not None:
            warnings.append(f"{name} {value.isoformat()} ignored: outside the years {EARLIEST_YEAR}-{LATEST_YEAR}")
        return None
    if timezone.is_naive(value):
        return value.replace(tzinfo=UTC)
    return value


def _clean_dict(d: dict) -> dict:
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in d.items()}


def _clean_picture(p: dict) -> dict:
    p = _clean_dict({k: v for k, v in p.items() if k != "renditions"}) | {"renditions": p["renditions"]}
    p["renditions"] = [
        r for r in p["renditions"] if isinstance(r.get("href"), str) and r["href"].startswith(("http", "/"))
    ]
    return p


def _content_hash(fields: dict) -> str:
    visible = {name: fields[name] for name in COMPARED_FIELDS}
    visible["body_html"] = fields["body_html"]
    visible["signals"] = fields["signals"]
    encoded = json.dumps(visible, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def _state_for(pub_status: str) -> str:
    return {CANCELED: Story.State.WITHDRAWN, WITHHELD: Story.State.WITHHELD}.get(pub_status, Story.State.PUBLISHED)


def _store(item: WireItem, fields: dict, source: Source) -> AcceptResult:
    story = Story.objects.select_for_update().filter(uri=item.uri).first()
    if story is None:
        return _create_story(item, fields, source)
    if story.source_id != source.pk:
        return rejected(
            f"story {item.uri} belongs to source '{story.source.name}'; another source may not change it",
            item.uri,
            item.version,
        )
    current = story.versions.get(version=story.current_version)
    if item.version is None:
        if current.content_hash == fields["content_hash"]:
            return AcceptResult(item.uri, current.version, UNCHANGED, story_id=story.pk)
        number = (story.versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    else:
        number = item.version
        if story.versions.filter(version=number).exists():
            return AcceptResult(item.uri, number, UNCHANGED, story_id=story.pk)

    if fields["headline"] == "":
        fields["headline"] = current.headline  # a kill may come without a headline
    version = Version.objects.create(story=story, version=number, changes=_changes(current, fields), **fields)

    if number < story.current_version:
        warning = f"version {number} arrived after version {story.current_version}: kept in the history only"
        return AcceptResult(item.uri, number, UNCHANGED, story_id=story.pk, warnings=[*fields["warnings"], warning])
    if story.is_withdrawn:
        warning = "the story was withdrawn; this version is kept for audit only and is not shown"
        return AcceptResult(item.uri, number, WITHDRAWN, story_id=story.pk, warnings=[*fields["warnings"], warning])

    _make_current(story, version)
    if version.pub_status == CANCELED:
        change, result = signals.KILLED, WITHDRAWN
    elif version.is_correction:
        change, result = signals.CORRECTED, NEW_VERSION
    else:
        change, result = signals.UPDATED, NEW_VERSION
    _send_after_commit(story.pk, number, change)
    return AcceptResult(item.uri, number, result, story_id=story.pk, warnings=fields["warnings"])


def _create_story(item: WireItem, fields: dict, source: Source) -> AcceptResult:
    number = item.version or 1
    if not fields["headline"]:
        fields["headline"] = "(withdrawn)"
    now = timezone.now()
    # One INSERT with the reader-facing copy already filled in: creation is the hot path of ingest.
    story = Story.objects.create(
        uri=item.uri,
        source=source,
        first_created=fields["first_created"] or fields["version_created"] or now,
        received_at=now,
        **_current_copy(number, fields, now, withdrawn_at=None),
    )
    Version.objects.create(story=story, version=number, **fields)
    if fields["pub_status"] == CANCELED:
        _send_after_commit(story.pk, number, signals.KILLED)
        return AcceptResult(item.uri, number, WITHDRAWN, story_id=story.pk, warnings=fields["warnings"])
    _send_after_commit(story.pk, number, signals.CREATED)
    return AcceptResult(item.uri, number, CREATED, story_id=story.pk, warnings=fields["warnings"])


def _current_copy(number: int, fields: dict, now: datetime, withdrawn_at: datetime | None) -> dict:
    """The story row's copy of its current version, which listings read without a join."""
    state = _state_for(fields["pub_status"])
    return {
        "current_version": number,
        "state": state,
        "headline": fields["headline"],
        "slugline": fields["slugline"],
        "urgency": fields["urgency"],
        "language": fields["language"],
        "embargoed_until": fields["embargoed_until"],
        "version_created": fields["version_created"] or now,
        "updated_at": now,
        "withdrawn_at": withdrawn_at or (now if state == Story.State.WITHDRAWN else None),
    }


def _make_current(story: Story, version: Version) -> None:
    copy = _current_copy(
        version.version,
        {
            name: getattr(version, name)
            for name in (
                "pub_status",
                "headline",
                "slugline",
                "urgency",
                "language",
                "embargoed_until",
                "version_created",
            )
        },
        timezone.now(),
        withdrawn_at=story.withdrawn_at,
    )
    for name, value in copy.items():
        setattr(story, name, value)
    story.save(update_fields=list(copy))


def _changes(previous: Version, fields: dict) -> dict:
    changed = [
        name
        for name in COMPARED_FIELDS
        if json.dumps(getattr(previous, name), default=str, sort_keys=True)
        != json.dumps(fields[name], default=str, sort_keys=True)
    ]
    return {"from_version": previous.version, "fields": changed}


def _send_after_commit(story_id: int, version: int, change: str) -> None:
    transaction.on_commit(lambda: _announce(story_id, version, change))


def _announce(story_id: int, version: int, change: str) -> None:
    """Tell the other parts (placement, search, duplicates, alerts) after the story is safely stored.

    A failing receiver is logged and must not turn a stored story into an ingest error, nor stop
    the receivers after it; each one can be re-run for the story (``readwire reindex`` and friends).
    """
    responses = signals.story_changed.send_robust(sender=Story, story_id=story_id, version=version, change=change)
    for receiver, response in responses:
        if isinstance(response, Exception):
            log.error(
                "%s failed for story %s v%s (%s)",
                getattr(receiver, "__qualname__", receiver),
                story_id,
                version,
                change,
                exc_info=response,
            )


# --- ingesting a document ---------------------------------------------------------------------


def ingest(data: bytes, source: Source, *, path: str | None = None, format: str | None = None) -> list[AcceptResult]:
    """Parse a document in any supported format and accept every story in it.

    Never raises for bad input: a document that cannot be read gives one ``rejected`` result
    saying why; each item in it is accepted or rejected on its own.
    """
    from django.conf import settings

    from readwire.wire.ingest import UnsupportedDocument, parse_document

    if len(data) > settings.WIRE_MAX_DOCUMENT_BYTES:
        limit = settings.WIRE_MAX_DOCUMENT_BYTES
        return [document_rejected(f"document is {len(data)} bytes; the limit is {limit}", path)]
    try:
        _format, parsed = parse_document(data, filename=path, format=format)
    except UnsupportedDocument as exc:
        return [document_rejected(str(exc), path)]
    except Exception:  # a parser bug must not take ingest down; the fuzz tests hunt these
        log.exception("parser failed on %s", path or "a pushed document")
        return [document_rejected("the document could not be parsed (internal parser error, logged)", path)]
    if not parsed:
        return [document_rejected("the document holds no story", path)]
    results = []
    for entry in parsed:
        if isinstance(entry, Rejection):
            result = rejected(entry.reason, entry.uri, entry.version)
        else:
            result = accept(entry, source)
        results.append(_with_path(result, path))
    return results


def _with_path(result: AcceptResult, path: str | None) -> AcceptResult:
    result.path = path
    return result


def get_or_create_source(name: str) -> Source:
    source, _ = Source.objects.get_or_create(name=name, defaults={"title": name.replace("-", " ").title()})
    return source


__all__ = ["accept", "ingest", "AcceptResult", "get_or_create_source", "USABLE"]
