"""Copies of one story from several sources are linked into a group that readers see once."""

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections

from readwire.wire.duplicates import linking, rules
from readwire.wire.duplicates.fingerprints import Fingerprint
from readwire.wire.item import CANCELED, WITHHELD, WireItem
from readwire.wire.models import DuplicateLink, LshBand, Source, Story, StoryFingerprint
from readwire.wire.services import accept

NOON = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)

FIRE = [
    "Residents of several towns near the Grampians in western Victoria have been told it is too late "
    "to leave as an out-of-control bushfire burns towards them.",
    "Emergency warnings were issued on Wednesday afternoon for Pomonal, Halls Gap and surrounding areas "
    "as strong northerly winds pushed the fire east.",
    "The fire, sparked by lightning in the national park on Monday, has burnt more than 12,000 hectares.",
    '"If you are in these areas, you need to shelter in place. Conditions are too dangerous to travel," '
    "state controller Chris Hardman said.",
    "More than 300 firefighters and 20 aircraft were fighting the blaze, with temperatures reaching "
    "41 degrees in nearby Stawell.",
    "A relief centre has been opened at Ararat, where dozens of people arrived with pets and livestock trailers.",
]
# The same event from another angle: names, places and the fire's size in common, little else.
FIRE_FROM_POMONAL = [
    "About 60 residents of the tiny Grampians town of Pomonal sheltered inside the community hall on "
    "Wednesday afternoon as a bushfire front passed within a kilometre of the main street.",
    "Local CFA captain Geoff Randall said his crew had parked their trucks around the hall and hosed "
    "down the building as embers rained onto the car park.",
    '"It went black as night at half past four. You could hear the fire roaring over the hill," he said.',
    "Emergency warnings remain in place for Pomonal, Halls Gap and surrounding areas.",
    "The fire has burnt more than 12,000 hectares since it was sparked by lightning on Monday.",
]
RATES = [
    "The Reserve Bank has left the cash rate unchanged at 4.35 per cent for a sixth straight meeting, "
    "saying inflation remains too high for it to consider cutting.",
    "In a statement after its two-day meeting on Tuesday, the board said underlying inflation was "
    "moderating but was still well above the target band of two to three per cent.",
    "The decision was widely expected by economists, with all 30 surveyed by a financial data firm tipping no change.",
    "The Australian dollar rose a quarter of a cent to 66.4 US cents shortly after the announcement.",
]


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency", title="The Agency")


@pytest.fixture
def partner(db):
    return Source.objects.create(name="partner", title="Partner Press", kind=Source.Kind.FEED)


