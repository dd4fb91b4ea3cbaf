"""Machine-assigned subjects travel in the ninjs 3.1 export, marked, and the document stays valid."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from readwire.topics.placement import MACHINE_CREATOR, place_story
from readwire.topics.tests.conftest import medtop, wire_item
from readwire.wire.export.ninjs import render, render_dict
from readwire.wire.ingest import ninjs
from readwire.wire.models import Story
from readwire.wire.services import accept, ingest

SCHEMA = json.loads((Path(ninjs.__file__).parent.parent / "schemas" / "ninjs-schema_3.1.json").read_text())
FEED = Path(__file__).parent / "fixtures" / "untagged.rss.xml"


def assert_valid_ninjs_31(doc: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc)]
    assert errors == []


def untagged_story(partner) -> Story:
    (result,) = ingest(FEED.read_bytes(), partner, path=str(FEED))
    story = Story.objects.get(pk=result.story_id)
    place_story(story)
    return story


def test_an_untagged_storys_export_carries_its_machine_subjects_and_validates(sections, partner):
    doc = json.loads(render(untagged_story(partner).current))
    assert_valid_ninjs_31(doc)
    assert doc["subjects"] == [
        {
            "name": "sport",
            "uri": "http://cv.iptc.org/newscodes/mediatopic/15000000",
            "literal": "medtop:15000000",
            "creator": MACHINE_CREATOR,
            "confidence": doc["subjects"][0]["confidence"],
        }
    ]
    assert 30 <= doc["subjects"][0]["confidence"] <= 100


def test_the_wires_own_subjects_carry_no_creator(sections, agency):
    story = Story.objects.get(pk=accept(wire_item(subjects=[medtop("15000000", "sport")]), agency).story_id)
    place_story(story)
    doc = render_dict(story.current)
    assert_valid_ninjs_31(doc)
    assert doc["subjects"] == [
        {"name": "sport", "uri": "http://cv.iptc.org/newscodes/mediatopic/15000000", "literal": "medtop:15000000"}
    ]


def test_machine_subjects_belong_to_the_version_they_were_found_for(sections, partner):
    story = untagged_story(partner)
    first = story.current
    feed = FEED.read_text().replace("six wickets", "seven wickets")
    (result,) = ingest(feed.encode(), partner, path=str(FEED))
    assert result.result == "new_version"
    story.refresh_from_db()
    place_story(story)
    assert [s.get("creator") for s in render_dict(first)["subjects"]] == [MACHINE_CREATOR]
    assert [s.get("creator") for s in render_dict(story.current)["subjects"]] == [MACHINE_CREATOR]


def test_the_ninjs_reader_takes_an_exported_machine_subject_back_as_a_subject(sections, partner):
    doc = render(untagged_story(partner).current)
    (item,) = ninjs.parse(doc.encode())
    assert [(s.code, s.name) for s in item.subjects] == [("medtop:15000000", "sport")]
