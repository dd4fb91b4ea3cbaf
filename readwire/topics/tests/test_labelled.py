"""The labelled stories: enough of them, every section covered, a quarter held out, names that are
really in the text."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from readwire.topics import labelled
from readwire.topics.classifier import classifier


def test_there_are_at_least_300_labelled_stories_and_a_quarter_is_held_out():
    stories = labelled.load()
    training, held_out = labelled.split(stories)
    assert len(stories) >= 300
    assert len(held_out) / len(stories) == pytest.approx(0.25, abs=0.01)
    assert {s.id for s in training}.isdisjoint({s.id for s in held_out})


def test_every_section_has_at_least_18_training_and_6_held_out_stories():
    training, held_out = labelled.split(labelled.load())
    assert min(Counter(slug for s in training for slug in s.sections).values()) >= 18
    assert min(Counter(slug for s in held_out for slug in s.sections).values()) >= 6
    assert set(classifier().sections) == {slug for s in training for slug in s.sections}


def test_held_out_and_fresh_stories_name_what_the_text_names():
    for story in [s for s in labelled.load() if s.held_out] + labelled.load_fresh():
        assert story.annotated, story.id
        names = story.people + story.places + story.organisations
        for name in names:
            # A name must be in the text on its own, not only inside a longer annotated name.
            text = story.text
            for longer in names:
                if name != longer and name in longer:
                    text = text.replace(longer, " ")
            assert re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text), f"{story.id}: {name}"


def test_no_story_is_in_both_the_labelled_set_and_the_fresh_set():
    headlines = {s.headline for s in labelled.load()}
    assert headlines.isdisjoint({s.headline for s in labelled.load_fresh()})
    assert len(headlines) == len(labelled.load())


def test_a_story_without_a_body_is_refused(tmp_path):
    (tmp_path / "sport.txt").write_text("@ sport\nOnly a headline\n")
    with pytest.raises(ValueError, match="headline and a body"):
        labelled.load(tmp_path)
