"""NITF ``body`` markup read into a story's fields, shared by the NITF and NewsML-G2 parsers.

NewsML-G2 text items usually carry their body as NITF inside ``inlineXML``, and agencies also send
NITF 3.x documents on their own; both go through ``read_nitf_body``.

Rules worth knowing:
- ``body.head`` gives the headline (``hedline/hl1``), the standfirst (``hl2``, else ``abstract``),
  the byline and the dateline; ``body.content`` becomes HTML (``hl2`` -> ``h2``, ``bq`` ->
  ``blockquote``, ``block`` and inline tagging such as ``person`` unwrapped); ``body.end`` taglines
  are kept as closing paragraphs.
- ``media`` holding an image becomes a ``Picture`` of the story (renditions from each
  ``media-reference``, caption from ``media-caption``, credit from ``media-producer``) and is taken
  out of the body: story pages show a story's pictures themselves, and a figure left in the body
  would show the same photo twice. Video and audio media are left out with a warning.
- ``note type="npa"`` is "not for publication": it never reaches the body.
- The HTML is not sanitised here; ``services.accept`` does that for every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from html.entities import name2codepoint

from lxml import etree

from readwire.wire.ingest.xml import local_name
from readwire.wire.item import Picture, Rendition

# NITF element -> HTML element; anything not named here or in _UNWRAPPED/_DROPPED keeps its text only.
_RENAMED = {
    "p": "p",
    "hl1": "h2",
    "hl2": "h2",
    "bq": "blockquote",
    "pre": "pre",
    "ol": "ol",
    "ul": "ul",
    "li": "li",
    "dl": "dl",
    "dt": "dt",
    "dd": "dd",
    "table": "table",
    "caption": "caption",
    "thead": "thead",
    "tbody": "tbody",
    "tfoot": "tfoot",
    "tr": "tr",
    "th": "th",
    "td": "td",
    "br": "br",
    "hr": "hr",
    "em": "em",
    "q": "q",
    "a": "a",
    "sub": "sub",
    "sup": "sup",
    "chron": "time",
    "credit": "cite",
    "tagline": "p",
}
_KEPT_ATTRIBUTES = {
    "a": {"href": "href", "title": "title"},
    "time": {"norm": "datetime"},
    "td": {"colspan": "colspan", "rowspan": "rowspan"},
    "th": {"colspan": "colspan", "rowspan": "rowspan"},
}
# Metadata and machinery with no place in a reader's text.
_DROPPED = {"nitf-table-metadata", "col", "colgroup", "media-metadata", "media-object", "bibliography", "body.head"}
_IMAGE_MEDIA_TYPES = {"", "image", "photo", "graphic", "picture"}
_BLOCKS = {"p", "h2", "blockquote", "pre", "ol", "ul", "li", "dl", "dt", "dd", "table", "tr", "hr", "figure"}
# XML indentation, not the no-break spaces an agency meant
_INDENTATION = re.compile(r"[ \t\r\n]+")


@dataclass
class NitfBody:
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    body_html: str = ""
    pictures: list[Picture] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_nitf_body(body: etree._Element) -> NitfBody:
    """Read an NITF ``body`` element (whatever its namespace) into headline, body HTML and pictures."""
    result = NitfBody()
    head = child(body, "body.head")
    if head is not None:
        hedline = child(head, "hedline")
        if hedline is not None:
            result.headline = text_of(child(hedline, "hl1"))
            result.standfirst = text_of(child(hedline, "hl2"))
        if not result.standfirst:
            result.standfirst = text_of(child(head, "abstract"))
        result.byline = "; ".join(filter(None, (text_of(b) for b in children(head, "byline"))))
        result.dateline = text_of(child(head, "dateline"))

    container = etree.Element("div")
    for part in ("body.content", "body.end"):
        for section in children(body, part):
            _convert_children(section, container, result)
    result.body_html = inner_html(container)
    return result


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [c for c in element if isinstance(c.tag, str) and local_name(c) == name]


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    found = children(element, name)
    return found[0] if found else None


def text_of(element: etree._Element | None) -> str:
    """The element's text with whitespace collapsed; unresolved entity references are skipped."""
    if element is None:
        return ""
    return " ".join("".join(_texts(element)).split())


def _texts(element: etree._Element):
    if element.text:
        yield element.text
    for c in element:
        if isinstance(c.tag, str):
            yield " " if local_name(c) in {"p", "br"} else ""
            yield from _texts(c)
        else:
            yield entity_text(c)
        if c.tail:
            yield c.tail


