"""Feeds, web pages and text dumps under fire: any input gives stories, rejections or a clear
refusal, and hostile markup never reaches what is stored."""

from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readwire.wire.ingest import UnsupportedDocument, feeds, html, text
from readwire.wire.item import Rejection, WireItem
from readwire.wire.models import Version
from readwire.wire.services import ingest

WEB = Path(__file__).parent / "fixtures" / "web"
FEED_FIXTURES = [p.read_bytes() for p in sorted((WEB / "feeds").glob("*.xml"))]
HTML_FIXTURES = [p.read_bytes() for p in sorted((WEB / "html").glob("*.html"))]
TEXT_FIXTURES = [p.read_bytes() for p in sorted((WEB / "text").glob("*.txt"))]

FAST = settings(max_examples=300, deadline=None)
# trafilatura takes milliseconds a page; fewer examples keep the file quick.
SLOW = settings(max_examples=60, deadline=None)
WITH_DB = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def holds_the_parser_contract(parser, data: bytes) -> None:
    try:
        result = parser.parse(data)
    except UnsupportedDocument as exc:
        assert str(exc)
        return
    assert isinstance(result, list)
    for entry in result:
        assert isinstance(entry, WireItem | Rejection)
        if isinstance(entry, WireItem):
            assert isinstance(entry.uri, str) and entry.uri
            assert isinstance(entry.headline, str)
            assert isinstance(entry.body_html, str) and isinstance(entry.body_text, str)
            assert all(isinstance(p.caption, str) and isinstance(p.credit, str) for p in entry.pictures)
        else:
            assert entry.reason


@st.composite
def mutated(draw, fixtures: list[bytes]) -> bytes:
    """A fixture cut, spliced, duplicated or sprinkled with bytes, as transfers and CMSs break them."""
    data = bytearray(draw(st.sampled_from(fixtures)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["cut", "insert", "duplicate", "truncate"]))
        if operation == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif operation == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=20) | st.sampled_from([b"<", b"&", b"]]>", b"\x00", b"\n\n"])
            )
        elif operation == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 300))]
        else:
            del data[at:]
    return bytes(data)


# --- any input --------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=2000))
def test_feed_parser_survives_any_bytes(data):
    holds_the_parser_contract(feeds, data)


@FAST
@given(mutated(FEED_FIXTURES))
def test_feed_parser_survives_broken_feeds(data):
    holds_the_parser_contract(feeds, data)


FEED_WORDS = st.sampled_from(
    ["<title>", "</title>", "<item>", "</item>", "<entry>", "</entry>", "<guid>", "</guid>", "<link>", "</link>",
     "<description>", "</description>", '<media:content url="', '"/>', "<![CDATA[", "]]>", "&amp;", "&bogus;",
     "<pubDate>Mon, 99 Foo 2024</pubDate>", "<updated>0000-00-00T99:99:99Z</updated>", "x", " ", "\n"]
)  # fmt: skip


@FAST
@given(st.lists(FEED_WORDS | st.text(max_size=10), max_size=60))
def test_feed_parser_survives_feeds_built_from_its_own_vocabulary(parts):
    body = "".join(parts)
    document = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        f"<link>https://p.example/</link>{body}</channel></rss>"
    )
    holds_the_parser_contract(feeds, document.encode("utf-8", errors="surrogatepass"))


@SLOW
@given(st.binary(max_size=2000))
def test_html_parser_survives_any_bytes(data):
    holds_the_parser_contract(html, data)


@SLOW
@given(mutated(HTML_FIXTURES))
def test_html_parser_survives_broken_pages(data):
    holds_the_parser_contract(html, data)


@FAST
@given(st.binary(max_size=2000))
def test_text_parser_survives_any_bytes(data):
    holds_the_parser_contract(text, data)


@FAST
@given(st.text(max_size=2000))
def test_text_parser_survives_any_text(value):
    holds_the_parser_contract(text, value.encode("utf-8", errors="surrogatepass"))


@FAST
@given(mutated(TEXT_FIXTURES))
def test_text_parser_survives_broken_dumps(data):
    holds_the_parser_contract(text, data)


TEXT_LINES = st.sampled_from(
    ["", "Share", "Read more", "Related stories", "License this article", "What is AAPNews?", "AU$10", "Join Now",
     "By Jane Citizen", "Updated 5:47pm Dec 6, 2025", "Advertisement", "Photo: Reuters", "(AAP Image/Dan Himbrechts)",
     "Halyna Hutchins", "Cinematographer Halyna Hutchins was killed on the set of Rust in October, 2021.",
     "Fans cheer. (AP PHOTO)", "Image source, Getty Images", "Image caption, Crowds gathered",
     "The council voted nine to two on Monday night to fund the rebuild of the bridge.", "• Enjoy it all",
     "We use cookies to improve your experience.", "-----", "Item 1 of 2 Ore. REUTERS/X Purchase Licensing Rights"]
)  # fmt: skip


