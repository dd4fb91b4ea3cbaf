"""Every HTML body is cleaned here before it is stored, whatever format it came in.

nh3 (the Rust ammonia sanitiser) removes scripts, event handlers, ``javascript:`` URLs, iframes,
styles and anything not on the allow-list below: the markup a news story needs and nothing else.
"""

from __future__ import annotations

import re

import lxml.html
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "q",
    "cite",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "abbr",
    "span",
    "hr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "figure",
    "figcaption",
    "img",
    "pre",
    "code",
    "small",
    "time",
    "mark",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")
# C0 control characters other than tab and newlines: never meaningful in a story, and PostgreSQL
# refuses NUL in text columns.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(text: str) -> str:
    return _CONTROL_CHARACTERS.sub("", text)


def clean_html(html: str) -> str:
    if not html:
        return ""
    return nh3.clean(
        strip_control_characters(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    ).strip()


def clean_text(text: str) -> str:
    """Plain text for headlines and captions: any markup is dropped, entities decoded."""
    if not text:
        return ""
    text = strip_control_characters(text)
    if "<" in text or "&" in text:
        text = html_to_text(nh3.clean(text, tags=set()))
    return " ".join(text.split())


_BLOCK_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "figcaption", "dd", "dt"}


def html_to_text(html: str) -> str:
    """Paragraph-preserving plain text of (already sanitised) HTML."""
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return " ".join(html.split())
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def text_to_html(text: str) -> str:
    """Plain text with blank-line paragraphs becomes escaped ``<p>`` HTML."""
    from html import escape

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{escape(' '.join(p.split()))}</p>" for p in paragraphs)
