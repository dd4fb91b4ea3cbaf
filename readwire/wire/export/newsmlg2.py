"""A stored version as a NewsML-G2 ``newsMessage``: the text item, then one picture item per picture.

The text item links to its pictures (``itemMeta/link`` with ``residref``), the way
``ingest/newsmlg2`` reads them back; people, places and organisations travel as subjects typed
``cpnat:person``, ``cpnat:geoArea`` and ``cpnat:organisation``; keyword subjects as ``keyword``;
the body as XHTML in ``inlineXML``. Everything is built with lxml, so no story text can break
the markup.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import lxml.html
from django.utils import timezone
from lxml import etree

from readwire.wire.models import Version

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"
STANDARD = {"standard": "NewsML-G2", "standardversion": "2.35", "conformance": "power"}
MEDIATOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"
ITEM_CONTENT_TYPE = "application/vnd.iptc.g2.newsitem+xml"
_QCODE = re.compile(r"^[A-Za-z0-9_.-]+:\S+$")
# Characters XML 1.0 cannot carry at all; a stored text holding one must still export.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(version: Version) -> str:
    story = version.story
    message = etree.Element(_g2("newsMessage"), nsmap={None: NAR})
    header = _add(message, "header")
    _add(header, "sent", _timestamp(timezone.now()))
    item_set = _add(message, "itemSet")

    picture_guids = [_picture_guid(story.uri, number, p) for number, p in enumerate(version.pictures, 1)]
    text_item = _add(item_set, "newsItem", guid=story.uri, version=str(version.version), **STANDARD)
    if version.language:
        text_item.set(XML_LANG, _safe(version.language))
    _add(text_item, "catalogRef", href=CATALOG)
    _rights(text_item, version)
    _item_meta(text_item, version, picture_guids)
    _content_meta(text_item, version)
    _body(text_item, version)

    for guid, picture in zip(picture_guids, version.pictures, strict=True):
        _picture_item(item_set, version, guid, picture)
    return etree.tostring(message, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


def _item_meta(item: etree._Element, version: Version, links: list[str]) -> None:
    meta = _add(item, "itemMeta")
    _add(meta, "itemClass", qcode="ninat:text")
    _add(meta, "provider", literal=version.story.source.name)
    _add(meta, "versionCreated", _timestamp(version.version_created or version.received_at))
    first_created = version.first_created or version.story.first_created
    if first_created:
        _add(meta, "firstCreated", _timestamp(first_created))
    if version.embargoed_until:
        _add(meta, "embargoed", _timestamp(version.embargoed_until))
    _add(meta, "pubStatus", qcode=f"stat:{version.pub_status}")
    if version.ed_note:
        _add(meta, "edNote", version.ed_note)
    for signal in version.signals or []:
        _add(meta, "signal", qcode=signal if ":" in signal else f"sig:{signal}")
    for guid in links:
        _add(meta, "link", rel="irel:associatedWith", residref=guid, contenttype=ITEM_CONTENT_TYPE)


def _content_meta(item: etree._Element, version: Version) -> None:
    meta = _add(item, "contentMeta")
    if version.urgency is not None:
        _add(meta, "urgency", str(version.urgency))
    if version.language:
        _add(meta, "language", tag=version.language)
    if version.genre:
        genre = _add(meta, "genre", literal=version.genre)
        _add(genre, "name", version.genre)
    for subject in version.subjects:
        if subject.get("scheme") == "keyword" and not subject.get("code"):
            _add(meta, "keyword", subject.get("name", ""))
        else:
            code = subject.get("code", "")
            topic = code.startswith(("medtop:", "subj:")) or subject.get("uri", "").startswith(MEDIATOPIC_URI)
            kind = "cpnat:abstract" if topic else None
            _concept(meta, "subject", subject, kind)
    for entities, kind in (
        (version.people, "cpnat:person"),
        (version.places, "cpnat:geoArea"),
        (version.organisations, "cpnat:organisation"),
    ):
        for entity in entities:
            _concept(meta, "subject", entity, kind)
    if version.slugline:
        _add(meta, "slugline", version.slugline)
    _add(meta, "headline", version.headline)
    if version.dateline:
        _add(meta, "dateline", version.dateline)
    if version.byline:
        _add(meta, "by", version.byline)
    if version.standfirst:
        _add(meta, "description", version.standfirst, role="drol:summary")


def _concept(parent: etree._Element, name: str, concept: dict, kind: str | None) -> None:
    code, uri, label = concept.get("code", ""), concept.get("uri", ""), concept.get("name", "")
    element = _add(parent, name)
    if kind:
        element.set("type", kind)
    if code and _QCODE.match(code):
        element.set("qcode", _safe(code))
    elif uri:
        element.set("uri", _safe(uri))
    else:
        element.set("literal", _safe(label or code))
    if label:
        _add(element, "name", label)


def _rights(item: etree._Element, version: Version) -> None:
    if not (version.copyright_notice or version.usage_terms):
        return
    rights = _add(item, "rightsInfo")
    if version.copyright_notice:
        _add(rights, "copyrightNotice", version.copyright_notice)
    if version.usage_terms:
        _add(rights, "usageTerms", version.usage_terms)


def _body(item: etree._Element, version: Version) -> None:
    content_set = _add(item, "contentSet")
    inline = _add(content_set, "inlineXML", contenttype="application/xhtml+xml")
    html = etree.SubElement(inline, f"{{{XHTML}}}html", nsmap={None: XHTML})
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = _safe(version.headline)
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    fragment = None
    if version.body_html.strip():
        try:
            fragment = lxml.html.fragment_fromstring(version.body_html, create_parent="div")
        except (etree.ParserError, ValueError):
            fragment = None
    if fragment is not None:
        _copy_as_xhtml(fragment, body)
    else:
        for paragraph in (version.body_text or "").split("\n\n"):
            if paragraph.strip():
                etree.SubElement(body, f"{{{XHTML}}}p").text = _safe(paragraph.strip())


def _copy_as_xhtml(source: etree._Element, target: etree._Element) -> None:
    """Copy sanitised HTML into the XHTML namespace; anything XML cannot name keeps only its text."""
    _append_text(target, source.text)
    for child in source:
        if isinstance(child.tag, str):
            try:
                element = etree.SubElement(target, f"{{{XHTML}}}{child.tag}")
            except ValueError:
                element = None
            if element is None:
                _copy_as_xhtml(child, target)
            else:
                for key, value in child.attrib.items():
                    try:
                        element.set(key, _safe(value))
                    except ValueError:
                        continue
                _copy_as_xhtml(child, element)
        _append_text(target, child.tail)


def _append_text(parent: etree._Element, text: str | None) -> None:
    if not text:
        return
    text = _safe(text)
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _picture_item(item_set: etree._Element, version: Version, guid: str, picture: dict) -> None:
    item = _add(item_set, "newsItem", guid=guid, version="1", **STANDARD)
    _add(item, "catalogRef", href=CATALOG)
    item_meta = _add(item, "itemMeta")
    _add(item_meta, "itemClass", qcode="ninat:picture")
    _add(item_meta, "provider", literal=version.story.source.name)
    _add(item_meta, "versionCreated", _timestamp(version.version_created or version.received_at))
    _add(item_meta, "pubStatus", qcode="stat:usable")
    meta = _add(item, "contentMeta")
    if picture.get("credit"):
        _add(meta, "creditline", picture["credit"])
    if picture.get("title"):
        _add(meta, "headline", picture["title"])
    if picture.get("caption"):
        _add(meta, "description", picture["caption"], role="drol:caption")
    if picture.get("alt_text"):
        _add(meta, "description", picture["alt_text"], role="drol:altText")
    content_set = _add(item, "contentSet")
    for rendition in picture.get("renditions") or []:
        remote = _add(content_set, "remoteContent", href=rendition.get("href", ""))
        name = rendition.get("name") or ""
        if name:
            remote.set("rendition", _safe(name if ":" in name else f"rnd:{name}"))
        if rendition.get("mimetype"):
            remote.set("contenttype", _safe(rendition["mimetype"]))
        for size in ("width", "height"):
            if isinstance(rendition.get(size), int):
                remote.set(size, str(rendition[size]))


def _picture_guid(story_uri: str, number: int, picture: dict) -> str:
    """The picture's own URI, unless it has none or shares the story's (a picture sent as a story)."""
    uri = (picture.get("uri") or "").strip()
    return uri if uri and uri != story_uri else f"{story_uri}#picture-{number}"


def _add(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _g2(name))
    for key, value in attributes.items():
        element.set(key, _safe(value))
    if text is not None:
        element.text = _safe(text)
    return element


def _g2(name: str) -> str:
    return f"{{{NAR}}}{name}"


def _safe(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
