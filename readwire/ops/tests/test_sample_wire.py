"""The sample wire's files: generated as committed, readable by the parsers, and a wire worth reading."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from readwire.sample import MANIFEST, PICTURES_DIR, WIRE_DIR
from readwire.sample.generate import build, write
from readwire.sample.topics import MEDIA_TOPICS
from readwire.wire.ingest import parse_document
from readwire.wire.item import Rejection

IPTC_MEDIA_TOPICS = Path(settings.BASE_DIR).parent / "shared" / "standards" / "mediatopic" / "cptall-x-all.json"


@pytest.fixture(scope="module")
def manifest():
    return json.loads(MANIFEST.read_text())


@pytest.fixture(scope="module")
def parsed(manifest):
    """Every document of the sample wire, as the ingest parsers read it."""
    found = {}
    for document in manifest["documents"]:
        found[document["path"]] = parse_document((WIRE_DIR / document["path"]).read_bytes(), filename=document["path"])
    return found


def test_generator_writes_exactly_the_committed_files(tmp_path):
    write(build(), tmp_path / "wire", tmp_path / "pictures")
    for generated_root, committed_root in ((tmp_path / "wire", WIRE_DIR), (tmp_path / "pictures", PICTURES_DIR)):
        generated = {p.relative_to(generated_root): p for p in generated_root.rglob("*") if p.is_file()}
        committed = {p.relative_to(committed_root): p for p in committed_root.rglob("*") if p.is_file()}
        assert generated.keys() == committed.keys(), "run `python -m readwire.sample.generate` and commit the result"
        changed = [name for name, path in generated.items() if path.read_bytes() != committed[name].read_bytes()]
        assert not changed, f"stale sample files (regenerate them): {changed[:5]}"


def test_every_document_parses_without_warnings_or_rejections(parsed):
    problems = [
        (path, entry.reason if isinstance(entry, Rejection) else entry.warnings)
        for path, (_format, entries) in parsed.items()
        for entry in entries
        if isinstance(entry, Rejection) or entry.warnings
    ]
    assert problems == []


def test_formats_cover_every_ninjs_generation_and_the_xml_formats_and_the_partner(parsed):
    formats = Counter(fmt for fmt, _ in parsed.values())
    assert formats["ninjs"] >= 150
    assert formats["newsmlg2"] >= 1 and formats["nitf"] >= 1 and formats["feed"] == 1 and formats["text"] == 1
    ninjs_generations = {
        json.loads((WIRE_DIR / path).read_text()).get("standard", {}).get("version", "1.6")
        for path, (fmt, _) in parsed.items()
        if fmt == "ninjs"
    }
    assert {"1.6", "2.2", "3.1"} <= ninjs_generations


def test_at_least_150_distinct_stories_with_bodies_of_four_to_twelve_paragraphs(parsed):
    latest = _latest_versions(parsed)
    assert len(latest) >= 150
    assert len({item.headline for item in latest.values()}) == len(latest)
    for item in latest.values():
        # Feed entries are a partner's summaries; a kill carries no body.
        if item.pub_status == "canceled" or item.format == "feed":
            continue
        paragraphs = re.findall(r"<p>(.*?)</p>", item.body_html, re.S)
        assert 4 <= len(paragraphs) <= 12, item.uri
        assert len(set(paragraphs)) == len(paragraphs), f"a paragraph repeats in {item.uri}"


def test_agency_stories_carry_byline_dateline_slugline_subjects_and_rights(parsed):
    for item in _latest_versions(parsed).values():
        if item.uri.startswith("tag:"):
            assert item.byline and item.dateline and item.subjects and item.copyright_notice, item.uri
            assert item.slugline or item.format == "nitf", item.uri


def test_a_third_of_agency_stories_have_a_lead_picture_whose_file_exists(parsed):
    agency = [item for item in _latest_versions(parsed).values() if item.uri.startswith("tag:")]
    with_pictures = [item for item in agency if item.pictures]
    assert len(with_pictures) >= len(agency) / 3 - 5
    for item in with_pictures:
        picture = item.pictures[0]
        assert picture.caption and picture.credit.startswith("Readwire Image/") and picture.alt_text
        for rendition in picture.renditions:
            assert rendition.mimetype == "image/svg+xml" and rendition.width and rendition.height
            path = PICTURES_DIR / rendition.href.removeprefix("/static/sample/pictures/")
            assert path.is_file(), rendition.href


def test_pictures_are_small_well_formed_svg_without_external_resources():
    pictures = list(PICTURES_DIR.glob("*.svg"))
    assert len(pictures) >= 50
    for path in pictures:
        data = path.read_bytes()
        assert len(data) < 8000, path.name
        root = etree.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert b"href" not in data and b"@import" not in data and b"url(http" not in data


def test_lifecycle_cases_are_in_the_files(parsed):
    versions = defaultdict(list)
    for _fmt, entries in parsed.values():
        for item in entries:
            versions[item.uri].append(item)
    developing = [uri for uri, items in versions.items() if len(items) >= 3]
    assert len(developing) >= 5
    breaking = [i for items in versions.values() for i in items if i.urgency in (1, 2)]
    assert len(breaking) >= 4
    corrections = [i for items in versions.values() for i in items if "correction" in i.signals]
    assert any(c.ed_note.startswith("Correction:") for c in corrections)
    assert any(i.pub_status == "canceled" for items in versions.values() for i in items)
    assert any(i.embargoed_until for items in versions.values() for i in items)


def test_media_topic_names_are_iptcs():
    if not IPTC_MEDIA_TOPICS.exists():
        pytest.skip("the IPTC Media Topics file is not next to the repository")
    concepts = json.loads(IPTC_MEDIA_TOPICS.read_text())["conceptSet"]
    labels = {c["qcode"].removeprefix("medtop:"): c["prefLabel"].get("en-GB") for c in concepts}
    assert {code: name for code, name in MEDIA_TOPICS.items() if labels.get(code) != name} == {}


def _latest_versions(parsed) -> dict:
    latest = {}
    for _fmt, entries in parsed.values():
        for item in entries:
            if item.uri not in latest or (item.version or 0) > (latest[item.uri].version or 0):
                latest[item.uri] = item
    return latest
