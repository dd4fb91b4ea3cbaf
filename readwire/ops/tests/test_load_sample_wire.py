"""Loading the sample wire: what lands, the lifecycle cases, fresh times, and idempotence."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from readwire.sample import AGENCY_SOURCE, PARTNER_SOURCE, URI_PREFIX
from readwire.sample.load import (
    FRESHNESS,
    base_time,
    is_loaded,
    load_sample_wire,
    loaded_offset,
    read_manifest,
    shift_times,
)
from readwire.sample.topics import DESKS
from readwire.wire.models import Story, Version

pytestmark = pytest.mark.django_db


def story(slug: str) -> Story:
    return Story.objects.get(uri=f"{URI_PREFIX}story:{slug}")


@pytest.fixture
def loaded():
    return load_sample_wire()


def test_sample_wire_loads_at_least_150_visible_stories_without_rejections(loaded):
    assert loaded.rejections == []
    assert Story.objects.visible().count() >= 150
    assert Story.objects.filter(source__name=PARTNER_SOURCE).count() == 6


def test_every_desk_and_topic_in_focus_has_stories_by_its_own_subjects(loaded):
    codes_by_story = {
        uri: {s["code"] for s in subjects}
        for uri, subjects in Version.objects.filter(story__state=Story.State.PUBLISHED).values_list(
            "story__uri", "subjects"
        )
    }
    for desk, (label, codes) in DESKS.items():
        others = {code for other, (_, theirs) in DESKS.items() if other != desk for code in theirs}
        # Codes no other desk claims, so that Arts is not counted by Entertainment's stories.
        own = {f"medtop:{code}" for code in codes if code not in others} or {f"medtop:{codes[0]}"}
        stories = [uri for uri, found in codes_by_story.items() if found & own]
        assert len(stories) >= 5, f"{label} has only {len(stories)} stories"


def test_developing_stories_land_as_numbered_versions_with_the_latest_current(loaded):
    flood = story("hawkesbury-flood")
    assert flood.current_version == 3
    assert list(flood.versions.values_list("version", flat=True)) == [1, 2, 3]
    assert flood.headline == "Hawkesbury flood peak lower than feared but homes inundated"
    developing = Story.objects.filter(source__name=AGENCY_SOURCE, current_version__gte=3).count()
    assert developing >= 5


def test_correction_is_a_new_version_with_the_signal_and_the_editors_note(loaded):
    jobs = story("jobs-figures")
    assert jobs.current_version == 2
    assert jobs.current.signals == ["correction"]
    assert jobs.current.ed_note.startswith("Correction:")
    assert "38,000 jobs" in jobs.current.body_text
    assert "48,000 jobs" in jobs.versions.get(version=1).body_text


def test_killed_story_is_withdrawn_and_invisible(loaded):
    killed = story("melbourne-assault-charge")
    assert killed.is_withdrawn
    assert not Story.objects.visible().filter(pk=killed.pk).exists()


def test_embargoed_story_is_invisible_until_its_embargo_passes(loaded):
    embargoed = story("child-health-report")
    now = timezone.now()
    assert embargoed.embargoed_until > now + timedelta(minutes=90)
    assert not Story.objects.visible().filter(pk=embargoed.pk).exists()
    assert Story.objects.visible(now=embargoed.embargoed_until).filter(pk=embargoed.pk).exists()


def test_newest_story_is_a_few_minutes_old_after_the_first_load(loaded):
    newest = Story.objects.filter(source__name=AGENCY_SOURCE).order_by("-version_created").first()
    age = timezone.now() - newest.version_created
    assert FRESHNESS - timedelta(minutes=1) <= age <= FRESHNESS + timedelta(minutes=2)
    oldest = Story.objects.filter(source__name=AGENCY_SOURCE).order_by("first_created").first()
    assert timedelta(days=2) < timezone.now() - oldest.first_created < timedelta(days=3, hours=2)


def test_loading_again_changes_nothing_even_hours_later(loaded, time_machine):
    counts = (Story.objects.count(), Version.objects.count())
    assert is_loaded()
    time_machine.move_to(timezone.now() + timedelta(hours=5))
    again = load_sample_wire()
    assert set(again.results) == {"unchanged"}
    assert again.offset == loaded.offset == loaded_offset(read_manifest())
    assert (Story.objects.count(), Version.objects.count()) == counts


def test_a_fresh_database_is_not_loaded(db):
    assert not is_loaded()


def test_shift_moves_iso_and_rfc822_times_and_leaves_other_dates_alone():
    around = base_time(read_manifest())
    text = (
        '"versionCreated": "2025-06-17T21:50:00+10:00", <pubDate>Tue, 17 Jun 2025 21:50:00 +1000</pubDate> '
        "floods of 2022-03-01T00:00:00+10:00"
    )
    moved = shift_times(text, timedelta(days=1, minutes=5), around)
    assert '"versionCreated": "2025-06-18T21:55:00+10:00"' in moved
    assert "<pubDate>Wed, 18 Jun 2025 21:55:00 +1000</pubDate>" in moved
    assert "2022-03-01T00:00:00+10:00" in moved


def test_command_reports_progress_on_stderr_and_a_summary_on_stdout():
    out, err = StringIO(), StringIO()
    call_command("load_sample_wire", stdout=out, stderr=err)
    total = len(read_manifest()["documents"])
    assert f"{total}/{total} documents" in err.getvalue()
    assert out.getvalue().startswith("Sample wire: ")
    assert "0 rejected" in out.getvalue()
    out = StringIO()
    call_command("load_sample_wire", stdout=out, stderr=StringIO())
    assert " 0 created, 0 new versions, 0 withdrawn," in out.getvalue()
