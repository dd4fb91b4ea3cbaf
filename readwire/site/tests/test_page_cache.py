"""The server's own copies of reader pages: see readwire/site/page_cache.py."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from readwire.accounts.models import SavedStory, User
from readwire.billing.models import AccessGrant
from readwire.site.page_cache import CSRF_PLACEHOLDER
from readwire.site.tests.conftest import publish
from readwire.topics.models import Follow
from readwire.wire.item import CANCELED

pytestmark = pytest.mark.usefixtures("page_cache")

PAYWALLED = "Residents downstream were told to leave."


@pytest.fixture
def story(agency, national):
    return publish(agency, sections=[national])


@pytest.fixture
def announced(django_capture_on_commit_callbacks):
    """Changes to the wire announced as they are after a real commit (``story_changed``)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def subscriber(name: str, **fields) -> User:
    reader = User.objects.create_user(name, f"{name}@example.com", "pw", **fields)
    AccessGrant.objects.create(reader=reader)
    return reader


def signed_in(reader: User, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(reader)
    return client


# --- Signed out ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/desk/national/", "story"])
def test_a_signed_out_page_is_built_once_and_then_answered_without_the_database(
    client, story, path, django_assert_num_queries
):
    path = story.get_absolute_url() if path == "story" else path
    first = client.get(path)
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.status_code == 200 and again.content == first.content
    assert again["Cache-Control"] == "public, max-age=60" and again.has_header("ETag")


def test_a_new_version_replaces_the_kept_page_at_once(client, agency, story, announced):
    assert b"Dam spills after record rain" in client.get(story.get_absolute_url()).content
    announced(publish, agency, version=2, headline="Dam spills again")
    assert b"Dam spills again" in client.get(story.get_absolute_url()).content
    assert b"Dam spills again" in client.get("/").content


def test_a_withdrawn_story_leaves_every_kept_page_at_once(client, agency, story, announced):
    assert b"Dam spills" in client.get("/").content and b"Dam spills" in client.get("/desk/national/").content
    client.get(story.get_absolute_url())
    announced(publish, agency, version=2, pub_status=CANCELED)
    assert client.get(story.get_absolute_url()).status_code == 410
    assert b"Dam spills" not in client.get("/").content
    assert b"Dam spills" not in client.get("/desk/national/").content


def test_an_editors_front_page_choice_shows_at_once(client, agency, story, announced):
    from readwire.newsroom.services import set_lead

    publish(agency, uri="urn:agency:other", headline="Council backs the levee plan")
    lead = re.compile(r'class="lead-story".*?<h2[^>]*><a[^>]*>([^<]+)<', re.S)
    assert lead.search(client.get("/").content.decode()).group(1) == "Council backs the levee plan"
    announced(set_lead, story)
    assert lead.search(client.get("/").content.decode()).group(1) == "Dam spills after record rain"


def test_an_editors_placement_correction_shows_at_once(client, story, national, announced):
    from readwire.newsroom.services import correct_placement

    assert b"Dam spills" in client.get("/desk/national/").content
    announced(correct_placement, story, national, include=False)
    assert b"Dam spills" not in client.get("/desk/national/").content


def test_an_embargoed_storys_not_found_is_never_kept(client, agency):
    lifts = timezone.now() + timedelta(minutes=30)
    story = publish(agency, embargoed_until=lifts)
    assert client.get(story.get_absolute_url()).status_code == 404
    # Its time comes: nothing is announced, the clock alone makes it visible (within the kept
    # copies' minute: the story's kept row says when the embargo lifts, not that it holds).
    with time_machine.travel(lifts + timedelta(seconds=1), tick=False):
        assert client.get(story.get_absolute_url()).status_code == 200


def kept_pages(page_cache) -> int:
    return sum(1 for key in page_cache._cache if ":page:" in key)


def test_query_parameters_the_page_does_not_read_are_neither_answered_from_nor_kept(client, story, page_cache):
    hostile = client.get("/desk/national/", {"page": "1", "ref": "made-up"})
    assert hostile.status_code == 200
    assert kept_pages(page_cache) == 0, "a page for a made-up address was kept"
    client.get("/desk/national/", {"page": "1"})
    assert kept_pages(page_cache) == 1
    assert "made-up" not in client.get("/desk/national/", {"page": "1"}).content.decode()


def test_a_page_with_a_flash_message_is_not_answered_from_the_kept_copy(story, agency):
    reader = subscriber("maya")
    client = signed_in(reader)
    client.get("/desk/national/")  # kept for readers like maya who follow nothing
    response = client.post("/desk/national/follow/", follow=True)
    message = '<p class="message success">You follow National.</p>'
    page = response.content.decode()
    assert message in page and "Unfollow" in page
    assert message not in client.get("/desk/national/").content.decode()


# --- Signed in ----------------------------------------------------------------------------


def test_signed_in_readers_never_get_a_signed_out_copy_or_the_reverse(client, story):
    reader_page = signed_in(subscriber("sam")).get(story.get_absolute_url()).content.decode()
    anonymous_page = client.get(story.get_absolute_url()).content.decode()
    assert PAYWALLED in reader_page and "Account" in reader_page
    assert PAYWALLED not in anonymous_page and "Sign in" in anonymous_page


@pytest.mark.parametrize("path", ["/", "story"])
def test_a_subscribers_page_read_again_asks_the_database_nothing(story, path, django_assert_num_queries):
    # Who the reader is, the story's row, full access and saved: all kept (accounts.reader_cache).
    path = story.get_absolute_url() if path == "story" else path
    reader = signed_in(subscriber("sam"))
    first = reader.get(path)
    with django_assert_num_queries(0):
        again = reader.get(path)
    assert again.status_code == 200 and without_csrf(again) == without_csrf(first)
    assert PAYWALLED in without_csrf(again) or path == "/"


def without_csrf(response) -> str:
    """A page without its CSRF tokens, which are masked afresh for every answer."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_readers_in_one_time_zone_share_a_page_and_in_another_get_their_own(story):
    def page(reader: User) -> str:
        return without_csrf(signed_in(reader).get("/desk/national/"))

    perth = page(subscriber("perth", time_zone="Australia/Perth"))
    also_perth = page(subscriber("fremantle", time_zone="Australia/Perth"))
    london = page(subscriber("london", time_zone="Europe/London"))
    assert also_perth == perth
    assert london != perth
    assert timezone.localtime(story.version_created, ZoneInfo("Europe/London")).isoformat()[:16] in london


def test_each_reader_sees_their_own_saved_and_followed_state(story, national):
    saver, other = subscriber("saver"), subscriber("other")
    SavedStory.objects.create(user=saver, story=story)
    Follow.objects.create(user=saver, section=national)
    saver_client, other_client = signed_in(saver), signed_in(other)
    assert "remove from your saved stories" in saver_client.get(story.get_absolute_url()).content.decode()
    other_story = other_client.get(story.get_absolute_url())
    assert "remove from your saved stories" not in other_story.content.decode()
    assert other_story["X-Readwire-Saved"] == "0"
    assert "Unfollow" in saver_client.get("/desk/national/").content.decode()
    assert "Unfollow" not in other_client.get("/desk/national/").content.decode()


def test_the_meter_is_spent_and_shown_for_each_reader_even_from_a_kept_page(agency, story, settings):
    from readwire.billing.models import MeteredRead

    settings.READWIRE_FREE_STORIES_PER_MONTH = 2
    first, second = (User.objects.create_user(n, f"{n}@example.com", "pw") for n in ("first", "second"))
    other = publish(agency, uri="urn:agency:other", headline="Council backs the levee plan")
    MeteredRead.objects.create(reader=second, story=other, month=timezone.now().strftime("%Y-%m"))

    page = signed_in(first).get(story.get_absolute_url()).content.decode()
    assert PAYWALLED in page and "You have 1 free story left" in page
    page = signed_in(second).get(story.get_absolute_url()).content.decode()
    assert PAYWALLED in page and "You have 0 free stories left" in page
    assert MeteredRead.objects.filter(story=story).count() == 2

    spent = signed_in(second).get(publish(agency, uri="urn:agency:third").get_absolute_url()).content.decode()
    assert "read your 2 free stories" in spent and PAYWALLED not in spent


def test_forms_on_a_kept_page_carry_the_readers_own_csrf_token(story):
    signed_in(subscriber("first")).get(story.get_absolute_url())  # builds and keeps the page
    reader = subscriber("second")
    client = signed_in(reader, enforce_csrf_checks=True)
    page = client.get(story.get_absolute_url()).content.decode()
    assert CSRF_PLACEHOLDER not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(f"/account/saved/{story.pk}/save/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302, response.content[:300]
    assert SavedStory.objects.filter(user=reader, story=story).exists()


def test_pages_are_built_as_usual_while_the_cache_is_down(client, agency, story, settings, caplog, announced):
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        # Nothing listens on port 1: every cache call fails at once.
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    assert caches["pages"] is not None
    reader = signed_in(subscriber("sam"))
    for page_client in (client, reader):
        for path in ("/", "/desk/national/", story.get_absolute_url(), "/api/v1/stories"):
            assert page_client.get(path).status_code == 200, path
    announced(publish, agency, version=2, headline="Dam spills again")
    assert b"Dam spills again" in client.get(story.get_absolute_url()).content
    assert "page cache is unavailable" in caplog.text


def test_a_signed_in_page_asks_the_shared_cache_for_the_generation_and_the_reader_once(story, monkeypatch):
    from readwire.accounts import reader_cache
    from readwire.site import page_cache

    reader = signed_in(subscriber("sam"))
    reader.get(story.get_absolute_url())
    asked = []
    for module in (page_cache, reader_cache):
        real = module._call
        monkeypatch.setattr(
            module, "_call", lambda method, *args, real=real, **kw: asked.append(args[0]) or real(method, *args, **kw)
        )
    assert reader.get(story.get_absolute_url()).status_code == 200
    assert asked.count(page_cache.GENERATION_KEY) == 1
    assert len([key for key in asked if key.startswith("reader")]) == 2  # the version and the record
