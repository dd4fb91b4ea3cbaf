"""Web article pages: the story and its lead picture, the page's furniture and hostile markup gone."""

import socket
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from readwire.wire.ingest import UnsupportedDocument, detect_format, html
from readwire.wire.item import Rejection, WireItem
from readwire.wire.models import Story
from readwire.wire.services import ingest

FIXTURES = Path(__file__).parent / "fixtures" / "web" / "html"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def item(name: str) -> WireItem:
    (parsed,) = html.parse(read(name))
    assert isinstance(parsed, WireItem)
    return parsed


ARTICLE_TEXT = "".join(
    f"<p>Paragraph {n} of a story about the new ferry timetable, which adds late sailings on Fridays "
    f"and Saturdays from the first of next month, the operator said on Tuesday.</p>"
    for n in range(1, 6)
)


def page(head: str = "", body: str = ARTICLE_TEXT) -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article><h1>Ferry adds late sailings</h1>{body}</article></body></html>".encode()


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the HTML parser tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_html_fixtures_are_detected_as_html(name):
    assert detect_format(read(name)) == "html"


def test_news_article_gives_headline_byline_times_body_and_canonical_uri(no_network):
    story = item("news-article-jsonld.html")
    assert story.format == "html"
    assert story.uri == "https://coastal.example/news/2025/03/storm-closes-ferries"
    assert story.source_link == story.uri
    assert story.headline == "Storm closes ferry routes across the Channel"
    assert story.byline == "Priya Natarajan"
    assert story.first_created == datetime(2025, 3, 4, 7, 15, tzinfo=UTC)
    assert story.version_created == datetime(2025, 3, 4, 9, 40, tzinfo=UTC)
    assert story.language == "en-GB"
    assert story.standfirst == "Operators cancelled every crossing from Dover as winds reached 90mph."
    assert story.version is None
    assert story.body_html.count("<p>") == 5
    assert story.body_html.startswith("<p>Ferry operators cancelled every crossing")
    assert "<h1>" not in story.body_html  # the headline is not repeated in the body
    assert "<!DOCTYPE html>" in story.original


def test_page_furniture_stays_out_of_the_body():
    body = item("news-article-jsonld.html").body_html
    for furniture in ("We use cookies", "Related stories", "Sign up to our newsletter", "All rights reserved", "Sport"):
        assert furniture not in body


def test_lead_picture_comes_from_og_image_with_json_ld_caption_and_credit():
    (picture,) = item("news-article-jsonld.html").pictures
    assert picture.renditions[0].href == "https://img.coastal.example/storm.jpg"
    assert picture.caption == "Waves break over the harbour wall at Dover on Tuesday morning."
    assert picture.credit == "PA Images/John Smith"
    assert picture.alt_text == "Waves break over the harbour wall at Dover"


def test_page_without_metadata_gets_a_stable_hash_uri_its_date_and_its_figure():
    story = item("article-no-metadata.html")
    assert story.uri.startswith("urn:readwire:page:")
    assert story.uri == item("article-no-metadata.html").uri
    assert any("no canonical URL" in w for w in story.warnings)
    assert story.headline == "Library reopens after flood repairs"
    assert story.first_created == datetime(2024, 8, 19, tzinfo=UTC)
    assert story.body_html.count("<p>") == 4
    assert "news@bulletin.example" not in story.body_html
    (picture,) = story.pictures
    assert (picture.caption, picture.credit) == ("The new reading room on its first morning.", "Riverside Bulletin")
    # "/images/library.jpg" on a page with no address of its own cannot be shown: no rendition.
    assert picture.renditions == []


def test_latin1_page_is_decoded_and_its_relative_og_image_resolved_against_the_canonical_url():
    story = item("latin1-article.html")
    assert story.headline == "Le marché de Noël de Strasbourg attire un record de visiteurs"
    assert "Hélène" in story.body_html
    assert story.language == "fr"
    assert story.first_created == datetime(2024, 12, 15, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    assert story.pictures[0].renditions[0].href == "https://journal.example/photos/marche.jpg"


def test_json_ld_in_a_graph_with_several_authors_and_keywords():
    head = (
        '<link rel="canonical" href="https://ferries.example/late-sailings">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage", "@id": "https://ferries.example/late-sailings"},'
        '{"@type": ["NewsArticle"], "headline": "Ferry operator adds late sailings",'
        ' "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Ben Cole"}],'
        ' "datePublished": "2025-06-01T08:00:00+10:00", "keywords": "Ferries, Transport",'
        ' "image": ["https://ferries.example/boat.jpg"]}]}</script>'
    )
    story = item_from(page(head))
    assert story.headline == "Ferry operator adds late sailings"
    assert story.byline == "Ana Ruiz, Ben Cole"
    assert story.first_created == datetime(2025, 5, 31, 22, 0, tzinfo=UTC)
    assert [s.name for s in story.subjects] == ["Ferries", "Transport"]
    assert story.pictures[0].renditions[0].href == "https://ferries.example/boat.jpg"


def item_from(data: bytes) -> WireItem:
    (parsed,) = html.parse(data)
    assert isinstance(parsed, WireItem)
    return parsed


def test_malformed_canonical_url_falls_back_to_a_hash_uri():
    story = item_from(page('<link rel="canonical" href="https://[ferries/late">'))
    assert story.uri.startswith("urn:readwire:page:")
    assert story.source_link == ""


def test_broken_json_ld_is_ignored_and_the_page_still_read():
    story = item_from(page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'))
    assert story.headline == "Ferry adds late sailings"
    assert story.body_html.count("<p>") == 5


def test_index_page_without_an_article_is_rejected_with_a_reason():
    (rejection,) = html.parse(read("section-front.html"))
    assert isinstance(rejection, Rejection)
    assert "no article text" in rejection.reason
    assert rejection.uri == "https://daily.example/sport"


@pytest.mark.parametrize("data", [b"", b"   ", b"<html></html>", b"<html><head><title></title></head></html>"])
def test_empty_pages_are_unsupported(data):
    with pytest.raises(UnsupportedDocument):
        html.parse(data)


def test_hostile_markup_never_reaches_the_stored_version(partner_source, no_network):
    (result,) = ingest(read("hostile-article.html"), partner_source)
    assert result.result == "created"
    version = Story.objects.get(uri="https://hostile.example/news/harbour-tunnel").current
    stored = " ".join(
        [version.headline, version.byline, version.standfirst, version.body_html]
        + [p["caption"] + p["credit"] + p["alt_text"] for p in version.pictures]
    )
    for hostile in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "style=",
    ):
        assert hostile not in stored
    assert "Injected paragraph" not in version.body_html
    assert version.headline == "Harbour tunnel opens to traffic"
    assert version.byline == "Lee Wong"
    assert version.pictures[0]["caption"] == "Cars enter the tunnel on its first morning."
    assert "12,000 vehicles" in version.body_html


def test_same_page_imported_again_is_unchanged_and_an_edited_page_is_a_new_version(wire_source):
    data = read("news-article-jsonld.html")
    assert [r.result for r in ingest(data, wire_source)] == ["created"]
    assert [r.result for r in ingest(data, wire_source)] == ["unchanged"]
    edited = data.replace(b"leaving thousands of travellers stranded", b"leaving 20,000 travellers stranded")
    assert [(r.result, r.version) for r in ingest(edited, wire_source)] == [("new_version", 2)]
