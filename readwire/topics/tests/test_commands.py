"""The topics commands: training the classifier, measuring it, placing the archive again."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from readwire.topics.classifier import MODEL_FILE
from readwire.topics.models import Placement
from readwire.topics.tests.conftest import medtop, wire_item
from readwire.wire.models import Story
from readwire.wire.services import accept


def test_training_again_gives_the_shipped_model(tmp_path):
    output = tmp_path / "classifier.json"
    out = io.StringIO()
    call_command("train_classifier", output=output, stdout=out)
    assert "trained on 330 stories" in out.getvalue()
    assert "macro F1 0.787" in out.getvalue()
    trained, shipped = json.loads(output.read_text()), json.loads(MODEL_FILE.read_text())
    assert (trained["sections"], trained["terms"], trained["idf"]) == (
        shipped["sections"],
        shipped["terms"],
        shipped["idf"],
    )
    # The optimiser's last digits may differ between BLAS builds; the weights may not.
    for ours, theirs in zip(trained["weights"], shipped["weights"], strict=True):
        assert all(abs(ours.get(i, 0.0) - theirs.get(i, 0.0)) < 2e-3 for i in set(ours) | set(theirs))


def test_evaluate_tagging_prints_the_tables_for_the_docs(sections):
    out = io.StringIO()
    call_command("evaluate_tagging", stdout=out)
    text = out.getvalue()
    assert "### Minimum confidence, training part, out of fold (330)" in text
    assert "| 0.25 (chosen) |" in text
    assert "### Sections, held-out stories (110), classifier alone" in text
    assert "### Entities, fresh stories (45)" in text
    assert "| **macro F1** |" in text


def test_place_stories_places_the_archive_again_and_keeps_corrections(sections, agency, erin):
    from readwire.topics.placement import correct_placement

    story = Story.objects.get(pk=accept(wire_item(subjects=[medtop("15000000")]), agency).story_id)
    other = Story.objects.get(pk=accept(wire_item("urn:agency:two", subjects=[medtop("20000371")]), agency).story_id)
    correct_placement(other, sections["politics"], include=True, editor=erin)
    out = io.StringIO()
    call_command("place_stories", stdout=out)
    assert out.getvalue().strip() == "placed 2 stories"
    assert set(Placement.objects.filter(story=story).values_list("section__slug", flat=True)) == {"sport"}
    assert set(Placement.objects.filter(story=other).values_list("section__slug", flat=True)) == {"finance", "politics"}
