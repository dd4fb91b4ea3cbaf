"""The shipped Media Topics vocabulary: loaded once, broader chains, and the codes wires send."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from readwire.topics.mediatopics import DATA_FILE, compact, vocabulary

IPTC_ORIGINAL = Path(__file__).resolve().parents[4] / "shared" / "standards" / "mediatopic" / "cptall-x-all.json"


def test_the_vocabulary_is_loaded_once():
    assert vocabulary() is vocabulary()
    assert len(vocabulary().concepts) == 1286


def test_lineage_walks_broader_links_to_the_top_level():
    assert list(vocabulary().lineage("20000371")) == ["20000371", "20000346", "20000344", "04000000"]
    assert vocabulary().label("20000371") == "interest rate"
    assert list(vocabulary().lineage("99999999")) == []


@pytest.mark.parametrize(
    ("code", "uri", "name", "expected"),
    [
        ("medtop:20000888", "", "", "20000888"),
        ("", "http://cv.iptc.org/newscodes/mediatopic/20000888", "", "20000888"),
        ("subj:15017000", "", "", "20000888"),  # cricket as an old Subject Code
        ("subj:15017001", "", "", "20000888"),  # a detail level unknown to Media Topics: its matter
        ("subj:15999999", "", "", "15000000"),  # an unknown matter: its top level
        ("", "", "Climate Change", "20000418"),  # a code-less subject named like a Media Topic
        ("medtop:99999999", "", "", ""),
        ("keyword:cricket", "", "cricket", ""),  # a code from another scheme is not a label
        ("", "", "something else", ""),
    ],
)
def test_wire_subjects_resolve_to_media_topics(code, uri, name, expected):
    assert vocabulary().resolve(code, uri, name) == expected


def test_retired_concepts_are_kept_so_old_codes_still_place_stories():
    retired = [code for code, (_label, _broader, is_retired) in vocabulary().concepts.items() if is_retired]
    assert len(retired) == 153
    assert all(vocabulary().broader(code) for code in retired[:20])


@pytest.mark.skipif(not IPTC_ORIGINAL.exists(), reason="IPTC's full Media Topics file is not at hand")
def test_the_shipped_file_is_what_compact_makes_of_iptcs_release(tmp_path):
    output = tmp_path / "mediatopics.json"
    call_command("compact_mediatopics", str(IPTC_ORIGINAL), output=output, stdout=io.StringIO())
    assert output.read_text() == DATA_FILE.read_text()
    assert json.loads(output.read_text()) == compact(json.loads(IPTC_ORIGINAL.read_text()))
