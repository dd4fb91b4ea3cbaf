"""Writing one version of a sample story in the wire formats an agency sends.

ninjs 3.x for the bulk (as a current editorial system would), ninjs 2.x and 1.x for stories from
older feeds, NewsML-G2 (a ``newsMessage`` with the text item and its picture) and NITF 3.6, each
following the IPTC specification of its format; plus a partner's RSS 2.0 feed and a plain-text dump
of a partner's web page. Every time is written in Sydney time with its offset, as the agency's
system would, and in one of two shapes the loader knows how to move (ISO 8601 and RFC 822).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape

from readwire.sample import AGENCY, COPYRIGHT_NOTICE, PICTURES_URL, URI_PREFIX, USAGE_TERMS
from readwire.sample.pictures import HEIGHT, WIDTH
from readwire.sample.topics import MEDIA_TOPICS, MEDTOP_URI, subject

SYDNEY = timezone(timedelta(hours=10), "AEST")
GENRE_URI = "http://cv.iptc.org/newscodes/genre/"


@dataclass
class PictureSpec:
    name: str  # the file stem under PICTURES_DIR
    title: str
    caption: str
    alt_text: str
    photographer: str

    @property
    def uri(self) -> str:
        return f"{URI_PREFIX}picture:{self.name}"

    @property
    def href(self) -> str:
        return f"{PICTURES_URL}{self.name}.svg"

    @property
    def credit(self) -> str:
        return f"Readwire Image/{self.photographer}"


@dataclass
class Draft:
    """One version of one story, in no format yet."""

    slug: str
    version: int
    desk: str
    headline: str
    standfirst: str
    paragraphs: list[str]
    byline: str
    dateline: str
    slugline: str
    urgency: int
    genre: str
    subjects: list[str]
    first_created: datetime
    version_created: datetime
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    pub_status: str = "usable"
    ed_note: str = ""
    signals: list[str] = field(default_factory=list)
    embargoed_until: datetime | None = None
    picture: PictureSpec | None = None
    format: str = "ninjs3"

    @property
    def uri(self) -> str:
        return f"{URI_PREFIX}story:{self.slug}"

    @property
    def body_html(self) -> str:
        return "".join(f"<p>{escape(p, quote=False)}</p>" for p in self.paragraphs)


def when(moment: datetime) -> str:
    return moment.astimezone(SYDNEY).isoformat(timespec="seconds")


def _words(draft: Draft) -> int:
    return sum(len(p.split()) for p in draft.paragraphs)


# --- ninjs -------------------------------------------------------------------------------------


def ninjs3(draft: Draft) -> dict:
    item: dict = {
        "standard": {
            "name": "ninjs",
            "version": "3.1",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
        },
        "uri": draft.uri,
        "type": "text",
        "profile": "text-photo" if draft.picture else "text-only",
        "version": str(draft.version),
        "firstCreated": when(draft.first_created),
        "versionCreated": when(draft.version_created),
        "pubStatus": draft.pub_status,
        "urgency": draft.urgency,
        "language": "en-AU",
        "copyrightHolder": AGENCY,
        "copyrightNotice": COPYRIGHT_NOTICE,
        "usageTerms": USAGE_TERMS,
        "slugline": draft.slugline,
        "by": draft.byline,
        "located": draft.dateline,
        "headlines": [{"role": "main", "value": draft.headline}],
    }
    if draft.embargoed_until:
        item["embargoedUntil"] = when(draft.embargoed_until)
    if draft.ed_note:
        item["edNote"] = draft.ed_note
    if draft.standfirst:
        item["descriptions"] = [{"role": "summary", "contentType": "text/plain", "value": draft.standfirst}]
    if draft.paragraphs:
        item["bodies"] = [
            {"role": "main", "contentType": "text/html", "wordCount": _words(draft), "value": draft.body_html}
        ]
    item["genres"] = [{"name": draft.genre, "uri": GENRE_URI + draft.genre}]
    item["subjects"] = [subject(code) for code in draft.subjects]
    _entities(item, draft, people="people", places="places", organisations="organisations")
    if draft.picture:
        picture = draft.picture
        item["associations"] = [
            {
                "name": "featureimage",
                "rel": "featureimage",
                "uri": picture.uri,
                "type": "picture",
                "headlines": [{"value": picture.title}],
                "descriptions": [
                    {"role": "caption", "value": picture.caption},
                    {"role": "alt", "value": picture.alt_text},
                ],
                "by": picture.credit,
                "copyrightHolder": AGENCY,
                "renditions": [
                    {
                        "name": "original",
                        "href": picture.href,
                        "contentType": "image/svg+xml",
                        "width": WIDTH,
                        "height": HEIGHT,
                    },
                    {
                        "name": "thumbnail",
                        "href": picture.href,
                        "contentType": "image/svg+xml",
                        "width": 480,
                        "height": 270,
                    },
                ],
            }
        ]
    return item


def ninjs2(draft: Draft) -> dict:
    item: dict = {
        "standard": {
            "name": "ninjs",
            "version": "2.2",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#",
        },
        "uri": draft.uri,
        "type": "text",
        "version": str(draft.version),
        "firstcreated": when(draft.first_created),
        "versioncreated": when(draft.version_created),
        "pubstatus": draft.pub_status,
        "urgency": draft.urgency,
        "language": "en-AU",
        "copyrightholder": AGENCY,
        "copyrightnotice": COPYRIGHT_NOTICE,
        "usageterms": USAGE_TERMS,
        "slugline": draft.slugline,
        "by": draft.byline,
        "located": draft.dateline,
        "headlines": [{"role": "main", "value": draft.headline}],
    }
    if draft.ed_note:
        item["ednote"] = draft.ed_note
    if draft.standfirst:
        item["descriptions"] = [{"role": "summary", "contenttype": "text/plain", "value": draft.standfirst}]
    item["bodies"] = [
        {"role": "main", "contenttype": "text/html", "wordcount": _words(draft), "value": draft.body_html}
    ]
    item["genres"] = [{"name": draft.genre, "uri": GENRE_URI + draft.genre}]
    item["subjects"] = [{"name": MEDIA_TOPICS[code], "uri": MEDTOP_URI + code} for code in draft.subjects]
    _entities(item, draft, people="people", places="places", organisations="organisations")
    if draft.picture:
        picture = draft.picture
        item["associations"] = [
            {
                "name": "featureimage",
                "uri": picture.uri,
                "type": "picture",
                "headlines": [{"value": picture.title}],
                "descriptions": [
                    {"role": "caption", "value": picture.caption},
                    {"role": "alt", "value": picture.alt_text},
                ],
                "by": picture.credit,
                "renditions": [
                    {
                        "name": "original",
                        "href": picture.href,
                        "contenttype": "image/svg+xml",
                        "width": WIDTH,
                        "height": HEIGHT,
                    }
                ],
            }
        ]
    return item


def ninjs1(draft: Draft) -> dict:
    item: dict = {
        "$standard": {
            "name": "ninjs",
            "version": "1.6",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_1.6.json#",
        },
        "uri": draft.uri,
        "type": "text",
        "version": str(draft.version),
        "firstcreated": when(draft.first_created),
        "versioncreated": when(draft.version_created),
        "pubstatus": draft.pub_status,
        "urgency": draft.urgency,
        "language": "en-AU",
        "copyrightholder": AGENCY,
        "copyrightnotice": COPYRIGHT_NOTICE,
        "usageterms": USAGE_TERMS,
        "slugline": draft.slugline,
        "byline": draft.byline,
        "located": draft.dateline,
        "headline": draft.headline,
        "description_text": draft.standfirst,
        "body_html": draft.body_html,
        "genre": [{"name": draft.genre, "scheme": GENRE_URI, "code": draft.genre}],
        "subject": [{"name": MEDIA_TOPICS[code], "scheme": MEDTOP_URI, "code": code} for code in draft.subjects],
    }
    if draft.ed_note:
        item["ednote"] = draft.ed_note
    _entities(item, draft, people="person", places="place", organisations="organisation")
    if draft.picture:
        picture = draft.picture
        item["associations"] = {
            "featureimage": {
                "uri": picture.uri,
                "type": "picture",
                "headline": picture.title,
                "description_text": picture.caption,
                "description_alt": picture.alt_text,
                "byline": picture.credit,
                "renditions": {
                    "original": {"href": picture.href, "mimetype": "image/svg+xml", "width": WIDTH, "height": HEIGHT}
                },
            }
        }
    return item


def _entities(item: dict, draft: Draft, **keys: str) -> None:
    for attribute, key in keys.items():
        names = getattr(draft, attribute)
        if names:
            item[key] = [{"name": name, "rel": "mentions"} for name in names]


def ninjs_document(draft: Draft) -> str:
    writer = {"ninjs3": ninjs3, "ninjs2": ninjs2, "ninjs1": ninjs1}[draft.format]
    return json.dumps(writer(draft), ensure_ascii=False, indent=2) + "\n"


# --- NewsML-G2 and NITF -------------------------------------------------------------------------


def _x(text: str) -> str:
    return escape(text, quote=True)


def _nitf_body(draft: Draft, namespace: str = "") -> str:
    ns = f' xmlns="{namespace}"' if namespace else ""
    media = ""
    if draft.picture and draft.format == "nitf":
        picture = draft.picture
        media = (
            f'<media media-type="image"><media-reference source="{_x(picture.href)}" mime-type="image/svg+xml" '
            f'width="{WIDTH}" height="{HEIGHT}" alternate-text="{_x(picture.alt_text)}"/>'
            f"<media-caption>{_x(picture.caption)}</media-caption>"
            f"<media-producer>{_x(picture.credit)}</media-producer></media>\n"
        )
    paragraphs = "\n".join(f"          <p>{_x(p)}</p>" for p in draft.paragraphs)
    return (
        f"<body{ns}>\n"
        "        <body.head>\n"
        f"          <hedline><hl1>{_x(draft.headline)}</hl1></hedline>\n"
        f"          <byline>{_x(draft.byline)}</byline>\n"
        f"          <dateline><location><city>{_x(draft.dateline.title())}</city></location></dateline>\n"
        f"          <abstract><p>{_x(draft.standfirst)}</p></abstract>\n"
        "        </body.head>\n"
        "        <body.content>\n"
        f"{media}{paragraphs}\n"
        "        </body.content>\n"
        f"        <body.end><tagline>{_x(AGENCY)}</tagline></body.end>\n"
        "      </body>"
    )


def _subjects_g2(codes: list[str]) -> str:
    return "".join(
        f'\n        <subject type="cpnat:abstract" qcode="medtop:{code}"><name xml:lang="en-GB">{_x(MEDIA_TOPICS[code])}</name></subject>'
        for code in codes
    )


def newsml_g2(draft: Draft) -> str:
    """A ``newsMessage`` with the text item and, when it has one, its picture item linked from it."""
    picture = draft.picture
    link = ""
    picture_item = ""
    if picture:
        link = (
            f'\n      <link rel="irel:seeAlso" residref="{_x(picture.uri)}" version="1" contenttype="image/svg+xml"/>'
        )
        picture_item = f"""
    <newsItem guid="{_x(picture.uri)}" version="1" standard="NewsML-G2" standardversion="2.33" conformance="power" xml:lang="en-AU">
      <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
      <rightsInfo>
        <copyrightHolder><name>{_x(AGENCY)}</name></copyrightHolder>
        <copyrightNotice>{_x(COPYRIGHT_NOTICE)}</copyrightNotice>
      </rightsInfo>
      <itemMeta>
        <itemClass qcode="ninat:picture"/>
        <provider literal="readwire-newswire"><name>{_x(AGENCY)}</name></provider>
        <versionCreated>{when(draft.first_created)}</versionCreated>
        <pubStatus qcode="stat:usable"/>
      </itemMeta>
      <contentMeta>
        <creator role="crol:photographer"><name>{_x(picture.photographer)}</name></creator>
        <creditline>{_x(picture.credit)}</creditline>
        <language tag="en-AU"/>
        <headline>{_x(picture.title)}</headline>
        <description role="drol:caption">{_x(picture.caption)}</description>
        <description role="drol:alternativeText">{_x(picture.alt_text)}</description>
      </contentMeta>
      <contentSet>
        <remoteContent rendition="rnd:highRes" href="{_x(picture.href)}" contenttype="image/svg+xml" width="{WIDTH}" height="{HEIGHT}"/>
      </contentSet>
    </newsItem>"""
    ed_note = f"\n      <edNote>{_x(draft.ed_note)}</edNote>" if draft.ed_note else ""
    signals = "".join(f'\n      <signal qcode="sig:{s}"/>' for s in draft.signals)
    embargo = f"\n      <embargoed>{when(draft.embargoed_until)}</embargoed>" if draft.embargoed_until else ""
    entities = "".join(
        f'\n        <subject type="cpnat:{kind}"><name>{_x(name)}</name></subject>'
        for kind, names in (("person", draft.people), ("geoArea", draft.places), ("organisation", draft.organisations))
        for name in names
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header>
    <sent>{when(draft.version_created)}</sent>
    <sender>newswire.readwire.example</sender>
  </header>
  <itemSet>
    <newsItem guid="{_x(draft.uri)}" version="{draft.version}" standard="NewsML-G2" standardversion="2.33" conformance="power" xml:lang="en-AU">
      <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
      <rightsInfo>
        <copyrightHolder><name>{_x(AGENCY)}</name></copyrightHolder>
        <copyrightNotice>{_x(COPYRIGHT_NOTICE)}</copyrightNotice>
        <usageTerms>{_x(USAGE_TERMS)}</usageTerms>
      </rightsInfo>
      <itemMeta>
        <itemClass qcode="ninat:text"/>
        <provider literal="readwire-newswire"><name>{_x(AGENCY)}</name></provider>
        <versionCreated>{when(draft.version_created)}</versionCreated>
        <firstCreated>{when(draft.first_created)}</firstCreated>{embargo}
        <pubStatus qcode="stat:{draft.pub_status}"/>{ed_note}{signals}{link}
      </itemMeta>
      <contentMeta>
        <urgency>{draft.urgency}</urgency>
        <contentCreated>{when(draft.first_created)}</contentCreated>
        <located><name>{_x(draft.dateline.title())}</name></located>
        <creator><name>{_x(draft.byline)}</name></creator>
        <language tag="en-AU"/>
        <genre qcode="genre:{_x(draft.genre)}"><name>{_x(draft.genre)}</name></genre>{_subjects_g2(draft.subjects)}{entities}
        <slugline>{_x(draft.slugline)}</slugline>
        <headline>{_x(draft.headline)}</headline>
        <dateline>{_x(draft.dateline)}</dateline>
        <description role="drol:summary">{_x(draft.standfirst)}</description>
      </contentMeta>
      <contentSet>
        <inlineXML contenttype="application/nitf+xml">
          <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
      {_nitf_body(draft)}
          </nitf>
        </inlineXML>
      </contentSet>
    </newsItem>{picture_item}
  </itemSet>
</newsMessage>
"""


