"""Two placements of one story at the same moment (two versions arriving together) both succeed
and leave one row per section: the story row is locked while it is placed."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from readwire.topics import placement
from readwire.topics.models import Placement
from readwire.topics.placement import place_story
from readwire.topics.tests.conftest import medtop, wire_item
from readwire.wire.services import accept


@pytest.mark.django_db(transaction=True)
def test_concurrent_placements_of_a_story_do_not_collide(sections, agency, monkeypatch):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite lets one writer in at a time whatever the code does; the race is PostgreSQL's")
    decide = placement.decide

    def slow_decide(*args, **kwargs):
        # Long enough for both to have read the story's placements before either writes, were
        # they not taken one at a time.
        time.sleep(0.2)
        return decide(*args, **kwargs)

    monkeypatch.setattr(placement, "decide", slow_decide)
    errors: list[BaseException] = []
    for round_number in range(5):
        story_id = accept(wire_item(f"urn:agency:race-{round_number}", subjects=[medtop("20000737")]), agency).story_id
        # accept() placed it already (its signal runs at once here); start again from nothing.
        Placement.objects.filter(story_id=story_id).delete()
        start = threading.Barrier(2, timeout=10)

        def place(start, story_id):
            try:
                start.wait()
                place_story(story_id)
            except BaseException as exc:  # reported below, with the round
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=place, args=(start, story_id)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == [], f"round {round_number}: {errors!r}"
        slugs = sorted(Placement.objects.filter(story_id=story_id).values_list("section__slug", flat=True))
        assert slugs == ["health", "science"]
