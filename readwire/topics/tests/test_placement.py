"""Placement: the wire's subjects through the Media Topics tree, the classifier for untagged stories,
where a story happened, and editors' corrections that hold across versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from readwire.topics.models import MachineTagging, Placement, Section
from readwire.topics.placement import (
    CLASSIFIER,
    EDITOR,
    WIRE,
    correct_placement,
    explain_placements,
    place_story,
    sections_of,
    stories_in_section,
)
from readwire.topics.tests.conftest import medtop, wire_item
from readwire.wire.item import CANCELED, Entity, Subject
from readwire.wire.models import Story
from readwire.wire.services import accept, ingest


def placed(story: Story) -> dict[str, str]:
    return dict(Placement.objects.filter(story=story).values_list("section__slug", "origin"))


def store(item, source, capture) -> Story:
    """Accept ``item`` and run what runs after the commit (placement among it)."""
    with capture(execute=True):
        result = accept(item, source)
    assert result.result in ("created", "new_version", "withdrawn"), result
    return Story.objects.get(uri=item.uri)


def test_a_story_is_placed_by_its_wire_subjects_when_it_arrives(sections, agency, django_capture_on_commit_callbacks):
    story = store(wire_item(subjects=[medtop("15000000", "sport")]), agency, django_capture_on_commit_callbacks)
    assert placed(story) == {"sport": WIRE}


def test_a_narrower_code_lands_in_the_section_of_its_nearest_claimed_ancestor(sections, agency):
    # interest rate -> macro economics -> economy (Finance) -> economy, business and finance (Business)
    story = Story.objects.get(pk=accept(wire_item(subjects=[medtop("20000371")]), agency).story_id)
    place_story(story)
    assert placed(story) == {"finance": WIRE}
    # cricket -> competition discipline -> sport, three levels down
    cricket = Story.objects.get(
        pk=accept(wire_item("urn:agency:cricket", subjects=[medtop("20000888")]), agency).story_id
    )
    place_story(cricket)
    assert placed(cricket) == {"sport": WIRE}


def test_a_concept_claimed_by_two_sections_places_the_story_in_both(sections, agency):
    # medical research is claimed by Health and by Science
    story = Story.objects.get(pk=accept(wire_item(subjects=[medtop("20000737")]), agency).story_id)
    place_story(story)
    assert placed(story) == {"health": WIRE, "science": WIRE}


def test_old_subject_codes_from_nitf_and_uncoded_keywords_place_a_story(sections, agency):
    subject_code = wire_item("urn:agency:subj", subjects=[Subject(name="soccer", code="subj:15054000", scheme="subj")])
    keyword = wire_item("urn:agency:keyword", subjects=[Subject(name="Asylum seekers", scheme="keyword")])
    label = wire_item("urn:agency:label", subjects=[Subject(name="Agriculture")])
    for item, expected in (
        (subject_code, {"sport": WIRE}),
        (keyword, {"refugee-issues": WIRE}),
        (label, {"agriculture": WIRE}),
    ):
        story = Story.objects.get(pk=accept(item, agency).story_id)
        place_story(story)
        assert placed(story) == expected, item.uri


def test_a_home_desk_story_datelined_abroad_goes_to_world(sections, agency):
    flood = wire_item(dateline="JAKARTA, March 3", subjects=[medtop("20000154", "flood")])
    story = Story.objects.get(pk=accept(flood, agency).story_id)
    place_story(story)
    assert placed(story) == {"world": WIRE}


def test_a_home_desk_story_with_a_home_dateline_stays_at_home(sections, agency):
    # "Newcastle" is also an English city: the gazetteer prefers the home country's.
    flood = wire_item(dateline="NEWCASTLE, March 3", subjects=[medtop("20000154", "flood")])
    story = Story.objects.get(pk=accept(flood, agency).story_id)
    place_story(story)
    assert placed(story) == {"national": WIRE}


def test_sport_abroad_stays_in_sport(sections, agency):
    tennis = wire_item(dateline="LONDON, July 4", places=[Entity("Wimbledon")], subjects=[medtop("20001085", "tennis")])
    story = Story.objects.get(pk=accept(tennis, agency).story_id)
    place_story(story)
    assert placed(story) == {"sport": WIRE}


def test_without_a_dateline_the_first_place_named_by_the_wire_decides(sections, agency):
    election = wire_item(places=[Entity("Australia"), Entity("Paris")], subjects=[medtop("20000574", "election")])
    story = Story.objects.get(pk=accept(election, agency).story_id)
    place_story(story)
    assert placed(story) == {"world": WIRE}


def test_an_untagged_rss_story_is_placed_by_the_classifier_with_machine_subjects_and_names(
    sections, partner, django_capture_on_commit_callbacks
):
    feed = Path(__file__).parent / "fixtures" / "untagged.rss.xml"
    with django_capture_on_commit_callbacks(execute=True):
        (result,) = ingest(feed.read_bytes(), partner, path=str(feed))
    story = Story.objects.get(pk=result.story_id)
    assert story.current.subjects == []
    assert placed(story) == {"sport": CLASSIFIER}
    placement = Placement.objects.get(story=story)
    assert 0.3 <= placement.score <= 1
    tagging = MachineTagging.objects.get(story=story, version=story.current_version)
    assert [s["code"] for s in tagging.subjects] == ["medtop:15000000"]
    assert 30 <= tagging.subjects[0]["confidence"] <= 100
    assert {"name": "Meg Lanning"} in tagging.people
    assert {"name": "Melbourne"} in tagging.places
    assert {"name": "Cricket Australia"} in tagging.organisations


def test_the_wires_own_names_are_kept_and_only_missing_kinds_are_extracted(sections, agency):
    item = wire_item(
        headline="Treasurer Jim Chalmers visits Perth",
        body_text="Treasurer Jim Chalmers met the Reserve Bank of Australia board in Perth on Monday.",
        people=[Entity("Jim Chalmers", code="person:chalmers")],
        subjects=[medtop("20000607")],
    )
    story = Story.objects.get(pk=accept(item, agency).story_id)
    place_story(story)
    tagging = MachineTagging.objects.get(story=story)
    assert tagging.people == [] and tagging.subjects == []
    assert tagging.places == [{"name": "Perth"}]
    assert tagging.organisations == [{"name": "Reserve Bank of Australia"}]


def test_an_editors_correction_sticks_across_a_new_version(sections, agency, erin, django_capture_on_commit_callbacks):
    story = store(wire_item(subjects=[medtop("20000371")]), agency, django_capture_on_commit_callbacks)
    assert placed(story) == {"finance": WIRE}

    correct_placement(story, sections["finance"], include=False, editor=erin)
    correct_placement(story, sections["politics"], include=True, editor=erin)
    assert placed(story) == {"politics": EDITOR}

    update = wire_item(version=2, headline="Rates decision: an update", subjects=[medtop("20000371")])
    story = store(update, agency, django_capture_on_commit_callbacks)
    assert story.current_version == 2
    assert placed(story) == {"politics": EDITOR}


def test_the_latest_correction_wins_and_repeating_it_changes_nothing(sections, agency, erin):
    story = Story.objects.get(pk=accept(wire_item(subjects=[medtop("15000000")]), agency).story_id)
    place_story(story)
    correct_placement(story, sections["sport"], include=False, editor=erin)
    correct_placement(story, sections["sport"], include=False, editor=erin)
    place_story(story)
    assert placed(story) == {}
    correct_placement(story, sections["sport"], include=True, editor=erin)
    place_story(story)
    assert placed(story) == {"sport": EDITOR}


def test_an_editor_cannot_place_a_story_in_an_inactive_section(sections, agency, erin):
    story = Story.objects.get(pk=accept(wire_item(), agency).story_id)
    Section.objects.filter(slug="arts").update(active=False)
    with pytest.raises(ValueError, match="not active"):
        correct_placement(story, Section.objects.get(slug="arts"), include=True, editor=erin)


def test_a_killed_story_keeps_its_placements_but_is_not_visible(sections, agency, django_capture_on_commit_callbacks):
    story = store(wire_item(subjects=[medtop("15000000")]), agency, django_capture_on_commit_callbacks)
    kill = wire_item(version=2, headline="", pub_status=CANCELED, subjects=[])
    story = store(kill, agency, django_capture_on_commit_callbacks)
    assert story.is_withdrawn
    assert placed(story) == {"sport": WIRE}
    place_story(story)  # placing it again changes nothing either
    assert placed(story) == {"sport": WIRE}
    assert story in stories_in_section("sport")
    assert story not in stories_in_section("sport").filter(pk__in=Story.objects.visible())


def test_an_update_that_changes_subjects_moves_the_story(sections, agency):
    story = Story.objects.get(pk=accept(wire_item(subjects=[medtop("15000000")]), agency).story_id)
    place_story(story)
    accept(wire_item(version=2, subjects=[medtop("20000418", "climate change")]), agency)
    story.refresh_from_db()
    place_story(story)
    assert placed(story) == {"environment": WIRE}


def test_inactive_sections_place_nothing_and_are_not_listed(sections, agency):
    Section.objects.filter(slug="sport").update(active=False)
    story = Story.objects.get(pk=accept(wire_item(subjects=[medtop("20000371"), medtop("15000000")]), agency).story_id)
    place_story(story)
    assert placed(story) == {"finance": WIRE}
    assert [s.slug for s in sections_of(story)] == ["finance"]


def test_placing_twice_gives_the_same_rows(sections, agency):
    story = Story.objects.get(pk=accept(wire_item(subjects=[medtop("20000737")]), agency).story_id)
    first = {(p.pk, p.section_id) for p in place_story(story)}
    second = {(p.pk, p.section_id) for p in place_story(story)}
    assert first == second and len(first) == 2


def test_each_placement_is_explained_by_the_subjects_the_classifier_or_the_editor(sections, agency, erin):
    flood = wire_item(dateline="JAKARTA, March 3", subjects=[medtop("20000154", "flood"), medtop("15000000", "sport")])
    story = Story.objects.get(pk=accept(flood, agency).story_id)
    place_story(story)
    correct_placement(story, sections["environment"], include=True, editor=erin)
    correct_placement(story, sections["sport"], include=False, editor=erin)
    reasons, kept_out = explain_placements(story)
    by_slug = {reason.section.slug: reason for reason in reasons}
    assert set(by_slug) == {"world", "environment"}
    assert by_slug["world"].subjects == ("flood",) and by_slug["world"].moved_abroad
    assert by_slug["environment"].origin == EDITOR and by_slug["environment"].correction.editor == erin
    assert [(c.section.slug, c.include) for c in kept_out] == [("sport", False)]


def test_an_untagged_story_the_classifier_is_unsure_of_is_placed_nowhere(sections, agency):
    wine = wire_item(
        headline="Sommelier's guide: five shiraz to drink this winter",
        body_text="A Melbourne sommelier has picked five shiraz under $30 that will match a winter stew. "
        "Her favourite is a McLaren Vale shiraz with notes of plum and pepper.",
    )
    story = Story.objects.get(pk=accept(wine, agency).story_id)
    place_story(story)
    assert placed(story) == {}
    tagging = MachineTagging.objects.filter(story=story).first()
    assert tagging is None or tagging.subjects == []
    assert story in Story.objects.visible()  # still among the latest stories


def test_an_untagged_clear_sports_story_is_placed_in_sport(sections, agency):
    match = wire_item(
        headline="Swans beat Collingwood by 20 points at the MCG",
        body_text="The Sydney Swans beat Collingwood by 20 points in front of 80,000 fans at the MCG on Saturday "
        "night, with their captain kicking four goals.",
    )
    story = Story.objects.get(pk=accept(match, agency).story_id)
    place_story(story)
    assert placed(story) == {"sport": CLASSIFIER}
