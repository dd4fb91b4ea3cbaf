from readwire.wire.history import corrections_log, word_diff
from readwire.wire.item import WireItem
from readwire.wire.models import Story
from readwire.wire.services import accept


def test_word_diff_marks_exactly_the_replaced_words():
    segments = word_diff("The river peaked at 9.2 metres on Sunday", "The river peaked at 9.7 metres on Sunday")
    assert [(s.kind, s.text) for s in segments] == [
        ("same", "The river peaked at"),
        ("removed", "9.2"),
        ("added", "9.7"),
        ("same", "metres on Sunday"),
    ]


def test_corrections_log_lists_each_later_version_with_its_note(wire_source):
    base = dict(
        uri="urn:t:1", format="ninjs", headline="River peaks at 9.2 metres", body_text="The river peaked at 9.2 metres."
    )
    accept(WireItem(version=1, **base), wire_source)
    accept(
        WireItem(
            version=2,
            **{**base, "headline": "River peaks at 9.7 metres", "body_text": "The river peaked at 9.7 metres."},
            signals=["correction"],
            ed_note="Corrects the river height.",
        ),
        wire_source,
    )
    log = corrections_log(list(Story.objects.get().versions.all()))
    assert len(log) == 1
    entry = log[0]
    assert entry["is_correction"] and entry["version"].ed_note == "Corrects the river height."
    assert [c.name for c in entry["changes"]] == ["headline", "body_text"]
    assert ("added", "9.7") in [(s.kind, s.text) for s in entry["changes"][0].segments]
