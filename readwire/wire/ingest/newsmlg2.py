"""NewsML-G2: a ``newsMessage`` full of items, or a bare ``newsItem`` or ``packageItem``.

Each text ``newsItem`` becomes one story. How the other items are treated:

- **Pictures** (``itemClass`` ``ninat:picture`` or ``ninat:graphic``) become ``Picture``s of the
  text items that point at them, through an ``itemMeta/link`` whose ``residref`` is the picture's
  guid or through a ``packageItem`` in the same message that groups them with the text item.
  An image link to an item outside the message, and image ``remoteContent`` on the text item
  itself, are pictures too.
  A picture nothing in the message points at is a story of its own when it has a headline or
  caption to show (an agency's photo service sends exactly that); without either it is rejected,
  because a bare image with no words cannot be a story a reader can find.
- **Packages** only say which items belong together. A package that references items in the same
  message has done its job once the pictures are attached, and produces nothing itself. A package
  that references nothing in the message (for instance a bare ``packageItem`` file) is rejected,
  saying that its items must be sent along with it.
- **Video, audio and concept/planning items** are rejected with a reason: Readwire publishes text
  stories and their pictures.

Text bodies come from ``inlineXML`` holding NITF (see ``nitf_body``) or XHTML, or from
``inlineData`` holding plain text or HTML. An item without a guid, without any content, or with
neither a headline nor a body is rejected with a reason naming its guid; a kill
(``stat:canceled``) needs no content at all.

An ``embargoed`` element with no date, or a date that cannot be read, is taken as "held until
further notice": the version is stored as withheld, so it cannot be published early by mistake.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from readwire.wire.ingest import UnsupportedDocument
from readwire.wire.ingest.nitf_body import (
    NitfBody,
    entity_text,
    inner_html,
    parse_timestamp,
    positive_int,
    read_nitf_body,
    text_of,
)
from readwire.wire.ingest.xml import local_name, parse_xml
from readwire.wire.item import (
    CANCELED,
    PUB_STATUSES,
    USABLE,
    WITHHELD,
    Entity,
    Picture,
    Rejection,
    Rendition,
    Subject,
    WireItem,
)

NAR = "http://iptc.org/std/nar/2006-10-01/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORMAT = "newsmlg2"

_ITEM_ROOTS = {"newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem"}
_TEXT_CLASSES = {"text"}
_PICTURE_CLASSES = {"picture", "graphic"}
# The largest number a version or size column holds in every supported database.
_MAX_INT = 2**31 - 1

# Concept types (cpnat:...) and, for subjects without a type, qcode schemes that say what a subject names.
_PERSON_TYPES = {"person"}
_PLACE_TYPES = {"geoarea", "poi"}
_ORGANISATION_TYPES = {"organisation", "organization"}
_PERSON_SCHEMES = {"person", "persons", "people"}
_PLACE_SCHEMES = {"geo", "geoloc", "geoarea", "place", "poi", "iso3166-1a2", "iso3166-1a3", "iso3166-2"}
_ORGANISATION_SCHEMES = {"org", "orgs", "organisation", "organization", "company", "comp"}
_MEDIATOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"


def parse(data: bytes) -> list[WireItem | Rejection]:
    root = parse_xml(data)
    name = local_name(root)
    namespace = _namespace(root)
    if name != "newsMessage" and name not in _ITEM_ROOTS:
        raise UnsupportedDocument(f"not NewsML-G2: the root element is <{name}>, expected newsMessage or newsItem")
    if namespace not in (NAR, None):
        raise UnsupportedDocument(f"not NewsML-G2: <{name}> is in the namespace {namespace}, expected {NAR}")
    if name == "newsMessage":
        elements = [e for e in _children(_child(root, "itemSet"), None) if local_name(e) in _ITEM_ROOTS]
        if not elements:
            raise UnsupportedDocument("the newsMessage carries no items: its itemSet is missing or empty")
    else:
        elements = [root]
    warnings = [] if namespace == NAR else [f"the document lacks the NewsML-G2 namespace {NAR}"]
    return _Message(elements, warnings).read()


# --- the message: which items are stories, and which pictures belong to them -------------------


class _Message:
    def __init__(self, elements: list[etree._Element], warnings: list[str]):
        self.elements = elements
        self.warnings = warnings
        self.texts: dict[str, etree._Element] = {}
        self.pictures: dict[str, etree._Element] = {}
        for element in elements:
            guid = _guid(element)
            if guid and local_name(element) == "newsItem":
                item_class = _item_class(element)
                if item_class in _PICTURE_CLASSES:
                    self.pictures.setdefault(guid, element)
                elif item_class in _TEXT_CLASSES or item_class == "":
                    self.texts.setdefault(guid, element)
        # text guid -> picture guids: the item's own links first, then what packages group with it
        self.attached: dict[str, list[str]] = {guid: [] for guid in self.texts}
        for guid, element in self.texts.items():
            for link in _children(_child(element, "itemMeta"), "link"):
                ref = (link.get("residref") or "").strip()
                if ref in self.pictures:
                    self._attach(guid, ref)
        self.useful_packages: set[int] = set()
        for element in elements:
            if local_name(element) == "packageItem":
                self._associate_package(element)

    def _attach(self, text_guid: str, picture_guid: str) -> None:
        if picture_guid not in self.attached[text_guid]:
            self.attached[text_guid].append(picture_guid)

    def _associate_package(self, package: etree._Element) -> None:
        """Pictures in a group go to the text items of that group, or else to the package's first text item."""
        known = self.texts.keys() | self.pictures.keys()
        lead_text = None
        orphans: list[str] = []
        referenced_any = False
        for group in package.iter(f"{{{NAR}}}group", "group"):
            refs = [(r.get("residref") or "").strip() for r in _children(group, "itemRef")]
            refs = [r for r in refs if r in known]
            referenced_any = referenced_any or bool(refs)
            texts = [r for r in refs if r in self.texts]
            pictures = [r for r in refs if r in self.pictures]
            lead_text = lead_text or (texts[0] if texts else None)
            if not texts:
                orphans.extend(pictures)
            for text in texts:
                for picture in pictures:
                    self._attach(text, picture)
        if lead_text:
            for picture in orphans:
                self._attach(lead_text, picture)
        if referenced_any:
            self.useful_packages.add(id(package))

    def read(self) -> list[WireItem | Rejection]:
        attached_pictures = {p for pictures in self.attached.values() for p in pictures}
        results: list[WireItem | Rejection] = []
        for element in self.elements:
            kind = local_name(element)
            guid = _guid(element)
            if kind == "packageItem":
                if id(element) not in self.useful_packages:
                    results.append(_reject_package(element))
            elif kind != "newsItem":
                results.append(
                    Rejection(f"item {guid or '(no guid)'} is a {kind}, not a news story", uri=guid, version=None)
                )
            elif guid in self.texts and self.texts[guid] is element:
                pictures = [_read_picture(self.pictures[p]) for p in self.attached[guid]]
                pictures += _linked_images(element, self.pictures.keys())
                results.append(_read_text_item(element, pictures, self.warnings))
            elif guid in self.pictures and self.pictures[guid] is element:
                if guid not in attached_pictures:
                    results.append(_read_picture_story(element, self.warnings))
            elif not guid:
                results.append(_without_guid(element))
            elif guid in self.texts or guid in self.pictures:
                results.append(Rejection(f"item {guid} appears more than once in the message", uri=guid))
            else:
                item_class = _item_class(element)
                results.append(
                    Rejection(
                        f"item {guid} is a {item_class} item; Readwire takes text stories and pictures",
                        uri=guid,
                    )
                )
        return results


