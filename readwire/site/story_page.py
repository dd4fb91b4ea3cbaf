"""What a story page is made of besides the template: figures placed in the body, tags, share links
and the structured data (Open Graph, NewsArticle JSON-LD) that search engines and chat apps read."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import lxml.html
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags

from readwire.billing.access import first_paragraph_html
from readwire.site.templatetags.reader import absolute
from readwire.topics.models import Section
from readwire.wire.models import Story, Version

# Where paywalled text lives on the page, for the JSON-LD ``hasPart`` (Google's paywalled-content markup).
PAYWALLED_SELECTOR = ".story-body"
DESCRIPTION_CHARS = 200


@dataclass
class Figure:
    src: str
    alt: str
    caption: str
    credit: str
    width: int | None = None
    height: int | None = None
    srcset: str = ""


def figure(picture: dict) -> Figure | None:
    """A picture as the page shows it: the widest rendition, the others as a ``srcset``."""
    renditions = [r for r in picture.get("renditions") or [] if isinstance(r, dict) and r.get("href")]
    if not renditions:
        return None
    widest = max(renditions, key=lambda r: r.get("width") or 0)
    sized = sorted({r["width"]: r["href"] for r in renditions if r.get("width")}.items())
    caption = picture.get("caption") or ""
    return Figure(
        src=widest["href"],
        alt=picture.get("alt_text") or caption or picture.get("title") or "",
        caption=caption,
        credit=picture.get("credit") or "",
        width=widest.get("width"),
        height=widest.get("height") if widest.get("width") else None,
        srcset=", ".join(f"{href} {width}w" for width, href in sized) if len(sized) > 1 else "",
    )


def figures(version: Version) -> list[Figure]:
    return [f for f in (figure(p) for p in version.pictures or [] if isinstance(p, dict)) if f is not None]


@dataclass
class BodyPart:
    html: str = ""
    figure: Figure | None = None


def body_with_pictures(body_html: str, inline: list[Figure]) -> list[BodyPart]:
    """The body cut between its top-level paragraphs, with the pictures spread evenly through it.

    ``body_html`` is already sanitised; re-serialising it through lxml keeps it so.
    """
    if not inline:
        return [BodyPart(html=body_html)]
    try:
        blocks = lxml.html.fragments_fromstring(body_html) if body_html.strip() else []
    except (lxml.etree.ParserError, ValueError):
        return [BodyPart(html=body_html), *(BodyPart(figure=f) for f in inline)]
    chunks = [b if isinstance(b, str) else lxml.html.tostring(b, encoding=str) for b in blocks]
    # Only after a paragraph: never between a heading and what it heads, or inside a list's run.
    breaks = [i for i, b in enumerate(blocks) if not isinstance(b, str) and b.tag == "p"][:-1] or []
    spots: dict[int, list[Figure]] = {}
    for n, fig in enumerate(inline):
        if breaks:
            spots.setdefault(breaks[min(len(breaks) - 1, (n + 1) * len(breaks) // (len(inline) + 1))], []).append(fig)
        else:
            spots.setdefault(len(chunks) - 1, []).append(fig)
    parts: list[BodyPart] = []
    current: list[str] = []
    for i, chunk in enumerate(chunks):
        current.append(chunk)
        if i in spots:
            parts.append(BodyPart(html="".join(current)))
            parts += [BodyPart(figure=f) for f in spots[i]]
            current = []
    if current:
        parts.append(BodyPart(html="".join(current)))
    if not chunks:
        parts += [BodyPart(figure=f) for f in inline]
    return parts


@dataclass
class Tag:
    label: str
    url: str
    kind: str  # desk, topic, person, place, organisation


def section_url(section: Section) -> str:
    return reverse("site:section", args=[section.kind, section.slug])


def search_url(**params) -> str:
    return reverse("site:search") + "?" + urlencode(params)


def tags(version: Version, sections: list[Section]) -> list[Tag]:
    """Desks and topics link to their pages; people and places to the search page filtered by them."""
    found = [Tag(s.name, section_url(s), s.kind) for s in sections]
    seen = set()
    for kind, entities in (
        ("person", version.people),
        ("place", version.places),
        ("organisation", version.organisations),
    ):
        for entity in entities or []:
            name = (entity.get("name") or "").strip() if isinstance(entity, dict) else ""
            if not name or (kind, name.casefold()) in seen:
                continue
            seen.add((kind, name.casefold()))
            url = search_url(**{kind: name}) if kind != "organisation" else search_url(q=f'"{name}"')
            found.append(Tag(name, url, kind))
    return found


@dataclass
class ShareLinks:
    url: str
    title: str
    links: list[tuple[str, str]] = field(default_factory=list)


def share_links(story: Story, headline: str) -> ShareLinks:
    """Plain links to share a story: no scripts and no trackers from the sites they lead to."""
    url = absolute(story.get_absolute_url())
    return ShareLinks(
        url=url,
        title=headline,
        links=[
            ("Email", "mailto:?" + urlencode({"subject": headline, "body": url}, quote_via=_quote)),
            ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{headline} {url}"})),
            ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{headline} {url}"})),
            ("X", "https://x.com/intent/post?" + urlencode({"text": headline, "url": url})),
            ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
            ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ],
    )


def _quote(value, safe="", encoding=None, errors=None):
    # mailto: wants %20 for spaces; a "+" would reach the message as a plus sign.
    from urllib.parse import quote

    return quote(value, safe=safe, encoding=encoding, errors=errors)


def description(version: Version) -> str:
    """A sentence or two for search results and link previews: the standfirst, else the opening."""
    text = version.standfirst or strip_tags(first_paragraph_html(version))
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_CHARS:
        text = text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text


def news_article(story: Story, version: Version, sections: list[Section], pictures: list[Figure]) -> dict:
    """The story as schema.org ``NewsArticle`` JSON-LD, its wire URI as ``identifier``.

    Every story is behind the paywall, so the page says so the way Google asks of paywalled
    content: ``isAccessibleForFree`` false, and the part that is paid for named by ``hasPart``.
    """
    url = absolute(story.get_absolute_url())
    publisher = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("site/icons/icon-512.png")),
            "width": 512,
            "height": 512,
        },
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.headline,
        "description": description(version),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "identifier": story.uri,
        "datePublished": story.first_created.isoformat(),
        "dateModified": (version.version_created or story.version_created).isoformat(),
        "author": _authors(story, version),
        "publisher": publisher,
        "isAccessibleForFree": False,
        "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": PAYWALLED_SELECTOR},
    }
    if pictures:
        data["image"] = [absolute(p.src) for p in pictures]
    if version.dateline:
        data["dateline"] = version.dateline
    if sections:
        data["articleSection"] = [s.name for s in sections]
    if version.language or story.language:
        data["inLanguage"] = version.language or story.language
    if version.copyright_notice:
        data["copyrightNotice"] = version.copyright_notice
    return data


def _authors(story: Story, version: Version) -> list[dict]:
    byline = version.byline.strip()
    if byline.lower().startswith("by "):
        byline = byline[3:].strip()
    # "Jane Doe and Sam Lee", "Jane Doe, Political Reporter": the names, without their titles.
    names = [part.split(",")[0].strip() for part in byline.split(" and ")]
    if any(names):
        return [{"@type": "Person", "name": name} for name in names if name]
    return [{"@type": "Organization", "name": str(story.source)}]
