"""Any bytes in, a story or a clear refusal out: the ninjs reader never fails in another way,
and what it hands on is either stored whole or not at all."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readwire.wire.ingest import UnsupportedDocument, ninjs
from readwire.wire.item import Rejection, WireItem
from readwire.wire.models import Story, Version
from readwire.wire.services import REJECTED, accept

FIXTURES = Path(__file__).parent / "fixtures" / "ninjs"
SEEDS = [
    json.loads((FIXTURES / name).read_text())
    for name in ("court_1x.json", "court_2x.json", "court_3x.json", "bent_3x.json", "iptc/007_multimedia.json")
]
NINJS_KEYS = sorted({key for seed in SEEDS for key in seed} | {"headline", "body_text", "embargoed", "signals"})

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
# Values a ninjs item plausibly holds, wrong in type or shape as often as right.
field_values = st.one_of(
    json_values,
    st.sampled_from(
        ["", "2026-03-12T02:14:00Z", "2026-03-12", "canceled", "cancelled", "3", "picture", "medtop:20000094"]
    ),
    st.lists(
        st.fixed_dictionaries({"value": st.text(max_size=20)}, optional={"role": st.sampled_from(["main", "alt"])})
    ),
)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_refuse(data: bytes) -> list:
    try:
        entries = ninjs.parse(data)
    except UnsupportedDocument as exc:
        assert str(exc)
        return []
    assert isinstance(entries, list)
    for entry in entries:
        assert isinstance(entry, WireItem | Rejection)
        if isinstance(entry, Rejection):
            assert entry.reason
    return entries


@st.composite
def mutated_documents(draw) -> dict:
    doc = json.loads(json.dumps(draw(st.sampled_from(SEEDS))))
    for _ in range(draw(st.integers(1, 4))):
        target = doc
        associations = doc.get("associations")
        if (
            isinstance(associations, list)
            and associations
            and isinstance(associations[0], dict)
            and draw(st.booleans())
        ):
            target = associations[0]
        action = draw(st.sampled_from(["delete", "replace", "add"]))
        if action == "delete" and target:
            target.pop(draw(st.sampled_from(sorted(target))))
        elif action == "replace" and target:
            target[draw(st.sampled_from(sorted(target)))] = draw(field_values)
        else:
            target[draw(st.sampled_from(NINJS_KEYS))] = draw(field_values)
    return doc


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_give_items_or_a_clear_refusal(data):
    parse_or_refuse(data)


@FUZZ
@given(json_values)
def test_any_json_value_gives_items_or_a_clear_refusal(value):
    parse_or_refuse(json.dumps(value).encode())


@FUZZ
@given(mutated_documents(), st.booleans())
def test_mutated_ninjs_documents_give_items_or_a_clear_refusal(doc, as_array):
    entries = parse_or_refuse(json.dumps([doc] if as_array else doc, ensure_ascii=False).encode())
    assert len(entries) == 1


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(doc=mutated_documents())
def test_accepting_fuzzed_items_stores_a_whole_story_or_nothing(wire_source, doc):
    with transaction.atomic():
        for entry in parse_or_refuse(json.dumps(doc).encode()):
            stories, versions = Story.objects.count(), Version.objects.count()
            if isinstance(entry, Rejection):
                continue
            result = accept(entry, wire_source)
            if result.result == REJECTED:
                assert (Story.objects.count(), Version.objects.count()) == (stories, versions)
            else:
                story = Story.objects.get(uri=entry.uri)
                assert story.versions.filter(version=story.current_version).exists()
                assert story.headline
        transaction.set_rollback(True)
