"""Reading NewsML-G2: IPTC's own examples, an agency's newsMessage with pictures and a package,
corrections, kills, embargoes, and the items that cannot be stories."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from readwire.wire.ingest import UnsupportedDocument, detect_format, newsmlg2
from readwire.wire.item import CANCELED, USABLE, WITHHELD, Rejection, WireItem
from readwire.wire.models import Story
from readwire.wire.services import ingest

FIXTURES = Path(__file__).parent / "fixtures" / "newsmlg2"
STORY_GUID = "urn:newsml:example-agency.com.au:20260312:bushfire-blue-mountains"
CREW_PHOTO = "urn:newsml:example-agency.com.au:20260312:bushfire-photo-crew"
SMOKE_PHOTO = "urn:newsml:example-agency.com.au:20260312:bushfire-photo-smoke"
RATES_GUID = "urn:newsml:example-agency.com.au:20260310:rba-rates"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def only_story(data: bytes) -> WireItem:
    (entry,) = newsmlg2.parse(data)
    assert isinstance(entry, WireItem), entry
    return entry


def news_item(body: str, guid: str = "urn:test:item", attributes: str = 'version="1"') -> bytes:
    return (
        f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{guid}" {attributes}>{body}</newsItem>'
    ).encode()


# --- IPTC's examples -----------------------------------------------------------------------------


def test_iptc_news_item_keeps_its_metadata():
    item = only_story(read("iptc-listing-1-news-item.xml"))
    assert item.uri == "urn:newsml:acmenews.com:20161018:US-FINANCE-FED"
    assert item.version == 11
    assert item.headline == 'Fed to halt QE to avert "bubble"'
    assert item.slugline == "US-Finance-Fed"
    assert item.language == "en-GB"
    assert item.genre == "Interview"
    assert item.pub_status == USABLE
    assert item.signals == ["update"]
    assert item.ed_note.startswith("Note to editors: STRICTLY EMBARGOED.")
    assert item.embargoed_until == datetime(2018, 10, 23, 12, 0, tzinfo=UTC)
    assert item.version_created == datetime.fromisoformat("2018-10-21T16:25:32-05:00")
    assert item.first_created == datetime.fromisoformat("2016-10-18T13:12:21-05:00")
    assert [(s.code, s.name) for s in item.subjects] == [
        ("medtop:04000000", "economy, business and finance"),
        ("medtop:20000523", "labour market"),
    ]
    # with no <by> the creator is the byline, and with no <dateline> the place it was written
    assert item.byline == "Meredith Jameson"
    assert item.dateline == "Berlin"
    assert [(p.name, p.code) for p in item.places] == [("Berlin", "geo:345678")]
    assert item.copyright_notice == "Copyright 2017-18 Example Enews LLP, all rights reserved"
    assert item.usage_terms == "Not for use outside the United States"


def test_iptc_text_document_reads_its_nitf_body():
    item = only_story(read("iptc-listing-2-text-nitf.xml"))
    assert item.body_html.count("<p>") == 2
    assert item.body_html.startswith("<p>(New York, NY - October 21) Et, sent luptat luptat")
    assert "\n                           " not in item.body_html
    assert item.byline == "By Meredith Jameson, Staff Reporter"
    assert item.dateline == "New York, NY"
    assert [s.code for s in item.subjects] == ["medtop:04000000", "medtop:20000350", "medtop:20000379"]


def test_iptc_nitf_content_set_gives_headline_abstract_and_byline():
    fragment = read("iptc-listing-25-nitf-content-set.xml").decode()
    data = news_item(
        '<itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:SN"/>'
        "<versionCreated>2010-05-25T10:00:00Z</versionCreated></itemMeta>" + fragment
    )
    item = only_story(data)
    assert item.headline == "Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05p.m."
    assert item.standfirst.startswith("A pair of teams coming off big weekend sweeps")
    assert item.byline == "Sports Network"
    assert "clash of the Titans" in item.body_html


def test_iptc_photo_nothing_refers_to_is_a_picture_story():
    item = only_story(read("iptc-listing-3-photo.xml"))
    assert item.headline == "Variety Of Recessionary Forces Leave Las Vegas Economy Scarred"
    assert item.body_text.startswith("A general view of part of downtown")
    (picture,) = item.pictures
    assert picture.uri == "tag:gettyimages.com,2010:GYI0062134533"
    assert picture.credit == "Getty Images"
    assert picture.caption.endswith("(Photo by Spencer Platt/Getty Images)")
    assert [(r.name, r.mimetype, r.width, r.height) for r in picture.renditions] == [
        ("highRes", "image/jpeg", 1500, 1001),
        ("web", "image/jpeg", 480, 320),
        ("thumb", "image/gif", 80, 53),
    ]
    assert {p.name for p in item.places} == {"Las Vegas Boulevard", "Las Vegas"}
    assert "medtop:20000533" in {s.code for s in item.subjects}


def test_iptc_package_alone_is_rejected_naming_what_it_references():
    (entry,) = newsmlg2.parse(read("iptc-listing-6-package.xml"))
    assert isinstance(entry, Rejection)
    assert entry.uri == "tag:example.com,2008:UK-NEWS-TOPTEN:UK20081220098658"
    assert "urn:newsml:iptc.org:20081007:tutorial-item-A" in entry.reason
    assert "same newsMessage" in entry.reason


def test_item_with_only_metadata_is_rejected_naming_its_guid():
    (entry,) = newsmlg2.parse(read("iptc-listing-29-hop-history.xml"))
    assert isinstance(entry, Rejection)
    assert entry.uri == "urn:newsml:acmenews.com:20161019T1205:HOP-HISTORY-EXAMPLE"
    assert entry.uri in entry.reason and "no content" in entry.reason


# listing 25 is a fragment of an item, not a document
DOCUMENTS = sorted(p for p in FIXTURES.glob("*.xml") if "listing-25" not in p.name)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_g2_fixture_is_detected_as_newsmlg2(path):
    assert detect_format(path.read_bytes()) == "newsmlg2"


# --- a newsMessage with a story, its pictures and a package ------------------------------------


def test_message_gives_one_story_with_linked_and_packaged_pictures():
    item = only_story(read("message-story-with-pictures.xml"))
    assert item.uri == STORY_GUID
    assert [p.uri for p in item.pictures] == [CREW_PHOTO, SMOKE_PHOTO, ""]
    crew, smoke, graphic = item.pictures
    assert crew.caption == "Firefighters protect a house on Cliff Drive, Katoomba, early on Thursday."
    assert crew.credit == "Dan Himbrechts/Example Agency"
    assert crew.alt_text == "Two firefighters hose down a weatherboard house with flames behind it"
    assert crew.title == "Firefighters at Katoomba"
    assert [(r.name, r.width) for r in crew.renditions] == [("highRes", 3000), ("thumbnail", 300)]
    # no creditline: the copyright holder is the credit
    assert smoke.credit == "NSW Rural Fire Service"
    assert smoke.caption == "Smoke over the Jamison Valley seen from Echo Point."
    # the map came as NITF media inside the body
    assert graphic.alt_text == "Map of the fire front near Katoomba"
    assert graphic.credit == "Example Agency graphic"
    assert graphic.renditions[0].href.endswith("map-katoomba.png")


def test_message_story_keeps_its_metadata():
    item = only_story(read("message-story-with-pictures.xml"))
    assert (item.version, item.urgency, item.language) == (3, 2, "en-AU")
    assert item.headline == "Bushfire forces evacuations in the Blue Mountains"
    assert item.standfirst.startswith("Hundreds of residents left their homes overnight")
    assert item.byline == "By Jess Wilson"
    assert item.dateline == "KATOOMBA, March 12"
    assert item.ed_note == "Updates with evacuation centre in Katoomba, new fire size."
    assert item.signals == ["update"]
    assert item.genre == "Current"
    assert [(s.code, s.name) for s in item.subjects] == [
        ("medtop:06000000", "environment"),
        ("medtop:20000148", "wildfire"),
        ("", "bushfire"),
    ]
    assert [(p.name, p.code) for p in item.people] == [("Kate Morrow", "person:kmorrow")]
    assert [(o.name, o.code) for o in item.organisations] == [("NSW Rural Fire Service", "org:nswrfs")]
    assert [p.name for p in item.places] == ["Katoomba", "Blue Mountains", "Great Western Highway"]
    assert item.usage_terms == "For subscribers of the Example Agency wire only."


def test_nitf_body_becomes_html_without_notes_not_for_publication():
    html = only_story(read("message-story-with-pictures.xml")).body_html
    assert "<h2>Evacuation centre opens</h2>" in html
    assert '<blockquote><p>"If you are in the area' in html
    assert "<cite>RFS Commissioner Kate Morrow</cite>" in html
    assert '<a href="https://www.rfs.nsw.gov.au/fire-information">the RFS website</a>' in html
    assert "<em>Katoomba Leisure Centre</em>" in html
    assert "4,000\xa0hectares" in html
    assert "<p>Reporting by Jess Wilson; editing by Sam Ng</p>" in html
    assert "EDITORS: fire map graphic" not in html
    # the media became a picture; shown again in the body it would appear twice on the page
    assert "map-katoomba" not in html
    assert "<block>" not in html and "<org" not in html and "<location" not in html


def test_original_is_the_item_alone_and_well_formed():
    item = only_story(read("message-story-with-pictures.xml"))
    original = etree.fromstring(item.original.encode())
    assert etree.QName(original).localname == "newsItem"
    assert original.get("guid") == STORY_GUID
    assert CREW_PHOTO not in item.original.split("<itemMeta>", 1)[0]


def test_picture_used_by_a_story_is_not_a_story_of_its_own():
    entries = newsmlg2.parse(read("message-story-with-pictures.xml"))
    assert [e.uri for e in entries] == [STORY_GUID]


def test_link_to_a_picture_outside_the_message_with_an_image_type_is_a_picture():
    item = only_story(
        news_item(
            '<itemMeta><itemClass qcode="ninat:text"/>'
            '<link rel="irel:seeAlso" href="https://img.example.com/a.jpg" contenttype="image/jpeg"'
            ' residref="urn:photo:a"><title>Harbour at dawn</title></link></itemMeta>'
            "<contentMeta><headline>Harbour</headline></contentMeta>"
        )
    )
    (picture,) = item.pictures
    assert (picture.uri, picture.title, picture.renditions[0].href) == (
        "urn:photo:a",
        "Harbour at dawn",
        "https://img.example.com/a.jpg",
    )


def test_image_renditions_on_the_text_item_itself_are_a_picture():
    item = only_story(
        news_item(
            '<itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>H</headline></contentMeta>'
            '<contentSet><inlineData contenttype="text/plain">Body.</inlineData>'
            '<remoteContent href="https://img.example.com/a.jpg" contenttype="image/jpeg" width="800" rendition="rnd:web"/>'
            '<remoteContent href="https://img.example.com/a.txt" contenttype="text/plain"/></contentSet>'
        )
    )
    (picture,) = item.pictures
    assert [(r.href, r.name, r.width) for r in picture.renditions] == [("https://img.example.com/a.jpg", "web", 800)]
    assert item.body_text == "Body."


# --- corrections, kills, embargoes ------------------------------------------------------------


def test_correction_keeps_signal_note_and_xhtml_body():
    item = only_story(read("correction-xhtml.xml"))
    assert (item.uri, item.version) == (RATES_GUID, 4)
    assert item.signals == ["correction"]
    assert item.ed_note.startswith("CORRECTS the cash rate")
    # the XHTML h1 repeats the headline; the page already shows it
    assert "<h1>" not in item.body_html and "<h2>" not in item.body_html
    assert item.body_html.startswith("<p>The Reserve Bank of Australia left interest rates unchanged")
    assert "<strong>3.85 per cent</strong>" in item.body_html
    assert "<ul><li>Next meeting: April 1</li>" in item.body_html
    assert "xmlns" not in item.body_html
    assert [s.code for s in item.subjects] == ["medtop:20000350", "medtop:20000379"]
    assert [o.name for o in item.organisations] == ["Reserve Bank of Australia"]
    assert [p.name for p in item.people] == ["Michele Bullock"]


def test_kill_needs_no_content():
    item = only_story(read("kill.xml"))
    assert (item.uri, item.version, item.pub_status) == (RATES_GUID, 5, CANCELED)
    assert item.ed_note.startswith("KILL:")


def test_embargoed_item_keeps_embargo_and_plain_text_body():
    item = only_story(read("embargoed-plain-text.xml"))
    assert item.embargoed_until == datetime.fromisoformat("2099-03-13T19:30:00+11:00")
    assert item.body_text.startswith("The federal budget will return to surplus")
    assert "\n\nHigher commodity prices" in item.body_text
    assert item.byline == "By Priya Raman, Economics Correspondent"
    assert item.urgency == 1


def test_embargo_without_a_date_holds_the_story_back():
    item = only_story(
        news_item(
            '<itemMeta><itemClass qcode="ninat:text"/><embargoed/><pubStatus qcode="stat:usable"/></itemMeta>'
            "<contentMeta><headline>Honours list</headline></contentMeta>"
        )
    )
    assert item.pub_status == WITHHELD
    assert any("embargo without a readable date" in w for w in item.warnings)


def test_embargo_that_cannot_be_read_holds_the_story_back():
    item = only_story(
        news_item(
            '<itemMeta><itemClass qcode="ninat:text"/><embargoed>Friday 7.30pm AEDT</embargoed></itemMeta>'
            "<contentMeta><headline>Budget</headline></contentMeta>"
        )
    )
    assert (item.pub_status, item.embargoed_until) == (WITHHELD, None)


def test_dates_no_database_can_hold_are_ignored_with_a_warning(wire_source):
    data = news_item(
        '<itemMeta><itemClass qcode="ninat:text"/><firstCreated>0001-01-01T00:00:00+05:00</firstCreated>'
        "<versionCreated>9999-12-31T23:00:00-05:00</versionCreated></itemMeta>"
        "<contentMeta><headline>Dates</headline></contentMeta>"
    )
    item = only_story(data)
    assert (item.first_created, item.version_created) == (None, None)
    assert len(item.warnings) == 2
    (result,) = ingest(data, wire_source)
    assert result.result == "created"


def test_pub_status_may_be_a_newscodes_uri():
    item = only_story(
        news_item(
            '<itemMeta><itemClass uri="http://cv.iptc.org/newscodes/ninature/text"/>'
            '<pubStatus uri="http://cv.iptc.org/newscodes/pubstatusg2/withheld"/>'
            '<signal uri="http://cv.iptc.org/newscodes/signal/correction"/></itemMeta>'
            "<contentMeta><headline>Held</headline></contentMeta>"
        )
    )
    assert item.pub_status == WITHHELD
    assert item.signals == ["correction"]


def test_inline_html_data_and_base64_text_are_bodies():
    html_item = only_story(
        news_item(
            '<itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>H</headline></contentMeta>'
            '<contentSet><inlineData contenttype="text/plain">plain</inlineData>'
            '<inlineData contenttype="text/html">&lt;p&gt;rich&lt;/p&gt;</inlineData></contentSet>'
        )
    )
    assert (html_item.body_html, html_item.body_text) == ("<p>rich</p>", "")
    base64_item = only_story(
        news_item(
            '<itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>H</headline></contentMeta>'
            '<contentSet><inlineData contenttype="text/plain" encoding="base64">SGVsbG8sIHdpcmU=</inlineData>'
            "</contentSet>"
        )
    )
    assert base64_item.body_text == "Hello, wire"


def test_headline_in_the_item_language_is_preferred_for_subject_names():
    item = only_story(
        news_item(
            '<itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><language tag="de"/>'
            '<subject qcode="medtop:20000523"><name xml:lang="en-GB">labour market</name>'
            '<name xml:lang="de">Arbeitsmarkt</name></subject><headline>Arbeitslosigkeit sinkt</headline>'
            "</contentMeta>"
        )
    )
    assert item.subjects[0].name == "Arbeitsmarkt"


# --- what cannot be a story --------------------------------------------------------------------


def test_items_that_cannot_be_stories_are_rejected_with_reasons():
    entries = newsmlg2.parse(read("message-items-that-are-not-stories.xml"))
    stories = [e for e in entries if isinstance(e, WireItem)]
    assert [s.headline for s in stories] == ["Ferry services resume on Sydney Harbour"]
    reasons = {e.uri: e.reason for e in entries if isinstance(e, Rejection)}
    prefix = "urn:newsml:example-agency.com.au:20260312:"
    assert "without a guid" in reasons[""] and "A story without a guid" in reasons[""]
    assert "neither a headline nor a body" in reasons[prefix + "empty-text"]
    assert "no headline or caption" in reasons[prefix + "bare-photo"]
    assert "video item" in reasons[prefix + "video"]
    assert "'two' is not a whole number from 1 to" in reasons[prefix + "bad-version"]
    assert "stat:pending" in reasons[prefix + "odd-status"]
    assert "conceptItem" in reasons["urn:newsml:example-agency.com.au:concept:ferries"]
    assert all(uri in reason for uri, reason in reasons.items() if uri)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<newsItem", "not well-formed"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "root element is <rss>"),
        (b'<newsItem xmlns="http://example.com/not-g2" guid="x"/>', "namespace http://example.com/not-g2"),
        (
            b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/><itemSet/></newsMessage>',
            "carries no items",
        ),
    ],
)
def test_documents_that_are_not_g2_are_unsupported(data, message):
    with pytest.raises(UnsupportedDocument, match=message):
        newsmlg2.parse(data)


def test_version_beyond_what_the_database_holds_is_rejected():
    (entry,) = newsmlg2.parse(
        news_item(
            '<itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>H</headline></contentMeta>',
            attributes='version="99999999999"',
        )
    )
    assert isinstance(entry, Rejection) and "99999999999" in entry.reason


# --- end to end through services.ingest --------------------------------------------------------


def test_ingesting_the_message_stores_the_story_with_its_pictures(wire_source):
    (result,) = ingest(read("message-story-with-pictures.xml"), wire_source)
    assert (result.result, result.uri, result.version) == ("created", STORY_GUID, 3)
    story = Story.objects.get(uri=STORY_GUID)
    version = story.current
    assert story.headline == "Bushfire forces evacuations in the Blue Mountains"
    assert (story.urgency, story.slugline, story.language) == (2, "NSW-Bushfire", "en-AU")
    assert version.format == "newsmlg2"
    assert version.body_text.startswith("Hundreds of residents in the Blue Mountains")
    assert "Evacuation centre opens" in version.body_text
    assert [p["uri"] for p in version.pictures] == [CREW_PHOTO, SMOKE_PHOTO, ""]
    assert version.pictures[0]["renditions"][0]["href"].endswith("crew-hi.jpg")
    assert version.subjects[1] == {"name": "wildfire", "code": "medtop:20000148", "uri": "", "scheme": "medtop"}
    assert version.people == [{"name": "Kate Morrow", "code": "person:kmorrow", "uri": ""}]
    assert version.signals == ["update"]
    assert "<newsItem" in version.original

    (again,) = ingest(read("message-story-with-pictures.xml"), wire_source)
    assert again.result == "unchanged"


def test_correction_then_kill_withdraws_the_story(wire_source):
    (corrected,) = ingest(read("correction-xhtml.xml"), wire_source)
    assert corrected.result == "created"
    version = Story.objects.get(uri=RATES_GUID).current
    assert version.is_correction
    assert "onclick" not in version.body_html and "<script" not in version.body_html
    assert "alert(1)" not in version.body_text

    (killed,) = ingest(read("kill.xml"), wire_source)
    assert (killed.result, killed.version) == ("withdrawn", 5)
    story = Story.objects.get(uri=RATES_GUID)
    assert story.is_withdrawn
    assert story.headline == "Reserve Bank holds the cash rate steady"
    assert not Story.objects.visible().filter(pk=story.pk).exists()


def test_embargoed_story_stays_invisible(wire_source):
    (result,) = ingest(read("embargoed-plain-text.xml"), wire_source)
    assert result.result == "created"
    story = Story.objects.get(uri="urn:newsml:example-agency.com.au:20260313:budget-lockup")
    assert story.is_embargoed()
    assert not Story.objects.visible().filter(pk=story.pk).exists()
    assert story.current.body_html.startswith("<p>The federal budget will return to surplus")


def test_ingesting_items_that_are_not_stories_reports_each_rejection(wire_source):
    results = ingest(read("message-items-that-are-not-stories.xml"), wire_source, path="mixed.xml")
    assert [r.result for r in results].count("created") == 1
    assert [r.result for r in results].count("rejected") == 7
    assert all(r.error for r in results if r.result == "rejected")
    assert Story.objects.count() == 1


def test_package_alone_stores_nothing(wire_source):
    (result,) = ingest(read("iptc-listing-6-package.xml"), wire_source)
    assert result.result == "rejected"
    assert Story.objects.count() == 0
