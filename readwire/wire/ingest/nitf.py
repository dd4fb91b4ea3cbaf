"""NITF 3.x documents (``<nitf>`` root, with or without the NITF namespace): one story each.

Where each field comes from, as agencies fill them in:

- URI: ``docdata/doc-id/@id-string`` (prefixed ``urn:nitf:<regsrc>:`` unless it already is a URI);
  else the ``id-string`` of ``docdata/correction``, which names the document being corrected;
  else ``du-key/@key``, the key that stays the same across a story's updates; else a digest of the
  headline and ``date.issue``, so that the same file ingested twice is recognised and not duplicated.
- version: ``du-key/@version``, else ``du-key/@generation``; without either it is left empty and
  ``services.accept`` numbers versions by content.
- status: ``docdata/@management-status`` (``usable``, ``embargoed``, ``withheld``, ``canceled``).
- times: ``date.issue`` is when this version was issued; ``date.release`` is the embargo (one that
  cannot be read holds the story back as withheld rather than publishing it early).
- ``docdata/correction`` marks a correction (the ``correction`` signal, its ``info`` the editor's note
  unless ``ed-msg`` gives one).
- ``identified-content``: ``person``, ``location``, ``org`` become people, places and organisations;
  ``classifier`` and ``head/tobject/tobject.subject`` become subjects; ``key-list/keyword`` become
  keyword subjects.
- the body: see ``nitf_body``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from lxml import etree

from readwire.wire.ingest import UnsupportedDocument
from readwire.wire.ingest.nitf_body import child, children, parse_timestamp, positive_int, read_nitf_body, text_of
from readwire.wire.ingest.xml import local_name, parse_xml
from readwire.wire.item import CANCELED, USABLE, WITHHELD, Entity, Rejection, Subject, WireItem

FORMAT = "nitf"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MAX_INT = 2**31 - 1
_STATUSES = {"usable": USABLE, "embargoed": USABLE, "withheld": WITHHELD, "canceled": CANCELED, "cancelled": CANCELED}


def parse(data: bytes) -> list[WireItem | Rejection]:
    root = parse_xml(data)
    if local_name(root) != "nitf":
        raise UnsupportedDocument(f"not NITF: the root element is <{local_name(root)}>, expected <nitf>")
    head = child(root, "head")
    docdata = child(head, "docdata")
    body = child(root, "body")
    warnings: list[str] = []

    version, problem = _version(child(docdata, "du-key"))
    uri = _uri(head, docdata, body)
    if problem:
        return [Rejection(f"NITF document {uri}: {problem}", uri=uri)]
    status_value = (docdata.get("management-status") or "").strip().lower() if docdata is not None else ""
    pub_status = _STATUSES.get(status_value, USABLE)
    if status_value and status_value not in _STATUSES:
        return [
            Rejection(
                f"NITF document {uri}: management-status {status_value!r} is not usable, embargoed, withheld or canceled",
                uri=uri,
                version=version,
            )
        ]

    item = WireItem(
        uri=uri,
        headline="",
        format=FORMAT,
        version=version,
        pub_status=pub_status,
        language=_language(root, head, body),
        warnings=warnings,
        original=_original(data, root),
    )
    if body is not None:
        content = read_nitf_body(body)
        item.headline = content.headline
        item.standfirst = content.standfirst
        item.byline = content.byline
        item.dateline = content.dateline
        item.body_html = content.body_html
        item.pictures = content.pictures
        warnings.extend(content.warnings)
    item.headline = item.headline or text_of(child(head, "title"))
    if docdata is not None:
        _read_docdata(docdata, item)
    _read_subject_codes(head, item)
    if pub_status != CANCELED and not item.headline and not item.body_html:
        return [Rejection(f"NITF document {uri} has neither a headline nor a body", uri=uri, version=version)]
    return [item]


def _read_docdata(docdata: etree._Element, item: WireItem) -> None:
    urgency_element = child(docdata, "urgency")
    if urgency_element is not None:
        raw = (urgency_element.get("ed-urg") or "").strip()
        urgency = positive_int(raw)
        if urgency is not None and urgency <= 9:
            item.urgency = urgency
        elif raw:
            item.warnings.append(f"urgency {raw[:20]!r} ignored: expected 1 to 9")
    item.version_created = _date(child(docdata, "date.issue"), item.warnings)
    release = child(docdata, "date.release")
    item.embargoed_until = _date(release, item.warnings)
    if release is not None and item.embargoed_until is None and item.pub_status == USABLE:
        # never publish early because an agency wrote the release time in a way we cannot read
        item.pub_status = WITHHELD
        item.warnings.append("date.release could not be read: held as withheld until a version lifts it")
    item.ed_note = " ".join(filter(None, (_attribute(m, "info") or text_of(m) for m in children(docdata, "ed-msg"))))
    correction = child(docdata, "correction")
    if correction is not None:
        item.signals.append("correction")
        item.ed_note = item.ed_note or _attribute(correction, "info")
    copyright_element = child(docdata, "doc.copyright")
    if copyright_element is not None:
        year, holder = _attribute(copyright_element, "year"), _attribute(copyright_element, "holder")
        if holder:
            item.copyright_notice = f"Copyright {year} {holder}" if year else f"Copyright {holder}"
    rights = child(docdata, "doc.rights")
    if rights is not None:
        item.usage_terms = _attribute(rights, "limitations")
    for keyword in children(child(docdata, "key-list"), "keyword"):
        name = _attribute(keyword, "key") or text_of(keyword)
        if name:
            _add(item.subjects, Subject(name=name, scheme="keyword"))
    for content in children(docdata, "identified-content"):
        for element in content:
            if not isinstance(element.tag, str):
                continue
            kind = local_name(element)
            name = text_of(element) or _attribute(element, "value")
            source, value = _attribute(element, "idsrc"), _attribute(element, "value")
            code = f"{source}:{value}" if source and value else ""
            if kind == "person" and name:
                _add(item.people, Entity(name=name, code=code))
            elif kind == "location" and name:
                _add(item.places, Entity(name=name, code=code))
            elif kind == "org" and name:
                _add(item.organisations, Entity(name=name, code=code))
            elif kind == "classifier":
                scheme = value.split(":", 1)[0] if ":" in value else source or _attribute(element, "type")
                if value or name:
                    _add(item.subjects, Subject(name=name or value, code=value, scheme=scheme))


def _read_subject_codes(head: etree._Element | None, item: WireItem) -> None:
    """The old IPTC Subject Codes in ``tobject.subject``, kept as ``subj:`` qcodes."""
    for tobject in children(head, "tobject"):
        for subject in children(tobject, "tobject.subject"):
            refnum = _attribute(subject, "tobject.subject.refnum")
            name = (
                _attribute(subject, "tobject.subject.detail")
                or _attribute(subject, "tobject.subject.matter")
                or _attribute(subject, "tobject.subject.type")
            )
            if refnum or name:
                code = f"subj:{refnum}" if refnum else ""
                _add(item.subjects, Subject(name=name, code=code, scheme="subj" if code else ""))


def _uri(head: etree._Element | None, docdata: etree._Element | None, body: etree._Element | None) -> str:
    doc_id = child(docdata, "doc-id")
    id_string = _attribute(doc_id, "id-string") if doc_id is not None else ""
    if id_string:
        if ":" in id_string:
            return id_string
        source = _attribute(doc_id, "regsrc")
        return f"urn:nitf:{source}:{id_string}" if source else f"urn:nitf:{id_string}"
    # A correction sent without ids still names the document it corrects.
    correction = child(docdata, "correction")
    id_string = _attribute(correction, "id-string") if correction is not None else ""
    if id_string:
        if ":" in id_string:
            return id_string
        source = _attribute(correction, "regsrc")
        return f"urn:nitf:{source}:{id_string}" if source else f"urn:nitf:{id_string}"
    du_key = child(docdata, "du-key")
    key = _attribute(du_key, "key") if du_key is not None else ""
    if key:
        return f"urn:nitf:du-key:{key}"
    # No identifier at all: the same document must still map to the same story when sent again.
    hedline = child(child(body, "body.head"), "hedline")
    headline = text_of(child(hedline, "hl1")) or text_of(child(head, "title"))
    issued = _attribute(child(docdata, "date.issue"), "norm") if child(docdata, "date.issue") is not None else ""
    digest = hashlib.sha256(f"{headline}\n{issued}".encode()).hexdigest()[:24]
    return f"urn:nitf:digest:{digest}"


def _version(du_key: etree._Element | None) -> tuple[int | None, str]:
    if du_key is None:
        return None, ""
    raw = _attribute(du_key, "version") or _attribute(du_key, "generation")
    if not raw:
        return None, ""
    number = positive_int(raw)
    if number is None or number > _MAX_INT:
        return None, f"du-key version {raw[:20]!r} is not a whole number from 1 to {_MAX_INT}"
    return number, ""


def _language(*elements: etree._Element | None) -> str:
    for element in elements:
        if element is not None and element.get(XML_LANG):
            return element.get(XML_LANG, "").strip()
    return ""


def _date(element: etree._Element | None, warnings: list[str]) -> datetime | None:
    if element is None:
        return None
    value = _attribute(element, "norm") or text_of(element)
    if not value:
        return None
    moment = parse_timestamp(value)
    if moment is None:
        warnings.append(f"<{local_name(element)}> {value[:40]!r} is not an ISO 8601 date; ignored")
    return moment


def _attribute(element: etree._Element | None, name: str) -> str:
    if element is None:
        return ""
    return " ".join((element.get(name) or "").split())


def _add(found: list, value) -> None:
    if value not in found:
        found.append(value)


def _original(data: bytes, root: etree._Element) -> str:
    """The document as sent when it is UTF-8 text; otherwise lxml's faithful re-serialisation of it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return etree.tostring(root, encoding="unicode")
    return text if "\x00" not in text else etree.tostring(root, encoding="unicode")
