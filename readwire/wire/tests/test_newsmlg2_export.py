"""NewsML-G2 out: what Readwire stored comes back whole when the export is read in again."""

from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from readwire.wire.export import export_version
from readwire.wire.export.newsmlg2 import NAR, render
from readwire.wire.ingest import detect_format, newsmlg2
from readwire.wire.item import CANCELED, Entity, Picture, Rendition, Subject, WireItem
from readwire.wire.models import Story
from readwire.wire.sanitise import clean_html, html_to_text
from readwire.wire.services import accept, ingest

FIXTURES = Path(__file__).parent / "fixtures" / "newsmlg2"
G2 = {"g2": NAR}


def stored(wire_source, **overrides) -> Story:
    fields = dict(
        uri="urn:agency:2026:reef-bleaching",
        version=3,
        format="ninjs",
        headline="Mass bleaching confirmed on the Great Barrier Reef",
        standfirst="Aerial surveys found bleaching on two-thirds of reefs.",
        body_html=(
            "<p>Scientists confirmed the reef's sixth mass bleaching event since 2016.</p>"
            "<h2>What the surveys found</h2><p>Bleaching was <strong>severe</strong> on "
            '<a href="https://example.org/map">northern reefs</a>.</p><ul><li>One</li><li>Two</li></ul>'
        ),
        byline="By Mia Torres",
        dateline="TOWNSVILLE, March 14",
        language="en-AU",
        urgency=4,
        slugline="Env-Reef",
        genre="Current",
        ed_note="Corrects the number of reefs surveyed.",
        signals=["correction"],
        embargoed_until=datetime(2026, 3, 14, 0, 30, tzinfo=UTC),
        first_created=datetime(2026, 3, 13, 22, 0, tzinfo=UTC),
        version_created=datetime(2026, 3, 13, 23, 45, tzinfo=UTC),
        copyright_notice="Copyright 2026 The Agency",
        usage_terms="Editorial use only",
        subjects=[
            Subject(name="coral reefs", code="medtop:20000420", scheme="medtop"),
            Subject(name="climate change", uri="http://cv.iptc.org/newscodes/mediatopic/20000419"),
            Subject(name="reef", scheme="keyword"),
        ],
        people=[Entity(name="Mia Torres", code="staff:mtorres")],
        places=[Entity(name="Great Barrier Reef", code="geo:2164628"), Entity(name="Townsville")],
        organisations=[Entity(name="Australian Institute of Marine Science", uri="https://www.aims.gov.au/")],
        pictures=[
            Picture(
                uri="urn:agency:2026:reef-photo",
                caption="Bleached coral near Lizard Island.",
                credit="AIMS",
                alt_text="White coral under shallow water",
                title="Bleached coral",
                renditions=[
                    Rendition(
                        href="https://img.example.com/reef.jpg",
                        name="highRes",
                        mimetype="image/jpeg",
                        width=2400,
                        height=1600,
                    ),
                    Rendition(
                        href="https://img.example.com/reef-th.jpg",
                        name="thumbnail",
                        mimetype="image/jpeg",
                        width=240,
                        height=160,
                    ),
                ],
            ),
            Picture(
                caption="A diver records the damage.", renditions=[Rendition(href="https://img.example.com/diver.jpg")]
            ),
        ],
    )
    fields.update(overrides)
    accept(WireItem(**fields), wire_source)
    return Story.objects.get(uri=fields["uri"])


def reread(story: Story) -> WireItem:
    entries = newsmlg2.parse(render(story.current).encode())
    (item,) = entries
    assert isinstance(item, WireItem), item
    return item


def test_export_reads_back_with_the_same_story(wire_source):
    story = stored(wire_source)
    version = story.current
    item = reread(story)
    assert (item.uri, item.version, item.pub_status) == (story.uri, 3, "usable")
    assert item.headline == version.headline
    assert item.standfirst == version.standfirst
    assert (item.byline, item.dateline, item.slugline, item.genre) == (
        "By Mia Torres",
        "TOWNSVILLE, March 14",
        "Env-Reef",
        "Current",
    )
    assert (item.language, item.urgency) == ("en-AU", 4)
    assert (item.ed_note, item.signals) == (version.ed_note, ["correction"])
    assert item.embargoed_until == version.embargoed_until
    assert item.first_created == version.first_created
    assert item.version_created == version.version_created
    assert (item.copyright_notice, item.usage_terms) == ("Copyright 2026 The Agency", "Editorial use only")


def test_export_keeps_subjects_people_places_and_organisations(wire_source):
    story = stored(wire_source)
    item = reread(story)
    assert [(s.name, s.code) for s in item.subjects] == [
        ("coral reefs", "medtop:20000420"),
        ("climate change", "medtop:20000419"),
        ("reef", ""),
    ]
    assert item.subjects[2].scheme == "keyword"
    assert [(p.name, p.code) for p in item.people] == [("Mia Torres", "staff:mtorres")]
    assert [(p.name, p.code) for p in item.places] == [("Great Barrier Reef", "geo:2164628"), ("Townsville", "")]
    assert [(o.name, o.uri) for o in item.organisations] == [
        ("Australian Institute of Marine Science", "https://www.aims.gov.au/")
    ]


