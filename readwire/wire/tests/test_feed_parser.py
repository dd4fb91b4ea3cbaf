"""Partner RSS and Atom feeds: one story per entry, pictures with captions, nothing fetched."""

from datetime import UTC, datetime
from pathlib import Path

import feedparser.http
import pytest

from readwire.wire.ingest import UnsupportedDocument, detect_format, feeds
from readwire.wire.item import Rejection, WireItem
from readwire.wire.models import Story
from readwire.wire.services import ingest

FIXTURES = Path(__file__).parent / "fixtures" / "web" / "feeds"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def items(name: str) -> list[WireItem | Rejection]:
    return feeds.parse(read(name))


def rss_feed(*entries: str, channel: str = "<link>https://partner.example/</link>") -> bytes:
    body = "".join(f"<item>{entry}</item>" for entry in entries)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>{channel}{body}</channel></rss>'.encode()


@pytest.mark.parametrize("name", ["partner-rss2.xml", "partner-atom.xml", "newswire-rdf.xml", "broken-rss.xml"])
def test_feed_fixtures_are_detected_as_feeds(name):
    assert detect_format(read(name)) == "feed"


def test_rss_entry_becomes_a_story_with_its_link_byline_subjects_and_dates():
    bridge = items("partner-rss2.xml")[0]
    assert bridge.format == "feed"
    assert bridge.uri == "urn:readwire:feed:chronicle.example:48213"
    assert bridge.source_link == "https://chronicle.example/news/maitland-bridge-upgrade"
    assert bridge.byline == "Jane Citizen"
    assert bridge.language == "en-au"
    assert bridge.version is None
    assert [s.name for s in bridge.subjects] == ["Local government", "Infrastructure"]
    assert all(s.code == "" for s in bridge.subjects)
    # Mon, 02 Dec 2024 09:30 +1100 is 22:30 UTC the day before.
    assert bridge.first_created == datetime(2024, 12, 1, 22, 30, tzinfo=UTC)
    assert bridge.version_created == bridge.first_created
    assert "Belmore Bridge" in bridge.body_html
    assert bridge.standfirst == "Councillors voted 9-2 to fund the $14 million upgrade."
    assert bridge.original.startswith("<item") and "48213" in bridge.original


def test_media_content_gives_a_captioned_credited_picture_with_its_thumbnail():
    bridge = items("partner-rss2.xml")[0]
    lead = bridge.pictures[0]
    assert lead.caption == "The Belmore Bridge at dusk on Monday."
    assert lead.title == "Belmore Bridge"
    assert lead.credit == "Newcastle Herald/Peter Lorimer"
    assert [(r.name, r.href, r.width, r.height) for r in lead.renditions] == [
        ("original", "https://img.chronicle.example/bridge-1200.jpg", 1200, 800),
        ("thumbnail", "https://img.chronicle.example/bridge-200.jpg", 200, 133),
    ]


def test_image_enclosures_are_pictures_and_audio_enclosures_are_not():
    bridge = items("partner-rss2.xml")[0]
    hrefs = [r.href for p in bridge.pictures for r in p.renditions]
    assert "https://img.chronicle.example/detours.png" in hrefs
    assert not any(href.endswith(".mp3") for href in hrefs)


def test_media_group_is_one_picture_with_several_renditions_and_its_caption_is_not_the_body():
    gauges = items("partner-rss2.xml")[1]
    assert len(gauges.pictures) == 1
    picture = gauges.pictures[0]
    assert picture.caption == "A river gauge on the Hunter at Singleton."
    assert picture.credit == "AAP Image/Dan Himbrechts"
    assert [r.width for r in picture.renditions] == [1600, 400]
    assert "40 river gauges" in gauges.body_html
    assert "river gauge on the Hunter at Singleton" not in gauges.body_html
    # Only a description, no full content: it is the body, not also the standfirst.
    assert gauges.standfirst == ""


def test_rss_author_with_email_gives_the_name_only():
    assert items("partner-rss2.xml")[1].byline == "Sam Ortiz"


def test_permalink_guid_is_kept_as_the_uri():
    assert items("partner-rss2.xml")[1].uri == "https://chronicle.example/news/flood-gauges"