def nitf(draft: Draft) -> str:
    identified = "".join(
        f"\n      <{kind}>{_x(name)}</{kind}>"
        for kind, names in (("person", draft.people), ("location", draft.places), ("org", draft.organisations))
        for name in names
    )
    classifiers = "".join(
        f'\n      <classifier type="iptc" value="medtop:{code}">{_x(MEDIA_TOPICS[code])}</classifier>'
        for code in draft.subjects
    )
    ed_msg = f'\n    <ed-msg info="{_x(draft.ed_note)}"/>' if draft.ed_note else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" version="-//IPTC//DTD NITF 3.6//EN" change.date="2012-10-01" change.time="19:30">
  <head>
    <title>{_x(draft.headline)}</title>
    <meta name="slugline" content="{_x(draft.slugline)}"/>
    <docdata management-status="{draft.pub_status}">
    <doc-id regsrc="readwire-newswire" id-string="{_x(draft.uri)}"/>
    <du-key key="{_x(draft.slug)}" version="{draft.version}"/>
    <urgency ed-urg="{draft.urgency}"/>
    <date.issue norm="{when(draft.version_created)}"/>{ed_msg}
    <doc.copyright year="{draft.first_created.year}" holder="{_x(AGENCY)}"/>
    <doc.rights usage="{_x(USAGE_TERMS)}"/>
    <identified-content>{identified}{classifiers}
    </identified-content>
    </docdata>
  </head>
  {_nitf_body(draft)}
</nitf>
"""


# --- the partner: an RSS feed and a page -------------------------------------------------------


@dataclass
class FeedEntry:
    title: str
    link: str
    description: str
    author: str
    category: str
    published: datetime


def rss(title: str, link: str, description: str, entries: list[FeedEntry]) -> str:
    newest = max(e.published for e in entries)
    items = "".join(
        f"""
    <item>
      <title>{_x(e.title)}</title>
      <link>{_x(e.link)}</link>
      <guid isPermaLink="true">{_x(e.link)}</guid>
      <pubDate>{format_datetime(e.published.astimezone(SYDNEY))}</pubDate>
      <dc:creator>{_x(e.author)}</dc:creator>
      <category>{_x(e.category)}</category>
      <description>{_x(e.description)}</description>
    </item>"""
        for e in sorted(entries, key=lambda e: e.published, reverse=True)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{_x(title)}</title>
    <link>{_x(link)}</link>
    <description>{_x(description)}</description>
    <language>en-au</language>
    <lastBuildDate>{format_datetime(newest.astimezone(SYDNEY))}</lastBuildDate>
    <atom:link href="{_x(link)}feed.xml" rel="self" type="application/rss+xml"/>{items}
  </channel>
</rss>
"""
