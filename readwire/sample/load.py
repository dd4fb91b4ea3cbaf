"""Loading the sample wire through the ingest service, as the agency's system would send it.

Fresh news, idempotently. The files carry times around ``BASE_TIME``. On the first load every
timestamp in every document (ISO 8601 and RFC 822 alike) is moved forward by one offset, in whole
minutes, so that the newest story is a few minutes old and the embargoed one is still under
embargo. Every later load must use the *same* offset: a re-load with another one would send
documents that differ from the first, and the partner's RSS entries, which have no version
numbers, would be stored as new versions. The offset is not kept anywhere else; it is read back
from the database, as the difference between the ``versionCreated`` a ninjs story was stored with
and the one its file carries. A database that holds none of the sample gets a new offset.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from django.utils import timezone

from readwire.sample import AGENCY_SOURCE, MANIFEST, PARTNER_SOURCE, WIRE_DIR
from readwire.wire.models import Story, Version
from readwire.wire.services import REJECTED, get_or_create_source, ingest

# How old the newest story is right after the first load.
FRESHNESS = timedelta(minutes=4)
# Only times this close to the base time are moved (a safety margin, not a feature).
WINDOW = timedelta(days=10)

_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})")
_RFC822 = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
)


@dataclass
class LoadSummary:
    documents: int
    offset: timedelta
    seconds: float
    results: Counter = field(default_factory=Counter)
    rejections: list[tuple[str, str]] = field(default_factory=list)

    def describe(self) -> str:
        counts = ", ".join(
            f"{self.results.get(name, 0)} {label}"
            for name, label in (
                ("created", "created"),
                ("new_version", "new versions"),
                ("withdrawn", "withdrawn"),
                ("unchanged", "unchanged"),
                ("rejected", "rejected"),
            )
        )
        return f"{self.documents} documents in {self.seconds:.1f} s: {counts}"


def read_manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def base_time(manifest: dict) -> datetime:
    return datetime.fromisoformat(manifest["base_time"])


def shift_times(text: str, offset: timedelta, around: datetime) -> str:
    """``text`` with every timestamp near ``around`` moved by ``offset``, in the same notation."""

    def iso(match: re.Match) -> str:
        moment = datetime.fromisoformat(match.group(0))
        if abs(moment - around) > WINDOW:
            return match.group(0)
        moved = (moment + offset).isoformat(timespec="seconds")
        return moved.replace("+00:00", "Z") if match.group(0).endswith("Z") else moved

    def rfc822(match: re.Match) -> str:
        moment = parsedate_to_datetime(match.group(0))
        if abs(moment - around) > WINDOW:
            return match.group(0)
        return format_datetime(moment + offset)

    return _RFC822.sub(rfc822, _ISO.sub(iso, text))


def loaded_offset(manifest: dict) -> timedelta | None:
    """The offset the sample wire was first loaded with, read back from its stored ninjs stories."""
    filed = {
        (item["uri"], item["version"]): datetime.fromisoformat(item["versionCreated"])
        for document in manifest["documents"]
        if document["format"] == "ninjs"
        for item in document["items"]
    }
    rows = Version.objects.filter(
        story__source__name=AGENCY_SOURCE, story__uri__in={uri for uri, _ in filed}
    ).values_list("story__uri", "version", "version_created")
    offsets = Counter(
        stored - filed[(uri, version)] for uri, version, stored in rows if (uri, version) in filed and stored
    )
    return offsets.most_common(1)[0][0] if offsets else None


def fresh_offset(manifest: dict, now: datetime) -> timedelta:
    newest = (now - FRESHNESS).replace(second=0, microsecond=0)
    return newest - base_time(manifest)


def is_loaded(manifest: dict | None = None) -> bool:
    """Whether every story version and partner story of the sample wire is already stored."""
    manifest = manifest or read_manifest()
    expected = {(item["uri"], item["version"]) for document in manifest["documents"] for item in document["items"]}
    stored = set(
        Version.objects.filter(story__uri__in={uri for uri, _ in expected}).values_list("story__uri", "version")
    )
    partner_stories = sum(d.get("stories", 0) for d in manifest["documents"] if d["source"] == PARTNER_SOURCE)
    partner_stored = Story.objects.filter(source__name=PARTNER_SOURCE).count()
    return expected <= stored and partner_stored >= partner_stories


def load_sample_wire(progress: Callable[[int, int], None] | None = None, now: datetime | None = None) -> LoadSummary:
    """Ingest every document of the sample wire in the order it was sent; safe to run again."""
    started = time.monotonic()
    manifest = read_manifest()
    offset = loaded_offset(manifest)
    if offset is None:
        offset = fresh_offset(manifest, now or timezone.now())
    around = base_time(manifest)
    sources = {name: get_or_create_source(name) for name in (AGENCY_SOURCE, PARTNER_SOURCE)}
    documents = manifest["documents"]
    summary = LoadSummary(documents=len(documents), offset=offset, seconds=0)
    for done, document in enumerate(documents, 1):
        text = (WIRE_DIR / document["path"]).read_text(encoding="utf-8")
        data = shift_times(text, offset, around).encode("utf-8")
        for result in ingest(data, sources[document["source"]], path=document["path"]):
            summary.results[result.result] += 1
            if result.result == REJECTED:
                summary.rejections.append((document["path"], result.error or ""))
        if progress:
            progress(done, len(documents))
    summary.seconds = time.monotonic() - started
    return summary
