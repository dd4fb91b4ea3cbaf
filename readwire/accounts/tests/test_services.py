"""The services the website and the API share: preferences and saved stories."""

import datetime

import pytest
from django.utils import timezone

from readwire.accounts.models import ReaderPreferences, SavedStory
from readwire.accounts.services import (
    InvalidPreferences,
    StoryNotAvailable,
    preferences_for,
    save_story,
    saved_stories,
    unsave_story,
    update_preferences,
)
from readwire.wire.item import CANCELED


def test_preferences_are_made_with_the_defaults_on_first_use(alice):
    preferences = preferences_for(alice)
    assert preferences.morning_wire_time == datetime.time(6, 30)
    assert preferences.daily_alert_cap == 5
    assert preferences.quiet_hours_start is None
    assert preferences_for(alice).pk == preferences.pk
    assert ReaderPreferences.objects.filter(user=alice).count() == 1


def test_update_changes_only_what_is_given(alice):
    update_preferences(alice, morning_wire=True, morning_wire_time=datetime.time(7, 15))
    update_preferences(alice, daily_alert_cap=2)
    preferences = preferences_for(alice)
    assert preferences.morning_wire is True
    assert preferences.morning_wire_time == datetime.time(7, 15)
    assert preferences.daily_alert_cap == 2


def test_time_zone_is_kept_on_the_reader(alice):
    update_preferences(alice, time_zone="Europe/Berlin")
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/Berlin"


def test_nothing_changes_when_one_value_is_wrong(alice):
    with pytest.raises(InvalidPreferences) as caught:
        update_preferences(alice, morning_wire=True, daily_alert_cap=500, time_zone="Mars/Olympus")
    assert set(caught.value.errors) == {"daily_alert_cap", "time_zone"}
    assert preferences_for(alice).morning_wire is False


@pytest.mark.parametrize(
    "changes",
    [
        {"morning_wire": "yes"},
        {"daily_alert_cap": -1},
        {"daily_alert_cap": True},
        {"morning_wire_time": None},
        {"alert_topics": "sport"},
        {"is_staff": True},
    ],
)
def test_wrong_values_are_refused(alice, changes):
    with pytest.raises(InvalidPreferences):
        update_preferences(alice, **changes)
    alice.refresh_from_db()
    assert not alice.is_staff


def test_quiet_hours_need_both_ends(alice):
    with pytest.raises(InvalidPreferences):
        update_preferences(alice, quiet_hours_start=datetime.time(22, 0))
    update_preferences(alice, quiet_hours_start=datetime.time(22, 0), quiet_hours_end=datetime.time(7, 0))
    update_preferences(alice, quiet_hours_end=datetime.time(6, 0))
    assert preferences_for(alice).quiet_hours_end == datetime.time(6, 0)
    update_preferences(alice, quiet_hours_start=None)
    preferences = preferences_for(alice)
    assert preferences.quiet_hours_start is None and preferences.quiet_hours_end is None


def test_quiet_hours_may_cross_midnight(alice):
    preferences = update_preferences(alice, quiet_hours_start=datetime.time(22, 0), quiet_hours_end=datetime.time(7, 0))
    assert preferences.in_quiet_hours(datetime.time(23, 30))
    assert preferences.in_quiet_hours(datetime.time(3, 0))
    assert not preferences.in_quiet_hours(datetime.time(7, 0))
    assert not preferences.in_quiet_hours(datetime.time(12, 0))


def test_saving_a_story_twice_keeps_one_and_the_first_time(alice, make_story):
    story = make_story()
    first = save_story(alice, story)
    again = save_story(alice, story)
    assert first.pk == again.pk
    assert SavedStory.objects.filter(user=alice).count() == 1


def test_a_withdrawn_story_cannot_be_saved_but_can_be_unsaved(alice, make_story):
    story = make_story()
    save_story(alice, story)
    make_story(version=2, pub_status=CANCELED)
    story.refresh_from_db()
    with pytest.raises(StoryNotAvailable):
        save_story(alice, story)
    assert list(saved_stories(alice)) == []
    assert unsave_story(alice, story) is True
    assert unsave_story(alice, story) is False


def test_an_embargoed_story_cannot_be_saved(alice, make_story):
    story = make_story(embargoed_until=timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(StoryNotAvailable):
        save_story(alice, story)


def test_saved_stories_are_listed_newest_first_and_per_reader(alice, bob, make_story):
    one, two = make_story(1), make_story(2)
    save_story(alice, one)
    save_story(alice, two)
    save_story(bob, one)
    assert [saved.story for saved in saved_stories(alice)] == [two, one]
    assert [saved.story for saved in saved_stories(bob)] == [one]
