"""RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds: every entry is a story, its link kept as the source.

feedparser reads the feed (it forgives the broken feeds partners really publish); the media
elements it flattens (``media:content`` with its own caption and credit, ``media:group``) are
read again from the raw entry with the safe XML parser when the feed is well-formed.

feedparser must never fetch anything. ``feedparser.parse`` treats a ``str`` that looks like a URL
as something to download, and tries to ``open()`` any ``str`` *or bytes* as a local file name
before parsing it as a document (so the bytes ``b"/etc/passwd"`` would read that file). It is
therefore only ever given a ``BytesIO``, which it reads and nothing else.

feedparser's own HTML sanitiser is left on: it does no harm, but nothing relies on it, since
``accept()`` cleans every body with nh3 whatever format it came in.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import json
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import feedparser
from lxml import etree

from readwire.wire.ingest import UnsupportedDocument
from readwire.wire.ingest.xml import local_name, parse_xml
from readwire.wire.item import Picture, Rejection, Rendition, Subject, WireItem
from readwire.wire.sanitise import clean_text, text_to_html

FORMAT = "feed"
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_ELLIPSIS = re.compile(r"(\s*(\[?(…|\.\.\.|&#8230;|&hellip;)\]?)\s*)$")
_HEADLINE_FROM_TEXT_LIMIT = 120
_TAG = re.compile(r"<[A-Za-z/!?]")


def parse(data: bytes) -> list[WireItem | Rejection]:
    feed = _read_feed(data)
    entries = feed.get("entries") or []
    if not entries:
        if feed.get("bozo"):
            reason = feed.get("bozo_exception") or "unknown error"
            raise UnsupportedDocument(f"not a readable RSS or Atom feed: {reason}")
        if not feed.get("version"):
            raise UnsupportedDocument("not an RSS or Atom feed: no channel, feed or item element was found")
        return []

    raw_entries = _raw_entries(data, expected=len(entries))
    feed_info = feed.get("feed") or {}
    warnings = []
    if feed.get("bozo"):
        warnings.append(f"the feed is not well-formed ({feed.get('bozo_exception')}); it was read leniently")
    results: list[WireItem | Rejection] = []
    for index, entry in enumerate(entries):
        raw = raw_entries[index] if raw_entries else None
        results.append(_entry_to_item(entry, raw, feed_info, warnings))
    return results


def _read_feed(data: bytes) -> dict:
    if not isinstance(data, bytes | bytearray):
        raise UnsupportedDocument("a feed must be given as bytes")
    try:
        return feedparser.parse(io.BytesIO(bytes(data)))
    except Exception as exc:  # feedparser promises not to raise; a bug in it must not become ours
        raise UnsupportedDocument(f"the feed could not be read: {exc}") from None


def _raw_entries(data: bytes, expected: int) -> list[etree._Element] | None:
    """The entry elements of a well-formed feed, in document order, or None.

    Used only when they line up one-to-one with feedparser's entries; a broken feed that
    feedparser read leniently falls back to what feedparser kept of the media elements.
    """
    try:
        root = parse_xml(data)
    except UnsupportedDocument:
        return None
    candidates = [root, *(child for child in root if local_name(child) == "channel")]
    found = [el for parent in candidates for el in parent if local_name(el) in ("item", "entry")]
    return found if len(found) == expected else None


def _entry_to_item(
    entry: dict, raw: etree._Element | None, feed_info: dict, feed_warnings: list[str]
) -> WireItem | Rejection:
    warnings = list(feed_warnings)
    title = _title(entry)
    content = next((c for c in _contents(entry, raw) if c.get("value")), None)
    content_html = _as_html(content) if content else ""
    summary_html = _as_html(_summary_detail(entry))
    body_html = content_html or summary_html
    link = _link(entry)
    uri = _uri(entry, link, feed_info, warnings)

    if not clean_text(title) and not clean_text(body_html):
        return Rejection(reason="the feed entry has neither a title nor any content", uri=uri)
    if not clean_text(title):
        title = _headline_from_text(clean_text(body_html))
        warnings.append("the entry has no title; the headline is taken from the first words of its text")

    # dict.get: FeedParserDict.get("updated_parsed") falls back to the published time with a
    # DeprecationWarning when the entry has no updated time.
    published = _datetime(dict.get(entry, "published_parsed"))
    updated = _datetime(dict.get(entry, "updated_parsed"))
    item = WireItem(
        uri=uri,
        headline=title,
        format=FORMAT,
        version=None,
        standfirst=_standfirst(summary_html, content_html),
        body_html=body_html,
        byline=_byline(entry),
        language=_language(entry, feed_info),
        first_created=published or updated,
        version_created=updated or published,
        subjects=_subjects(entry),
        pictures=_pictures_from_xml(raw, entry) if raw is not None else _pictures_from_feedparser(entry),
        source_link=link,
        warnings=warnings,
        original=_original(entry, raw),
    )
    return item


def _title(entry: dict) -> str:
    detail = entry.get("title_detail") or {}
    title = entry.get("title") or ""
    # accept() reads headlines as HTML. A plain-text title such as "Profits < forecast" must come
    # through as written, but RSS titles marked plain often carry real tags, which must go.
    if detail.get("type") == "text/plain" and not _TAG.search(title):
        return html.escape(title, quote=False)
    return title


def _contents(entry: dict, raw: etree._Element | None) -> list[dict]:
    contents = entry.get("content") or []
    if raw is None:
        return contents
    # feedparser files a media:description inside media:group under the entry's content.
    captions = {"".join(el.itertext()).strip() for el in raw.iter() if _is_media(el, "description")}
    return [c for c in contents if (c.get("value") or "").strip() not in captions]


def _as_html(detail: dict) -> str:
    value = detail.get("value") or ""
    if detail.get("type") == "text/plain":
        return text_to_html(value)
    return value


def _summary_detail(entry: dict) -> dict:
    # feedparser lets a media:description overwrite summary_detail, but not summary itself.
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    kind = detail.get("type") if detail.get("value") == summary else "text/html"
    return {"value": summary, "type": kind}


def _headline_from_text(text: str) -> str:
    if len(text) <= _HEADLINE_FROM_TEXT_LIMIT:
        return text
    cut = text[:_HEADLINE_FROM_TEXT_LIMIT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-–— ") + "…"


def _link(entry: dict) -> str:
    links = [entry.get("link") or ""]
    links += [x.get("href") or "" for x in entry.get("links") or [] if x.get("rel") == "alternate"]
    # An Atom entry without a link gets its id as "link" from feedparser; only a web page will do.
    return next((link.strip() for link in links if link.strip().startswith(("http://", "https://"))), "")


def _uri(entry: dict, link: str, feed_info: dict, warnings: list[str]) -> str:
    """The entry's guid/id, else its link, else a hash of what identifies it.

    A bare guid like ``12345`` is only unique within its feed, so it is qualified with the
    feed's host to keep two partners' ``12345`` from being taken for the same story.
    """
    guid = (entry.get("id") or "").strip()
    if guid:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", guid):
            return guid
        host = _url_part(feed_info.get("link") or "", "hostname")
        if host:
            return f"urn:readwire:feed:{host}:{guid}"
        warnings.append(f"the entry's id {guid!r} is not a URI and the feed names no site; it is used as it is")
        return guid
    if link:
        return link
    when = dict.get(entry, "published") or dict.get(entry, "updated") or ""
    key = f"{clean_text(entry.get('title') or '')}\n{when}"
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:20]
    warnings.append("the entry has neither an id nor a link; its URI is a hash of its title and date")
    return f"urn:readwire:feed:{digest}"


def _standfirst(summary_html: str, content_html: str) -> str:
    """The summary as text, when the entry also has full content and the summary is not just its
    first words cut short (as WordPress and many CMSs write it)."""
    if not content_html or not summary_html:
        return ""
    summary = clean_text(summary_html)
    stem = _letters(_ELLIPSIS.sub("", summary))
    if not stem or _letters(clean_text(content_html)).startswith(stem):
        return ""
    return summary


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


_RSS_AUTHOR = re.compile(r"\s*[^\s()]+@[^\s()]+\s*\((?P<name>[^()]+)\)\s*")


def _byline(entry: dict) -> str:
    # RSS 2.0 writes authors as "newsroom@example.com (Sam Ortiz)", which feedparser splits badly.
    match = _RSS_AUTHOR.fullmatch(entry.get("author") or "")
    if match:
        return match.group("name").strip()
    names = [str(a.get("name") or "").strip() for a in entry.get("authors") or [] if isinstance(a, dict)]
    names = [n for n in dict.fromkeys(names) if n and "@" not in n]
    return ", ".join(names)


def _language(entry: dict, feed_info: dict) -> str:
    for candidate in (
        feed_info.get("language"),
        *(c.get("language") for c in entry.get("content") or []),
        (entry.get("title_detail") or {}).get("language"),
    ):
        if candidate and isinstance(candidate, str):
            return candidate.strip()[:20]
    return ""


def _datetime(value) -> datetime | None:
    """feedparser's ``*_parsed`` values are ``struct_time`` in UTC."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _subjects(entry: dict) -> list[Subject]:
    names = []
    for tag in entry.get("tags") or []:
        name = clean_text(tag.get("label") or tag.get("term") or "")
        if name:
            names.append(name)
    return [Subject(name=name) for name in dict.fromkeys(names)]


