"""Safe XML parsing for every XML wire format.

External entities, DTD loading and network access are off, so a hostile document cannot read
local files (XXE) or make Readwire fetch URLs; libxml2's default limits stop entity-expansion bombs.
"""

from __future__ import annotations

from lxml import etree

from readwire.wire.ingest import UnsupportedDocument

_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def parse_xml(data: bytes) -> etree._Element:
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UnsupportedDocument(f"not well-formed XML: {exc}") from None
    except ValueError as exc:
        raise UnsupportedDocument(f"not readable XML: {exc}") from None
    if root is None:
        raise UnsupportedDocument("empty XML document")
    return root


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
