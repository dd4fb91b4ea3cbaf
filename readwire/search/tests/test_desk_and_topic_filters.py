"""Desk and Topic in Focus filters read the placements readwire.topics keeps, at query time."""

import pytest

from readwire.search import search
from readwire.search.tests.conftest import NOW, slugs
from readwire.topics.models import Placement, Section


@pytest.fixture
def placed(publish):
    """Stories on desks chosen here, whatever the topics app decided when they were accepted."""

    def placed(slug, headline, body, *sections):
        story = publish(slug, headline, body)
        Placement.objects.filter(story=story).delete()
        for section in sections:
            Placement.objects.create(story=story, section=Section.objects.get(slug=section), origin="editor")
        return story

    return placed


@pytest.fixture
def wire(placed):
    placed("derby", "Storm delays the derby", "Rain stopped play at the stadium.", "sport")
    placed("crops", "Storm flattens wheat crops", "Farmers count the cost of hail.", "national", "agriculture")
    placed("insurers", "Insurers brace for storm claims", "Shares fell on the storm damage bill.", "business")
    placed("relief", "Storm relief for farmers", "Grants for farmers hit by the storm.", "politics", "agriculture")


def found(query, **filters):
    return set(slugs(search(query, now=NOW, per_page=50, **filters)))


def test_desk_filter_keeps_the_stories_placed_on_that_desk(wire):
    assert found("storm", desk="sport") == {"derby"}
    assert found("storm", desk="business") == {"insurers"}


def test_topic_filter_keeps_the_stories_in_that_topic_in_focus(wire):
    assert found("storm", topic="agriculture") == {"crops", "relief"}
    assert found("farmers", topic="agriculture") == {"crops", "relief"}


def test_desk_and_topic_filters_combine_with_words_and_each_other(wire):
    assert found("storm", desk="politics", topic="agriculture") == {"relief"}
    assert found("hail", topic="agriculture") == {"crops"}
    assert found("storm", desk="sport", topic="agriculture") == set()


def test_an_unknown_desk_or_a_topic_slug_given_as_desk_finds_nothing(wire):
    assert found("storm", desk="no-such-desk") == set()
    assert found("storm", desk="agriculture") == set()


def test_a_changed_placement_is_seen_at_once_without_reindexing(wire):
    derby = Placement.objects.get(story__uri="urn:agency:derby").story
    Placement.objects.create(story=derby, section=Section.objects.get(slug="national"), origin="editor")
    assert found("storm", desk="national") == {"crops", "derby"}


def test_a_readers_word_never_matches_a_section_token(wire):
    sport = Section.objects.get(slug="sport")
    assert found(f"s{sport.pk}") == set()
    assert found(f"~s{sport.pk}") == set()


def test_placements_made_in_bulk_reach_the_filter_after_reindex(wire):
    from io import StringIO

    from django.core.management import call_command

    derby = Placement.objects.get(story__uri="urn:agency:derby").story
    # bulk_create sends no signals, as when the archive is placed again in bulk.
    Placement.objects.bulk_create([Placement(story=derby, section=Section.objects.get(slug="health"), origin="wire")])
    assert found("storm", desk="health") == set()
    call_command("reindex", stderr=StringIO())
    assert found("storm", desk="health") == {"derby"}


def test_a_story_taken_off_a_desk_without_the_index_hearing_is_not_shown_there(wire):
    # A raw delete sends no signals; the filter also checks the placements themselves.
    Placement.objects.filter(story__uri="urn:agency:derby")._raw_delete(Placement.objects.db)
    assert found("storm", desk="sport") == set()
