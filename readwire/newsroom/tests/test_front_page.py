from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from readwire.newsroom import frontpage, services
from readwire.newsroom.frontpage import front_page
from readwire.newsroom.tests.conftest import publish
from readwire.wire.item import CANCELED, WITHHELD

NOW = timezone.now().replace(microsecond=0)


def story(source, name: str, *, age: timedelta = timedelta(minutes=10), urgency: int | None = 5, **fields):
    return publish(
        source, f"urn:agency:{name}", headline=name.title(), urgency=urgency, version_created=NOW - age, **fields
    )


def headlines(stories):
    return [s.headline for s in stories]


def test_without_choices_the_most_urgent_recent_story_leads(agency):
    story(agency, "older flash", age=timedelta(hours=7), urgency=1)
    story(agency, "routine", age=timedelta(minutes=5), urgency=5)
    story(agency, "bulletin", age=timedelta(hours=2), urgency=2)
    story(agency, "second bulletin", age=timedelta(hours=1), urgency=2)
    page = front_page(NOW)
    # Most urgent of the last six hours, the more recent of two equally urgent ones.
    assert page.lead.headline == "Second Bulletin"
    assert page.chosen_by[page.lead.pk] == "automatic"


def test_without_recent_stories_the_most_recent_leads(agency):
    story(agency, "old flash", age=timedelta(days=2), urgency=1)
    story(agency, "yesterday", age=timedelta(hours=20), urgency=6)
    assert front_page(NOW).lead.headline == "Yesterday"


def test_empty_wire_gives_an_empty_front_page(db):
    page = front_page(NOW)
    assert page.lead is None and page.top == [] and page.latest == []


def test_chosen_lead_leads_whatever_its_urgency(agency, edith):
    story(agency, "flash", urgency=1)
    chosen = story(agency, "feature", age=timedelta(hours=30), urgency=8)
    services.set_lead(chosen, editor=edith)
    page = front_page(NOW)
    assert page.lead == chosen and page.chosen_by[chosen.pk] == "lead"


def test_killed_lead_falls_back_to_the_automatic_choice(agency, edith):
    flash = story(agency, "flash", urgency=1)
    lead = story(agency, "lead", urgency=6)
    services.set_lead(lead, editor=edith)
    assert front_page(NOW).lead == lead
    publish(agency, "urn:agency:lead", 2, pub_status=CANCELED)
    page = front_page(NOW)
    assert page.lead == flash
    assert lead.pk not in {s.pk for s in page.top + page.latest}


def test_withheld_and_embargoed_curated_stories_stay_off_until_readers_may_see_them(agency, edith):
    story(agency, "flash", urgency=1)
    embargoed = story(agency, "budget", urgency=3, embargoed_until=NOW + timedelta(hours=1))
    withheld = story(agency, "held", urgency=3, pub_status=WITHHELD)
    services.set_lead(embargoed, editor=edith)
    services.add_top_story(withheld, editor=edith)
    services.pin(withheld, editor=edith)
    page = front_page(NOW)
    shown = {s.pk for s in [page.lead, *page.top, *page.latest]}
    assert embargoed.pk not in shown and withheld.pk not in shown
    # When the embargo passes, the editors' choice leads.
    assert front_page(NOW + timedelta(hours=1, seconds=1)).lead == embargoed


def test_top_stories_are_pins_then_choices_in_order_then_the_most_urgent(agency, edith, monkeypatch):
    monkeypatch.setattr(frontpage, "TOP_STORIES", 5)
    story(agency, "lead", urgency=1)
    first, second = story(agency, "first choice"), story(agency, "second choice")
    pinned = story(agency, "pinned", age=timedelta(hours=40))
    story(agency, "urgent", urgency=3, age=timedelta(hours=10))
    story(agency, "fresh", urgency=6, age=timedelta(minutes=1))
    story(agency, "old urgent", urgency=2, age=timedelta(hours=30))
    services.add_top_story(second, editor=edith)
    services.add_top_story(first, editor=edith, position=0)
    services.pin(pinned, editor=edith)
    page = front_page(NOW)
    assert headlines(page.top) == ["Pinned", "First Choice", "Second Choice", "Urgent", "Fresh"]
    assert page.is_pinned(pinned) and page.chosen_by[first.pk] == "top"
    assert headlines(page.latest) == ["Old Urgent"]


def test_a_story_shows_once_however_it_was_chosen(agency, edith):
    lead = story(agency, "lead")
    other = story(agency, "other")
    services.set_lead(lead, editor=edith)
    services.pin(lead, editor=edith)
    services.add_top_story(other, editor=edith)
    services.pin(other, editor=edith)
    page = front_page(NOW)
    every = [page.lead, *page.top, *page.latest]
    assert len(every) == len({s.pk for s in every}) == 2
    assert page.top == [other] and page.is_pinned(other)


def test_pin_runs_out_at_its_time(agency, edith):
    pinned = story(agency, "pinned", age=timedelta(days=3))
    for n in range(8):
        story(agency, f"recent {n}", age=timedelta(minutes=n + 1))
    with time_machine.travel(NOW, tick=False):
        services.pin(pinned, until=NOW + timedelta(hours=2), editor=edith)
    assert pinned in front_page(NOW + timedelta(hours=1)).top
    assert pinned not in front_page(NOW + timedelta(hours=2)).top


def test_with_few_recent_stories_the_top_is_filled_with_older_ones(agency):
    story(agency, "today", age=timedelta(hours=1))
    story(agency, "last week", age=timedelta(days=7))
    story(agency, "last month", age=timedelta(days=30))
    page = front_page(NOW)
    assert page.lead.headline == "Today"
    assert headlines(page.top) == ["Last Week", "Last Month"]


def test_latest_is_newest_first_and_leaves_out_what_is_shown_above(agency, monkeypatch):
    monkeypatch.setattr(frontpage, "TOP_STORIES", 1)
    for n in range(5):
        story(agency, f"story {n}", age=timedelta(minutes=10 * n), urgency=5)
    page = front_page(NOW)
    assert page.lead.headline == "Story 0" and headlines(page.top) == ["Story 1"]
    assert headlines(page.latest) == ["Story 2", "Story 3", "Story 4"]


@pytest.mark.parametrize("stories", [3, 30])
def test_front_page_costs_a_fixed_number_of_queries(agency, edith, stories, django_assert_max_num_queries):
    made = [story(agency, f"story {n}", age=timedelta(minutes=n)) for n in range(stories)]
    services.set_lead(made[-1], editor=edith)
    services.add_top_story(made[0], editor=edith)
    services.pin(made[1], editor=edith)
    with django_assert_max_num_queries(5):
        front_page(NOW)


def test_a_story_several_sources_carried_shows_once_unless_an_editor_chose_the_copy(agency, partner, edith):
    original = story(agency, "dam spills", urgency=2)
    copy = publish(partner, "urn:partner:dam", headline="Dam Spills (partner)", urgency=2, version_created=NOW)
    copy.duplicate_of = original
    copy.save(update_fields=["duplicate_of"])
    page = front_page(NOW)
    shown = [page.lead, *page.top, *page.latest]
    assert original in shown and copy not in shown
    services.add_top_story(copy, editor=edith)
    assert copy in front_page(NOW).top
