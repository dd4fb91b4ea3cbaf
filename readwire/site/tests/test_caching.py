"""Who may keep a copy of a reader page: see readwire/site/caching.py."""

import pytest

from readwire.site.tests.conftest import publish

ANONYMOUS_PAGES = ["/", "/desk/national/", "/topic/environment/", "/search/?q=dam", "/feed.xml", "/offline/"]


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def varies_on_cookie(response) -> bool:
    return "cookie" in {v.strip().lower() for v in response.get("Vary", "").split(",")}


@pytest.fixture
def story(agency, national, environment):
    return publish(agency, sections=[national, environment])


@pytest.mark.parametrize("path", [*ANONYMOUS_PAGES, "story"])
def test_signed_out_pages_are_public_for_a_minute_and_vary_on_cookie(client, story, path):
    response = client.get(story.get_absolute_url() if path == "story" else path)
    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=60"}
    assert varies_on_cookie(response)
    assert response.has_header("ETag")


@pytest.mark.parametrize("path", [*ANONYMOUS_PAGES, "story"])
def test_signed_in_pages_are_private(alice_client, story, path):
    response = alice_client.get(story.get_absolute_url() if path == "story" else path)
    assert response.status_code == 200
    assert "private" in cache_control(response) and "public" not in cache_control(response)
    assert varies_on_cookie(response)


def test_full_text_is_never_cached_publicly(sam_client, agency):
    story = publish(agency, body_html="<p>Opening.</p><p>Paid paragraph.</p>")
    response = sam_client.get(story.get_absolute_url())
    assert b"Paid paragraph." in response.content
    assert "private" in cache_control(response) and "public" not in cache_control(response)


def test_a_page_showing_a_message_is_private_even_signed_out(client, story):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    storage = CookieStorage(HttpRequest())
    value = storage._encode([Message(constants.SUCCESS, "You are signed out.")])
    client.cookies["messages"] = value
    response = client.get(story.get_absolute_url())
    assert b"You are signed out." in response.content
    assert "private" in cache_control(response)


def test_an_unchanged_page_answers_304_to_its_etag(client, story):
    first = client.get(story.get_absolute_url())
    again = client.get(story.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_a_story_changed_since_does_not_answer_304(client, agency, story):
    first = client.get(story.get_absolute_url())
    publish(agency, "urn:agency:dam", 2, headline="Dam spills again")
    again = client.get(story.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200 and b"Dam spills again" in again.content


def test_withdrawn_notice_is_cacheable_and_not_found_is_not_public(client, agency, story):
    publish(agency, "urn:agency:dam", 2, pub_status="canceled")
    gone = client.get(story.get_absolute_url())
    assert gone.status_code == 410 and "public" in cache_control(gone)
    missing = client.get("/story/999999/")
    assert missing.status_code == 404 and "public" not in cache_control(missing)