def _without_guid(element: etree._Element) -> Rejection:
    headline = _headline(_child(element, "contentMeta"))
    named = f" (headline {headline[:80]!r})" if headline else ""
    return Rejection(f"a {local_name(element)} without a guid{named} cannot be stored or updated")


def _reject_package(package: etree._Element) -> Rejection:
    guid = _guid(package)
    refs = [(r.get("residref") or "").strip() for r in package.iter(f"{{{NAR}}}itemRef", "itemRef")]
    refs = [r for r in refs if r]
    reason = (
        f"package {guid or '(no guid)'} only references other items "
        f"({', '.join(refs[:5]) or 'none'}{', ...' if len(refs) > 5 else ''}); "
        "send those items in the same newsMessage so the package can group them"
    )
    return Rejection(reason, uri=guid)


# --- one item --------------------------------------------------------------------------------


@dataclass
class _Meta:
    """What every newsItem says about itself, whatever its class."""

    guid: str
    version: int | None
    item_meta: etree._Element | None
    content_meta: etree._Element | None
    content_set: etree._Element | None
    language: str
    pub_status: str = USABLE
    warnings: list[str] = field(default_factory=list)


def _read_meta(element: etree._Element, warnings: list[str]) -> _Meta | Rejection:
    guid = _guid(element)
    if not guid:
        return _without_guid(element)
    version = None
    raw_version = (element.get("version") or "").strip()
    if raw_version:
        version = positive_int(raw_version)
        if version is None or version > _MAX_INT:
            return Rejection(
                f"item {guid}: version {raw_version[:30]!r} is not a whole number from 1 to {_MAX_INT}", uri=guid
            )
    item_meta = _child(element, "itemMeta")
    if item_meta is None:
        return Rejection(f"item {guid} has no itemMeta, so its status and class are unknown", uri=guid, version=version)
    content_meta = _child(element, "contentMeta")
    language = ""
    for language_element in _children(content_meta, "language"):
        language = (language_element.get("tag") or "").strip()
        if language:
            break
    meta = _Meta(
        guid=guid,
        version=version,
        item_meta=item_meta,
        content_meta=content_meta,
        content_set=_child(element, "contentSet"),
        language=language or (element.get(XML_LANG) or "").strip(),
        warnings=list(warnings),
    )
    status_element = _child(item_meta, "pubStatus")
    if status_element is not None:
        raw = status_element.get("qcode") or status_element.get("uri") or ""
        status = _code(raw).lower()
        status = {"cancelled": CANCELED}.get(status, status)
        if status not in PUB_STATUSES:
            return Rejection(
                f"item {guid}: pubStatus {raw!r} is not stat:usable, stat:withheld or stat:canceled",
                uri=guid,
                version=version,
            )
        meta.pub_status = status
    return meta


