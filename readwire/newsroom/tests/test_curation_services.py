from datetime import timedelta

import pytest
from django.utils import timezone

from readwire.newsroom import services
from readwire.newsroom.models import CurationLog, FrontPageEntry, Pin
from readwire.newsroom.services import CurationError
from readwire.newsroom.tests.conftest import publish
from readwire.wire.item import CANCELED

Action = CurationLog.Action


@pytest.fixture
def dam(agency):
    return publish(agency, "urn:agency:dam", headline="Dam spills after record rain")


@pytest.fixture
def rates(agency):
    return publish(agency, "urn:agency:rates", headline="Reserve Bank holds rates")


@pytest.fixture
def cricket(agency):
    return publish(agency, "urn:agency:cricket", headline="Australia bowl out India for 142")


def top_order():
    return list(
        FrontPageEntry.objects.filter(role=FrontPageEntry.Role.TOP)
        .order_by("position")
        .values_list("story_id", "position")
    )


def actions():
    return list(CurationLog.objects.order_by("pk").values_list("action", flat=True))


def test_set_lead_records_who_and_is_safe_to_repeat(dam, edith):
    assert services.set_lead(dam, editor=edith) is True
    assert services.set_lead(dam, editor=edith) is False
    lead = FrontPageEntry.objects.get(role=FrontPageEntry.Role.LEAD)
    assert lead.story == dam and lead.added_by == edith
    entry = CurationLog.objects.get()
    assert (entry.action, entry.story, entry.editor, entry.editor_name) == (Action.SET_LEAD, dam, edith, "edith")
    assert entry.headline == "Dam spills after record rain" and entry.at is not None


def test_new_lead_moves_the_old_lead_to_the_head_of_the_top_stories(dam, rates, cricket, edith):
    services.add_top_story(cricket, editor=edith)
    services.set_lead(dam, editor=edith)
    services.set_lead(rates, editor=edith)
    assert FrontPageEntry.objects.get(role=FrontPageEntry.Role.LEAD).story == rates
    assert top_order() == [(dam.pk, 0), (cricket.pk, 1)]
    assert "replacing “Dam spills after record rain”" in CurationLog.objects.first().detail


def test_a_top_story_made_lead_leaves_the_top_stories(dam, rates, edith):
    services.add_top_story(dam, editor=edith)
    services.add_top_story(rates, editor=edith)
    services.set_lead(dam, editor=edith)
    assert top_order() == [(rates.pk, 0)]


def test_withdrawn_story_cannot_be_curated(agency, dam, edith):
    publish(agency, "urn:agency:dam", 2, pub_status=CANCELED)
    for curate in (services.set_lead, services.add_top_story, services.pin):
        with pytest.raises(CurationError, match="withdrawn"):
            curate(dam, editor=edith)
    assert not FrontPageEntry.objects.exists() and not Pin.objects.exists() and not CurationLog.objects.exists()


def test_a_killed_lead_is_not_moved_down_when_replaced(agency, dam, rates, edith):
    services.set_lead(dam, editor=edith)
    publish(agency, "urn:agency:dam", 2, pub_status=CANCELED)
    services.set_lead(rates, editor=edith)
    assert top_order() == []


def test_clear_lead_hands_the_lead_back_once(dam, edith):
    services.set_lead(dam, editor=edith)
    assert services.clear_lead(editor=edith) is True
    assert services.clear_lead(editor=edith) is False
    assert not FrontPageEntry.objects.exists()
    assert actions() == [Action.SET_LEAD, Action.CLEAR_LEAD]


def test_add_top_story_appends_once_and_logs_once(dam, rates, edith):
    assert services.add_top_story(dam, editor=edith) is True
    assert services.add_top_story(rates, editor=edith) is True
    assert services.add_top_story(dam, editor=edith) is False
    assert top_order() == [(dam.pk, 0), (rates.pk, 1)]
    assert actions() == [Action.ADD_TOP, Action.ADD_TOP]


