"""ninjs 3.1 out: valid against IPTC's schema, and read back by the ninjs reader as the same story."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command

from readwire.wire.export import export_version
from readwire.wire.export.ninjs import render, render_dict
from readwire.wire.ingest import ninjs
from readwire.wire.item import CANCELED, WireItem
from readwire.wire.models import Story
from readwire.wire.services import accept

FIXTURES = Path(__file__).parent / "fixtures" / "ninjs"
SCHEMA = json.loads((Path(ninjs.__file__).parent.parent / "schemas" / "ninjs-schema_3.1.json").read_text())


def stored(item: WireItem, source) -> Story:
    result = accept(item, source)
    assert result.result in ("created", "new_version", "withdrawn"), result
    return Story.objects.get(uri=item.uri)


def parsed(name: str) -> WireItem:
    (item,) = ninjs.parse((FIXTURES / name).read_bytes())
    return item


def assert_valid_ninjs_31(doc: dict) -> None:
    # A validator of its own, not the reader's: what it finds wrong is what a partner's validator would.
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc)]
    assert errors == []
    assert ninjs.schema_problems(doc, 3) == []


@pytest.mark.parametrize(
    "name", ["court_1x.json", "court_2x.json", "court_3x.json", "bent_3x.json", "iptc/007_multimedia.json"]
)
def test_export_validates_against_the_ninjs_31_schema(wire_source, name):
    doc = json.loads(render(stored(parsed(name), wire_source).current))
    assert_valid_ninjs_31(doc)
    assert doc["standard"] == {
        "name": "ninjs",
        "version": "3.1",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json",
    }


def test_export_carries_everything_a_story_keeps(wire_source):
    doc = render_dict(stored(parsed("court_1x.json"), wire_source).current)
    assert doc["uri"] == "urn:newsml:wire.example.org:20260312:court-port-bribes"
    assert (doc["type"], doc["version"], doc["pubStatus"], doc["urgency"]) == ("text", "2", "usable", 3)
    assert (doc["firstCreated"], doc["versionCreated"]) == ("2026-03-12T02:14:00Z", "2026-03-11T16:40:00Z")
    assert doc["headlines"] == [
        {
            "role": "main",
            "contentType": "text/plain",
            "value": "Former port chief jailed for seven years over $1.2 million in bribes",
        }
    ]
    assert [(b["contentType"], b["value"][:30]) for b in doc["bodies"]] == [
        ("text/html", "<p>A former Port of Newcastle "),
        ("text/plain", "A former Port of Newcastle exe"),
    ]
    assert doc["descriptions"][0]["role"] == "summary"
    assert (doc["by"], doc["located"], doc["slugline"]) == (
        "Mara Ellison, Court Reporter",
        "NEWCASTLE, March 12",
        "COURT-PORT-BRIBES",
    )
    assert doc["edNote"].startswith("Corrects the contractor's name")
    assert doc["copyrightNotice"] == "Copyright 2026 Example Wire Service. All rights reserved."
    assert doc["usageTerms"] == "For subscribers in Australia and New Zealand only."
    assert doc["subjects"][0] == {
        "name": "bribery",
        "uri": "http://cv.iptc.org/newscodes/mediatopic/20000094",
        "literal": "medtop:20000094",
    }
    assert [p["name"] for p in doc["people"]] == ["Darren Whitcombe", "Helen Aravena"]
    assert doc["places"] == [{"name": "Newcastle", "literal": "2155472"}]
    assert doc["genres"] == [{"name": "Current"}]
    assert doc["altIds"] == [{"role": "source", "value": "https://wire.example.org/stories/court-port-bribes"}]
    (picture,) = doc["associations"]
    assert picture["name"] == "picture1" and picture["type"] == "picture"
    assert picture["by"] == "Tom Reyes"
    assert [d["role"] for d in picture["descriptions"]] == ["caption", "alt"]
    assert picture["renditions"][0] == {
        "name": "baseImage",
        "href": "https://cdn.wire.example.org/2026/03/whitcombe-1600.jpg",
        "contentType": "image/jpeg",
        "width": 1600,
        "height": 1067,
    }


@pytest.mark.parametrize("name", ["court_1x.json", "court_2x.json", "court_3x.json", "iptc/007_multimedia.json"])
def test_round_trip_gives_back_the_same_story(wire_source, name):
    first = stored(parsed(name), wire_source).current
    (again,) = ninjs.parse(render(first).encode())
    assert again.warnings == []
    assert again.uri == first.story.uri and again.version == first.version
    assert again.headline == first.headline
    assert again.standfirst == first.standfirst
    assert again.body_html == first.body_html and again.body_text == first.body_text
    assert [(s.name, s.code) for s in again.subjects] == [(s["name"], s["code"]) for s in first.subjects]
    assert [p.name for p in again.people] == [p["name"] for p in first.people]
    assert (again.byline, again.dateline, again.ed_note) == (first.byline, first.dateline, first.ed_note)
    assert again.signals == first.signals
    assert (again.embargoed_until, again.version_created) == (first.embargoed_until, first.version_created)
    assert [(p.caption, p.credit, p.alt_text) for p in again.pictures] == [
        (p["caption"], p["credit"], p["alt_text"]) for p in first.pictures
    ]
    assert [[r.href for r in p.renditions] for p in again.pictures] == [
        [r["href"] for r in p["renditions"]] for p in first.pictures
    ]


def test_round_tripped_story_is_unchanged_when_accepted_again(wire_source):
    story = stored(parsed("court_3x.json"), wire_source)
    (again,) = ninjs.parse(render(story.current).encode())
    assert accept(again, wire_source).result == "unchanged"


def test_kill_is_exported_as_canceled(wire_source):
    stored(parsed("court_3x.json"), wire_source)
    kill = WireItem(uri=parsed("court_3x.json").uri, headline="", format="ninjs", version=3, pub_status=CANCELED)
    doc = render_dict(stored(kill, wire_source).current)
    assert doc["pubStatus"] == "canceled"
    assert_valid_ninjs_31(doc)


def test_urgency_zero_is_left_out_rather_than_breaking_the_schema(wire_source):
    item = WireItem(uri="urn:x:flash", headline="Flash", format="ninjs", version=1, urgency=0)
    doc = render_dict(stored(item, wire_source).current)
    assert "urgency" not in doc
    assert_valid_ninjs_31(doc)


def test_picture_without_uri_or_rendition_names_gets_them(wire_source):
    item = parsed("court_3x.json")
    item.pictures[0].uri = ""
    for rendition in item.pictures[0].renditions:
        rendition.name = ""
    (picture,) = render_dict(stored(item, wire_source).current)["associations"]
    assert picture["uri"] == "https://cdn.wire.example.org/2026/03/whitcombe-1600.jpg"
    assert [r["name"] for r in picture["renditions"]] == ["rendition1", "rendition2"]


def test_export_is_readable_utf8_json(wire_source):
    item = WireItem(uri="urn:x:maori", headline="Te reo Māori week opens in Rotorua", format="ninjs", version=1)
    text = export_version(stored(item, wire_source).current, "ninjs")
    assert "Te reo Māori week" in text
    assert text.startswith('{\n  "standard"') and text.endswith("}\n")


def test_export_command_prints_valid_ninjs(wire_source, capsys):
    stored(parsed("court_2x.json"), wire_source)
    call_command("export", "urn:newsml:wire.example.org:20260312:court-port-bribes", format="ninjs")
    assert_valid_ninjs_31(json.loads(capsys.readouterr().out))
