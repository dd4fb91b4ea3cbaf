"""A stored version as a ninjs 3.1 document (IPTC News in JSON), valid against ``ninjs-schema_3.1.json``.

ninjs 3.1 has no signals: a correction travels as an ``edNote`` starting with "Correction", which
the ninjs reader turns back into the correction signal. The source link of a story taken from a
feed or a page travels as an ``altIds`` entry with the role ``source``. Subjects assigned by machine
(the topics classifier, for stories the wire sent untagged) follow the wire's own, each with a
``creator`` and a ``confidence`` so that a receiver can tell them apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime

from readwire.wire.models import Version

STANDARD = {
    "name": "ninjs",
    "version": "3.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json",
}
MEDIATOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"
_MEDTOP_CODE = re.compile(r"medtop:(\d{8})")

# Functions returning the machine-assigned subjects of a version as ninjs subject objects; the
# topics app registers its own when it starts.
machine_subject_sources: list[Callable[[Version], list[dict]]] = []


def render(version: Version) -> str:
    return json.dumps(render_dict(version), ensure_ascii=False, indent=2) + "\n"


def render_dict(version: Version) -> dict:
    story = version.story
    doc: dict = {
        "standard": dict(STANDARD),
        "uri": story.uri,
        "type": "text",
        "representationType": "full",
        "version": str(version.version),
        "firstCreated": _timestamp(version.first_created or story.first_created),
        "versionCreated": _timestamp(version.version_created),
        "embargoedUntil": _timestamp(version.embargoed_until),
        "pubStatus": version.pub_status,
        # ninjs 3.1 counts urgency from 1 to 9; the 0 some older systems send has no place in it.
        "urgency": version.urgency if version.urgency and 1 <= version.urgency <= 9 else None,
        "language": version.language,
        "slugline": version.slugline,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": version.headline}],
        "descriptions": _text_list("summary", version.standfirst),
        "bodies": _bodies(version),
        "by": version.byline,
        "located": version.dateline,
        "edNote": version.ed_note,
        "copyrightNotice": version.copyright_notice,
        "usageTerms": version.usage_terms,
        "genres": [{"name": version.genre}] if version.genre else [],
        "subjects": _subjects(version),
        "people": [_entity(e) for e in version.people if e.get("name")],
        "places": [_entity(e) for e in version.places if e.get("name")],
        "organisations": [_entity(e) for e in version.organisations if e.get("name")],
        "associations": [_picture(story.uri, n, p) for n, p in enumerate(version.pictures, 1)],
        "altIds": [{"role": "source", "value": version.source_link}] if version.source_link else [],
    }
    return {key: value for key, value in doc.items() if value not in (None, "", [])}


def _timestamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _text_list(role: str, value: str) -> list[dict]:
    return [{"role": role, "contentType": "text/plain", "value": value}] if value else []


def _bodies(version: Version) -> list[dict]:
    bodies: list[dict] = []
    if version.body_html:
        bodies.append({"role": "main", "contentType": "text/html", "value": version.body_html})
    if version.body_text:
        bodies.append(
            {
                "role": "main",
                "contentType": "text/plain",
                "wordCount": len(version.body_text.split()),
                "value": version.body_text,
            }
        )
    return bodies


def _subjects(version: Version) -> list[dict]:
    subjects = [_subject(s) for s in version.subjects if s.get("name") or s.get("code")]
    wire_uris = {s.get("uri") for s in subjects}
    for source in machine_subject_sources:
        subjects += [s for s in source(version) if s.get("uri") not in wire_uris]
    return subjects


def _subject(subject: dict) -> dict:
    code, uri = subject.get("code") or "", subject.get("uri") or ""
    if not uri and (match := _MEDTOP_CODE.fullmatch(code)):
        uri = MEDIATOPIC_URI + match.group(1)
    return _compact({"name": subject.get("name"), "uri": uri, "literal": code})


def _entity(entity: dict) -> dict:
    return _compact({"name": entity.get("name"), "uri": entity.get("uri"), "literal": entity.get("code")})


def _picture(story_uri: str, number: int, picture: dict) -> dict:
    renditions = [_rendition(n, r) for n, r in enumerate(picture.get("renditions") or [], 1) if r.get("href")]
    uri = picture.get("uri") or (renditions[0]["href"] if renditions else f"{story_uri}#picture-{number}")
    caption, alt_text = picture.get("caption") or "", picture.get("alt_text") or ""
    descriptions = _text_list("caption", caption) + _text_list("alt", alt_text)
    association = {
        "name": f"picture{number}",
        "uri": uri,
        "type": "picture",
        "headlines": _text_list("main", picture.get("title") or ""),
        "descriptions": descriptions,
        "by": picture.get("credit"),
        "renditions": renditions,
    }
    return _compact(association)


def _rendition(number: int, rendition: dict) -> dict:
    return _compact(
        {
            "name": rendition.get("name") or f"rendition{number}",
            "href": rendition["href"],
            "contentType": rendition.get("mimetype"),
            "width": rendition.get("width") if isinstance(rendition.get("width"), int) else None,
            "height": rendition.get("height") if isinstance(rendition.get("height"), int) else None,
        }
    )


def _compact(d: dict) -> dict:
    return {key: value for key, value in d.items() if value not in (None, "", [])}