def test_entry_with_neither_title_nor_content_is_rejected_alone():
    parsed = items("partner-rss2.xml")
    assert isinstance(parsed[2], Rejection)
    assert "neither a title nor any content" in parsed[2].reason
    assert parsed[2].uri == "urn:readwire:feed:chronicle.example:48215"
    assert all(isinstance(p, WireItem) for p in parsed[:2])


def test_atom_entry_keeps_authors_updated_and_published_times_and_labels():
    bridge = items("partner-atom.xml")[0]
    assert bridge.uri == "tag:courrier.example,2025:pont"
    assert bridge.byline == "Marie Lefèvre, Paul Girard"
    assert bridge.first_created == datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
    assert bridge.version_created == datetime(2025, 1, 2, 9, 0, tzinfo=UTC)
    assert bridge.language == "fr"
    assert [s.name for s in bridge.subjects] == ["Transports", "ville"]
    assert bridge.standfirst == "Le pont relie enfin les deux rives du port."
    assert "première semaine" in bridge.body_html
    hrefs = {r.href for p in bridge.pictures for r in p.renditions}
    assert hrefs == {"https://courrier.example/images/pont.jpg", "https://courrier.example/images/pont-vignette.jpg"}


def test_atom_plain_text_content_and_title_come_through_as_written():
    result = items("partner-atom.xml")[1]
    assert result.source_link == ""  # an Atom entry without a link has no page to point to
    assert (
        result.body_html
        == "<p>Le trafic du port a reculé de 4 % en 2024.</p><p>Les dirigeants attendent un rebond au printemps.</p>"
    )
    assert result.standfirst == ""


def test_rss1_rdf_items_are_read():
    (train,) = items("newswire-rdf.xml")
    assert train.uri == "https://nachrichten.example/a/101"
    assert train.headline == "Bahn kündigt neue Nachtzüge an"
    assert train.byline == "Max Mustermann"
    assert train.language == "de"
    assert [s.name for s in train.subjects] == ["Verkehr"]
    assert train.first_created == datetime(2025, 2, 3, 3, 5, 6, tzinfo=UTC)


def test_malformed_feed_with_entries_is_read_leniently_with_a_warning():
    (fish,) = items("broken-rss.xml")
    assert "Fish" in fish.headline and "chips" in fish.headline
    assert any("not well-formed" in w for w in fish.warnings)
    assert fish.pictures[0].renditions[0].href == "https://gazette.example/fryer.jpg"
    assert fish.pictures[0].credit == "Gazette/Ann Lee"
    assert '"title"' in fish.original  # no XML element to keep: the entry as feedparser read it


def test_entry_without_id_uses_its_link():
    (entry,) = feeds.parse(rss_feed("<title>Link only</title><link>https://partner.example/a</link>"))
    assert entry.uri == "https://partner.example/a"
    assert entry.warnings == []


def test_entry_without_id_or_link_gets_a_stable_hash_uri_and_a_warning():
    document = rss_feed("<title>No address</title><pubDate>Mon, 02 Dec 2024 09:30:00 +1100</pubDate>")
    first = feeds.parse(document)[0]
    again = feeds.parse(document)[0]
    assert first.uri.startswith("urn:readwire:feed:") and first.uri == again.uri
    assert any("hash" in w for w in first.warnings)
    other = feeds.parse(rss_feed("<title>Another title</title>"))[0]
    assert other.uri != first.uri


def test_bare_guid_without_a_feed_site_is_kept_with_a_warning():
    (entry,) = feeds.parse(rss_feed("<title>T</title><guid>77</guid>", channel=""))
    assert entry.uri == "77"
    assert any("not a URI" in w for w in entry.warnings)


def test_malformed_site_address_does_not_break_the_feed():
    (entry,) = feeds.parse(rss_feed("<title>T</title><guid>78</guid>", channel="<link>https://[partner/</link>"))
    assert entry.uri == "78"


