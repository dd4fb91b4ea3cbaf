"""Follows: the readers of a story's sections are found in one query, however many readers there are."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from readwire.topics.models import Follow, Section
from readwire.topics.placement import correct_placement, follow, followers_of_story, place_story, unfollow
from readwire.topics.tests.conftest import make_user, medtop, wire_item
from readwire.wire.models import Story
from readwire.wire.services import accept


def placed_story(agency, *codes: str, uri: str = "urn:agency:story-1") -> Story:
    story = Story.objects.get(pk=accept(wire_item(uri, subjects=[medtop(c) for c in codes]), agency).story_id)
    place_story(story)
    return story


def test_followers_of_a_story_are_the_readers_of_any_of_its_sections_once_each(sections, agency, alice, bob):
    carol = make_user("carol")
    story = placed_story(agency, "20000737")  # Health and Science
    follow(alice, sections["health"])
    follow(alice, sections["science"])
    follow(bob, sections["science"])
    follow(carol, sections["sport"])
    assert sorted(followers_of_story(story)) == sorted([alice.pk, bob.pk])


def test_follower_lookup_is_one_query_whatever_the_number_of_readers(sections, agency, django_assert_num_queries):
    story = placed_story(agency, "20000737")
    readers = [make_user(f"reader{n}") for n in range(30)]
    Follow.objects.bulk_create(
        [Follow(user=r, section=sections["health" if n % 2 else "science"]) for n, r in enumerate(readers)]
    )
    with django_assert_num_queries(1):
        found = list(followers_of_story(story))
    assert found == sorted(r.pk for r in readers)
    with django_assert_num_queries(1):
        # A batch at a time, as delivery reads them.
        assert list(followers_of_story(story).filter(user_id__gt=found[9])[:5]) == found[10:15]
    with django_assert_num_queries(1):
        assert list(followers_of_story(story.pk)) != []


def test_follower_lookup_starts_from_the_section_index(sections, agency, alice):
    story = placed_story(agency, "15000000")
    follow(alice, sections["sport"])
    with CaptureQueriesContext(connection) as queries:
        list(followers_of_story(story))
    sql = queries.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        else:
            # A table of one row is cheaper to scan; what matters is that the index can be used.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
        plan = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    if connection.vendor == "sqlite":
        # SQLite names the unique constraint's index itself.
        assert "SEARCH topics_follow USING COVERING INDEX" in plan and "(section_id=?)" in plan, plan
    else:
        assert "one_follow_per_reader_section" in plan, plan


def test_readers_of_an_inactive_section_or_one_an_editor_took_the_story_out_of_are_not_followers(
    sections, agency, alice, bob, erin
):
    story = placed_story(agency, "20000737")
    follow(alice, sections["health"])
    follow(bob, sections["science"])
    Section.objects.filter(slug="health").update(active=False)
    correct_placement(story, sections["science"], include=False, editor=erin)
    assert list(followers_of_story(story)) == []


def test_following_twice_is_one_follow_and_unfollowing_removes_it(sections, alice):
    follow(alice, sections["arts"])
    follow(alice, sections["arts"])
    assert Follow.objects.filter(user=alice).count() == 1
    unfollow(alice, sections["arts"])
    unfollow(alice, sections["arts"])
    assert not Follow.objects.filter(user=alice).exists()


def test_a_story_in_no_section_has_no_followers(sections, agency, alice):
    story = Story.objects.get(pk=accept(wire_item(), agency).story_id)
    follow(alice, sections["sport"])
    assert list(followers_of_story(story)) == []
