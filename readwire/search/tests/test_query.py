"""The query language: what a reader types, parsed the same way for both backends, and safe."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readwire.search.backends.postgres import tsquery_expression
from readwire.search.backends.sqlite import fts5_expression
from readwire.search.query import MAX_PHRASES, MAX_QUERY_CHARS, AnyOf, Phrase, Query, parse


def words(*w):
    return Phrase(tuple(w))


def test_every_word_is_required():
    assert parse("flood warning") == Query(required=(words("flood"), words("warning")))


def test_quoted_words_are_a_phrase_and_minus_excludes():
    assert parse('"prime minister" -budget') == Query(
        required=(words("prime", "minister"),), excluded=(words("budget"),)
    )


def test_a_minus_before_a_quote_excludes_the_phrase():
    assert parse('storm -"gold coast"') == Query(required=(words("storm"),), excluded=(words("gold", "coast"),))


def test_or_joins_its_neighbours_and_binds_tighter_than_and():
    assert parse("flood Sydney OR Melbourne") == Query(
        required=(words("flood"), AnyOf((words("sydney"), words("melbourne"))))
    )


def test_or_at_either_end_or_in_lower_case_is_not_an_operator():
    assert parse("OR flood OR") == Query(required=(words("flood"),))
    assert parse("flood or fire") == Query(required=(words("flood"), words("fire")))


def test_punctuated_words_are_phrases_of_the_words_the_index_holds():
    assert parse("COVID-19 U.S.") == Query(required=(words("covid", "19"), words("u")))


def test_typographic_quotes_and_minus_signs_work_like_ascii_ones():
    assert parse("“prime minister” −budget") == parse('"prime minister" -budget')


def test_stop_words_are_dropped_and_a_query_of_them_alone_is_empty():
    assert parse("the flood of the year") == Query(required=(words("flood"), words("year")))
    assert parse('"of the"').is_empty
    assert parse("the -and").is_empty


def test_stop_words_inside_a_phrase_are_kept_and_at_its_ends_dropped():
    assert parse('"the bank of england"') == Query(required=(words("bank", "of", "england"),))


def test_only_excluded_words_is_an_empty_query():
    assert parse("-budget").is_empty


def test_unterminated_quote_runs_to_the_end():
    assert parse('"prime minister') == Query(required=(words("prime", "minister"),))


@pytest.mark.parametrize("text", ["(flood)", "flood*", "title:flood", "NEAR(flood fire)", "flood^2", "{flood}"])
def test_operator_characters_of_either_backend_are_plain_separators(text):
    assert "flood" in {w for p in parse(text).phrases for w in p.words}
    assert "(" not in str(parse(text)) and ":" not in str(parse(text))


def test_long_input_is_cut_to_a_bounded_query():
    query = parse(" ".join(f"word{i}" for i in range(1000)))
    assert len(query.required) == MAX_PHRASES
    assert len(str(parse("x" * 10_000))) <= MAX_QUERY_CHARS


def test_fts5_expression_quotes_every_term_and_looks_only_in_the_text_columns():
    assert fts5_expression(parse('"prime minister" -budget flood OR fire')) == (
        '{headline standfirst body captions names} : (("prime minister" AND ("flood" OR "fire")) NOT ("budget"))'
    )
    assert fts5_expression(parse("storm"), sections=(3, 12)) == (
        '{headline standfirst body captions names} : ("storm") AND {sections} : "s3" AND {sections} : "s12"'
    )


def test_tsquery_expression_passes_the_words_as_parameters():
    sql, params = tsquery_expression(parse('"prime minister" -budget flood OR fire'))
    assert params == ["prime minister", "flood", "fire", "budget"]
    assert "prime" not in sql and sql.count("%s") == 4


any_query = st.text(max_size=60) | st.lists(
    st.sampled_from(
        ['"', "-", "OR", "(", ")", "*", ":", "^", "NEAR", "AND", "NOT", "\x00", " ", "flood", "é", "+", "{"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(any_query)
def test_parsing_never_raises_and_its_text_parses_back_the_same(text):
    query = parse(text)
    assert parse(str(query)) == query


@pytest.fixture(scope="module")
def fts5():
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(headline, standfirst, body, captions, names, sections, "
        "tokenize='porter unicode61 remove_diacritics 0')"
    )
    connection.execute("INSERT INTO t VALUES ('flood warning', 'prime minister (budget) NEAR*', '', '', '', 's1')")
    yield connection
    connection.close()


@settings(max_examples=300, deadline=None)
@given(any_query)
def test_any_query_is_a_valid_fts5_expression(fts5, text):
    query = parse(text)
    if not query.is_empty:
        fts5.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts5_expression(query, sections=(1,)),)).fetchall()
