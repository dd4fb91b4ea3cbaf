"""How searches reach the index: what keeps them fast at a million stories, checked in the plan."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from readwire.search import backends, search
from readwire.search.backends import sqlite
from readwire.search.tests.conftest import NOW, slugs


@pytest.fixture
def sqlite_only(db):
    if connection.vendor != "sqlite":
        pytest.skip("an SQLite query plan")


def test_on_sqlite_candidates_are_read_from_the_narrow_index_not_the_text_rows(sqlite_only, publish):
    publish("flood", "Flood warning for the river", "Residents were told to leave.")
    with CaptureQueriesContext(connection) as queries:
        assert search("flood", now=NOW).total == 1
    [sql] = [q["sql"] for q in queries if "search_fts MATCH" in q["sql"] and "JOIN search_document d" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert f"COVERING INDEX {sqlite.CANDIDATE_INDEX}" in plan, plan


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's search by periods")


def test_on_postgresql_only_the_window_that_answers_is_checked_and_ranked(postgres_only, publish, monkeypatch):
    # The first window (the last few weeks) holds one match of the two wanted, so the search
    # widens; the readers' rule and ranking run once, over the window that answers. They are in
    # every window's statement, so the plan of each is checked for whether that part ran.
    monkeypatch.setattr(backends, "MAX_RESULTS", 2)
    for age in (1, 400, 3000):
        publish(f"tide-{age}", "King tide floods the esplanade", "Water.", version_created=NOW - timedelta(days=age))
    with CaptureQueriesContext(connection) as queries:
        page = search("tide", now=NOW)
    assert page.total == 2 and not page.total_is_exact
    windows = [q["sql"] for q in queries if "@@" in q["sql"]]
    assert len(windows) >= 2, windows
    judged = [_rows_judged(sql) for sql in windows]
    assert judged[:-1] == [0] * (len(windows) - 1) and judged[-1] == 3, judged


def test_on_postgresql_a_date_range_is_searched_in_the_periods_that_hold_it(postgres_only, publish):
    # A month two years ago: GIN is asked for the 24-day periods around that month, not for the
    # long periods counted back from now, whose entries it would have to read.
    publish("old", "King tide floods the esplanade", "Water.", version_created=NOW - timedelta(days=700))
    since, until = NOW - timedelta(days=715), NOW - timedelta(days=685)
    with CaptureQueriesContext(connection) as queries:
        assert slugs(search("tide", since=since, until=until, now=NOW)) == ["old"]
    [window] = [q["sql"] for q in queries if "@@" in q["sql"]]
    wanted = range(int(since.timestamp()) >> 21, (int(until.timestamp()) >> 21) + 1)
    asked = sorted(int(period) for period in re.findall(r"'~21\.(\d+)'", window))
    assert asked == list(wanted) and "'~2" not in window.replace("'~21.", ""), window


def _rows_judged(sql: str) -> int:
    """How many rows the readers' rule and ranking ran for when ``sql`` (a window) ran."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        [[plan]] = cursor.fetchall()

    def nodes(node):
        yield node
        for child in node.get("Plans", ()):
            yield from nodes(child)

    [judge] = [n for n in nodes(plan[0]["Plan"]) if n["Node Type"] == "Tid Scan"]
    return judge["Actual Loops"] * judge["Actual Rows"]


def test_the_fields_relevance_reads_follow_new_versions_and_a_rebuilt_index(publish):
    # On SQLite the fields are a second full-text index: it must follow the story like the first.
    publish("first", "Council meets on Tuesday", "A hailstorm damaged the roof.", version_created=NOW)
    publish("second", "Hailstorm hits the town", "The roof was damaged.", version_created=NOW)
    assert slugs(search("hailstorm", now=NOW)) == ["second", "first"]
    publish("first", "Hailstorm closes the council", "A hailstorm damaged the roof.", version=2, version_created=NOW)
    publish(
        "second", "Storm hits the town", "The roof was damaged by hail and a hailstorm.", version=2, version_created=NOW
    )
    assert slugs(search("hailstorm", now=NOW)) == ["first", "second"]
    call_command("reindex", "--from-scratch", stderr=StringIO())
    assert slugs(search("hailstorm", now=NOW)) == ["first", "second"]