def _read_text_item(element: etree._Element, pictures: list[Picture], warnings: list[str]) -> WireItem | Rejection:
    meta = _read_meta(element, warnings)
    if isinstance(meta, Rejection):
        return meta
    if meta.content_meta is None and meta.content_set is None and meta.pub_status != CANCELED:
        return Rejection(
            f"item {meta.guid} carries no content (neither contentMeta nor contentSet)",
            uri=meta.guid,
            version=meta.version,
        )
    item = _item_from_meta(element, meta)
    body = _read_body(meta.content_set, item.warnings)
    item.body_html, item.body_text = body.html, body.text
    if body.nitf is not None:
        item.headline = item.headline or body.nitf.headline
        item.standfirst = item.standfirst or body.nitf.standfirst
        item.byline = _text_of_kind(meta.content_meta, "by") or body.nitf.byline or item.byline
        item.dateline = _text_of_kind(meta.content_meta, "dateline") or body.nitf.dateline or item.dateline
        pictures = [*pictures, *body.nitf.pictures]
        item.warnings.extend(body.nitf.warnings)
    item.headline = item.headline or body.headline
    item.pictures = pictures
    renditions = [r for r in _renditions(meta.content_set) if r.mimetype.lower().startswith("image/")]
    if renditions:
        # a picture carried by the text item itself, as remote image renditions
        item.pictures.append(Picture(renditions=renditions))
    if meta.pub_status != CANCELED and not item.headline and not (item.body_html or item.body_text):
        return Rejection(f"item {meta.guid} has neither a headline nor a body", uri=meta.guid, version=meta.version)
    return item


def _read_picture_story(element: etree._Element, warnings: list[str]) -> WireItem | Rejection:
    """A picture nothing in the message points at: a story of its own if it has words to show."""
    meta = _read_meta(element, warnings)
    if isinstance(meta, Rejection):
        return meta
    picture = _read_picture(element)
    item = _item_from_meta(element, meta)
    item.headline = item.headline or picture.title or _first_sentence(picture.caption)
    if not item.headline and meta.pub_status != CANCELED:
        return Rejection(
            f"picture {meta.guid} has no headline or caption and no story in the message uses it",
            uri=meta.guid,
            version=meta.version,
        )
    item.standfirst = ""  # the caption is the body; repeating it as a standfirst would say it twice
    item.body_text = picture.caption
    item.byline = item.byline or picture.credit
    item.pictures = [picture]
    return item


