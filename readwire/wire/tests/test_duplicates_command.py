"""``readwire link_duplicates`` fingerprints the stories that were stored without one."""

# The small world of test_duplicates.py (agency, partner, publish...) is shared: pytest passes its
# fixtures by name, which ruff reads as redefinitions.
# ruff: noqa: F811

from datetime import timedelta
from io import StringIO

from django.core.management import call_command

from readwire.wire.duplicates import linking
from readwire.wire.item import CANCELED
from readwire.wire.models import DuplicateLink, StoryFingerprint
from readwire.wire.tests.test_duplicates import FIRE, NOON, agency, fresh, partner, publish  # noqa: F401


def run(*args) -> str:
    out = StringIO()
    call_command("link_duplicates", *args, stdout=out)
    return out.getvalue()


def test_stories_stored_before_duplicate_finding_are_linked(agency, partner, publish, monkeypatch):
    monkeypatch.setattr(linking, "update_story", lambda story_id: [])
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    monkeypatch.undo()
    assert not StoryFingerprint.objects.exists()

    assert run() == "1 stories linked to copies, 0 withdrawn stories left out; 1 groups of copies\n"
    assert fresh(copy).duplicate_of == wire
    assert "0 stories linked" in run(), "a second run finds nothing left to do"


def test_all_starts_over_and_gives_the_same_groups(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    assert "1 groups of copies" in run("--all")
    assert fresh(copy).duplicate_of == wire
    assert DuplicateLink.objects.count() == 1


def test_withdrawn_story_left_in_a_group_is_taken_out(agency, partner, publish, monkeypatch):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    monkeypatch.setattr(linking, "forget_story", lambda story_id: None)  # the kill's receiver failed
    publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC", version=2, pub_status=CANCELED)
    monkeypatch.undo()
    assert fresh(copy).duplicate_of == wire

    assert "1 withdrawn stories left out" in run()
    assert fresh(copy).duplicate_of is None
    assert "0 withdrawn stories" in run(), "once taken out, a withdrawn story is not looked at again"
