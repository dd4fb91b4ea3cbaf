"""Saving stories from the website, and the saved stories page."""

from datetime import timedelta

from django.utils import timezone

from readwire.accounts.models import SavedStory
from readwire.accounts.services import save_story
from readwire.wire.item import CANCELED


def test_saving_takes_a_signed_in_post_and_returns_to_the_story(client, alice, make_story):
    story = make_story()
    assert client.post(f"/account/saved/{story.pk}/save/")["Location"].startswith("/account/sign-in/")
    client.force_login(alice)
    assert client.get(f"/account/saved/{story.pk}/save/").status_code == 405
    response = client.post(f"/account/saved/{story.pk}/save/")
    assert response["Location"] == story.get_absolute_url()
    assert SavedStory.objects.filter(user=alice, story=story).exists()


def test_saving_returns_to_the_page_given(client, alice, make_story):
    story = make_story()
    client.force_login(alice)
    assert client.post(f"/account/saved/{story.pk}/save/", {"next": "/"})["Location"] == "/"


def test_stories_readers_cannot_see_cannot_be_saved(client, alice, make_story):
    embargoed = make_story(1, embargoed_until=timezone.now() + timedelta(hours=2))
    client.force_login(alice)
    assert client.post(f"/account/saved/{embargoed.pk}/save/").status_code == 404
    assert client.post("/account/saved/999999/save/").status_code == 404
    assert not SavedStory.objects.exists()


def test_saved_page_lists_the_readers_stories_newest_first(client, alice, bob, make_story):
    one, two, bobs = make_story(1), make_story(2, headline="Second"), make_story(3, headline="Bob's story")
    save_story(alice, one)
    save_story(alice, two)
    save_story(bob, bobs)
    client.force_login(alice)
    page = client.get("/account/saved/").content.decode()
    assert page.index("Second") < page.index("Story 1")
    assert "Bob&#x27;s story" not in page and "Bob's story" not in page


def test_withdrawn_stories_leave_the_saved_page(client, alice, make_story):
    save_story(alice, make_story(1, headline="To be killed"))
    make_story(1, version=2, pub_status=CANCELED)
    client.force_login(alice)
    assert "To be killed" not in client.get("/account/saved/").content.decode()


def test_removing_a_saved_story(client, alice, make_story):
    story = make_story()
    save_story(alice, story)
    client.force_login(alice)
    response = client.post(f"/account/saved/{story.pk}/remove/", follow=True)
    assert response.redirect_chain[-1][0] == "/account/saved/"
    assert "Removed from your saved stories" in response.content.decode()
    assert not SavedStory.objects.exists()


def test_removing_needs_the_csrf_token(alice, make_story):
    from django.test import Client

    story = make_story()
    save_story(alice, story)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post(f"/account/saved/{story.pk}/remove/").status_code == 403
    assert SavedStory.objects.exists()