def _item_from_meta(element: etree._Element, meta: _Meta) -> WireItem:
    item_meta, content_meta = meta.item_meta, meta.content_meta
    item = WireItem(
        uri=meta.guid,
        headline=_headline(content_meta),
        format=FORMAT,
        version=meta.version,
        pub_status=meta.pub_status,
        language=meta.language,
        warnings=meta.warnings,
        original=etree.tostring(element, encoding="unicode"),
    )
    item.ed_note = " ".join(filter(None, (text_of(n) for n in _children(item_meta, "edNote"))))
    item.signals = [_signal(s) for s in _children(item_meta, "signal") if _signal(s)]
    item.first_created = _datetime(_child(item_meta, "firstCreated"), item.warnings)
    item.version_created = _datetime(_child(item_meta, "versionCreated"), item.warnings)
    embargoed = _child(item_meta, "embargoed")
    if embargoed is not None:
        item.embargoed_until = _datetime(embargoed, item.warnings)
        if item.embargoed_until is None and item.pub_status == USABLE:
            item.pub_status = WITHHELD
            item.warnings.append("embargo without a readable date: held as withheld until a version lifts it")

    for rights in _children(element, "rightsInfo"):
        item.copyright_notice = item.copyright_notice or text_of(_child(rights, "copyrightNotice"))
        item.usage_terms = item.usage_terms or text_of(_child(rights, "usageTerms"))

    if content_meta is None:
        return item
    item.slugline = _text_of_kind(content_meta, "slugline")
    item.urgency = _urgency(_child(content_meta, "urgency"), item.warnings)
    item.standfirst = _description(content_meta, {"summary"}, item.language) or _description(
        content_meta, {""}, item.language
    )
    genre = _child(content_meta, "genre")
    if genre is not None:
        item.genre = _name(genre, item.language) or _code(genre.get("qcode") or "")
    creators = [_name(c, item.language) for c in _children(content_meta, "creator")]
    item.byline = (
        _text_of_kind(content_meta, "by")
        or " and ".join(filter(None, creators))
        or _text_of_kind(content_meta, "creditline")
    )
    for located in _children(content_meta, "located"):
        place = _entity(located, item.language)
        if place.name:
            item.places.append(place)
    item.dateline = _text_of_kind(content_meta, "dateline") or (item.places[0].name if item.places else "")
    _read_subjects(content_meta, item)
    return item


def _read_subjects(content_meta: etree._Element, item: WireItem) -> None:
    for subject in _children(content_meta, "subject"):
        kind = _code(subject.get("type") or "").lower()
        qcode = (subject.get("qcode") or "").strip()
        scheme = qcode.split(":", 1)[0].lower() if ":" in qcode else ""
        if kind in _PERSON_TYPES or (not kind and scheme in _PERSON_SCHEMES):
            _add_entity(item.people, _entity(subject, item.language))
        elif kind in _PLACE_TYPES or (not kind and scheme in _PLACE_SCHEMES):
            _add_entity(item.places, _entity(subject, item.language))
        elif kind in _ORGANISATION_TYPES or (not kind and scheme in _ORGANISATION_SCHEMES):
            _add_entity(item.organisations, _entity(subject, item.language))
        else:
            uri = (subject.get("uri") or "").strip()
            if not qcode and uri.startswith(_MEDIATOPIC_URI):
                qcode = "medtop:" + uri[len(_MEDIATOPIC_URI) :].strip("/")
            found = Subject(
                name=_name(subject, item.language),
                code=qcode,
                uri=uri,
                scheme=qcode.split(":", 1)[0] if ":" in qcode else "",
            )
            if (found.name or found.code) and found not in item.subjects:
                item.subjects.append(found)
    for keyword in _children(content_meta, "keyword"):
        found = Subject(name=text_of(keyword), scheme="keyword")
        if found.name and found not in item.subjects:
            item.subjects.append(found)


def _add_entity(entities: list[Entity], entity: Entity) -> None:
    if entity.name and all(e.name != entity.name or e.code != entity.code for e in entities):
        entities.append(entity)


def _entity(element: etree._Element, language: str) -> Entity:
    return Entity(
        name=_name(element, language),
        code=(element.get("qcode") or "").strip(),
        uri=(element.get("uri") or "").strip(),
    )


# --- pictures ----------------------------------------------------------------------------------


def _read_picture(element: etree._Element) -> Picture:
    content_meta = _child(element, "contentMeta")
    language = ""
    for language_element in _children(content_meta, "language"):
        language = language or (language_element.get("tag") or "").strip()
    language = language or (element.get(XML_LANG) or "")
    credit = _text_of_kind(content_meta, "creditline")
    if not credit:
        for rights in _children(element, "rightsInfo"):
            credit = credit or _name(_child(rights, "copyrightHolder"), language)
    picture = Picture(
        uri=_guid(element),
        title=_headline(content_meta),
        caption=_description(content_meta, {"caption"}, language) or _description(content_meta, {""}, language),
        alt_text=_description(content_meta, {"alttext", "alt", "alternative", "alternativetext"}, language),
        credit=credit,
    )
    picture.renditions = _renditions(_child(element, "contentSet"))
    return picture


