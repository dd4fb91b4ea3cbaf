"""Readers see one story per group of copies, and the story page says where else it ran."""

# The small world of test_duplicates.py (agency, partner, publish...) is shared: pytest passes its
# fixtures by name, which ruff reads as redefinitions.
# ruff: noqa: F811

from datetime import timedelta

from django.utils import timezone

from readwire.wire.duplicates.linking import also_from
from readwire.wire.item import WITHHELD
from readwire.wire.models import Story
from readwire.wire.tests.test_duplicates import FIRE, NOON, agency, fresh, gazette, partner, publish  # noqa: F401


def test_story_page_names_the_other_sources_that_ran_it(client, agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    page = client.get(wire.get_absolute_url()).content.decode()
    assert f'Also from: <a href="{copy.get_absolute_url()}">Partner Press</a>' in page
    # A reader who followed a link to the copy can still read it, and is pointed at the agency's.
    response = client.get(copy.get_absolute_url())
    assert response.status_code == 200
    assert f'Also from: <a href="{wire.get_absolute_url()}">The Agency</a>' in response.content.decode()


def test_story_without_copies_says_nothing_about_other_sources(client, agency, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    assert "Also from" not in client.get(wire.get_absolute_url()).content.decode()


def test_also_from_lists_visible_copies_the_preferred_first(agency, partner, gazette, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    older = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    newer = publish(gazette, "https://gazette.example/fire", FIRE, at=NOON + timedelta(hours=2))
    assert also_from(fresh(wire)) == [(newer.source, newer), (older.source, older)]
    assert also_from(fresh(older)) == [(wire.source, wire), (newer.source, newer)]
    publish(gazette, "https://gazette.example/fire", FIRE, version=2, pub_status=WITHHELD)
    assert also_from(fresh(wire)) == [(older.source, older)]


def test_readers_list_holds_one_story_per_group_and_visible_keeps_them_all(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    assert list(Story.objects.for_readers()) == [wire]
    # visible() answers "may a reader see this story at all": a copy's own page and the API still work.
    assert Story.objects.visible().count() == 2


def test_copy_is_listed_while_the_story_it_defers_to_is_not_visible(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    assert fresh(copy).duplicate_of == wire
    # Before the group is sorted out again (or if that failed), the copy must not vanish with it.
    Story.objects.filter(pk=wire.pk).update(embargoed_until=timezone.now() + timedelta(hours=1))
    assert list(Story.objects.for_readers()) == [copy]
    Story.objects.filter(pk=wire.pk).update(embargoed_until=None, state=Story.State.WITHDRAWN)
    assert list(Story.objects.for_readers()) == [copy]
    Story.objects.filter(pk=wire.pk).update(state=Story.State.PUBLISHED)
    assert list(Story.objects.for_readers()) == [wire]


def test_embargoed_copy_is_not_shown_over_a_visible_one(agency, partner, publish):
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON)
    wire = publish(
        agency,
        "urn:agency:fire",
        FIRE,
        slugline="BUSHFIRE-VIC",
        at=NOON - timedelta(hours=1),
        embargoed_until=timezone.now() + timedelta(hours=2),
    )
    assert fresh(wire).duplicate_of == copy
    assert list(Story.objects.for_readers()) == [copy]
