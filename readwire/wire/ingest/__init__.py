"""Wire formats in: detect a document's format from its content and parse it.

Each format is a module here with one function, ``parse(data: bytes) -> list[WireItem | Rejection]``.
A parser raises ``UnsupportedDocument`` (with a reason a person can act on) when the document as
a whole cannot be read, returns a ``Rejection`` for an item in it that cannot be a story, and
must never raise anything else: each format's fuzz test (``tests/test_fuzz_*.py``) holds it to that.

To add a format: write the module, add it to ``PARSERS`` and teach ``detect_format`` its signature
(CONTRIBUTING.md, "Adding a wire format").
"""

from __future__ import annotations

import importlib
import re

from readwire.wire.item import Rejection, WireItem


class UnsupportedDocument(ValueError):
    """The document cannot be read as any story; the message says why."""


# format name -> module under readwire.wire.ingest
PARSERS = {
    "ninjs": "ninjs",
    "newsmlg2": "newsmlg2",
    "nitf": "nitf",
    "feed": "feeds",
    "html": "html",
    "text": "text",
}

_XML_ROOT = re.compile(rb"<\s*(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
_SKIP_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>|\s)*", re.S | re.I)
_G2_ROOTS = {b"newsMessage", b"newsItem", b"packageItem", b"conceptItem", b"knowledgeItem", b"planningItem"}
_FEED_ROOTS = {b"rss", b"feed", b"RDF"}


def detect_format(data: bytes, filename: str | None = None) -> str | None:
    """The format of ``data`` judged by its content (the file name is only a tie-breaker)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "ninjs"
    if head.startswith(b"<"):
        lowered = head[:1024].lower()
        if lowered.startswith(b"<!doctype html") or b"<html" in lowered[:512]:
            return "html"
        prologue = _SKIP_PROLOGUE.match(head)
        rest = head[prologue.end() :] if prologue else head
        match = _XML_ROOT.match(rest)
        if match:
            root = match.group(1)
            if root in _G2_ROOTS:
                return "newsmlg2"
            if root == b"nitf":
                return "nitf"
            if root in _FEED_ROOTS:
                return "feed"
            if root in {b"body", b"head", b"article", b"div"}:
                return "html"
        return None
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the 4096th byte is still text.
        if exc.start < 4090:
            return None
    return "text" if head.strip() else None


def parse_document(
    data: bytes, *, filename: str | None = None, format: str | None = None
) -> tuple[str, list[WireItem | Rejection]]:
    fmt = format or detect_format(data, filename)
    if fmt is None:
        raise UnsupportedDocument(
            "unrecognised format: expected ninjs (JSON), NewsML-G2, NITF, RSS/Atom, an HTML page or plain text"
        )
    if fmt not in PARSERS:
        raise UnsupportedDocument(f"unknown format {fmt!r}; known formats: {', '.join(PARSERS)}")
    module = importlib.import_module(f"readwire.wire.ingest.{PARSERS[fmt]}")
    return fmt, module.parse(data)