@FAST
@given(st.lists(TEXT_LINES | st.text(max_size=40), max_size=60))
def test_text_parser_survives_pages_built_from_its_own_vocabulary(lines):
    holds_the_parser_contract(text, "\n".join(lines).encode("utf-8", errors="surrogatepass"))


# --- hostile markup ---------------------------------------------------------------------------

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(2)">',
        '<a href="javascript:alert(3)">click</a>',
        '<iframe src="https://evil.example/"></iframe>',
        "<svg onload=alert(4)>",
        '<a href="JaVaScRiPt:alert(5)">x</a>',
        '<body onload="alert(6)">',
        "<style>body{background:url(javascript:alert(7))}</style>",
        '<object data="https://evil.example/x.swf"></object>',
        '<div style="background:url(javascript:alert(8))">styled</div>',
        "<scr<script>ipt>alert(9)</script>",
    ]
)


def assert_harmless(markup: str) -> None:
    if not markup.strip():
        return
    lowered = markup.lower()
    for tag in ("<script", "<iframe", "<object", "<embed", "<svg", "<style", "<form", "<body"):
        assert tag not in lowered
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert name.lower() != "style"
            assert "javascript:" not in value.lower().replace(" ", "")


def assert_plain(value: str) -> None:
    lowered = value.lower()
    for fragment in ("<script", "<img", "<iframe", "<svg", "<a ", "<object", "<style", "<body", "onerror="):
        assert fragment not in lowered


def assert_stored_versions_are_harmless() -> None:
    for version in Version.objects.all():
        assert_harmless(version.body_html)
        assert_plain(version.headline)
        assert_plain(version.standfirst)
        assert_plain(version.byline)
        for picture in version.pictures:
            assert_plain(
                picture["caption"] + " " + picture["credit"] + " " + picture["title"] + " " + picture["alt_text"]
            )


def cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "") + "]]>"


@pytest.mark.django_db
@WITH_DB
@given(title=HOSTILE, body=HOSTILE, caption=HOSTILE, author=HOSTILE, n=st.integers(0, 10**6))
def test_hostile_feed_entry_never_reaches_a_stored_version(partner_source, title, body, caption, author, n):
    document = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><link>https://p.example/</link><item>
<title>{cdata("Bridge " + title + " reopens")}</title><guid>https://p.example/{n}</guid>
<dc:creator>{cdata(author + "Jane Citizen")}</dc:creator>
<content:encoded>{cdata("<p>The bridge " + body + " reopened on Monday.</p>")}</content:encoded>
<media:content url="https://p.example/bridge.jpg" medium="image"><media:description>{cdata(caption + "The bridge.")}</media:description>
<media:credit>{cdata(caption + "AAP")}</media:credit></media:content>
</item></channel></rss>"""
    results = ingest(document.encode(), partner_source)
    assert [r.result for r in results] in (["created"], ["new_version"], ["unchanged"])
    assert_stored_versions_are_harmless()


@pytest.mark.django_db
@WITH_DB
@given(title=HOSTILE, body=HOSTILE, caption=HOSTILE, author=HOSTILE, n=st.integers(0, 10**6))
def test_hostile_web_page_never_reaches_a_stored_version(partner_source, title, body, caption, author, n):
    escaped = {k: v.replace('"', "&quot;") for k, v in {"title": title, "caption": caption, "author": author}.items()}
    paragraphs = "".join(
        f"<p>Paragraph {i} about the bridge {body} which reopened on Monday after two years of repairs, "
        f"the council said in a statement to residents.</p>"
        for i in range(4)
    )
    document = f"""<!DOCTYPE html><html><head>
<link rel="canonical" href="https://p.example/page-{n}">
<meta property="og:title" content="Bridge {escaped["title"]} reopens">
<meta property="og:image" content="https://p.example/bridge.jpg">
<meta property="og:image:alt" content="{escaped["caption"]}The bridge">
<meta name="author" content="{escaped["author"]}Jane Citizen">
</head><body><article><h1>Bridge {title} reopens</h1>
<figure><img src="https://p.example/bridge.jpg"><figcaption>{caption} The bridge at dawn.</figcaption></figure>
{paragraphs}</article></body></html>"""
    ingest(document.encode(), partner_source)
    assert_stored_versions_are_harmless()


@pytest.mark.django_db
@WITH_DB
@given(title=HOSTILE, body=HOSTILE, caption=HOSTILE, n=st.integers(0, 10**6))
def test_hostile_text_dump_never_reaches_a_stored_version(wire_source, title, body, caption, n):
    document = "\n".join(
        [
            f"Bridge {n} {title} reopens after repairs",
            "",
            f"{caption} The bridge at dawn. (AAP Image/Dan Himbrechts)",
            "",
            f"The bridge {body} reopened on Monday after two years of repairs, the council said.",
            "",
            "Bridge Opening",
            f"{caption}Crowds cross the Bridge Opening ribbon on Monday.",
            "",
            "Traffic is expected to return to normal by the end of the week, the council said.",
        ]
    )
    ingest(document.encode(), wire_source)
    assert_stored_versions_are_harmless()
