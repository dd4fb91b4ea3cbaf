"""Web article pages: headline, byline, date, body and lead picture of one story.

trafilatura finds the article text (favouring precision: less text, but the story's) and the
common metadata; the page's own declarations are read first where they are more exact: the
canonical URL, Open Graph (``og:image`` and its alt text) and schema.org ``NewsArticle`` JSON-LD
(full timestamps, authors, the picture's caption and credit).

Nothing is fetched: trafilatura and lxml are only given the page's text, never a URL to load,
and relative links are resolved against the page's own canonical URL.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.htmlprocessing import convert_to_html

from readwire.wire.ingest import UnsupportedDocument
from readwire.wire.ingest.page_lines import split_credit
from readwire.wire.item import Picture, Rejection, Rendition, Subject, WireItem
from readwire.wire.sanitise import clean_text

FORMAT = "html"
_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "blogposting",
    "liveblogposting",
    "report",
    "socialmediaposting",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_JSON_LD_DEPTH = 8


def parse(data: bytes) -> list[WireItem | Rejection]:
    page = _decode(data)
    tree = _tree(page)
    meta = _page_metadata(tree)
    article = _extract(page)
    warnings: list[str] = []

    headline = meta.get("headline") or (article.title if article else "") or meta.get("og_title") or _first_h1(tree)
    headline = clean_text(headline or "")
    body_html = _body_html(article, headline) if article else ""
    if not headline and not body_html:
        raise UnsupportedDocument("the page has neither a title nor any article text")
    source_link = _absolute(meta.get("canonical") or meta.get("og_url") or meta.get("ld_url") or "", "")
    published = meta.get("published") or _date(article.date if article else None)
    uri = source_link or _hash_uri(headline, published, warnings)
    if not body_html:
        return [
            Rejection(
                reason="no article text could be found on the page (an index page, a paywall, or a page its "
                "scripts build in the browser?)",
                uri=uri,
            )
        ]

    description = meta.get("description") or (article.description if article else "") or ""
    item = WireItem(
        uri=uri,
        headline=headline,
        format=FORMAT,
        version=None,
        standfirst=_standfirst(description, body_html),
        body_html=body_html,
        byline=meta.get("byline") or (article.author if article else "") or "",
        language=_language(tree, meta, article),
        first_created=published,
        version_created=meta.get("modified") or published,
        subjects=[Subject(name=name) for name in meta.get("keywords", [])],
        pictures=_lead_picture(tree, meta, article, source_link),
        source_link=source_link,
        warnings=warnings,
        original=page,
    )
    return [item]


# --- reading the page -------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if not isinstance(data, bytes | bytearray):
        raise UnsupportedDocument("a web page must be given as bytes")
    data = bytes(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def _tree(page: str) -> etree._Element:
    # The encoding is known by now; a declaration left in the text would make lxml refuse it.
    page = re.sub(r"^\s*<\?xml[^>]*\?>", "", page)
    parser = lxml.html.HTMLParser(remove_comments=True, no_network=True, huge_tree=False)
    try:
        tree = lxml.html.document_fromstring(page, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnsupportedDocument(f"not a readable HTML page: {exc}") from None
    if tree is None:
        raise UnsupportedDocument("not a readable HTML page")
    return tree


def _extract(page: str):
    try:
        return trafilatura.bare_extraction(
            page,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=True,
            include_links=True,
        )
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        # trafilatura raises on pages it cannot make sense of; that page has no article for us.
        return None


def _body_html(article, headline: str) -> str:
    body = getattr(article, "body", None)
    if body is None or not len(body):
        return ""
    html = convert_to_html(copy.deepcopy(body))
    container = html.find("body")
    if container is None:
        return ""
    blocks = list(container)
    # trafilatura keeps the page's <h1>; the headline is stored on its own.
    if blocks and blocks[0].tag in ("h1", "h2") and clean_text("".join(blocks[0].itertext())) == headline:
        container.remove(blocks[0])
    parts = [etree.tostring(child, encoding="unicode", method="html", with_tail=False) for child in container]
    return "".join(parts).strip()


def _first_h1(tree: etree._Element) -> str:
    h1 = tree.find(".//h1")
    return h1.text_content() if h1 is not None else ""


def _meta(tree: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _page_metadata(tree: etree._Element) -> dict:
    meta = _meta(tree)
    canonical = next(
        (
            (link.get("href") or "").strip()
            for link in tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        "",
    )
    info: dict = {
        "canonical": canonical,
        "og_url": meta.get("og:url", ""),
        "og_title": meta.get("og:title", ""),
        "description": meta.get("og:description") or meta.get("description") or meta.get("twitter:description", ""),
        "og_image": meta.get("og:image") or meta.get("og:image:url") or meta.get("twitter:image", ""),
        "og_image_alt": meta.get("og:image:alt") or meta.get("twitter:image:alt", ""),
        "og_image_width": meta.get("og:image:width", ""),
        "og_image_height": meta.get("og:image:height", ""),
        "og_locale": meta.get("og:locale", ""),
        "published": _date(meta.get("article:published_time")),
        "modified": _date(meta.get("article:modified_time")),
        "keywords": [meta["article:tag"]] if meta.get("article:tag") else [],
    }
    article = _json_ld_article(tree)
    if article:
        info.update({k: v for k, v in _from_json_ld(article).items() if v})
    return info


# --- schema.org JSON-LD -----------------------------------------------------------------------


def _json_ld_article(tree: etree._Element) -> dict | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        article = _find_article(data, 0)
        if article:
            return article
    return None


def _find_article(data, depth: int) -> dict | None:
    if depth > _JSON_LD_DEPTH:
        return None
    if isinstance(data, list):
        for entry in data:
            found = _find_article(entry, depth + 1)
            if found:
                return found
        return None
    if not isinstance(data, dict):
        return None
    types = data.get("@type")
    types = types if isinstance(types, list) else [types]
    if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
        return data
    return _find_article(data.get("@graph"), depth + 1) if "@graph" in data else None


def _text(value) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or "")
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value[:10]) if t)
    return ""


def _from_json_ld(article: dict) -> dict:
    image = article.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    image_info: dict = {}
    if isinstance(image, str):
        image_info["ld_image"] = image.strip()
    elif isinstance(image, dict):
        image_info = {
            "ld_image": _text(image.get("url") or image.get("contentUrl") or ""),
            "ld_image_caption": _text(image.get("caption") or image.get("description") or ""),
            "ld_image_credit": _text(
                image.get("creditText") or image.get("copyrightHolder") or image.get("author") or ""
            ),
            "ld_image_width": image.get("width"),
            "ld_image_height": image.get("height"),
        }
    keywords = article.get("keywords")
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",")]
    elif isinstance(keywords, list):
        keywords = [_text(k) for k in keywords[:50]]
    else:
        keywords = []
    url = article.get("url") or article.get("mainEntityOfPage") or ""
    if isinstance(url, dict):
        url = url.get("@id") or url.get("url") or ""
    return {
        "headline": _text(article.get("headline") or article.get("name") or ""),
        "byline": _text(article.get("author") or ""),
        "published": _date(_text(article.get("datePublished") or "")),
        "modified": _date(_text(article.get("dateModified") or "")),
        "description": _text(article.get("description") or ""),
        "language": _text(article.get("inLanguage") or ""),
        "ld_url": url if isinstance(url, str) else "",
        "keywords": [k for k in dict.fromkeys(keywords) if k],
        **image_info,
    }


# --- fields -----------------------------------------------------------------------------------


def _date(value: str | None) -> datetime | None:
    """An ISO 8601 time (a date alone is midnight UTC); times without an offset are taken as UTC."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if not 1000 <= parsed.year <= 9000:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _absolute(url: str, base: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    # urljoin and urlsplit raise on malformed addresses such as "https://[host/".
    try:
        url = urljoin(base, url) if base else url
        return url if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname else ""
    except ValueError:
        return ""


