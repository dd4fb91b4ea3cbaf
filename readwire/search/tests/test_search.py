"""Searching the wire: matching, ranking, filters, pages and snippets, on whichever database runs."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readwire.search import backends, search
from readwire.search.tests.conftest import NOW, slugs
from readwire.wire.item import Entity


@pytest.fixture
def wire(publish):
    publish(
        "flood",
        "Flood warning issued for the Hawkesbury",
        "Residents along the river were told to prepare to leave as the water rose overnight.",
        standfirst="Evacuation centres open in Windsor",
        captions=["Sandbags stacked outside a bakery in Windsor"],
        places=[Entity(name="Windsor", code="AU-NSW-WIN")],
        version_created=NOW - timedelta(hours=2),
    )
    publish(
        "budget",
        "Prime minister defends the budget",
        "The prime minister said the budget was fair to families and would bring inflation down.",
        people=[Entity(name="Anthony Albanese", uri="https://example.com/people/albanese")],
        version_created=NOW - timedelta(days=1),
    )
    publish(
        "visit",
        "Prime minister visits flood zone",
        "The prime minister toured the Hawkesbury and promised help for farmers hit by the flood.",
        people=[Entity(name="Anthony Albanese")],
        places=[Entity(name="Windsor")],
        version_created=NOW - timedelta(days=3),
    )
    publish(
        "cricket",
        "Australia win the third Test",
        "The minister for sport congratulated the team after a day of prime batting conditions.",
        version_created=NOW - timedelta(days=40),
    )


def found(query, **options):
    return set(slugs(search(query, now=NOW, **options)))


def test_every_word_must_match(wire):
    assert found("prime minister flood") == {"visit"}


def test_phrase_needs_the_words_together_in_order(wire):
    assert found("prime minister") == {"budget", "visit", "cricket"}
    assert found('"prime minister"') == {"budget", "visit"}
    assert found('"minister prime"') == set()


def test_excluded_words_leave_stories_out(wire):
    assert found('"prime minister" -budget') == {"visit"}
    assert found('flood -"prime minister"') == {"flood"}


def test_either_word_with_or(wire):
    assert found("budget OR cricket OR australia") == {"budget", "cricket"}


def test_stemming_finds_other_forms_of_a_word(wire):
    assert found("floods") == {"flood", "visit"}
    assert found("visiting") == {"visit"}


def test_standfirst_captions_and_names_are_searched(wire):
    assert found("evacuation") == {"flood"}
    assert found("bakery") == {"flood"}
    assert found("albanese") == {"budget", "visit"}


def test_a_query_of_stop_words_or_exclusions_alone_finds_nothing(wire):
    page = search("the -budget", now=NOW)
    assert page.results == [] and page.total == 0 and page.query.is_empty


def test_a_headline_match_outranks_a_body_match(publish):
    # Same date, so the recency boost is equal: only where "hailstorm" stands differs.
    publish("body", "Council meets on Tuesday", "A hailstorm damaged the roof of the town hall last week.")
    publish("headline", "Hailstorm damages town hall", "The roof of the town hall was damaged last week.")
    assert slugs(search("hailstorm", now=NOW)) == ["headline", "body"]


def test_a_standfirst_match_outranks_a_body_match(publish):
    publish("body", "Council meets on Tuesday", "A hailstorm damaged the roof.", standfirst="Roads on the agenda")
    publish("standfirst", "Council meets on Tuesday", "The roof was damaged.", standfirst="Hailstorm on the agenda")
    assert slugs(search("hailstorm", now=NOW)) == ["standfirst", "body"]


def test_recency_boost_puts_the_newer_of_two_equal_stories_first(publish):
    publish("old", "Bushfire near Lithgow", "Crews are fighting a bushfire.", version_created=NOW - timedelta(days=30))
    publish("new", "Bushfire near Lithgow", "Crews are fighting a bushfire.", version_created=NOW - timedelta(hours=1))
    page = search("bushfire lithgow", now=NOW)
    assert slugs(page) == ["new", "old"]
    assert page.results[0].rank > page.results[1].rank


def test_recency_boost_doubles_today_and_fades_by_half_each_week():
    assert backends.recency_boost(NOW, NOW) == 2.0
    assert backends.recency_boost(NOW - timedelta(days=7), NOW) == 1.5
    assert 1.0 < backends.recency_boost(NOW - timedelta(days=60), NOW) < 1.01
    assert backends.recency_boost(NOW + timedelta(days=1), NOW) == 2.0


def test_newest_first_sorts_by_the_story_date(wire):
    assert slugs(search("minister", sort="newest", now=NOW)) == ["budget", "visit", "cricket"]


def test_an_unknown_sort_is_refused(wire):
    with pytest.raises(ValueError, match="sort must be one of"):
        search("flood", sort="oldest", now=NOW)


def test_date_range_keeps_stories_dated_within_it(wire):
    assert found("minister", since=NOW - timedelta(days=2)) == {"budget"}
    assert found("minister", until=NOW - timedelta(days=2)) == {"visit", "cricket"}
    assert found("minister", since=NOW - timedelta(days=5), until=NOW - timedelta(days=2)) == {"visit"}


def test_a_date_means_the_whole_day(wire):
    day = (NOW - timedelta(days=3)).date()
    assert found("minister", since=day, until=day) == {"visit"}
    assert found("minister", since=date(2030, 1, 1)) == set()


def test_person_filter_matches_name_code_or_uri_in_any_case(wire):
    assert found("minister", person="anthony ALBANESE") == {"budget", "visit"}
    assert found("minister", person="https://example.com/people/albanese") == {"budget"}
    assert found("minister", person="Scott Morrison") == set()


def test_place_filter(wire):
    assert found("flood", place="Windsor") == {"flood", "visit"}
    assert found("flood", place="au-nsw-win") == {"flood"}
    assert found("flood", place="Windsor", person="Anthony Albanese") == {"visit"}


def test_pages_cover_every_result_once(publish):
    for i in range(7):
        publish(f"storm-{i}", f"Storm report {i}", "Hail and wind.", version_created=NOW - timedelta(hours=i))
    pages = [search("storm", per_page=3, page=n, now=NOW) for n in (1, 2, 3, 4)]
    assert [len(p.results) for p in pages] == [3, 3, 1, 0]
    assert [p.has_next for p in pages] == [True, True, False, False]
    assert {p.total for p in pages} == {7}
    assert len({i for p in pages for i in p.story_ids}) == 7


def test_at_most_max_results_and_the_total_says_so(publish, monkeypatch):
    monkeypatch.setattr(backends, "MAX_RESULTS", 3)
    for i in range(5):
        publish(f"storm-{i}", f"Storm report {i}", "Hail.", version_created=NOW - timedelta(hours=i))
    page = search("storm", sort="newest", per_page=10, now=NOW)
    assert slugs(page) == ["storm-0", "storm-1", "storm-2"]
    assert page.total == 3 and not page.total_is_exact and not page.has_next


def test_snippet_marks_the_matched_words(wire):
    [result] = search('"prime minister" budget', now=NOW).results
    assert result.headline == "<mark>Prime minister</mark> defends the <mark>budget</mark>"
    assert "<mark>budget</mark>" in result.snippet


def test_snippet_and_headline_escape_the_story_text(publish):
    publish(
        "xss",
        'Council <img src=x onerror="alert(1)"> votes',
        'The council said <script>alert("flood")</script> & adjourned.',
    )
    [result] = search("council flood", now=NOW).results
    for html in (result.headline, result.snippet):
        assert "<script" not in html and "<img" not in html
        assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert "&lt;script&gt;" in result.snippet and "&amp;" in result.snippet
    assert "<mark>flood</mark>" in result.snippet


def test_a_story_without_a_matching_standfirst_or_body_shows_its_opening(publish):
    publish("short", "Markets close higher", "Shares rose across the board on Friday.")
    [result] = search("markets", now=NOW).results
    assert result.snippet == "Shares rose across the board on Friday."


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(max_size=40)
    | st.lists(
        st.sampled_from(
            [
                '"',
                "-",
                "OR",
                "(",
                ")",
                "*",
                ":",
                "^",
                "NEAR",
                "\x00",
                " ",
                "flood",
                "minister",
                "'",
                "\\",
                "%s",
                "!",
                "&",
                "|",
                "<->",
            ]
        ),
        max_size=10,
    ).map("".join),
    sort=st.sampled_from(["relevance", "newest"]),
)
def test_no_query_raises(wire, text, sort):
    page = search(text, sort=sort, now=NOW)
    assert page.total >= len(page.results)


@pytest.mark.parametrize("ages", [(1, 20, 60, 200, 500, 2000, 4000), (1, 300, 3000, 5000), (900, 1000, 5000, 9000)])
def test_the_newest_matches_are_found_however_far_back_they_lie(publish, monkeypatch, ages):
    # PostgreSQL looks in recent periods first; whatever the spread, the newest matches win.
    monkeypatch.setattr(backends, "MAX_RESULTS", 3)
    for age in ages:
        publish(f"tide-{age}", "King tide floods the esplanade", "Water.", version_created=NOW - timedelta(days=age))
    expected = [f"tide-{age}" for age in sorted(ages)]
    page = search("tide", sort="newest", per_page=10, now=NOW)
    assert slugs(page) == expected[:3]
    assert page.total_is_exact == (len(ages) <= 3)
    older = [f"tide-{age}" for age in sorted(ages) if age >= 400]
    assert slugs(search("tide", sort="newest", until=NOW - timedelta(days=400), per_page=10, now=NOW)) == older[:3]
    newer = [f"tide-{age}" for age in sorted(ages) if age <= 250]
    assert slugs(search("tide", sort="newest", since=NOW - timedelta(days=250), per_page=10, now=NOW)) == newer[:3]
    for first, last in ((2500, 150), (1010, 890), (45, 10)):
        # A closed range, years long, months long or recent, wherever it lies.
        within = [f"tide-{age}" for age in sorted(ages) if last <= age <= first]
        page = search(
            "tide", sort="newest", since=NOW - timedelta(days=first), until=NOW - timedelta(days=last), now=NOW
        )
        assert slugs(page) == within[:3], (first, last)


@pytest.mark.parametrize("few", [0, 2000])
def test_person_and_place_filters_agree_whichever_way_the_search_starts(wire, monkeypatch, few):
    # A person in few stories is searched from their stories; one in many, by walking the index.
    from readwire.search import service

    monkeypatch.setattr(service, "FEW_STORIES", few)
    assert found("minister", person="anthony albanese") == {"budget", "visit"}
    assert found("flood", place="Windsor", person="Anthony Albanese") == {"visit"}
    assert found("flood", place="au-nsw-win") == {"flood"}


def test_the_snippet_shows_a_match_deep_in_a_long_story(publish):
    filler = " ".join(["The council met and talked about roads and rates for a long while."] * 60)
    publish("long", "Council meeting runs late", f"{filler} Then a wombat was seen in the creek. {filler}")
    [result] = search("wombats", now=NOW).results
    assert "<mark>wombat</mark>" in result.snippet
    assert "creek" in result.snippet