def test_add_top_story_at_a_position(dam, rates, cricket, edith):
    services.add_top_story(dam, editor=edith)
    services.add_top_story(rates, editor=edith)
    services.add_top_story(cricket, editor=edith, position=0)
    assert top_order() == [(cricket.pk, 0), (dam.pk, 1), (rates.pk, 2)]


def test_the_lead_cannot_also_be_a_top_story(dam, edith):
    services.set_lead(dam, editor=edith)
    with pytest.raises(CurationError, match="is the lead story"):
        services.add_top_story(dam, editor=edith)


def test_top_stories_are_limited(agency, edith, monkeypatch):
    monkeypatch.setattr(services, "MAX_TOP_STORIES", 2)
    stories = [publish(agency, f"urn:agency:{n}", headline=f"Story {n}") for n in range(3)]
    services.add_top_story(stories[0], editor=edith)
    services.add_top_story(stories[1], editor=edith)
    with pytest.raises(CurationError, match="holds 2 top stories"):
        services.add_top_story(stories[2], editor=edith)


def test_move_top_story_reorders_and_keeps_positions_gapless(dam, rates, cricket, edith):
    for story in (dam, rates, cricket):
        services.add_top_story(story, editor=edith)
    assert services.move_top_story(cricket, 0, editor=edith) is True
    assert top_order() == [(cricket.pk, 0), (dam.pk, 1), (rates.pk, 2)]
    assert services.move_top_story(cricket, 0, editor=edith) is False
    # Past the end goes to the end.
    assert services.move_top_story(cricket, 99, editor=edith) is True
    assert top_order() == [(dam.pk, 0), (rates.pk, 1), (cricket.pk, 2)]
    log = CurationLog.objects.filter(action=Action.MOVE_TOP).order_by("pk")
    assert [e.detail for e in log] == ["from position 3 to 1", "from position 1 to 3"]


def test_moving_a_story_that_is_not_a_top_story_is_refused(dam, edith):
    with pytest.raises(CurationError, match="not one of the top stories"):
        services.move_top_story(dam, 0, editor=edith)


def test_remove_top_story_closes_the_gap_and_is_safe_to_repeat(dam, rates, cricket, edith):
    for story in (dam, rates, cricket):
        services.add_top_story(story, editor=edith)
    assert services.remove_top_story(rates, editor=edith) is True
    assert services.remove_top_story(rates, editor=edith) is False
    assert top_order() == [(dam.pk, 0), (cricket.pk, 1)]
    assert actions().count(Action.REMOVE_TOP) == 1


def test_pin_is_safe_to_repeat_and_a_new_time_changes_it(dam, edith):
    until = timezone.now() + timedelta(hours=3)
    assert services.pin(dam, until=until, editor=edith) is True
    assert services.pin(dam, until=until, editor=edith) is False
    assert services.pin(dam, editor=edith) is True
    pin = Pin.objects.get()
    assert pin.until is None and pin.pinned_by == edith
    details = [e.detail for e in CurationLog.objects.filter(action=Action.PIN).order_by("pk")]
    assert details[0].startswith("until ") and details[1] == "until unpinned"


def test_pin_ending_in_the_past_is_refused(dam, edith):
    with pytest.raises(CurationError, match="in the past"):
        services.pin(dam, until=timezone.now() - timedelta(minutes=1), editor=edith)
    assert not Pin.objects.exists()


def test_unpin_is_safe_to_repeat(dam, edith):
    services.pin(dam, editor=edith)
    assert services.unpin(dam, editor=edith) is True
    assert services.unpin(dam, editor=edith) is False
    assert not Pin.objects.exists()
    assert actions() == [Action.PIN, Action.UNPIN]


def test_audit_entry_outlives_the_editors_account(dam, edith):
    services.set_lead(dam, editor=edith)
    edith.delete()
    entry = CurationLog.objects.get()
    assert entry.editor is None and entry.editor_name == "edith"


def test_curation_without_an_editor_is_logged_as_the_system(dam):
    services.add_top_story(dam)
    entry = CurationLog.objects.get()
    assert entry.editor is None and entry.editor_name == ""