@pytest.mark.parametrize(
    ("few", "long_range_days", "route"),
    [
        (100, 365, "by key"),  # few candidates
        (0, 365, "field indexes"),  # many, close together (a common word)
        (0, 0, "by key"),  # many, spread over a long range (words rare together)
    ],
)
def test_on_sqlite_relevance_takes_the_cheaper_route(sqlite_only, publish, monkeypatch, few, long_range_days, route):
    monkeypatch.setattr(sqlite, "FEW_CANDIDATES", few)
    monkeypatch.setattr(sqlite, "LONG_RANGE_DAYS", long_range_days)
    # Two days between the first and the last: a long range when LONG_RANGE_DAYS is 0.
    publish(
        "body", "Council meets on Tuesday", "A hailstorm damaged the roof.", version_created=NOW - timedelta(days=2)
    )
    publish("headline", "Hailstorm damages town hall", "The roof was damaged.")
    publish("names", "Council meets again", "The roof is mended.", people=["Hailstorm Jones"])
    with CaptureQueriesContext(connection) as queries:
        found = slugs(search("hailstorm", now=NOW))
    # Headline (6) before names (2) before the body alone (1), whichever way relevance was read.
    assert found == ["headline", "names", "body"]
    by_key = [q["sql"] for q in queries if f"INDEXED BY {sqlite.FIELDS_INDEX}" in q["sql"]]
    field_indexes = [q["sql"] for q in queries if "_fts WHERE search_" in q["sql"] and "search_fts" not in q["sql"]]
    if route == "by key":
        assert len(by_key) == 1 and not field_indexes, (by_key, field_indexes)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {by_key[0]}")
            plan = " | ".join(row[-1] for row in cursor.fetchall())
        assert f"COVERING INDEX {sqlite.FIELDS_INDEX}" in plan, plan
    else:
        tables = sorted(sql.split(" MATCH")[0].split()[-1] for sql in field_indexes)
        assert tables == ["search_headline_fts", "search_names_fts", "search_standfirst_fts"] and not by_key


def test_on_postgresql_a_desks_placements_are_checked_after_the_limit(postgres_only, publish):
    # The section tokens find the desk's stories in the index; the placement rows are checked
    # only for the stories kept, not for every match of a wide window.
    from readwire.topics.models import Placement, Section

    story = publish("derby", "Storm delays the derby", "Rain stopped play at the stadium.")
    Placement.objects.filter(story=story).delete()
    Placement.objects.create(story=story, section=Section.objects.get(slug="sport"), origin="editor")
    with CaptureQueriesContext(connection) as queries:
        assert search("storm", desk="sport", now=NOW).total == 1
    statements = [q["sql"] for q in queries if "@@" in q["sql"]]
    assert statements
    for statement in statements:
        # The window's newest matches, then what is checked and ranked for the rows it keeps.
        window, kept = statement.split(" LIMIT ", 1)
        assert "@@" in window and "topics_placement" not in window, window
        assert "topics_placement" in kept and "ts_rank_cd" in kept, kept


def test_the_page_is_marked_from_its_rows_on_either_database(publish):
    # Neither FTS5's snippet() nor PostgreSQL's ts_headline: both cost more than the rest of a page.
    publish("flood", "Flood warning for the river", "Residents near the river were told to leave.")
    with CaptureQueriesContext(connection) as queries:
        [result] = search("river", now=NOW).results
    assert "<mark>river</mark>" in result.headline and "<mark>river</mark>" in result.snippet
    marking = ("snippet(", "highlight(", "ts_headline")
    assert not [q["sql"] for q in queries if any(call in q["sql"] for call in marking)]


def test_on_postgresql_the_next_window_is_sized_from_the_matches_found(postgres_only, publish, monkeypatch):
    # Two matches in the first weeks, four wanted: the next window need only be about three
    # times as long, so it is made of 24-day periods, not the 97-day ones around now.
    monkeypatch.setattr(backends, "MAX_RESULTS", 3)
    for age in (1, 10, 60, 70, 80, 400):
        publish(f"tide-{age}", "King tide floods the esplanade", "Water.", version_created=NOW - timedelta(days=age))
    with CaptureQueriesContext(connection) as queries:
        assert slugs(search("tide", sort="newest", now=NOW)) == ["tide-1", "tide-10", "tide-60"]
    windows = [q["sql"] for q in queries if "@@" in q["sql"]]
    assert len(windows) == 2, windows
    assert set(re.findall(r"'~(\d+)\.\d+'", windows[1])) == {"21"}, windows[1]