# --- pictures ---------------------------------------------------------------------------------


def _is_media(el: etree._Element, name: str) -> bool:
    tag = el.tag
    return isinstance(tag, str) and tag.startswith("{") and "search.yahoo.com/mrss" in tag and local_name(el) == name


def _media_child_text(el: etree._Element, name: str) -> str:
    for child in el:
        if _is_media(child, name):
            return "".join(child.itertext()).strip()
    return ""


def _looks_like_image(url: str, mimetype: str = "", medium: str = "") -> bool:
    if medium:
        return medium == "image"
    if mimetype:
        return mimetype.startswith("image/")
    return _url_part(url, "path").lower().endswith(_IMAGE_SUFFIXES)


def _url_part(url: str, part: str) -> str:
    # urlsplit raises on malformed addresses such as "https://[host/".
    try:
        return getattr(urlsplit(url), part) or ""
    except ValueError:
        return ""


def _int(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 100_000 else None


def _rendition(el: etree._Element, name: str) -> Rendition:
    return Rendition(
        href=(el.get("url") or "").strip(),
        name=name,
        mimetype=(el.get("type") or "").strip(),
        width=_int(el.get("width")),
        height=_int(el.get("height")),
    )


def _pictures_from_xml(raw: etree._Element, entry: dict) -> list[Picture]:
    pictures: list[Picture] = []
    seen: set[str] = set()

    def described(picture: Picture, *elements: etree._Element) -> Picture:
        for el in elements:
            picture.caption = picture.caption or _media_child_text(el, "description")
            picture.title = picture.title or _media_child_text(el, "title")
            picture.credit = picture.credit or _media_child_text(el, "credit")
        return picture

    def image_contents(parent: etree._Element) -> list[etree._Element]:
        return [
            el
            for el in parent
            if _is_media(el, "content")
            and el.get("url")
            and _looks_like_image(el.get("url"), el.get("type") or "", el.get("medium") or "")
        ]

    # A media:group holds renditions of one picture; a bare media:content is a picture of its own.
    for group in (el for el in raw if _is_media(el, "group")):
        contents = image_contents(group)
        if not contents:
            continue
        renditions = [_rendition(c, f"rendition{i}" if i else "original") for i, c in enumerate(contents)]
        renditions += [_rendition(t, "thumbnail") for t in group if _is_media(t, "thumbnail") and t.get("url")]
        picture = described(Picture(uri=renditions[0].href, renditions=renditions), *contents, group)
        pictures.append(picture)
        seen.update(r.href for r in renditions)
    for content in image_contents(raw):
        if content.get("url") in seen:
            continue
        renditions = [_rendition(content, "original")]
        renditions += [_rendition(t, "thumbnail") for t in content if _is_media(t, "thumbnail") and t.get("url")]
        pictures.append(described(Picture(uri=renditions[0].href, renditions=renditions), content))
        seen.update(r.href for r in renditions)

    for thumbnail in (el for el in raw if _is_media(el, "thumbnail") and el.get("url")):
        if thumbnail.get("url") in seen:
            continue
        rendition = _rendition(thumbnail, "thumbnail")
        if pictures:
            pictures[0].renditions.append(rendition)
        else:
            pictures.append(Picture(uri=rendition.href, renditions=[rendition]))
        seen.add(rendition.href)

    pictures += _enclosure_pictures(entry, seen)
    # Entry-level media:description and media:credit describe the entry's one picture.
    if len(pictures) == 1:
        picture = pictures[0]
        picture.caption = picture.caption or _media_child_text(raw, "description")
        picture.credit = picture.credit or _media_child_text(raw, "credit")
    return pictures


def _enclosure_pictures(entry: dict, seen: set[str]) -> list[Picture]:
    pictures = []
    for enclosure in entry.get("enclosures") or []:
        href = (enclosure.get("href") or "").strip()
        mimetype = (enclosure.get("type") or "").strip()
        if not href or href in seen or not _looks_like_image(href, mimetype):
            continue
        seen.add(href)
        pictures.append(Picture(uri=href, renditions=[Rendition(href=href, name="original", mimetype=mimetype)]))
    return pictures


def _pictures_from_feedparser(entry: dict) -> list[Picture]:
    """What feedparser kept of the media elements of a feed too broken for the XML parser."""
    pictures: list[Picture] = []
    seen: set[str] = set()
    for media in entry.get("media_content") or []:
        href = (media.get("url") or "").strip()
        if not href or href in seen or not _looks_like_image(href, media.get("type") or "", media.get("medium") or ""):
            continue
        seen.add(href)
        rendition = Rendition(
            href=href,
            name="original",
            mimetype=media.get("type") or "",
            width=_int(media.get("width")),
            height=_int(media.get("height")),
        )
        pictures.append(Picture(uri=href, renditions=[rendition]))
    for media in entry.get("media_thumbnail") or []:
        href = (media.get("url") or "").strip()
        if not href or href in seen:
            continue
        seen.add(href)
        rendition = Rendition(
            href=href, name="thumbnail", width=_int(media.get("width")), height=_int(media.get("height"))
        )
        if pictures:
            pictures[0].renditions.append(rendition)
        else:
            pictures.append(Picture(uri=href, renditions=[rendition]))
    pictures += _enclosure_pictures(entry, seen)
    credits = [c.get("content", "").strip() for c in entry.get("media_credit") or [] if isinstance(c, dict)]
    if len(pictures) == 1 and credits and credits[0]:
        pictures[0].credit = credits[0]
    return pictures


def _original(entry: dict, raw: etree._Element | None) -> str:
    if raw is not None:
        return etree.tostring(raw, encoding="unicode")
    return json.dumps(entry, default=str, ensure_ascii=False)
