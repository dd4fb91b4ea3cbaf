"""ninjs (IPTC News in JSON) 1.x, 2.x and 3.x in.

A document is one ninjs object, a JSON array of them, or an object wrapping them
(``{"items": [...]}``, ``{"data": [...]}``). Each item's major version is read from its
``$standard`` (1.x) or ``standard`` (2.x, 3.x) object, or else judged from its keys: 1.x has a
``headline`` string and ``body_*`` properties, 2.x the ``headlines``/``bodies`` arrays with lowercase
keys (``versioncreated``), 3.x the same arrays with camelCase keys (``versionCreated``).

Each item is validated against the IPTC schema of its major version (1.6, 2.2 or 3.1, shipped in
``readwire/wire/schemas``). Agencies bend the schemas all the time (extra fields, ``body_html`` in a
3.x item, ``associations`` as an object, a number where a string belongs), so a schema complaint
never rejects a story: it is recorded on ``item.warnings`` and the item is read leniently, with the
property names of every version understood whatever version the item claims. Only what cannot be
a story is rejected: no ``uri``, no headline (unless it is a kill), an event or planning item.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from typing import Any

from readwire.wire.ingest import UnsupportedDocument
from readwire.wire.ingest.ninjs_schema import SCHEMAS, detect_major, json_type, schema_problems, shorten
from readwire.wire.item import CANCELED, PUB_STATUSES, Entity, Picture, Rejection, Rendition, Subject, WireItem

MEDIATOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"

# Real ninjs nests a dozen levels at most (a place's GeoJSON multipolygon); deeper is hostile.
MAX_DEPTH = 64
WRAPPER_KEYS = ("items", "data", "results", "stories", "entries")
NOT_STORIES = {"event", "planning"}
PICTURE_TYPES = {"picture", "image", "photo", "graphic"}

MAIN_ROLES = {"", "main", "headline", "simple", "default", "title"}
SUB_ROLES = {"sub", "subheadline", "subtitle", "deck", "standfirst", "kicker", "strapline"}
SUMMARY_ROLES = {"summary", "abstract", "standfirst", "lead", "teaser", "intro", "description", "caption"}
ALT_ROLES = {"alt", "alttext", "alt_text", "alternative", "alternativetext", "accessibility"}
BODY_ROLES = {"", "main", "text", "richtext", "body", "full", "fulltext"}
LINK_ROLES = {"url", "link", "web", "weburl", "canonical", "canonicalurl", "source", "sourceurl", "permalink"}

# An editor's note that opens with one of these words marks the version as a correction: ninjs has
# no signals, and agencies announce corrections in edNote ("Corrects spelling of minister's name").
_CORRECTION_NOTE = re.compile(r"\s*(?:correction|corrects|corrected|correcting)\b", re.I)
_MEDTOP_URI = re.compile(r"https?://cv\.iptc\.org/newscodes/mediatopic/(\d{8})/?", re.I)
_MEDTOP_SCHEME = re.compile(r"medtop|https?://cv\.iptc\.org/newscodes/mediatopic/?", re.I)
_MEDTOP_CODE = re.compile(r"medtop:(\d{8})", re.I)
_VERSION = re.compile(r"[vV]?(\d{1,9})(?:\.0+)?")
_LOOKS_LIKE_HTML = re.compile(r"<(?:p|br|div|h[1-6]|ul|ol|li|strong|em|b|i|a|span|blockquote|table)\b", re.I)
_IMAGE_HREF = re.compile(r"https?://\S+\.(?:jpe?g|png|gif|webp|avif)(?:\?\S*)?", re.I)
# Characters no database or XML exporter should ever see: NUL and the other C0 controls, and lone
# surrogates (JSON's "\ud800" decodes to one; neither UTF-8 nor PostgreSQL can store it).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def parse(data: bytes) -> list[WireItem | Rejection]:
    document = _load(data)
    if isinstance(document, list):
        entries = document
    elif isinstance(document, dict):
        entries = _unwrap(document)
    else:
        raise UnsupportedDocument(
            f"a ninjs document is a JSON object or an array of them; this one is a JSON {json_type(document)}"
        )
    return [_read_entry(entry, position) for position, entry in enumerate(entries, 1)]


# --- the document ----------------------------------------------------------------------------


def _load(data: bytes) -> Any:
    try:
        document = json.loads(data, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise UnsupportedDocument(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except UnicodeDecodeError as exc:
        raise UnsupportedDocument(f"not valid JSON: the bytes are not UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise UnsupportedDocument("not valid JSON: nested too deeply to read") from None
    except ValueError as exc:
        raise UnsupportedDocument(f"not valid JSON: {exc}") from None
    if _deeper_than(document, MAX_DEPTH):
        raise UnsupportedDocument(f"the JSON is nested more than {MAX_DEPTH} levels deep; no ninjs item is")
    return _storable(document)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _deeper_than(value: Any, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return _UNSTORABLE.sub("", value)
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {_UNSTORABLE.sub("", k): _storable(v) for k, v in value.items()}
    return value


def _unwrap(document: dict) -> list:
    if "uri" in document:
        return [document]
    for key in WRAPPER_KEYS:
        value = document.get(key)
        if isinstance(value, list):
            return value
        if isinstance(value, dict) and "uri" in value:
            return [value]
    return [document]


# --- one item --------------------------------------------------------------------------------


def _read_entry(entry: Any, position: int) -> WireItem | Rejection:
    if not isinstance(entry, dict):
        return Rejection(f"item {position} is a JSON {json_type(entry)}, not a ninjs object")
    warnings: list[str] = []
    major = detect_major(entry, warnings)
    try:
        warnings += schema_problems(entry, major)
    except RecursionError:
        warnings.append(f"ninjs {SCHEMAS[major][0]} schema: the item is nested too deeply to validate")
    return _read_item(_Fields(entry, warnings), entry, position)


def _read_item(item: _Fields, raw: dict, position: int) -> WireItem | Rejection:
    uri = item.text("uri")
    version = _version(item)
    kind = item.text("type").lower()
    if not uri:
        headline = _headline(item)
        named = f" (headline {shorten(headline, 60)!r})" if headline else ""
        return Rejection(f"item {position}{named} has no 'uri', so it cannot be stored or updated", version=version)
    if kind in NOT_STORIES:
        return Rejection(f"ninjs type '{kind}' is planning information, not a story", uri, version)
    pub_status = item.text("pubstatus").lower().removeprefix("stat:").replace("cancelled", CANCELED) or "usable"
    if pub_status not in PUB_STATUSES:
        reason = f"pubStatus {shorten(pub_status, 40)!r} is not one of {', '.join(PUB_STATUSES)}"
        return Rejection(reason, uri, version)
    headline = _headline(item)
    if not headline:
        headline = item.text("title")
        if headline:
            item.warnings.append("the item has no headline; its 'title' is used instead")
    body_html, body_text = _bodies(item)
    if not headline and pub_status != CANCELED:
        if body_html or body_text:
            reason = "the item has a body but no headline ('headlines' in ninjs 2.x/3.x, 'headline' in 1.x)"
        else:
            reason = "the item has neither a headline nor a body, so it is not a story"
        return Rejection(reason, uri, version)
    if not kind:
        item.warnings.append("'type' is missing; read as a text item")

    pictures = _associated_pictures(item)
    if kind in PICTURE_TYPES:
        pictures.insert(0, _picture(item, uri))
    ed_note = item.text("ednote")
    signals = [s for s in item.strings("signals") if s]
    if _CORRECTION_NOTE.match(ed_note):
        signals.append("correction")
    return WireItem(
        uri=uri,
        headline=headline,
        format="ninjs",
        version=version,
        standfirst=_standfirst(item),
        body_html=body_html,
        body_text=body_text,
        byline=item.text("by", "byline"),
        dateline=item.text("located", "dateline"),
        language=item.text("language"),
        urgency=_urgency(item),
        slugline=item.text("slugline"),
        genre=_genre(item),
        pub_status=pub_status,
        ed_note=ed_note,
        signals=[s.lower().removeprefix("sig:") for s in signals],
        embargoed_until=item.timestamp("embargoeduntil", "embargoed"),
        first_created=item.timestamp("firstcreated"),
        version_created=item.timestamp("versioncreated"),
        copyright_notice=item.text("copyrightnotice", "copyrightholder"),
        usage_terms=item.text("usageterms") or _rights(item),
        subjects=[s for s in map(_subject, item.objects("subjects", "subject")) if s],
        people=_entities(item, "people", "person"),
        places=_entities(item, "places", "place"),
        organisations=_entities(item, "organisations", "organisation", "organizations", "organization"),
        pictures=pictures,
        source_link=_source_link(item),
        warnings=item.warnings,
        original=json.dumps(raw, ensure_ascii=False),
    )


class _Fields:
    """An item read leniently: keys of every ninjs version, any case (``edNote``, ``ednote``)."""

    def __init__(self, obj: dict, warnings: list[str]):
        self.lower: dict[str, Any] = {}
        self.names: dict[str, str] = {}
        for key, value in obj.items():
            lowered = key.lower()
            if _empty(self.lower.get(lowered)):
                self.lower[lowered] = value
                self.names[lowered] = key
        self.warnings = warnings

    def get(self, *names: str) -> Any:
        for name in names:
            value = self.lower.get(name)
            if not _empty(value):
                return value
        return None

    def text(self, *names: str) -> str:
        for name in names:
            value = _as_text(self.lower.get(name))
            if value:
                return value
        return ""

    def strings(self, name: str) -> list[str]:
        value = self.lower.get(name)
        if isinstance(value, str):
            return [value.strip()]
        return [v.strip() for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def objects(self, *names: str) -> list[dict]:
        value = self.get(*names)
        if isinstance(value, dict):
            value = [value]
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def prefixed(self, prefix: str) -> dict[str, str]:
        """1.x pattern properties (``body_html``, ``description_text``) by their suffix."""
        found = {}
        for key, value in self.lower.items():
            if key.startswith(prefix) and isinstance(value, str) and value.strip():
                found[key.removeprefix(prefix)] = value.strip()
        return found

    def timestamp(self, *names: str) -> datetime | None:
        for name in names:
            value = self.lower.get(name)
            if value in (None, ""):
                continue
            name = self.names[name]
            if not isinstance(value, str):
                self.warnings.append(f"'{name}' is not a date and time; ignored")
                return None
            try:
                parsed = datetime.fromisoformat(value.strip())
            except (ValueError, OverflowError):
                self.warnings.append(f"'{name}' {shorten(value, 40)!r} is not an ISO 8601 date and time; ignored")
                return None
            # Outside these years the value is a typo, and converting it to UTC could overflow.
            if not 1800 <= parsed.year <= 2999:
                self.warnings.append(f"'{name}' {shorten(value, 40)!r} is not a plausible date; ignored")
                return None
            if parsed.tzinfo is None:
                self.warnings.append(f"'{name}' {shorten(value, 40)!r} has no time zone; read as UTC")
                parsed = parsed.replace(tzinfo=UTC)
            return parsed
        return None


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return str(value)
    if isinstance(value, list):
        return ", ".join(v.strip() for v in value if isinstance(v, str) and v.strip())
    return ""


def _role(part: dict) -> str:
    return _as_text(part.get("role")).lower()


def _content_type(part: dict) -> str:
    return _as_text(part.get("contentType") or part.get("contenttype")).lower()


def _valued(parts: list[dict]) -> list[dict]:
    return [p for p in parts if _as_text(p.get("value"))]


def _version(item: _Fields) -> int | None:
    value = item.get("version")
    if value is None:
        return None
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and (match := _VERSION.fullmatch(value.strip())):
        number = int(match.group(1))
    if number is None or not 1 <= number <= 999_999_999:
        item.warnings.append(f"version {shorten(repr(value), 40)} is not a positive whole number; ignored")
        return None
    return number


def _headline(item: _Fields) -> str:
    headlines = item.get("headlines")
    if isinstance(headlines, str):
        return headlines.strip()
    parts = _valued(item.objects("headlines"))
    main = [p for p in parts if _role(p) in MAIN_ROLES] or [p for p in parts if _role(p) not in SUB_ROLES] or parts
    if main:
        return _as_text(main[0]["value"])
    return item.text("headline")


def _standfirst(item: _Fields) -> str:
    descriptions = [p for p in _valued(item.objects("descriptions")) if _role(p) not in ALT_ROLES]
    summaries = [p for p in descriptions if _role(p) in SUMMARY_ROLES]
    subheads = [p for p in _valued(item.objects("headlines")) if _role(p) in SUB_ROLES]
    legacy = item.prefixed("description_")
    legacy_heads = item.prefixed("headline_")
    for group in (summaries, subheads):
        if group:
            return _prefer_plain(group)
    for key in ("summary", "abstract", "standfirst", "text", "html"):
        if key in legacy:
            return legacy[key]
    for key in ("sub", "subheadline", "subtitle", "deck", "standfirst"):
        if key in legacy_heads:
            return legacy_heads[key]
    if descriptions:
        return _prefer_plain(descriptions)
    return item.text("description")


def _prefer_plain(parts: list[dict]) -> str:
    plain = [p for p in parts if "html" not in _content_type(p) and _role(p) != "richtext"]
    return _as_text((plain or parts)[0]["value"])


def _bodies(item: _Fields) -> tuple[str, str]:
    """The HTML body and the plain-text body, whichever the item has."""
    html = text = ""
    bodies = item.get("bodies")
    parts = [{"value": bodies}] if isinstance(bodies, str) else _valued(item.objects("bodies"))
    parts.sort(key=lambda part: _role(part) not in BODY_ROLES)
    for part in parts:
        value, content_type = _as_text(part["value"]), _content_type(part)
        if "html" in content_type or (
            not content_type and (_role(part) == "richtext" or _LOOKS_LIKE_HTML.search(value))
        ):
            html = html or value
        elif "plain" in content_type or not content_type or content_type.startswith("text"):
            text = text or value
    legacy = item.prefixed("body_")
    html = html or legacy.get("html") or next((v for k, v in legacy.items() if "html" in k), "")
    text = text or legacy.get("text") or ""
    return html, text


def _urgency(item: _Fields) -> int | None:
    value = item.get("urgency")
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip()[:3])
    if isinstance(value, int | float) and not isinstance(value, bool) and value in range(10):
        return int(value)
    item.warnings.append(f"urgency {shorten(repr(value), 40)} ignored: expected a whole number from 1 to 9")
    return None


def _genre(item: _Fields) -> str:
    value = item.get("genres", "genre")
    if isinstance(value, str):
        return value.strip()
    for genre in item.objects("genres", "genre"):
        name = _as_text(genre.get("name"))
        code = _as_text(genre.get("literal")) or _as_text(genre.get("code"))
        uri = _as_text(genre.get("uri"))
        found = name or code.split(":")[-1] or uri.rstrip("/").rsplit("/", 1)[-1]
        if found:
            return found
    return ""


def _rights(item: _Fields) -> str:
    rights = item.get("rightsinfo")
    if not isinstance(rights, dict):
        return ""
    encoded = _as_text(rights.get("encodedRights") or rights.get("encodedrights"))
    linked = _as_text(rights.get("linkedRights") or rights.get("linkedrights"))
    return encoded or (f"See {linked}" if linked else "")


def _subject(obj: dict) -> Subject | None:
    name = _as_text(obj.get("name"))
    code = _as_text(obj.get("literal")) or _as_text(obj.get("code")) or _as_text(obj.get("qcode"))
    uri = _as_text(obj.get("uri"))
    scheme = _as_text(obj.get("scheme"))
    topic = None
    if (match := _MEDTOP_CODE.fullmatch(code)) or (match := _MEDTOP_URI.fullmatch(uri)):
        topic = match.group(1)
    elif re.fullmatch(r"\d{8}", code) and _MEDTOP_SCHEME.fullmatch(scheme):
        topic = code
    if topic:
        code, uri, scheme = f"medtop:{topic}", MEDIATOPIC_URI + topic, MEDIATOPIC_URI
    elif code and not uri and scheme.startswith(("http://", "https://")) and scheme.endswith(("/", "#")):
        uri = scheme + code
    if not name and not code:
        return None
    return Subject(name=name, code=code, uri=uri, scheme=scheme)


def _entities(item: _Fields, *names: str) -> list[Entity]:
    entities = []
    for obj in item.objects(*names):
        name = _as_text(obj.get("name"))
        if name:
            code = _as_text(obj.get("literal")) or _as_text(obj.get("code"))
            entities.append(Entity(name=name, code=code, uri=_as_text(obj.get("uri"))))
    return entities


def _source_link(item: _Fields) -> str:
    candidates: list[tuple[str, Any]] = []
    altids = item.get("altids")
    if isinstance(altids, dict):
        candidates += list(altids.items())
    elif isinstance(altids, list):
        candidates += [(_as_text(a.get("role")), a.get("value")) for a in altids if isinstance(a, dict)]
    candidates += [(key, item.get(key)) for key in ("link", "url", "weburl", "canonicalurl")]
    for role, value in candidates:
        if role.lower() in LINK_ROLES and isinstance(value, str) and value.startswith(("http://", "https://")):
            return value.strip()
    return ""


# --- pictures --------------------------------------------------------------------------------


def _associated_pictures(item: _Fields) -> list[Picture]:
    associations = item.get("associations")
    if isinstance(associations, dict):
        # 1.x keys associations by name; some agencies send one association object bare.
        members = [associations] if isinstance(associations.get("uri"), str) else list(associations.values())
    elif isinstance(associations, list):
        members = associations
    else:
        return []
    pictures = []
    for member in members:
        if not isinstance(member, dict):
            continue
        fields = _Fields(member, [])
        kind = fields.text("type").lower()
        renditions = _renditions(fields)
        if kind in PICTURE_TYPES or (not kind and any(r.mimetype.startswith("image/") for r in renditions)):
            pictures.append(_picture(fields, fields.text("uri"), renditions))
    return pictures


def _picture(item: _Fields, uri: str, renditions: list[Rendition] | None = None) -> Picture:
    renditions = _renditions(item) if renditions is None else renditions
    if not renditions and len(uri) < 2000 and _IMAGE_HREF.fullmatch(uri):
        renditions = [Rendition(href=uri, name="original")]
    descriptions = _valued(item.objects("descriptions"))
    alt = [p for p in descriptions if _role(p) in ALT_ROLES]
    captions = [p for p in descriptions if _role(p) not in ALT_ROLES]
    legacy = item.prefixed("description_")
    title = _headline(item)
    caption = (
        (_prefer_plain(captions) if captions else "")
        or legacy.get("text")
        or legacy.get("caption")
        or next((v for k, v in legacy.items() if k != "alt"), "")
        or _bodies(item)[1]
        or title
    )
    return Picture(
        uri=uri,
        caption=caption,
        credit=item.text("creditline", "credit", "by", "byline", "copyrightholder"),
        alt_text=(_as_text(alt[0]["value"]) if alt else "") or legacy.get("alt") or item.text("alt_text", "alttext"),
        title=title,
        renditions=renditions,
    )


def _renditions(item: _Fields) -> list[Rendition]:
    value = item.get("renditions")
    if isinstance(value, dict):
        named = [(name, r) for name, r in value.items() if isinstance(r, dict)]
    elif isinstance(value, list):
        named = [(_as_text(r.get("name")), r) for r in value if isinstance(r, dict)]
    else:
        return []
    renditions = []
    for name, rendition in named:
        href = _as_text(rendition.get("href"))
        if href:
            renditions.append(
                Rendition(
                    href=href,
                    name=name,
                    mimetype=_as_text(
                        rendition.get("contentType") or rendition.get("contenttype") or rendition.get("mimetype")
                    ),
                    width=_pixels(rendition.get("width")),
                    height=_pixels(rendition.get("height")),
                )
            )
    return renditions


def _pixels(value: Any) -> int | None:
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip()[:7])
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and 0 < value < 100_000:
        return int(value)
    return None
