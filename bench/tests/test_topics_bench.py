"""The ``topics`` benchmark, run small in the test database: exact follow counts at both sizes, and
the figures BENCHMARKS.md asks for."""

import importlib

import pytest
from django.apps import apps

from bench import topics
from bench.lib import registry
from readwire.topics.models import Follow


@pytest.fixture
def small_run(monkeypatch, transactional_db):
    # The default desks a fresh database has; a transactional test before this one may have emptied it.
    importlib.import_module("readwire.topics.migrations.0002_default_sections").create_default_sections(apps, None)
    monkeypatch.setattr(topics, "SMALL", 100)
    monkeypatch.setattr(topics, "STORIES", 12)
    monkeypatch.setattr(topics, "FULL_LISTS", 3)
    monkeypatch.setattr(topics, "REPEATS", 1)


# VACUUM (PostgreSQL) cannot run inside the transaction an ordinary test is wrapped in.
@pytest.mark.django_db(transaction=True)
def test_the_benchmark_reports_both_sizes_and_their_ratio(small_run, monkeypatch):
    sizes = []
    insert = topics._insert_follows

    def counting_insert(count, sections):
        insert(count, sections)
        sizes.append(Follow.objects.count())

    monkeypatch.setattr(topics, "_insert_follows", counting_insert)
    outcome = topics.run(1000, lambda *args, **kwargs: None)
    result = registry.result(topics, 1000, outcome)

    assert sizes == [100, 100, 1000, 100]
    figures = result["figures"]
    for name in ("items_per_s", "p95_ms", "small_items_per_s", "small_p95_ms", "large_items_per_s", "large_p95_ms"):
        assert figures[name] > 0, name
    assert figures["large_followers_per_story_avg"] > figures["small_followers_per_story_avg"]
    assert figures["untagged_stories"] >= 2
    assert result["ratio"] == round(figures["large_items_per_s"] / figures["small_items_per_s"], 3)
    assert result["ratio_of"] == "stories/s with 1,000 follows / stories/s with 100 follows"
