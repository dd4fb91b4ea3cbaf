"""Fingerprints are a pure function of the text, the same in every process and on every machine."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readwire.wire.duplicates import rules
from readwire.wire.duplicates.fingerprints import (
    BANDS,
    LEAD_BANDS,
    MIN_SHINGLES,
    Fingerprint,
    Similarity,
    shingles,
)

HEADLINE = "Flood warning for the Hawkesbury"
BODY = "Residents along the Hawkesbury River were told to prepare to leave as the river rose past 9 metres at Windsor."
STORY = (
    "The Reserve Bank has left the cash rate unchanged at 4.35 per cent for a sixth straight meeting, saying "
    "inflation remains too high for it to consider cutting. In a statement after its two-day meeting on "
    "Tuesday, the board said underlying inflation was moderating but was still well above the target band. "
    "The decision was widely expected by economists, with all 30 surveyed by a financial data firm tipping "
    "no change. The Australian dollar rose a quarter of a cent to 66.4 US cents shortly after the announcement. "
    "Treasurer James Harlan said the government understood that households were under pressure and pointed "
    "to energy bill relief and tax cuts that began in July. Economists at one of the big four banks said they "
    "expected the first cut in February, provided the next quarterly inflation figures showed further "
    "progress. The bank's next meeting is in early December, and markets have priced in a small chance of a "
    "move before Christmas. Mortgage holders in the outer suburbs of the capitals remain the most stretched."
)
# Three unrelated briefs of wire length, as a partner's news-in-brief post runs them.
BRIEFS = [
    "A magnitude 6.4 earthquake has struck Indonesia's Sulawesi island, killing at least 42 people and "
    "injuring hundreds as buildings collapsed in the city of Mamuju, where rescuers worked through the night "
    "to pull survivors from a hotel and a hospital.",
    "A portrait of a Yolngu elder from north-east Arnhem Land has won this year's Archibald Prize, the "
    "country's best-known portrait award, making its painter the first artist from the Northern Territory "
    "to win in the prize's 103-year history.",
    "Australian wool prices have climbed to their highest level in three years, driven by strong buying from "
    "Chinese mills ahead of the northern winter, with fine wools of 18 micron and finer recording the biggest "
    "rises at sales in Melbourne this week.",
]


def test_fingerprint_of_a_known_text_never_changes():
    # Stored fingerprints are compared with new ones for years: if this fails, the recipe changed
    # (datasketch, hashing, normalising), so bump SCHEME and run `readwire link_duplicates --all`.
    fingerprint = Fingerprint.of(HEADLINE, "", BODY)
    assert fingerprint.shingle_count == 23
    assert fingerprint.signature[:4].tolist() == [51310118, 218198247, 5135549, 242453161]
    assert fingerprint.bands()[:2] == [(0, 208078018775574686), (1, -4425218690346386879)]


def test_another_process_with_another_hash_seed_computes_the_same_fingerprint():
    script = (
        "from readwire.wire.duplicates.fingerprints import Fingerprint;"
        f"print(Fingerprint.of({HEADLINE!r}, '', {BODY!r}).to_bytes().hex())"
    )
    other = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "12345"}
    )
    assert other.stdout.strip() == Fingerprint.of(HEADLINE, "", BODY).to_bytes().hex()


def test_case_accents_punctuation_and_thousands_separators_do_not_matter():
    assert shingles("Café owners in Zürich paid $1,200, police said.") == shingles(
        "CAFE owners in zurich paid 1200 -- police said"
    )


def test_stored_bytes_give_back_the_same_fingerprint():
    fingerprint = Fingerprint.of(HEADLINE, "", STORY)
    again = Fingerprint.from_bytes(memoryview(fingerprint.to_bytes()), fingerprint.shingle_count)
    assert again.bands() == fingerprint.bands()
    assert again.similarity(fingerprint).jaccard == 1.0


def test_stored_bytes_of_another_length_are_refused():
    with pytest.raises(ValueError, match="values"):
        Fingerprint.from_bytes(b"\x00" * 12, 3)


def test_bands_cover_the_whole_text_and_the_lead_and_fit_a_signed_bigint():
    bands = Fingerprint.of(HEADLINE, "", STORY).bands()
    assert [number for number, _ in bands] == list(range(BANDS + LEAD_BANDS))
    assert all(-(2**63) <= value < 2**63 for _, value in bands)


def test_empty_and_tiny_texts_are_not_usable_and_resemble_nothing():
    empty = Fingerprint.of("", "", "")
    assert not empty.usable and empty.shingle_count == 0
    assert empty.similarity(Fingerprint.of("", "", "")) == Similarity(0.0, 0.0, 0.0, 0.0)
    assert not Fingerprint.of("More to come", "", "").usable
    assert Fingerprint.of(HEADLINE, "", STORY).shingle_count >= MIN_SHINGLES


def test_teaser_is_mostly_contained_in_the_full_story_and_shares_its_lead():
    full = Fingerprint.of("Rates on hold", "", STORY)
    teaser = Fingerprint.of("Rates on hold", "", STORY.split(". ")[0])
    similarity = full.similarity(teaser)
    assert similarity.jaccard < rules.THRESHOLD < similarity.containment
    assert similarity.lead >= rules.SHORT_COPY_LEAD
    assert rules.is_duplicate(similarity)


def test_short_text_inside_a_longer_one_without_its_lead_is_not_a_copy():
    # A brief that sits inside a digest: contained, but the digest opens with another story.
    digest = Fingerprint.of("News in brief", "", "\n\n".join(BRIEFS))
    similarity = digest.similarity(Fingerprint.of("Wool prices at three-year high", "", BRIEFS[2]))
    assert similarity.containment >= rules.THRESHOLD
    assert similarity.size_ratio < rules.SHORT_COPY_RATIO and similarity.lead < rules.SHORT_COPY_LEAD
    assert not rules.is_duplicate(similarity)


def test_same_line_is_one_source_under_one_slugline_however_it_is_spelt():
    assert rules.same_line(1, "BUSHFIRE-VIC", 1, " bushfire-vic ")
    assert not rules.same_line(1, "BUSHFIRE-VIC", 2, "BUSHFIRE-VIC")
    assert not rules.same_line(1, "", 1, ""), "feeds have no sluglines; that makes nothing the same story"


words = st.sampled_from(
    ["the", "fire", "river", "court", "minister", "said", "police", "rate", "bank", "town", "council", "rain"]
)
texts = st.lists(words, min_size=0, max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_similarity_is_symmetric_and_between_zero_and_one(a, b):
    fa, fb = Fingerprint.of("", "", a), Fingerprint.of("", "", b)
    forth, back = fa.similarity(fb), fb.similarity(fa)
    assert forth == back
    for value in (forth.jaccard, forth.containment, forth.lead, forth.size_ratio):
        assert 0.0 <= value <= 1.0
    assert rules.is_duplicate(forth) == rules.is_duplicate(back)
