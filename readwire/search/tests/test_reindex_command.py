"""``readwire reindex`` rebuilds the index from the stories, with progress on stderr."""

from io import StringIO

import pytest
from django.core.management import call_command

from readwire.search import search
from readwire.search.models import SearchDocument
from readwire.search.tests.conftest import NOW, slugs
from readwire.wire.item import CANCELED, Entity, WireItem
from readwire.wire.models import Story
from readwire.wire.services import accept


@pytest.fixture
def unindexed(agency):
    """Stories stored without their after-commit work, so the index never heard of them."""
    for i in range(5):
        accept(
            WireItem(
                uri=f"urn:agency:tide-{i}",
                headline=f"King tide {i} floods the esplanade",
                format="ninjs",
                version=1,
                body_text="Water covered the road.",
                places=[Entity(name="Cairns")],
                version_created=NOW,
            ),
            agency,
        )
    accept(WireItem(uri="urn:agency:tide-0", headline="", format="ninjs", version=2, pub_status=CANCELED), agency)


def reindex(*args) -> str:
    err = StringIO()
    call_command("reindex", *args, "--batch-size", "2", stderr=err)
    return err.getvalue()


@pytest.mark.parametrize("args", [(), ("--from-scratch",)])
def test_reindex_indexes_every_published_story_and_only_those(unindexed, args):
    assert search("tide", now=NOW).results == []
    progress = reindex(*args)
    assert sorted(slugs(search("tide", now=NOW))) == ["tide-1", "tide-2", "tide-3", "tide-4"]
    assert sorted(slugs(search("tide", place="Cairns", now=NOW))) == ["tide-1", "tide-2", "tide-3", "tide-4"]
    assert "indexed 2 of 4 stories" in progress and "indexed 4 of 4 stories" in progress
    assert "search index rebuilt: 4 stories" in progress


def test_reindex_drops_stories_no_longer_published_and_can_run_twice(publish):
    publish("keep", "Ferry services resume", "Boats are running.")
    gone = publish("gone", "Ferry strike called", "Crews walk off.")
    Story.objects.filter(pk=gone.pk).update(state=Story.State.WITHDRAWN)
    assert "removed 1 stories" in reindex()
    reindex()
    assert slugs(search("ferry", now=NOW)) == ["keep"]
    assert SearchDocument.objects.count() == 1


@pytest.mark.parametrize("args", [(), ("--from-scratch",)])
def test_reindex_leaves_a_working_index_for_new_stories(publish, args):
    publish("before", "Volcano erupts", "Ash fell.")
    reindex(*args)
    publish("after", "Volcano quietens", "Ash stopped.")
    publish("before", "Volcano erupts again", "Lava flowed.", version=2)
    assert sorted(slugs(search("volcano", now=NOW))) == ["after", "before"]
    assert slugs(search("lava", now=NOW)) == ["before"]


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_rebuild_from_scratch_leaves_the_index_vacuumed(unindexed):
    # Outside a transaction, as the command runs, the bulk load ends with VACUUM: the first
    # searches after it do not each write hint bits into the pages they read.
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's VACUUM")

    def vacuums() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_get_vacuum_count('search_document'::regclass)")
            return cursor.fetchone()[0]

    before = vacuums()
    reindex("--from-scratch")
    assert vacuums() == before + 1
    assert slugs(search("tide", now=NOW)) == ["tide-4", "tide-3", "tide-2", "tide-1"]