def test_entry_with_content_but_no_title_takes_its_first_words_as_headline():
    text = "The harbour reopened this morning after a week of repairs to the sea wall " * 3
    (entry,) = feeds.parse(rss_feed(f"<guid>https://p.example/x</guid><description>{text}</description>"))
    assert entry.headline.startswith("The harbour reopened this morning")
    assert entry.headline.endswith("…") and len(entry.headline) <= 121
    assert any("no title" in w for w in entry.warnings)


def test_truncated_summary_is_not_repeated_as_standfirst():
    body = "<p>Councillors met for four hours on Monday before voting on the plan.</p><p>More.</p>"
    summary = "Councillors met for four hours on Monday before [&#8230;]"
    document = rss_feed(
        f"<title>T</title><guid>https://p.example/s</guid><description>{summary}</description>"
        f'<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[{body}]]></content:encoded>'
    )
    assert feeds.parse(document)[0].standfirst == ""


def test_unreadable_document_raises_with_the_parsers_reason():
    with pytest.raises(UnsupportedDocument, match="not a readable RSS or Atom feed: .*not well-formed"):
        feeds.parse(b"<rss><<<>>>")


def test_html_page_is_not_a_feed():
    with pytest.raises(UnsupportedDocument, match="not an RSS or Atom feed"):
        feeds.parse(b"<html><body><p>hello</p></body></html>")


def test_feed_without_entries_holds_no_story():
    assert feeds.parse(rss_feed()) == []


def test_bytes_naming_a_local_file_are_parsed_not_opened(tmp_path):
    # feedparser.parse(bytes) would open() this path and parse the file's content.
    local = tmp_path / "secret-feed.xml"
    local.write_bytes(rss_feed("<title>Read from the disk</title><guid>https://p.example/secret</guid>"))
    with pytest.raises(UnsupportedDocument):
        feeds.parse(str(local).encode())


def test_a_url_is_never_fetched(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("feedparser tried to fetch a URL")

    monkeypatch.setattr(feedparser.http, "get", no_network)
    with pytest.raises(UnsupportedDocument):
        feeds.parse(b"https://partner.example/feed.xml")


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("database-password")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]><rss version="2.0">'
        "<channel><link>https://p.example/</link><item><title>T &xxe;</title><guid>https://p.example/1</guid>"
        "<description>D &xxe;</description></item></channel></rss>"
    ).encode()
    (entry,) = feeds.parse(document)
    assert "database-password" not in entry.headline + entry.body_html + entry.original


def test_entity_expansion_bomb_is_not_expanded():
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    document = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<item><title>&i;</title><guid>https://p.example/2</guid></item></channel></rss>"
    ).encode()
    parsed = feeds.parse(document)
    assert all(len(p.headline) < 1000 for p in parsed if isinstance(p, WireItem))


def test_hostile_entry_html_never_reaches_the_stored_version(partner_source):
    results = ingest(read("partner-rss2.xml"), partner_source)
    assert [r.result for r in results] == ["created", "created", "rejected"]
    version = Story.objects.get(uri="urn:readwire:feed:chronicle.example:48213").current
    for hostile in ("<script", "document.cookie", "onerror", "javascript:", "<iframe", "<b>"):
        assert hostile not in version.body_html
        assert hostile not in version.headline
    assert version.headline == "Council approves Maitland bridge upgrade"
    assert version.source_link == "https://chronicle.example/news/maitland-bridge-upgrade"
    assert version.pictures[0]["caption"] == "The Belmore Bridge at dusk on Monday."


def test_plain_text_title_with_a_less_than_sign_is_stored_as_written(partner_source):
    ingest(read("partner-atom.xml"), partner_source)
    story = Story.objects.get(uri="tag:courrier.example,2025:port-resultats")
    assert story.headline == "Résultats < prévisions : le port recule"


def test_same_feed_polled_again_is_unchanged_and_an_edited_entry_is_a_new_version(partner_source):
    document = read("partner-rss2.xml")
    ingest(document, partner_source)
    assert [r.result for r in ingest(document, partner_source)] == ["unchanged", "unchanged", "rejected"]
    edited = document.replace(b"for six weeks", b"for eight weeks")
    results = ingest(edited, partner_source)
    assert [(r.result, r.version) for r in results[:2]] == [("new_version", 2), ("unchanged", 1)]
