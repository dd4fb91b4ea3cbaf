"""Which fields hold a query word, found as the full-text index finds it: see readwire/search/relevance.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from readwire.search.query import STOP_WORDS, parse
from readwire.search.relevance import FieldMatcher, stem

LABELLED = Path(__file__).resolve().parents[2] / "topics" / "data" / "labelled"
# Words whose forms FTS5's stemmer and PyStemmer's class differently (see readwire/search/relevance.py).
KNOWN_DISAGREEMENTS: set[str] = set()


def matcher(text: str) -> FieldMatcher:
    return FieldMatcher(parse(text).phrases)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("flood", "Floods close the highway"),
        ("flooding", "FLOODED streets"),
        ("hope", "Hoping for rain"),
        ("happy", "Happiness index rises"),
        ("COVID-19", "Covid 19 cases fall"),
        ('"prime minister"', "The Prime Minister said"),
        ("Zürich", "Banks in zürich"),
        ("tax OR levy", "A new levy on sugar"),
    ],
)
def test_a_field_with_the_word_in_any_form_matches(query, field):
    assert matcher(query).matches(field)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("war", "Warning for the coast"),  # another word that begins alike
        ("flood", "Drought deepens"),
        ('"prime minister"', "The minister, a prime suspect"),  # not next to each other, nor in order
        ("Zürich", "Banks in Zurich"),  # diacritics are kept, as in the index
        ("rain", ""),
    ],
)
def test_a_field_without_it_does_not(query, field):
    assert not matcher(query).matches(field)


def test_words_are_cut_as_the_index_cuts_them():
    assert matcher("climate").matches("Climate_change")  # "_" is not a letter: two words
    assert not matcher("climat").matches("Climatechange")


def test_short_and_long_words_are_left_whole_like_fts5_leaves_them():
    assert stem("as") == "as" and stem("us") == "us"
    assert stem("x" * 65 + "ing") == "x" * 65 + "ing"
    assert stem("running") == "run"


def test_it_agrees_with_fts5_on_the_labelled_stories():
    """Every word of a thousand lines of the classifier's labelled stories, as a query, against every
    line: the matcher and FTS5's own tokenizer find the same lines. (The stemmers differ on a few
    words, FTS5 also reducing -logi and -bli; words only the two disagree on are listed.)"""
    lines = []
    for path in sorted(LABELLED.glob("*.txt")):
        lines += [line for line in path.read_text().splitlines() if line and line[0] not in "#@"]
    lines = lines[:1000]
    # Stop words inside quoted phrases are words too, but a query of one finds nothing.
    words = sorted({w for line in lines for p in parse(line).phrases for w in p.words} - STOP_WORDS)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 0')")
    db.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(lines))
    disagreements = []
    for word in words:
        by_fts5 = {rowid for (rowid,) in db.execute("SELECT rowid FROM t WHERE t MATCH ?", [f'"{word}"'])}
        found = matcher(word)
        by_matcher = {rowid for rowid, line in enumerate(lines) if found.matches(line)}
        if by_fts5 != by_matcher:
            disagreements.append(word)
    assert len(words) > 2000
    assert set(disagreements) <= KNOWN_DISAGREEMENTS, disagreements


# --- where: headlines and snippets ------------------------------------------------------------

S, E = "\x02", "\x03"  # documents.MATCH_START and MATCH_END


def test_a_headline_is_shown_whole_with_each_match_marked_and_a_phrase_as_one():
    marked = matcher('"prime minister" budget').highlight('"Prime minister defends the budget"')
    assert marked == f'"{S}Prime minister{E} defends the {S}budget{E}"'


def test_a_snippet_starts_just_before_the_first_match_deep_in_a_long_body():
    body = (
        "Rain fell on the valley. " * 60
        + "A wombat was seen near the creek at dawn, and rangers came. "
        + "More. " * 50
    )
    snippet = matcher("wombats").passage(body, 24)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert f"{S}wombat{E} was seen near the creek" in snippet
    words = snippet.replace(S, "").replace(E, "").strip("…").split()
    assert len(words) == 24


def test_a_snippet_that_reaches_the_end_keeps_the_closing_stop_and_no_ellipsis():
    assert matcher("levee").passage("The levee held.", 24) == f"The {S}levee{E} held."


def test_no_match_no_snippet_and_the_opening_instead():
    found = matcher("cyclone")
    assert found.passage("Dry weather continues.", 24) is None
    assert (
        found.opening("Dry weather continues across the state for a third week.", 4) == "Dry weather continues across…"
    )


def test_a_phrase_marks_only_where_its_words_are_next_to_each_other():
    snippet = matcher('"prime minister"').passage("The prime minister met a minister in her prime.", 24)
    assert snippet == f"The {S}prime minister{E} met a minister in her prime."