def _hash_uri(headline: str, published: datetime | None, warnings: list[str]) -> str:
    key = f"{' '.join(headline.casefold().split())}\n{published.isoformat() if published else ''}"
    warnings.append("the page names no canonical URL; its URI is a hash of its headline and date")
    return "urn:readwire:page:" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:20]


def _standfirst(description: str, body_html: str) -> str:
    """The page's description, unless it is only the story's first words (as many CMSs write it)."""
    description = clean_text(description)
    stem = re.sub(r"\W+", "", re.sub(r"(\s*(…|\.\.\.)\s*)$", "", description).casefold())
    body = re.sub(r"\W+", "", clean_text(body_html).casefold())
    if not stem or body.startswith(stem):
        return ""
    return description


def _language(tree: etree._Element, meta: dict, article) -> str:
    candidates = [
        tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.get("language"),
        (meta.get("og_locale") or "").replace("_", "-"),
        getattr(article, "language", None),
    ]
    for candidate in candidates:
        if candidate and isinstance(candidate, str) and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", candidate):
            return candidate.strip()[:20]
    return ""


def _int(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 100_000 else None


def _lead_picture(tree: etree._Element, meta: dict, article, base: str) -> list[Picture]:
    """The page's declared lead picture, else its first figure with a picture in it.

    A picture whose address cannot be made absolute (a relative ``src`` on a page that names no
    URL of its own) keeps its caption and credit but no rendition.
    """
    declared = meta.get("ld_image") or meta.get("og_image") or getattr(article, "image", "") or ""
    href = _absolute(declared, base)
    if not declared:
        figure = next((f for f in tree.iter("figure") if f.find(".//img") is not None), None)
        if figure is None:
            return []
        img = figure.find(".//img")
        href = _absolute(img.get("src") or "", base)
        caption, credit = split_credit(_caption_text(figure))
        alt = " ".join((img.get("alt") or "").split())
        renditions = [Rendition(href=href, name="original")] if href else []
        return [Picture(uri=href, caption=caption or alt, credit=credit, alt_text=alt, renditions=renditions)]
    if not href:
        return []
    caption = meta.get("ld_image_caption", "")
    credit = meta.get("ld_image_credit", "")
    figcaption = _figcaption_for(tree, href, base)
    if figcaption:
        fig_caption, fig_credit = split_credit(figcaption)
        caption = caption or fig_caption
        credit = credit or fig_credit
    else:
        caption, own_credit = split_credit(caption) if caption else ("", "")
        credit = credit or own_credit
    alt = meta.get("og_image_alt", "")
    rendition = Rendition(
        href=href,
        name="original",
        width=_int(meta.get("ld_image_width") or meta.get("og_image_width")),
        height=_int(meta.get("ld_image_height") or meta.get("og_image_height")),
    )
    return [Picture(uri=href, caption=caption or alt, credit=credit, alt_text=alt, renditions=[rendition])]


def _figcaption_for(tree: etree._Element, href: str, base: str) -> str:
    """The caption of the <figure> showing the lead picture (or of the page's first figure)."""
    figures = list(tree.iter("figure"))
    for figure in figures:
        sources = {_absolute(img.get("src") or "", base) for img in figure.iter("img")}
        if href in sources:
            return _caption_text(figure)
    return _caption_text(figures[0]) if figures else ""


def _caption_text(figure: etree._Element) -> str:
    caption = figure.find(".//figcaption")
    return " ".join(caption.text_content().split()) if caption is not None else ""
