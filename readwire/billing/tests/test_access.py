"""The one paywall decision: every kind of reader, every kind of story."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from readwire.accounts.models import User
from readwire.billing.access import FULL, NONE, PREVIEW, body_for, decide
from readwire.billing.models import AccessGrant
from readwire.wire.item import CANCELED, WireItem
from readwire.wire.models import Source, Story
from readwire.wire.services import accept


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency")


def story(source, n=1, **fields):
    accept(
        WireItem(
            uri=f"urn:s:{n}",
            version=fields.pop("version", 1),
            format="ninjs",
            headline=f"Story {n}",
            body_html="<p>First paragraph.</p><p>Second paragraph, for subscribers.</p>",
            **fields,
        ),
        source,
    )
    return Story.objects.get(uri=f"urn:s:{n}")


@pytest.fixture
def alice(db):
    """A signed-in reader without a plan."""
    return User.objects.create_user("alice", "alice@example.com", "pw")


@pytest.fixture
def bob(db):
    """A reader with full access."""
    user = User.objects.create_user("bob", "bob@example.com", "pw")
    AccessGrant.objects.create(reader=user)
    return user


def test_anonymous_readers_get_a_preview_of_the_first_paragraph(agency):
    s = story(agency)
    access = decide(AnonymousUser(), s, record=True)
    assert access.level == PREVIEW
    assert body_for(access, s.current) == "<p>First paragraph.</p>"


def test_reader_with_access_reads_everything(agency, bob):
    s = story(agency)
    access = decide(bob, s, record=True)
    assert access.level == FULL and "Second paragraph" in body_for(access, s.current)


def test_meter_allows_three_free_stories_a_month_counted_once_each(agency, alice):
    stories = [story(agency, n) for n in range(1, 5)]
    assert [decide(alice, s, record=True).level for s in stories[:3]] == [FULL, FULL, FULL]
    assert decide(alice, stories[0], record=True).level == FULL  # re-reading costs nothing
    stopped = decide(alice, stories[3], record=True)
    assert stopped.level == PREVIEW and stopped.meter_remaining == 0 and "3 free stories" in stopped.reason


def test_meter_starts_again_next_month(agency, alice):
    stories = [story(agency, n) for n in range(1, 5)]
    now = timezone.now()
    for s in stories[:3]:
        decide(alice, s, record=True, now=now)
    assert decide(alice, stories[3], record=True, now=now + timedelta(days=32)).level == FULL


def test_listing_never_spends_the_meter(agency, alice):
    s = story(agency)
    assert decide(alice, s, record=False).level == PREVIEW
    assert decide(alice, s, record=False).meter_remaining == 3


def test_withdrawn_and_embargoed_stories_are_none_even_for_staff(agency):
    staff = User.objects.create_user("ed", "ed@agency.example", "pw", is_staff=True)
    killed = story(agency, 1)
    story(agency, 1, version=2, pub_status=CANCELED)
    killed.refresh_from_db()
    embargoed = story(agency, 2, embargoed_until=timezone.now() + timedelta(hours=1))
    for s in (killed, embargoed):
        access = decide(staff, s, record=True)
        assert access.level == NONE and body_for(access, s.current) == ""


@pytest.mark.parametrize("kind", ["anonymous", "free stories left", "free stories spent", "subscriber", "staff"])
def test_deciding_for_many_stories_at_once_decides_as_one_at_a_time(
    agency, kind, settings, django_assert_max_num_queries
):
    from readwire.billing.access import decide_many
    from readwire.billing.models import MeteredRead

    settings.READWIRE_FREE_STORIES_PER_MONTH = 3
    stories = [story(agency, n) for n in range(1, 7)]
    stories.append(story(agency, 7, embargoed_until=timezone.now() + timedelta(hours=1)))
    story(agency, 8)
    stories.append(story(agency, 8, version=2, pub_status=CANCELED))
    if kind == "anonymous":
        reader = AnonymousUser()
    else:
        reader = User.objects.create_user("reader", "reader@example.com", "pw", is_staff=kind == "staff")
        if kind == "subscriber":
            AccessGrant.objects.create(reader=reader)
        month = timezone.now().strftime("%Y-%m")
        for read in stories[: 1 if kind == "free stories left" else 3]:
            MeteredRead.objects.create(reader=reader, story=read, month=month)
    stories = list(Story.objects.filter(pk__in=[s.pk for s in stories]))
    with django_assert_max_num_queries(2):
        many = decide_many(reader, stories)
    assert many == {s.pk: decide(reader, s) for s in stories}
    assert {a.level for a in many.values()} >= {NONE}
