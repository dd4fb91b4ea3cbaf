"""The ``search`` benchmark: a generated archive, timed queries, and figures that make sense."""

import pytest

from bench import search as search_bench
from readwire.search.models import SearchDocument
from readwire.topics.models import Placement


@pytest.mark.django_db(transaction=True)
def test_search_benchmark_measures_queries_over_the_archive_it_generates(monkeypatch):
    monkeypatch.setattr(search_bench, "QUERIES", 80)
    monkeypatch.setattr(search_bench, "WARM_UP", 5)
    stages = []
    outcome = search_bench.run(400, lambda stage, *counts: stages.append(stage))

    figures = outcome["figures"]
    assert SearchDocument.objects.count() == 400 and Placement.objects.count() >= 400
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
    assert 0 < figures["cpu_p50_ms"] <= figures["cpu_p95_ms"] <= figures["cpu_p99_ms"]
    assert figures["queries_per_s"] > 0 and figures["bare_lookups_per_s"] > 0
    assert figures["index_items_per_s"] > 0 and figures["mean_matches"] > 0
    assert all(figures[f"p95_ms_{kind}"] > 0 for kind in ("words", "desk", "dates", "newest"))
    assert outcome["ratio"] > 0 and outcome["ratio_of"] == "search queries/s / bare full-text lookups/s"
    assert "indexing" in stages and "querying" in stages


def test_generated_archive_is_the_same_for_the_same_seed():
    first, second = search_bench.Corpus(7), search_bench.Corpus(7)
    assert [first.headline() for _ in range(5)] == [second.headline() for _ in range(5)]
    assert first.prose(50, ["Ana Silva"]) == second.prose(50, ["Ana Silva"])
    words = first.words(20_000)
    # Zipf-like: the most common word is far more frequent than the thousandth.
    assert words.count(first.vocabulary[0]) > 20 * max(1, words.count(first.vocabulary[1000]))