def test_export_keeps_pictures_with_renditions(wire_source):
    story = stored(wire_source)
    reef, diver = reread(story).pictures
    assert (reef.uri, reef.caption, reef.credit, reef.alt_text, reef.title) == (
        "urn:agency:2026:reef-photo",
        "Bleached coral near Lizard Island.",
        "AIMS",
        "White coral under shallow water",
        "Bleached coral",
    )
    assert [(r.name, r.href, r.width, r.height) for r in reef.renditions] == [
        ("highRes", "https://img.example.com/reef.jpg", 2400, 1600),
        ("thumbnail", "https://img.example.com/reef-th.jpg", 240, 160),
    ]
    # a picture without a URI of its own gets one under the story's
    assert diver.uri == f"{story.uri}#picture-2"
    assert diver.caption == "A diver records the damage."


def test_export_read_back_is_the_same_version(wire_source):
    story = stored(wire_source)
    result = accept(reread(story), wire_source)
    assert (result.result, result.version) == ("unchanged", 3)
    assert story.versions.count() == 1


def test_export_body_is_xhtml_with_the_same_text(wire_source):
    story = stored(wire_source)
    document = etree.fromstring(render(story.current).encode())
    body = document.find(".//{http://www.w3.org/1999/xhtml}body")
    assert [etree.QName(e).localname for e in body] == ["p", "h2", "p", "ul"]
    item = reread(story)
    assert html_to_text(clean_html(item.body_html)) == story.current.body_text
    assert 'href="https://example.org/map"' in item.body_html


def test_plain_text_body_exports_as_paragraphs(wire_source):
    story = stored(wire_source, uri="urn:agency:2026:plain", body_html="", body_text="First.\n\nSecond.")
    assert reread(story).body_html == "<p>First.</p>\n<p>Second.</p>"


def test_export_is_a_newsmessage_in_schema_order(wire_source):
    story = stored(wire_source)
    output = render(story.current)
    assert detect_format(output.encode()) == "newsmlg2"
    document = etree.fromstring(output.encode())
    assert etree.QName(document).localname == "newsMessage"
    assert document.find("g2:header/g2:sent", G2) is not None
    items = document.findall("g2:itemSet/g2:newsItem", G2)
    assert [i.find("g2:itemMeta/g2:itemClass", G2).get("qcode") for i in items] == [
        "ninat:text",
        "ninat:picture",
        "ninat:picture",
    ]
    text = items[0]
    assert [etree.QName(e).localname for e in text] == [
        "catalogRef",
        "rightsInfo",
        "itemMeta",
        "contentMeta",
        "contentSet",
    ]
    item_meta = [etree.QName(e).localname for e in text.find("g2:itemMeta", G2)]
    assert item_meta == [
        "itemClass",
        "provider",
        "versionCreated",
        "firstCreated",
        "embargoed",
        "pubStatus",
        "edNote",
        "signal",
        "link",
        "link",
    ]
    assert text.find("g2:itemMeta/g2:provider", G2).get("literal") == "agency"
    assert text.find("g2:itemMeta/g2:signal", G2).get("qcode") == "sig:correction"
    assert text.find("g2:itemMeta/g2:versionCreated", G2).text == "2026-03-13T23:45:00Z"
    subject = text.find("g2:contentMeta/g2:subject[@qcode='medtop:20000420']", G2)
    assert subject.get("type") == "cpnat:abstract"
    assert subject.find("g2:name", G2).text == "coral reefs"


def test_hostile_text_cannot_break_the_markup(wire_source):
    story = stored(
        wire_source,
        uri="urn:agency:2026:hostile",
        headline='Quotes "and" <b>tags</b> </headline><script>x</script> & more',
        byline="]]> <!-- -->",
        # XML 1.0 cannot carry control characters at all; they are dropped, not allowed to break the export
        slugline="Slug\x01 \x0bline",
        pictures=[],
    )
    item = reread(story)
    assert item.headline == story.current.headline == 'Quotes "and" tags & more'
    assert item.byline == story.current.byline
    assert item.slugline == "Slug line"


def test_kill_exports_as_canceled(wire_source):
    story = stored(wire_source)
    accept(WireItem(uri=story.uri, headline="", format="ninjs", version=4, pub_status=CANCELED), wire_source)
    story.refresh_from_db()
    assert reread(story).pub_status == CANCELED


def test_ingested_g2_exports_and_reads_back(wire_source):
    ingest((FIXTURES / "message-story-with-pictures.xml").read_bytes(), wire_source)
    story = Story.objects.get()
    output = export_version(story.current, "newsmlg2")
    item = newsmlg2.parse(output.encode())[0]
    assert item.headline == story.headline
    assert [p.uri for p in item.pictures][:2] == [p["uri"] for p in story.current.pictures][:2]
    assert [s.code for s in item.subjects] == [s["code"] for s in story.current.subjects]
