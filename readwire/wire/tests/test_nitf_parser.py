"""Reading NITF 3.x as agencies send it: DOCTYPEs and DTD entities, Latin-1, documents without ids,
corrections and kills."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from readwire.wire.ingest import UnsupportedDocument, detect_format, nitf
from readwire.wire.item import CANCELED, USABLE, WITHHELD, Rejection, WireItem
from readwire.wire.models import Story
from readwire.wire.services import ingest

FIXTURES = Path(__file__).parent / "fixtures" / "nitf"
DROUGHT_URI = "urn:nitf:EA:20260311-drought-package"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def only_story(data: bytes) -> WireItem:
    (entry,) = nitf.parse(data)
    assert isinstance(entry, WireItem), entry
    return entry


def nitf_document(head: str = "", body: str = "") -> bytes:
    return f"<nitf><head>{head}</head><body>{body}</body></nitf>".encode()


@pytest.mark.parametrize("name", ["agency-story.xml", "correction-latin1.xml", "killed.xml"])
def test_nitf_fixtures_are_detected_as_nitf(name):
    assert detect_format(read(name)) == "nitf"


def test_agency_story_keeps_ids_dates_and_status():
    item = only_story(read("agency-story.xml"))
    assert item.uri == DROUGHT_URI
    assert item.version == 2
    assert item.format == "nitf"
    assert item.pub_status == USABLE
    assert item.urgency == 3
    assert item.language == "en-AU"
    assert item.version_created == datetime.fromisoformat("2026-03-11T09:15:00+11:00")
    assert item.embargoed_until is None
    assert item.ed_note == "Adds comment from the NFF in paragraph five."
    assert item.copyright_notice == "Copyright 2026 Example Agency"
    assert item.usage_terms == "Not for use outside Australia and New Zealand"


def test_agency_story_head_gives_headline_standfirst_byline_and_dateline():
    item = only_story(read("agency-story.xml"))
    # &nbsp; comes from the NITF DTD, which is never loaded: it is read as HTML would read it
    assert item.headline == "Drought-hit farmers get $2 billion lifeline"
    assert item.standfirst == "Low-interest loans and a fodder subsidy for three states"
    assert item.byline == "By Tom Harding, Rural Affairs Reporter"
    assert item.dateline == "DUBBO, March 11"


def test_agency_story_tagging_becomes_subjects_people_places_and_organisations():
    item = only_story(read("agency-story.xml"))
    assert [(s.name, s.code, s.scheme) for s in item.subjects] == [
        ("drought", "", "keyword"),
        ("farming", "", "keyword"),
        ("agricultural policy", "medtop:20000209", "medtop"),
        ("agriculture", "subj:04001000", "subj"),
    ]
    assert [(p.name, p.code) for p in item.people] == [("Jim Chalmers", "ea-people:jchalmers")]
    assert [(o.name, o.code) for o in item.organisations] == [("National Farmers' Federation", "ea-orgs:nff")]
    assert [p.name for p in item.places] == ["Dubbo"]


def test_agency_story_body_is_html_and_its_photo_a_picture():
    item = only_story(read("agency-story.xml"))
    html = item.body_html
    assert html.startswith("<p>Drought-hit farmers in New South Wales")
    assert "up to $2\xa0billion at low interest" in html
    assert "fodder \u2014 up to $20,000 a farm \u2014 until June" in html
    assert "<h2>What farmers get</h2>" in html
    assert "<tr><td>Concessional loans</td><td>$2 billion</td></tr>" in html
    assert "<blockquote><p>" in html and "<cite>National Farmers' Federation</cite>" in html
    assert '<time datetime="2026-04-01">April 1</time>' in html
    assert html.endswith("<p>Additional reporting by Ana Lim</p>")
    assert "dry-paddock" not in html and "drought.mp4" not in html
    (picture,) = item.pictures
    assert picture.caption == "Cattle graze in a dry paddock near Dubbo on Tuesday."
    assert picture.credit == "Lisa Maree Williams/Example Agency"
    assert picture.alt_text == "Cattle in a dusty paddock"
    assert [(r.href, r.mimetype, r.width, r.height) for r in picture.renditions] == [
        ("https://media.example-agency.com.au/photos/20260311/dry-paddock.jpg", "image/jpeg", 2048, 1365)
    ]
    assert item.warnings == ["video media left out: only pictures are kept"]


def test_latin1_correction_names_the_story_it_corrects():
    item = only_story(read("correction-latin1.xml"))
    assert item.uri == "urn:nitf:TSN:cafe-appeal"
    assert item.headline == "Café owner wins appeal"
    assert (
        item.body_html
        == "<p>Renée Fischer, who owns a café in Fremantle, has won her appeal against a council fine.</p>"
    )
    assert item.signals == ["correction"]
    assert item.ed_note == "Corrects the spelling of the owner's name."
    assert item.version is None
    # management-status "embargoed" with date.release: usable once the release time passes
    assert item.pub_status == USABLE
    assert item.embargoed_until == datetime(2099, 3, 9, 12, 0, tzinfo=UTC)
    assert "Café owner wins appeal" in item.original


def test_kill_needs_no_body():
    item = only_story(read("killed.xml"))
    assert (item.uri, item.version, item.pub_status) == (DROUGHT_URI, 3, CANCELED)
    assert item.ed_note.startswith("KILL:")


def test_document_without_ids_gets_the_same_uri_every_time():
    head = '<title>Tide times</title><docdata><date.issue norm="20260312"/></docdata>'
    first = only_story(nitf_document(head, "<body.content><p>High tide 6.12am.</p></body.content>"))
    again = only_story(nitf_document(head, "<body.content><p>High tide 6.12am.</p></body.content>"))
    other = only_story(nitf_document(head.replace("Tide times", "Moon phases"), ""))
    assert first.uri.startswith("urn:nitf:digest:")
    assert first.uri == again.uri != other.uri
    assert first.headline == "Tide times"


def test_release_time_that_cannot_be_read_holds_the_story_back():
    item = only_story(nitf_document('<title>Budget</title><docdata><date.release norm="7.30pm Friday"/></docdata>'))
    assert (item.pub_status, item.embargoed_until) == (WITHHELD, None)


def test_du_key_identifies_a_document_without_doc_id():
    item = only_story(
        nitf_document(
            '<docdata><du-key key="weather-nsw" generation="4"/></docdata>',
            "<body.head><hedline><hl1>Storms</hl1></hedline></body.head>",
        )
    )
    assert (item.uri, item.version) == ("urn:nitf:du-key:weather-nsw", 4)


def test_abstract_is_the_standfirst_when_there_is_no_second_headline():
    item = only_story(
        nitf_document(
            body="<body.head><hedline><hl1>Rates</hl1></hedline><abstract><p>Held at 3.85%.</p></abstract></body.head>"
        )
    )
    assert item.standfirst == "Held at 3.85%."


def test_notes_not_for_publication_never_reach_the_body():
    item = only_story(
        nitf_document(
            body="<body.head><hedline><hl1>Rates</hl1></hedline></body.head><body.content><p>Kept.</p>"
            '<note type="npa"><p>Lawyers still checking para 3.</p></note><note><p>Shown.</p></note></body.content>'
        )
    )
    assert item.body_html == "<p>Kept.</p>\n<p>Shown.</p>"


@pytest.mark.parametrize(
    "data, reason",
    [
        (nitf_document("<title></title>"), "neither a headline nor a body"),
        (
            nitf_document(
                '<docdata><doc-id id-string="x1"/><du-key version="v2"/></docdata>',
                "<body.content><p>a</p></body.content>",
            ),
            "du-key version 'v2'",
        ),
        (
            nitf_document('<title>T</title><docdata management-status="draft"/>'),
            "management-status 'draft'",
        ),
    ],
)
def test_documents_that_cannot_be_stories_are_rejected(data, reason):
    (entry,) = nitf.parse(data)
    assert isinstance(entry, Rejection)
    assert reason in entry.reason


@pytest.mark.parametrize(
    "data, message",
    [(b"<nitf><head>", "not well-formed"), (b"<html><body/></html>", "root element is <html>")],
)
def test_documents_that_are_not_nitf_are_unsupported(data, message):
    with pytest.raises(UnsupportedDocument, match=message):
        nitf.parse(data)


# --- end to end through services.ingest --------------------------------------------------------


def test_ingesting_the_story_then_its_kill(wire_source):
    (created,) = ingest(read("agency-story.xml"), wire_source, path="agency-story.xml")
    assert (created.result, created.uri, created.version) == ("created", DROUGHT_URI, 2)
    story = Story.objects.get(uri=DROUGHT_URI)
    version = story.current
    assert version.format == "nitf"
    assert version.body_text.startswith("Drought-hit farmers in New South Wales")
    assert version.pictures[0]["credit"] == "Lisa Maree Williams/Example Agency"
    assert version.subjects[3]["code"] == "subj:04001000"
    assert Story.objects.visible().filter(pk=story.pk).exists()

    (killed,) = ingest(read("killed.xml"), wire_source)
    assert (killed.result, killed.version) == ("withdrawn", 3)
    assert not Story.objects.visible().filter(pk=story.pk).exists()


def test_reingesting_a_document_without_ids_is_unchanged(wire_source):
    data = nitf_document("<title>Tide times</title>", "<body.content><p>High tide 6.12am.</p></body.content>")
    assert [r.result for r in ingest(data, wire_source)] == ["created"]
    assert [r.result for r in ingest(data, wire_source)] == ["unchanged"]
    assert Story.objects.get().versions.count() == 1


def test_embargoed_correction_stays_invisible(wire_source):
    (result,) = ingest(read("correction-latin1.xml"), wire_source)
    assert result.result == "created"
    story = Story.objects.get(uri="urn:nitf:TSN:cafe-appeal")
    assert story.is_embargoed()
    assert story.current.is_correction
