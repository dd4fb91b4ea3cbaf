"""The index follows every version, embargo, withholding and kill, through story_changed."""

from datetime import timedelta

import pytest

from readwire.search import search
from readwire.search.models import SearchDocument, SearchEntity
from readwire.search.tests.conftest import NOW, slugs
from readwire.wire.item import CANCELED, WITHHELD, Entity


def found(query, now=NOW, **options):
    return slugs(search(query, now=now, **options))


def test_a_new_version_replaces_the_old_text(publish):
    publish("quake", "Earthquake shakes Christchurch", "A magnitude 5.1 quake struck.")
    publish("quake", "Earthquake shakes Wellington", "A magnitude 5.3 quake struck.", version=2)
    assert found("wellington") == ["quake"]
    assert found("christchurch") == []
    assert SearchDocument.objects.count() == 1


def test_a_correction_is_searchable_at_once(publish):
    publish("rates", "Reserve Bank lifts rates to 4.1 per cent", "The cash rate rose.")
    publish(
        "rates", "Reserve Bank holds rates at 4.1 per cent", "The cash rate held.", version=2, signals=["correction"]
    )
    assert found("holds") == ["rates"]
    assert found("lifts") == []


def test_a_new_version_moves_the_story_to_its_new_date(publish):
    publish("old", "Drought grips the west", "Farmers wait for rain.", version_created=NOW - timedelta(days=20))
    publish("other", "Drought relief announced", "Farmers get help.", version_created=NOW - timedelta(days=10))
    publish("old", "Drought grips the west", "Farmers still wait for rain.", version=2, version_created=NOW)
    assert found("drought", sort="newest") == ["old", "other"]
    assert found("drought", since=NOW - timedelta(days=1)) == ["old"]


def test_killed_story_disappears_from_search(publish):
    publish("hoax", "Minister resigns over hoax", "The minister resigned.")
    assert found("hoax") == ["hoax"]
    publish("hoax", "Minister resigns over hoax", "", version=2, pub_status=CANCELED)
    assert found("hoax") == []
    assert not SearchDocument.objects.exists() and not SearchEntity.objects.exists()


def test_a_version_after_a_kill_does_not_bring_the_story_back(publish):
    publish("hoax", "Minister resigns over hoax", "The minister resigned.")
    publish("hoax", "Minister resigns over hoax", "", version=2, pub_status=CANCELED)
    publish("hoax", "Minister resigns over hoax again", "The minister resigned.", version=3)
    assert found("hoax") == []


def test_embargoed_story_is_found_only_after_its_time(publish):
    lifts = NOW + timedelta(hours=6)
    publish("results", "Election results in", "The count is complete.", embargoed_until=lifts)
    assert SearchDocument.objects.filter(story__uri="urn:agency:results").exists()
    assert found("election") == []
    assert found("election", now=lifts - timedelta(seconds=1)) == []
    assert found("election", now=lifts) == ["results"]


def test_lifting_an_embargo_early_with_a_new_version_shows_the_story(publish):
    publish("results", "Election results in", "The count.", embargoed_until=NOW + timedelta(hours=6))
    publish("results", "Election results in", "The count.", version=2)
    assert found("election") == ["results"]


def test_withheld_story_is_not_found_until_released(publish):
    publish("held", "Court suppresses name", "The name cannot be published.", pub_status=WITHHELD)
    assert found("court") == []
    publish("held", "Court suppresses name", "The name cannot be published.", version=2)
    assert found("court") == ["held"]


def test_people_and_places_follow_the_current_version(publish):
    publish("trip", "Leaders meet", "Talks began.", people=[Entity(name="Jacinda Ardern")], places=["Auckland"])
    publish(
        "trip", "Leaders meet", "Talks began.", version=2, people=[Entity(name="Chris Hipkins")], places=["Auckland"]
    )
    assert found("leaders", person="Chris Hipkins") == ["trip"]
    assert found("leaders", person="Jacinda Ardern") == []
    assert found("leaders", place="auckland") == ["trip"]


@pytest.mark.django_db(transaction=True)
def test_a_story_changed_outside_accept_is_still_never_shown(publish):
    # A withdrawal written straight to the table sends no signal, so the index is behind; the
    # page is checked against Story.objects.visible() all the same.
    story = publish("gone", "Recall of frozen berries", "Check your freezer.")
    type(story).objects.filter(pk=story.pk).update(state="withdrawn")
    page = search("berries", now=NOW)
    assert page.results == []


def test_an_index_failure_does_not_fail_the_ingest(publish, monkeypatch, caplog):
    from readwire.search.backends.postgres import PostgresBackend
    from readwire.search.backends.sqlite import SqliteBackend

    def broken(self, story):
        raise RuntimeError("disk full")

    monkeypatch.setattr(SqliteBackend, "index", broken)
    monkeypatch.setattr(PostgresBackend, "index", broken)
    story = publish("fine", "Ingest carries on", "Even when search cannot keep up.")
    assert story.pk
    assert "could not update the search index" in caplog.text


def test_people_and_places_the_tagger_found_are_searched_and_filtered_like_the_wires(publish):
    from readwire.search.service import index_story
    from readwire.topics.models import MachineTagging

    story = publish("rss", "Mayor opens the new bridge", "The mayor cut the ribbon at noon.")
    MachineTagging.objects.update_or_create(
        story=story, version=1, defaults={"people": [{"name": "Clover Moore"}], "places": [{"name": "Pyrmont"}]}
    )
    index_story(story.pk)
    assert found("bridge", person="clover moore") == ["rss"]
    assert found("bridge", place="Pyrmont") == ["rss"]
    assert found("pyrmont") == ["rss"]


def test_stories_hidden_behind_the_indexes_back_never_cost_a_visible_one_its_place(publish, monkeypatch):
    from readwire.search import backends
    from readwire.search.backends import postgres
    from readwire.wire.models import Story

    monkeypatch.setattr(backends, "MAX_RESULTS", 2)
    monkeypatch.setattr(postgres, "READERS_MARGIN", 0)
    for hours in range(6):
        publish(f"gale-{hours}", "Gale warning for the coast", "Winds.", version_created=NOW - timedelta(hours=hours))
    # Withdrawn without a signal, so the index still holds them: the three newest.
    Story.objects.filter(uri__in=[f"urn:agency:gale-{h}" for h in range(3)]).update(state="withdrawn")
    page = search("gale", sort="newest", now=NOW)
    assert slugs(page) == ["gale-3", "gale-4"]
    assert page.total == 2 and not page.total_is_exact
