"""Reading ninjs 1.x, 2.x and 3.x: IPTC's examples, an agency's court story, bent and broken documents."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from readwire.wire.ingest import UnsupportedDocument, detect_format, ninjs, parse_document
from readwire.wire.item import CANCELED, Rejection, WireItem
from readwire.wire.models import Story
from readwire.wire.services import accept

FIXTURES = Path(__file__).parent / "fixtures" / "ninjs"
IPTC = FIXTURES / "iptc"
COURT_HEADLINE = "Former port chief jailed for seven years over $1.2 million in bribes"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse_one(doc) -> WireItem | Rejection:
    data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    (entry,) = ninjs.parse(data)
    return entry


def story(doc) -> WireItem:
    entry = parse_one(doc)
    assert isinstance(entry, WireItem), entry
    return entry


# --- IPTC's own examples ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, headline",
    [
        ("001_simple_example.json", "Captain of wrecked cruise ship on trial in Italy"),
        ("003_associations_example.json", "Dell Redefines Workstation Computing Boundaries"),
        ("004_simple_text_article.json", "Captain of wrecked cruise ship on trial in Italy"),
        ("005_complex_text_article.json", "Captain of wrecked cruise ship on trial in Italy"),
        ("006_photo_only.json", "Costa Concordia cruise ship"),
        ("007_multimedia.json", "Captain of wrecked cruise ship on trial in Italy"),
    ],
)
def test_iptc_examples_are_read_as_valid_stories(name, headline):
    item = story((IPTC / name).read_bytes())
    assert item.headline.startswith(headline)
    assert item.format == "ninjs"
    assert item.version_created is not None and item.version_created.tzinfo is not None
    assert not [w for w in item.warnings if "schema" in w], item.warnings
    assert json.loads(item.original) == json.loads((IPTC / name).read_bytes())


def test_iptc_example_keeps_people_places_organisations_and_rights():
    item = story((IPTC / "005_complex_text_article.json").read_bytes())
    assert [p.name for p in item.people] == ["Francesco Schettino"]
    assert item.people[0].uri == "http://www.wikidata.org/entity/Q4421821"
    assert [p.name for p in item.places] == ["Grossetto", "Tuscany", "Italy"]
    assert [o.name for o in item.organisations] == ["Costa Crociere SpA"]
    assert item.copyright_notice.startswith("Copyright 2013 The News Agency")
    assert (item.language, item.dateline) == ("en", "Grossetto, Italy")
    assert item.body_html.startswith("<p>GROSSETO, Italy (AP)")
    assert item.body_text.startswith("GROSSETO, Italy (AP)")


def test_iptc_plain_body_without_content_type_is_read_as_text():
    item = story((IPTC / "001_simple_example.json").read_bytes())
    assert item.body_html == ""
    assert item.body_text.startswith("GROSSETO, Italy (AP) -- The trial")
    assert item.byline == "Paulo Santalucia and Frances d'Emilio"


def test_iptc_multimedia_pictures_keep_captions_credits_and_renditions():
    item = story((IPTC / "007_multimedia.json").read_bytes())
    assert [p.title for p in item.pictures] == ["Costa Concordia cruise ship", "Francesco Schettino at court"]
    main = item.pictures[0]
    assert main.uri == "http://ninjs.example.com/newsitems/20130709simpPh123"
    assert main.caption.startswith("The Costa Concordia cruise ship lies on its side")
    assert "<p>" not in main.caption  # the plain description is preferred to the rich one
    assert main.credit == "Paulo Santalucia"
    assert [(r.name, r.width, r.height, r.mimetype) for r in main.renditions] == [
        ("main", 429, 281, "image/jpg"),
        ("small", 179, 117, "image/jpg"),
    ]


def test_photo_only_item_becomes_a_story_with_its_own_picture():
    item = story((IPTC / "006_photo_only.json").read_bytes())
    (picture,) = item.pictures
    assert picture.uri == item.uri
    assert picture.renditions[0].href.endswith("-big.jpg")
    assert item.standfirst == picture.caption
    assert picture.caption.startswith("The Costa Concordia cruise ship lies on its side")


def test_association_without_renditions_uses_its_image_uri():
    item = story((IPTC / "003_associations_example.json").read_bytes())
    assert [p.renditions[0].href for p in item.pictures] == [
        "http://mms.businesswire.com/media/newsItemId/en/221373/3/dell_blue_rgb.jpg",
        "http://mms.businesswire.com/media/newsItemId/en/369394/3/0025lf.jpg",
    ]
    assert item.version == 1


def test_iptc_renditions_example_without_a_headline_is_rejected():
    entry = parse_one((IPTC / "002_renditions_example.json").read_bytes())
    assert isinstance(entry, Rejection)
    assert entry.uri == "renditions-example"
    assert "no headline" in entry.reason


def test_iptc_event_is_rejected_as_planning_not_a_story():
    entry = parse_one((IPTC / "008_event.json").read_bytes())
    assert isinstance(entry, Rejection)
    assert entry.reason == "ninjs type 'event' is planning information, not a story"


# --- one court story in every version ----------------------------------------------------------


@pytest.mark.parametrize("name", ["court_1x.json", "court_2x.json", "court_3x.json"])
def test_court_story_reads_the_same_in_every_ninjs_version(name):
    item = story(read(name))
    assert item.warnings == []
    assert item.uri == "urn:newsml:wire.example.org:20260312:court-port-bribes"
    assert item.version == 2
    assert item.headline == COURT_HEADLINE
    assert item.standfirst.startswith("A former Port of Newcastle executive has been jailed")
    assert item.body_html.startswith("<p>A former Port of Newcastle executive who took $1.2 million")
    assert item.byline == "Mara Ellison, Court Reporter"
    assert item.dateline == "NEWCASTLE, March 12"
    assert (item.language, item.urgency, item.slugline, item.genre) == ("en-AU", 3, "COURT-PORT-BRIBES", "Current")
    assert item.pub_status == "usable"
    assert item.first_created == datetime(2026, 3, 12, 2, 14, tzinfo=UTC)
    assert item.version_created == datetime(2026, 3, 11, 16, 40, tzinfo=UTC)
    assert item.ed_note.startswith("Corrects the contractor's name")
    assert item.signals == ["correction"]
    assert item.copyright_notice == "Copyright 2026 Example Wire Service. All rights reserved."
    assert item.usage_terms
    assert [(s.code, s.uri) for s in item.subjects][:2] == [
        ("medtop:20000094", "http://cv.iptc.org/newscodes/mediatopic/20000094"),
        ("medtop:20000134", "http://cv.iptc.org/newscodes/mediatopic/20000134"),
    ]
    assert [p.name for p in item.people] == ["Darren Whitcombe", "Helen Aravena"]
    assert [p.name for p in item.places] == ["Newcastle"]
    assert [o.name for o in item.organisations] == ["Port of Newcastle", "NSW District Court"]
    assert item.source_link == "https://wire.example.org/stories/court-port-bribes"
    (picture,) = item.pictures
    assert picture.title == "Darren Whitcombe arrives at court"
    assert picture.caption == "Darren Whitcombe arrives at the NSW District Court in Newcastle on Thursday."
    assert picture.alt_text.startswith("A grey-haired man in a dark suit")
    assert picture.credit == "Tom Reyes"
    assert [(r.name, r.width, r.height) for r in picture.renditions] == [
        ("baseImage", 1600, 1067),
        ("thumbnail", 320, 213),
    ]


def test_rights_info_link_becomes_usage_terms_when_there_are_none():
    assert story(read("court_3x.json")).usage_terms == "See https://wire.example.org/licensing/anz"


def test_embargo_is_read_from_each_versions_own_field():
    when = datetime(2026, 3, 12, 5, tzinfo=UTC)
    assert story(read("court_2x.json")).embargoed_until == when  # 2.x "embargoed"
    assert story(read("court_3x.json")).embargoed_until == when  # 3.x "embargoedUntil"
    assert story({"uri": "urn:x", "headline": "H", "embargoed": "2026-03-12T05:00:00Z"}).embargoed_until == when


@pytest.mark.parametrize(
    "doc, label",
    [
        ({"uri": "urn:x", "headline": "H", "versioncreated": "2026-01-01T00:00:00Z", "extra": 1}, "1.6"),
        ({"uri": "urn:x", "headlines": [{"value": "H"}], "versioncreated": "2026-01-01T00:00:00Z", "extra": 1}, "2.2"),
        ({"uri": "urn:x", "headlines": [{"value": "H"}], "versionCreated": "2026-01-01T00:00:00Z", "extra": 1}, "3.1"),
        ({"$standard": {"name": "ninjs", "version": "1.5"}, "uri": "urn:x", "headlines": [{"value": "H"}]}, "1.6"),
        ({"standard": {"name": "ninjs", "version": "2.1"}, "uri": "urn:x", "headline": "H"}, "2.2"),
    ],
)
def test_version_is_detected_and_validated_against_its_own_schema(doc, label):
    item = story(doc)
    assert item.headline == "H"
    schema_warnings = [w for w in item.warnings if "schema" in w]
    assert schema_warnings and all(w.startswith(f"ninjs {label} schema: ") for w in schema_warnings)


def test_unknown_ninjs_version_is_read_as_the_newest_with_a_warning():
    item = story(
        {"standard": {"name": "ninjs", "version": "4.0"}, "uri": "urn:x", "type": "text", "headlines": [{"value": "H"}]}
    )
    assert "ninjs version '4.0' is not one Readwire knows; read as ninjs 3.1" in item.warnings


# --- what real agencies send -------------------------------------------------------------------


def test_bent_document_is_accepted_with_a_warning_for_each_bend():
    item = story(read("bent_3x.json"))
    assert item.headline == "Storm cuts power to 40,000 homes on the Central Coast"
    assert item.body_html.startswith("<p>Winds of up to 110 km/h")
    assert (item.version, item.urgency) == (4, 2)
    assert item.version_created == datetime(2026, 6, 2, 18, 5, tzinfo=UTC)
    (picture,) = item.pictures
    assert (picture.caption, picture.credit) == (
        "A fallen tree blocks Mann Street in Gosford.",
        "Partner Press/Lee Tan",
    )
    assert item.warnings == [
        "ninjs 3.1 schema: version should be string, not number",
        "ninjs 3.1 schema: urgency should be integer, not string",
        "ninjs 3.1 schema: associations should be array, not object",
        "ninjs 3.1 schema: 'body_html', 'priority', 'x-partner-desk' are not fields of the schema",
        "'type' is missing; read as a text item",
        "'versionCreated' '2026-06-02T18:05:00' has no time zone; read as UTC",
    ]


def test_camel_case_and_lowercase_keys_are_both_understood():
    item = story(
        {"uri": "urn:x", "type": "text", "headlines": [{"value": "H"}], "pubstatus": "withheld", "edNote": "Hold"}
    )
    assert (item.pub_status, item.ed_note) == ("withheld", "Hold")


def test_headline_role_main_wins_and_a_subheadline_becomes_the_standfirst():
    item = story(
        {
            "uri": "urn:x",
            "type": "text",
            "headlines": [{"role": "subheadline", "value": "Sub"}, {"role": "main", "value": "Main"}],
        }
    )
    assert (item.headline, item.standfirst) == ("Main", "Sub")


def test_title_stands_in_for_a_missing_headline():
    item = story({"uri": "urn:x", "type": "text", "title": "Budget night", "bodies": [{"value": "Text."}]})
    assert item.headline == "Budget night"
    assert "the item has no headline; its 'title' is used instead" in item.warnings


def test_html_body_without_content_type_is_recognised_by_its_markup():
    item = story({"uri": "urn:x", "type": "text", "headlines": [{"value": "H"}], "bodies": [{"value": "<p>One</p>"}]})
    assert (item.body_html, item.body_text) == ("<p>One</p>", "")


@pytest.mark.parametrize("status", ["cancelled", "Canceled", "stat:canceled"])
def test_kill_without_a_headline_is_a_withdrawal_not_a_rejection(status):
    item = story({"uri": "urn:x", "type": "text", "version": "3", "pubStatus": status})
    assert (item.pub_status, item.headline, item.version) == (CANCELED, "", 3)


@pytest.mark.parametrize(
    "ed_note, signals",
    [
        ("Corrects spelling of the minister's name.", ["correction"]),
        ("CORRECTION: fixes the date of the hearing", ["correction"]),
        ("Corrected version; replaces earlier item", ["correction"]),
        ("Embargoed until 5am. This corrects nothing.", []),
        ("Incorrectly slugged earlier", []),
    ],
)
def test_an_editors_note_opening_with_correction_marks_a_correction(ed_note, signals):
    assert story({"uri": "urn:x", "headline": "H", "ednote": ed_note}).signals == signals


@pytest.mark.parametrize(
    "subject, code, uri",
    [
        (
            {"name": "court", "code": "medtop:20000107"},
            "medtop:20000107",
            "http://cv.iptc.org/newscodes/mediatopic/20000107",
        ),
        (
            {"name": "court", "uri": "https://cv.iptc.org/newscodes/mediatopic/20000107/"},
            "medtop:20000107",
            "http://cv.iptc.org/newscodes/mediatopic/20000107",
        ),
        (
            {"name": "court", "scheme": "http://cv.iptc.org/newscodes/mediatopic/", "code": "20000107"},
            "medtop:20000107",
            "http://cv.iptc.org/newscodes/mediatopic/20000107",
        ),
        (
            {"name": "court", "literal": "MEDTOP:20000107"},
            "medtop:20000107",
            "http://cv.iptc.org/newscodes/mediatopic/20000107",
        ),
        # The old Subject Codes are 8 digits too: without a scheme saying so, a bare number is not a Media Topic.
        ({"name": "justice", "code": "02000000"}, "02000000", ""),
        (
            {"name": "Courts", "scheme": "http://wire.example.org/desks/", "code": "courts"},
            "courts",
            "http://wire.example.org/desks/courts",
        ),
    ],
)
def test_media_topics_are_recognised_in_every_spelling(subject, code, uri):
    (read_subject,) = story({"uri": "urn:x", "headline": "H", "subject": [subject]}).subjects
    assert (read_subject.code, read_subject.uri) == (code, uri)


@pytest.mark.parametrize(
    "value, expected, warned",
    [("7", 7, False), ("v7", 7, False), ("7.0", 7, False), (7, 7, True), ("seven", None, True), ("0", None, True)],
)
def test_version_string_is_read_as_a_whole_number(value, expected, warned):
    item = story({"uri": "urn:x", "type": "text", "headlines": [{"value": "H"}], "version": value})
    assert item.version == expected
    assert bool(item.warnings) == warned, item.warnings


@pytest.mark.parametrize(
    "value, warning",
    [
        ("2026-03-12 14:00", "'versionCreated' '2026-03-12 14:00' has no time zone; read as UTC"),
        ("yesterday", "'versionCreated' 'yesterday' is not an ISO 8601 date and time; ignored"),
        ("0001-01-01T00:00:00+05:00", "'versionCreated' '0001-01-01T00:00:00+05:00' is not a plausible date; ignored"),
    ],
)
def test_doubtful_times_are_read_or_dropped_with_a_warning(value, warning):
    item = story({"uri": "urn:x", "type": "text", "headlines": [{"value": "H"}], "versionCreated": value})
    assert warning in item.warnings
    assert item.version_created is None or item.version_created.tzinfo is UTC


def test_urgency_outside_the_scale_is_dropped_with_a_warning():
    item = story({"uri": "urn:x", "type": "text", "headlines": [{"value": "H"}], "urgency": "flash"})
    assert item.urgency is None
    assert "urgency 'flash' ignored: expected a whole number from 1 to 9" in item.warnings


def test_unstorable_characters_are_removed_from_every_string(wire_source):
    # PostgreSQL refuses NUL, and no database takes a lone surrogate: both are valid JSON escapes.
    item = story(
        {
            "uri": "urn:x\u0000",
            "headline": "Storm\u0000 \ud800hits",
            "byline": "A\u0007B",
            "subject": [{"name": "weather\u0000", "code": "medtop:\ud83d"}],
        }
    )
    assert (item.uri, item.headline, item.byline, item.subjects[0].name) == ("urn:x", "Storm hits", "AB", "weather")
    assert accept(item, wire_source).result == "created"
    assert Story.objects.get().current.original == item.original


# --- documents of several items ------------------------------------------------------------------


def test_array_of_items_gives_one_entry_each_in_order():
    entries = ninjs.parse(b'[{"uri": "urn:a", "headline": "A"}, 42, {"uri": "urn:b", "headline": "B"}]')
    assert [type(e) for e in entries] == [WireItem, Rejection, WireItem]
    assert entries[1].reason == "item 2 is a JSON number, not a ninjs object"
    assert json.loads(entries[2].original) == {"uri": "urn:b", "headline": "B"}


@pytest.mark.parametrize("key", ["items", "data"])
def test_wrapped_items_are_unwrapped(key):
    doc = {key: [{"uri": "urn:a", "headline": "A"}, {"uri": "urn:b", "headline": "B"}], "total": 2}
    assert [e.uri for e in ninjs.parse(json.dumps(doc).encode())] == ["urn:a", "urn:b"]


def test_empty_array_holds_no_story():
    assert ninjs.parse(b"[]") == []


# --- what cannot be a story --------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc, reason",
    [
        ({"headline": "Storm hits"}, "item 1 (headline 'Storm hits') has no 'uri', so it cannot be stored or updated"),
        ({"uri": "urn:x", "type": "text"}, "the item has neither a headline nor a body, so it is not a story"),
        (
            {"uri": "urn:x", "bodies": [{"value": "Text"}]},
            "the item has a body but no headline ('headlines' in ninjs 2.x/3.x, 'headline' in 1.x)",
        ),
        (
            {"uri": "urn:x", "headline": "H", "pubstatus": "draft"},
            "pubStatus 'draft' is not one of usable, withheld, canceled",
        ),
        (
            {"uri": "urn:x", "type": "planning", "headline": "H"},
            "ninjs type 'planning' is planning information, not a story",
        ),
    ],
)
def test_items_that_cannot_be_stories_are_rejected_saying_why(doc, reason):
    entry = parse_one(doc)
    assert isinstance(entry, Rejection)
    assert entry.reason == reason
    assert entry.uri == doc.get("uri", "")


@pytest.mark.parametrize(
    "data, message",
    [
        (b'{"uri": "urn:x",\n "headline": }', "not valid JSON: Expecting value at line 2 column 14"),
        (b'{"uri": "\xff"}', "not valid JSON: the bytes are not UTF-8"),
        (b'{"uri": "urn:x", "urgency": NaN}', "not valid JSON: NaN is not a JSON value"),
        (b'"just a string"', "a ninjs document is a JSON object or an array of them; this one is a JSON string"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON: nested too deeply to read"),
        (b"[" * 70 + b"]" * 70, "the JSON is nested more than 64 levels deep; no ninjs item is"),
        (b'{"uri": 1' + b"0" * 5000 + b"}", "not valid JSON"),
    ],
)
def test_unreadable_documents_say_why(data, message):
    with pytest.raises(UnsupportedDocument) as raised:
        ninjs.parse(data)
    assert str(raised.value).startswith(message)


# --- the way in ------------------------------------------------------------------------------


def test_ninjs_is_detected_and_routed_by_content():
    data = read("court_3x.json")
    assert detect_format(data) == "ninjs"
    fmt, (item,) = parse_document(b"\xef\xbb\xbf" + data)
    assert (fmt, item.headline) == ("ninjs", COURT_HEADLINE)


def test_ingest_command_stores_a_ninjs_file_and_reports_each_item(db, capsys):
    call_command("ingest", str(FIXTURES / "court_3x.json"), source="agency")
    call_command("ingest", str(FIXTURES / "court_1x.json"), source="agency")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["result"], line["version"]) for line in lines] == [("created", 2), ("unchanged", 2)]
    assert Story.objects.get().current.pictures[0]["caption"].startswith("Darren Whitcombe arrives")


def test_ingest_command_reports_rejections_and_fails(db, capsys):
    with pytest.raises(CommandError):
        call_command("ingest", str(IPTC), source="iptc")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    results = {Path(line["path"]).name: line["result"] for line in lines}
    assert results["008_event.json"] == results["002_renditions_example.json"] == "rejected"
    assert results["007_multimedia.json"] == "created"
    assert Story.objects.count() == len([r for r in results.values() if r != "rejected"]) - 1  # 001 and 004 share a URI