def _renditions(content_set: etree._Element | None) -> list[Rendition]:
    renditions = []
    for remote in _children(content_set, "remoteContent"):
        href = (remote.get("href") or "").strip()
        if href:
            renditions.append(
                Rendition(
                    href=href,
                    name=_code(remote.get("rendition") or ""),
                    mimetype=(remote.get("contenttype") or "").strip(),
                    width=positive_int(remote.get("width")),
                    height=positive_int(remote.get("height")),
                )
            )
    return renditions


def _linked_images(element: etree._Element, in_message) -> list[Picture]:
    """Images an item links to directly (``link`` with an image ``contenttype``) and that are not in the message."""
    pictures = []
    for link in _children(_child(element, "itemMeta"), "link"):
        href = (link.get("href") or "").strip()
        contenttype = (link.get("contenttype") or "").strip()
        ref = (link.get("residref") or "").strip()
        if href and contenttype.lower().startswith("image/") and ref not in in_message:
            pictures.append(
                Picture(
                    uri=ref,
                    title=text_of(_child(link, "title")),
                    renditions=[Rendition(href=href, mimetype=contenttype)],
                )
            )
    return pictures


def _first_sentence(text: str, limit: int = 160) -> str:
    sentence = text.split(". ", 1)[0].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


# --- bodies ------------------------------------------------------------------------------------


@dataclass
class _Body:
    html: str = ""
    text: str = ""
    headline: str = ""
    nitf: NitfBody | None = None


def _read_body(content_set: etree._Element | None, warnings: list[str]) -> _Body:
    """The first readable body: inline NITF or XHTML, then inline HTML, then inline plain text."""
    inline_xml = _children(content_set, "inlineXML")
    for container in inline_xml:
        content = [c for c in container if isinstance(c.tag, str)]
        if not content:
            continue
        first = content[0]
        name = local_name(first)
        if name == "nitf":
            body_element = next((c for c in first if isinstance(c.tag, str) and local_name(c) == "body"), None)
            if body_element is None:
                continue
            nitf = read_nitf_body(body_element)
            return _Body(html=nitf.body_html, nitf=nitf)
        return _read_xhtml(content)
    inline_data = _children(content_set, "inlineData")
    ranked = sorted(
        (rank, position, container)
        for position, container in enumerate(inline_data)
        if (rank := _inline_data_rank(container)) is not None
    )
    for rank, _position, container in ranked:
        text = _inline_data_text(container, warnings)
        if text.strip():
            return _Body(html=text) if rank == 0 else _Body(text=text)
    remote_text = [
        r for r in _children(content_set, "remoteContent") if not (r.get("contenttype") or "").startswith("image/")
    ]
    if not inline_xml and not inline_data and remote_text:
        warnings.append("the body is only referenced (remoteContent) and was not fetched")
    return _Body()


def _inline_data_rank(container: etree._Element) -> int | None:
    """HTML before plain text; inline data that is not text (an image, say) is no body at all."""
    contenttype = (container.get("contenttype") or "").split(";", 1)[0].strip().lower()
    if contenttype in ("text/html", "application/xhtml+xml"):
        return 0
    if contenttype in ("text/plain", "") or contenttype.startswith("text/"):
        return 1
    return None


def _inline_data_text(container: etree._Element, warnings: list[str]) -> str:
    text = container.text or ""
    if (container.get("encoding") or "").strip().lower() == "base64":
        try:
            decoded = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            warnings.append("inlineData declared base64 but could not be decoded")
            return ""
        text = decoded.decode("utf-8", errors="replace")
    return text.replace("\x00", "")


def _read_xhtml(content: list[etree._Element]) -> _Body:
    """An XHTML document or fragment inside inlineXML, as plain HTML without namespaces."""
    first = content[0]
    headline = ""
    if local_name(first) == "html":
        head = next((c for c in first if isinstance(c.tag, str) and local_name(c) == "head"), None)
        title = (
            next((c for c in head if isinstance(c.tag, str) and local_name(c) == "title"), None)
            if head is not None
            else None
        )
        headline = text_of(title)
        body = next((c for c in first if isinstance(c.tag, str) and local_name(c) == "body"), None)
        content = [body] if body is not None else []
    container = etree.Element("div")
    for element in content:
        if local_name(element) == "body":
            _copy_children(element, container)
        else:
            _copy_element(element, container)
    leading = [c for c in container if isinstance(c.tag, str)]
    if leading and leading[0].tag == "h1":
        heading = text_of(leading[0])
        if not headline or heading.casefold() == headline.casefold():
            headline = headline or heading
            _remove_keeping_tail(leading[0])
    for heading in container.iter("h1"):
        heading.tag = "h2"
    return _Body(html=inner_html(container), headline=headline)