def entity_text(node: etree._Element) -> str:
    """An entity reference left unexpanded (its DTD is never loaded) read as HTML would read it.

    Agencies send ``&nbsp;`` and ``&mdash;`` relying on the NITF DTD; only those well-known names
    are turned into characters, so a document's own entity declarations never expand.
    """
    if not isinstance(node, etree._Entity):
        return ""
    codepoint = name2codepoint.get(node.name)
    return chr(codepoint) if codepoint else ""


def _append_text(parent: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _convert_children(source: etree._Element, target: etree._Element, result: NitfBody) -> None:
    _append_text(target, source.text)
    for c in source:
        if isinstance(c.tag, str):
            _convert_element(c, target, result)
        else:
            _append_text(target, entity_text(c))
        _append_text(target, c.tail)


def _convert_element(source: etree._Element, target: etree._Element, result: NitfBody) -> None:
    name = local_name(source)
    if name in _DROPPED:
        return
    if name == "note" and (source.get("type") or "").lower() == "npa":
        return
    if name == "media":
        picture = read_media(source, result.warnings)
        if picture is not None:
            result.pictures.append(picture)
        return
    html_name = _RENAMED.get(name)
    if html_name is None:
        # block, note, nitf-table and inline tagging (person, org, location, money...) keep their content
        _convert_children(source, target, result)
        return
    element = etree.SubElement(target, html_name)
    for nitf_attribute, html_attribute in _KEPT_ATTRIBUTES.get(html_name, {}).items():
        value = (source.get(nitf_attribute) or "").strip()
        if value and html_name == "time":
            value = _html_datetime(value)
        if value:
            element.set(html_attribute, value)
    _convert_children(source, element, result)


def read_media(media: etree._Element, warnings: list[str]) -> Picture | None:
    """An NITF ``media`` element as a ``Picture``, or None (with a warning) when it is not an image."""
    media_type = (media.get("media-type") or "").strip().lower()
    references = children(media, "media-reference")
    mimetypes = {(r.get("mime-type") or "").lower() for r in references}
    is_image = media_type in _IMAGE_MEDIA_TYPES or any(m.startswith("image/") for m in mimetypes)
    if not is_image:
        warnings.append(f"{media_type} media left out: only pictures are kept")
        return None
    picture = Picture(
        caption=text_of(child(media, "media-caption")),
        credit=text_of(child(media, "media-producer")),
    )
    for reference in references:
        if not picture.alt_text:
            picture.alt_text = " ".join((reference.get("alternate-text") or "").split())
        if not picture.title:
            picture.title = " ".join((reference.get("name") or "").split())
        href = (reference.get("source") or "").strip()
        if href:
            picture.renditions.append(
                Rendition(
                    href=href,
                    name=(reference.get("class") or "").strip(),
                    mimetype=(reference.get("mime-type") or "").strip(),
                    width=positive_int(reference.get("width")),
                    height=positive_int(reference.get("height")),
                )
            )
    if not picture.renditions and not picture.caption:
        warnings.append("media with neither a source nor a caption left out")
        return None
    return picture


def parse_timestamp(value: str) -> datetime | None:
    """An ISO 8601 date or date and time, basic or extended, or None if it is not one.

    Years far from ours are refused too: a time near year 1 or 9999 cannot always be moved into
    UTC (where the database keeps it) or into the newsroom's time zone, and is never a real date.
    """
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if 1000 <= moment.year <= 9000 else None


def _html_datetime(norm: str) -> str:
    """NITF's basic ISO 8601 (``20260401T0930``) in the extended form HTML's ``datetime`` wants."""
    moment = parse_timestamp(norm)
    if moment is None:
        return ""
    if len(norm) <= 10 and "T" not in norm:
        return moment.date().isoformat()
    return moment.isoformat()


def _fold(text: str | None) -> str | None:
    return _INDENTATION.sub(" ", text) if text else text


def positive_int(value: str | None) -> int | None:
    """A pixel size or similar count; anything else (``"100%"``, ``"-1"``, ``"abc"``) is None."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number or None


def inner_html(container: etree._Element) -> str:
    """The HTML inside ``container``, with the source's indentation folded away (except in ``pre``)."""
    for element in container.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag != "pre" and not any(a.tag == "pre" for a in element.iterancestors()):
            element.text = _fold(element.text)
            if len(element) and element.tag in _BLOCKS | {"div", "blockquote"}:
                element.text = element.text.lstrip() if element.text else element.text
        if element is not container:
            in_pre = any(a.tag == "pre" for a in element.iterancestors())
            if not in_pre:
                element.tail = _fold(element.tail)
                if element.tag in _BLOCKS and not (element.tail or "").strip():
                    element.tail = "\n"
    html = etree.tostring(container, method="html", encoding="unicode")
    # the container serialises as "<div>...</div>"; its content is the body
    return html[len("<div>") : -len("</div>")].strip() if html.startswith("<div>") else ""