@pytest.fixture
def gazette(db):
    return Source.objects.create(name="gazette", title="Hamilton Gazette", kind=Source.Kind.FEED)


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Accept an item the way ingest does, running what listens to ``story_changed`` after commit."""

    def publish(source, uri, paragraphs, *, headline="Grampians fire threatens towns", at=NOON, **fields):
        item = WireItem(
            uri=uri,
            format="ninjs",
            headline=headline,
            body_html="".join(f"<p>{p}</p>" for p in paragraphs),
            first_created=at,
            version_created=fields.pop("version_created", at),
            **fields,
        )
        with django_capture_on_commit_callbacks(execute=True):
            result = accept(item, source)
        return Story.objects.get(pk=result.story_id)

    return publish


def fresh(story: Story) -> Story:
    return Story.objects.get(pk=story.pk)


def stored(story: Story) -> Fingerprint:
    row = StoryFingerprint.objects.get(story=story)
    return Fingerprint.from_bytes(row.signature, row.shingle_count)


def test_partner_copy_is_linked_and_readers_are_shown_the_agency_story(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(
        partner,
        "https://partner.example/fire",
        ["Evacuees arriving in Ararat told of driving through thick smoke.", *FIRE[:5]],
        headline="Residents told to shelter as Grampians fire spreads",
        at=NOON + timedelta(hours=2),
    )
    assert fresh(copy).duplicate_of == wire
    assert fresh(wire).duplicate_of is None
    link = DuplicateLink.objects.get()
    assert (link.story_id, link.other_id) == (wire.pk, copy.pk)
    assert link.containment >= rules.THRESHOLD
    assert list(Story.objects.for_readers()) == [wire]


def test_same_event_from_another_angle_is_not_linked(agency, partner, publish):
    publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    publish(partner, "https://partner.example/pomonal", FIRE_FROM_POMONAL, at=NOON + timedelta(hours=3))
    assert not DuplicateLink.objects.exists()
    assert Story.objects.for_readers().count() == 2


def test_follow_up_under_the_same_slugline_from_the_same_source_is_a_new_story_not_a_copy(agency, publish):
    first = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    # An agency write-through with a new URI: a new lead over most of the earlier copy.
    update = publish(
        agency,
        "urn:agency:fire-2",
        ["A cool change has brought light rain to the Grampians fire ground overnight.", *FIRE],
        slugline="bushfire-vic ",
        at=NOON + timedelta(hours=6),
    )
    assert rules.is_duplicate(stored(first).similarity(stored(update))), "alike enough to be copies"
    assert not DuplicateLink.objects.exists()
    assert fresh(first).duplicate_of is None and fresh(update).duplicate_of is None


def test_same_slugline_from_another_source_is_still_a_copy(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, slugline="BUSHFIRE-VIC", at=NOON + timedelta(hours=1))
    assert fresh(copy).duplicate_of == wire


def test_agency_refile_under_a_new_uri_and_slugline_is_a_copy(agency, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    refile = publish(agency, "urn:agency:fire-short", FIRE[:4], slugline="BUSHFIRE-VIC-SHORT")
    assert fresh(refile).duplicate_of == wire


def test_teaser_with_the_lead_alone_is_a_copy_of_the_full_story(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    teaser = publish(partner, "https://partner.example/fire", FIRE[:1], at=NOON + timedelta(minutes=20))
    assert fresh(teaser).duplicate_of == wire


def test_new_version_of_a_story_stays_in_its_group_and_is_never_its_own_copy(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE[:5], at=NOON + timedelta(hours=1))
    publish(agency, "urn:agency:fire", [*FIRE, "Two homes were lost at Pomonal."], slugline="BUSHFIRE-VIC", version=2)
    assert fresh(copy).duplicate_of == wire
    assert fresh(wire).duplicate_of is None
    assert DuplicateLink.objects.count() == 1
    v1 = Fingerprint.of("Grampians fire threatens towns", "", "\n".join(FIRE))
    assert stored(wire).similarity(v1).jaccard < 1, "the fingerprint follows version 2"


def test_rewritten_story_leaves_the_group_it_no_longer_resembles(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/story", FIRE, at=NOON + timedelta(hours=1))
    assert fresh(copy).duplicate_of == wire
    # The partner reuses its URL for another story altogether.
    publish(partner, "https://partner.example/story", RATES, headline="Rates on hold", at=NOON + timedelta(hours=1))
    assert fresh(copy).duplicate_of is None
    assert not DuplicateLink.objects.exists()


def test_killing_the_shown_story_hands_the_group_to_the_next_copy(agency, partner, gazette, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    first = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    newest = publish(gazette, "https://gazette.example/fire", FIRE, at=NOON + timedelta(hours=2))
    assert fresh(first).duplicate_of == fresh(newest).duplicate_of == wire

    publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC", version=2, pub_status=CANCELED)

    assert fresh(wire).duplicate_of is None
    assert fresh(first).duplicate_of == newest, "among two feeds the newest copy is shown"
    assert fresh(newest).duplicate_of is None
    assert not StoryFingerprint.objects.filter(story=wire).exists()
    assert not LshBand.objects.filter(story=wire).exists()
    assert list(Story.objects.for_readers()) == [newest]


def test_killed_copy_leaves_its_group(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    publish(partner, "https://partner.example/fire", FIRE, version=2, pub_status=CANCELED)
    assert fresh(copy).duplicate_of is None
    assert not DuplicateLink.objects.exists()
    assert list(Story.objects.for_readers()) == [wire]


def test_killed_story_is_never_linked_to_a_later_copy(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC", version=2, pub_status=CANCELED)
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    assert fresh(copy).duplicate_of is None and fresh(wire).duplicate_of is None


def test_held_back_story_is_not_shown_while_a_copy_is_visible(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC", version=2, pub_status=WITHHELD)
    assert fresh(wire).duplicate_of == copy
    assert list(Story.objects.for_readers()) == [copy]


def test_source_priority_decides_which_copy_is_shown(agency, partner, publish):
    partner.priority = 5
    partner.save()
    publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    assert list(Story.objects.for_readers()) == [copy]


def test_stories_further_apart_than_the_window_are_not_compared(agency, partner, publish):
    publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    later = NOON + rules.WINDOW + timedelta(hours=1)
    copy = publish(partner, "https://partner.example/fire-anniversary", FIRE, at=later)
    assert fresh(copy).duplicate_of is None


def test_too_little_text_is_never_linked(agency, partner, publish):
    publish(agency, "urn:agency:brief", ["More to come."], slugline="BRIEF")
    stub = publish(partner, "https://partner.example/brief", ["More to come."])
    assert fresh(stub).duplicate_of is None
    assert not LshBand.objects.exists()


def test_copy_resembling_a_story_and_its_follow_up_joins_the_closer_one(agency, partner, publish):
    first = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    follow_up = publish(
        agency,
        "urn:agency:fire-2",
        [
            "A cool change brought light rain to the Grampians fire ground overnight.",
            "Authorities said at least six homes were destroyed in the Pomonal area.",
            *FIRE[:4],
        ],
        slugline="BUSHFIRE-VIC",
        at=NOON + timedelta(hours=8),
    )
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=9))
    assert DuplicateLink.objects.filter(other=copy).count() == 2, "the copy resembles both"
    assert fresh(copy).duplicate_of == first
    assert fresh(follow_up).duplicate_of is None and fresh(first).duplicate_of is None


def test_looking_again_changes_nothing(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    before = list(DuplicateLink.objects.values_list("story_id", "other_id", "jaccard", "containment"))
    for story in (wire, copy, wire):
        linking.update_story(story.pk)
    assert list(DuplicateLink.objects.values_list("story_id", "other_id", "jaccard", "containment")) == before
    assert fresh(copy).duplicate_of == wire


def test_copies_found_in_either_order_end_in_the_same_group(agency, partner, publish, monkeypatch):
    # The receiver is silenced so that both stories exist before either is looked at.
    monkeypatch.setattr(linking, "update_story", lambda story_id: [])
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    copy = publish(partner, "https://partner.example/fire", FIRE, at=NOON + timedelta(hours=1))
    monkeypatch.undo()
    linking.update_story(wire.pk)
    assert fresh(copy).duplicate_of is None, "the copy has no fingerprint yet"
    linking.update_story(copy.pk)
    assert fresh(copy).duplicate_of == wire


def test_failure_while_looking_for_copies_does_not_fail_ingest(agency, publish, monkeypatch, caplog):
    def broken(story_id):
        raise RuntimeError("database went away")

    monkeypatch.setattr(linking, "update_story", broken)
    with caplog.at_level(logging.ERROR, logger="readwire.wire.receivers"):
        story = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    assert story.headline == "Grampians fire threatens towns"
    assert "could not look for duplicates" in caplog.text


def test_stale_fingerprint_scheme_is_recomputed(agency, partner, publish):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    StoryFingerprint.objects.filter(story=wire).update(scheme=0)
    linking.update_story(wire.pk)
    assert StoryFingerprint.objects.get(story=wire).scheme != 0


def test_candidates_are_found_with_one_query_on_the_band_index(agency, publish, django_assert_num_queries):
    wire = publish(agency, "urn:agency:fire", FIRE, slugline="BUSHFIRE-VIC")
    fingerprint = Fingerprint.of("Grampians fire threatens towns", "", "\n".join(FIRE))
    with django_assert_num_queries(1):
        assert linking.candidate_ids(0, fingerprint, NOON) == [wire.pk]
    sql, params = linking.candidate_query(0, fingerprint, NOON)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # On a table this small the planner rightly prefers reading it whole; the question is
            # whether the index can answer the query, as it must when the table is large.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row) for row in cursor.fetchall())
    assert "lshband_lookup" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_two_copies_arriving_at_once_on_two_machines_are_linked_once(monkeypatch):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database cannot be shared by two writers; SQLite serialises writers anyway")
    agency = Source.objects.create(name="agency")
    partner = Source.objects.create(name="partner", kind=Source.Kind.FEED)
    # Both stories stored with the receivers silenced, then looked at by two threads at once,
    # each holding its own connection, as two workers on two machines would.
    monkeypatch.setattr(linking, "update_story", lambda story_id: [])
    ids = []
    for source, uri in ((agency, "urn:agency:fire"), (partner, "https://partner.example/fire")):
        item = WireItem(uri=uri, format="ninjs", headline="Fire", body_html="".join(f"<p>{p}</p>" for p in FIRE))
        ids.append(accept(item, source).story_id)
    monkeypatch.undo()

    both_stored = threading.Barrier(2, timeout=10)
    find_matches = linking.find_matches

    found = []

    def find_matches_together(story, fingerprint):
        both_stored.wait()  # each has committed its own bands; now both look
        matches = find_matches(story, fingerprint)
        found.append(len(matches))
        return matches

    monkeypatch.setattr(linking, "find_matches", find_matches_together)
    errors = []

    def look(story_id):
        try:
            linking.update_story(story_id)
        except Exception as exc:  # reported below; a thread's exception would otherwise vanish
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=look, args=(story_id,)) for story_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert found == [1, 1], "each found the other, so both linked and regrouped at once"
    assert DuplicateLink.objects.count() == 1
    wire, copy = (Story.objects.get(pk=pk) for pk in ids)
    assert copy.duplicate_of_id == wire.pk and wire.duplicate_of_id is None