def _copy_children(source: etree._Element, target: etree._Element) -> None:
    target.text = source.text
    for c in source:
        if isinstance(c.tag, str):
            _copy_element(c, target)
            continue
        text = entity_text(c) + (c.tail or "")
        if len(target):
            target[-1].tail = (target[-1].tail or "") + text
        else:
            target.text = (target.text or "") + text


def _copy_element(source: etree._Element, target: etree._Element) -> None:
    element = etree.SubElement(target, local_name(source))
    for key, value in source.attrib.items():
        if not key.startswith("{"):
            element.set(key, value)
    _copy_children(source, element)
    element.tail = source.tail


def _remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


# --- small readers -----------------------------------------------------------------------------


def _namespace(element: etree._Element) -> str | None:
    return etree.QName(element).namespace


def _children(element: etree._Element | None, name: str | None) -> list[etree._Element]:
    if element is None:
        return []
    return [
        c
        for c in element
        if isinstance(c.tag, str) and (name is None or local_name(c) == name) and _namespace(c) in (NAR, None)
    ]


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _guid(element: etree._Element) -> str:
    return " ".join((element.get("guid") or "").split())


def _item_class(element: etree._Element) -> str:
    item_class = _child(_child(element, "itemMeta"), "itemClass")
    if item_class is None:
        return ""
    return _code(item_class.get("qcode") or item_class.get("uri") or "").lower()


def _code(value: str) -> str:
    """The code of a qcode (``stat:usable``) or of a NewsCodes URI (``.../pubstatusg2/usable``)."""
    value = value.strip().rstrip("/")
    for separator in (":", "/"):
        if separator in value:
            value = value.rsplit(separator, 1)[-1]
    return value


def _signal(element: etree._Element) -> str:
    qcode = (element.get("qcode") or "").strip()
    if qcode.lower().startswith("sig:"):
        return qcode[4:]
    uri = (element.get("uri") or "").strip()
    if not qcode and "/newscodes/signal/" in uri:
        return _code(uri)
    return qcode


def _text_of_kind(element: etree._Element | None, name: str) -> str:
    return text_of(_child(element, name))


def _headline(content_meta: etree._Element | None) -> str:
    headlines = _children(content_meta, "headline")
    main = [h for h in headlines if _code(h.get("role") or "").lower() in ("", "main")]
    return text_of((main or headlines or [None])[0])


def _description(content_meta: etree._Element | None, roles: set[str], language: str) -> str:
    candidates = [d for d in _children(content_meta, "description") if _code(d.get("role") or "").lower() in roles]
    return text_of(_in_language(candidates, language))


def _name(element: etree._Element | None, language: str) -> str:
    if element is None:
        return ""
    name = text_of(_in_language(_children(element, "name"), language))
    return name or " ".join((element.get("literal") or "").split())


def _in_language(elements: list[etree._Element], language: str) -> etree._Element | None:
    """The element in the item's language, else one without a language, else the first."""
    if not elements:
        return None
    wanted = language.lower().split("-", 1)[0]
    if wanted:
        for element in elements:
            if (element.get(XML_LANG) or "").lower().split("-", 1)[0] == wanted:
                return element
    for element in elements:
        if not element.get(XML_LANG):
            return element
    return elements[0]


def _datetime(element: etree._Element | None, warnings: list[str]) -> datetime | None:
    value = text_of(element)
    if not value:
        return None
    moment = parse_timestamp(value)
    if moment is None:
        warnings.append(f"<{local_name(element)}> {value[:40]!r} is not an ISO 8601 date and time; ignored")
    return moment


def _urgency(element: etree._Element | None, warnings: list[str]) -> int | None:
    value = text_of(element)
    if not value:
        return None
    urgency = positive_int(value)
    if urgency is None or urgency > 9:
        warnings.append(f"urgency {value[:20]!r} ignored: expected 1 to 9")
        return None
    return urgency
