"""The lifecycle rules of wire.services.accept: versions, kills, late arrivals, signals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from readwire.wire import signals
from readwire.wire.item import CANCELED, Picture, Rendition, WireItem
from readwire.wire.models import Source, Story
from readwire.wire.services import accept


def item(version=1, **overrides) -> WireItem:
    fields = dict(
        uri="urn:agency:2026:flood-warning",
        headline="Flood warning issued for the Hawkesbury",
        format="ninjs",
        version=version,
        body_html="<p>Residents along the Hawkesbury River were told to prepare to leave.</p>",
    )
    fields.update(overrides)
    return WireItem(**fields)


@pytest.fixture
def changes():
    received = []

    def receiver(sender, **kwargs):
        received.append((kwargs["version"], kwargs["change"]))

    signals.story_changed.connect(receiver)
    yield received
    signals.story_changed.disconnect(receiver)


@pytest.mark.django_db(transaction=True)
def test_new_item_creates_story_and_signals_after_commit(wire_source, changes):
    result = accept(item(), wire_source)
    assert result.result == "created"
    story = Story.objects.get(uri="urn:agency:2026:flood-warning")
    assert story.headline == "Flood warning issued for the Hawkesbury"
    assert story.current.body_text == "Residents along the Hawkesbury River were told to prepare to leave."
    assert changes == [(1, "created")]


def test_same_version_again_is_unchanged(wire_source):
    accept(item(), wire_source)
    assert accept(item(), wire_source).result == "unchanged"
    assert Story.objects.get().versions.count() == 1


def test_higher_version_becomes_current_and_keeps_the_earlier(wire_source):
    accept(item(), wire_source)
    result = accept(item(2, headline="Hawkesbury residents told to evacuate"), wire_source)
    assert result.result == "new_version"
    story = Story.objects.get()
    assert story.current_version == 2
    assert story.headline == "Hawkesbury residents told to evacuate"
    assert [v.headline for v in story.versions.all()] == [
        "Flood warning issued for the Hawkesbury",
        "Hawkesbury residents told to evacuate",
    ]
    assert story.current.changes == {"from_version": 1, "fields": ["headline"]}


def test_lower_version_arriving_late_never_replaces_a_newer_one(wire_source):
    accept(item(3, headline="Third"), wire_source)
    result = accept(item(2, headline="Second"), wire_source)
    assert result.result == "unchanged"
    assert "kept in the history only" in result.warnings[-1]
    story = Story.objects.get()
    assert story.headline == "Third" and story.current_version == 3
    assert story.versions.count() == 2


@pytest.mark.django_db(transaction=True)
def test_kill_withdraws_the_story_for_good(wire_source, changes):
    accept(item(), wire_source)
    assert accept(item(2, pub_status=CANCELED, headline=""), wire_source).result == "withdrawn"
    story = Story.objects.get()
    assert story.is_withdrawn and story.withdrawn_at is not None
    assert not Story.objects.visible().exists()
    # A later version cannot bring a killed story back.
    assert accept(item(3), wire_source).result == "withdrawn"
    assert Story.objects.get().is_withdrawn
    assert changes == [(1, "created"), (2, "killed")]


@pytest.mark.django_db(transaction=True)
def test_correction_signal_is_named(wire_source, changes):
    accept(item(), wire_source)
    accept(item(2, signals=["correction"], ed_note="Corrects river name."), wire_source)
    assert changes[-1] == (2, "corrected")


def test_versionless_items_get_a_number_only_when_content_changes(partner_source):
    assert accept(item(None), partner_source).result == "created"
    assert accept(item(None), partner_source).result == "unchanged"
    result = accept(item(None, headline="Flood warning upgraded"), partner_source)
    assert (result.result, result.version) == ("new_version", 2)


def test_embargoed_story_is_invisible_until_its_time(wire_source):
    accept(item(embargoed_until=timezone.now() + timedelta(hours=1)), wire_source)
    assert not Story.objects.visible().exists()
    assert Story.objects.visible(now=timezone.now() + timedelta(hours=2)).exists()


def test_another_source_may_not_overwrite_a_story(wire_source, partner_source):
    accept(item(), wire_source)
    result = accept(item(2, headline="Hijacked"), partner_source)
    assert result.result == "rejected" and "belongs to source 'agency'" in result.error
    assert Story.objects.get().headline == "Flood warning issued for the Hawkesbury"


def test_hostile_html_is_sanitised_before_it_is_stored(wire_source):
    accept(
        item(
            headline="<script>alert(1)</script>Storm <b>hits</b>",
            body_html='<p onclick="steal()">Text<script>alert(1)</script><a href="javascript:alert(1)">x</a>'
            '<iframe src="https://evil.example"></iframe></p>',
            pictures=[
                Picture(
                    caption="<img src=x onerror=alert(1)>Storm",
                    renditions=[Rendition(href="javascript:alert(1)"), Rendition(href="https://cdn.example/storm.jpg")],
                )
            ],
        ),
        wire_source,
    )
    version = Story.objects.get().current
    assert version.headline == "Storm hits"
    for bad in ("script", "onclick", "javascript:", "iframe"):
        assert bad not in version.body_html
    assert version.pictures[0]["caption"] == "Storm"
    assert [r["href"] for r in version.pictures[0]["renditions"]] == ["https://cdn.example/storm.jpg"]


@pytest.mark.parametrize(
    "bad, reason",
    [
        ({"uri": ""}, "no URI"),
        ({"headline": "  "}, "no headline"),
        ({"version": 0}, "not a positive whole number"),
        ({"pub_status": "maybe"}, "pubStatus"),
    ],
)
def test_items_that_cannot_be_stories_are_rejected_and_nothing_is_stored(wire_source, bad, reason):
    result = accept(item(**bad), wire_source)
    assert result.result == "rejected" and reason in result.error
    assert not Story.objects.exists()
    assert Source.objects.count() == 1


def test_naive_times_are_taken_as_utc(wire_source):
    from datetime import UTC, datetime

    accept(item(version_created=datetime(2026, 3, 1, 9, 30)), wire_source)
    assert Story.objects.get().version_created == datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_times_outside_any_plausible_year_are_dropped_with_a_warning(wire_source):
    from datetime import UTC, datetime

    result = accept(
        item(version_created=datetime(1, 1, 1, tzinfo=UTC), embargoed_until=datetime(9999, 12, 31, 23, 59)), wire_source
    )
    assert result.result == "created"
    assert any("version_created" in w for w in result.warnings) and any("embargoed_until" in w for w in result.warnings)
    # An embargo that cannot be honoured holds the story back rather than publishing it early.
    assert Story.objects.get().state == "withheld" and not Story.objects.visible().exists()


def test_control_characters_never_reach_the_database(wire_source):
    accept(item(headline="Fares \x00rise & \x01fall", body_html="<p>a\x00b</p>"), wire_source)
    version = Story.objects.get().current
    assert version.headline == "Fares rise & fall" and version.body_text == "ab"


@pytest.fixture
def broken_receiver():
    def broken(sender, **kwargs):
        raise RuntimeError("search index unavailable")

    signals.story_changed.connect(broken, dispatch_uid="test.broken")
    yield
    signals.story_changed.disconnect(dispatch_uid="test.broken")


@pytest.mark.django_db(transaction=True)
def test_a_failing_receiver_neither_loses_the_story_nor_stops_the_others(wire_source, broken_receiver, changes, caplog):
    # The broken receiver is connected first, so the one after it proves the others still run.
    result = accept(item(), wire_source)
    assert result.result == "created" and Story.objects.filter(uri=item().uri).exists()
    assert changes == [(1, "created")]
    assert "search index unavailable" in caplog.text
