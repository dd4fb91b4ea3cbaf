import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from readwire.newsroom import services
from readwire.newsroom.models import CurationLog, FrontPageEntry, Pin
from readwire.newsroom.tests.conftest import publish
from readwire.wire.item import CANCELED

CURATE = "/newsroom/front-page/curate/"


@pytest.fixture
def dam(agency):
    return publish(agency, "urn:agency:dam", headline="Dam spills after record rain")


@pytest.fixture
def rates(agency):
    return publish(agency, "urn:agency:rates", headline="Reserve Bank holds rates")


def top_headlines():
    return [e.story.headline for e in FrontPageEntry.objects.filter(role="top").order_by("position")]


def messages_on(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_make_lead_button_sets_the_lead_and_says_so(editor_client, dam, edith):
    response = editor_client.post(CURATE, {"action": "set_lead", "story": dam.pk}, follow=True)
    assert response.redirect_chain[-1][0] == "/newsroom/front-page/"
    assert messages_on(response) == ["“Dam spills after record rain” is now the lead story."]
    assert FrontPageEntry.objects.get(role="lead").story == dam
    assert CurationLog.objects.get().editor == edith
    again = editor_client.post(CURATE, {"action": "set_lead", "story": dam.pk}, follow=True)
    assert messages_on(again) == ["“Dam spills after record rain” was already the lead story."]
    assert CurationLog.objects.count() == 1


def test_top_story_buttons_add_move_and_remove(editor_client, dam, rates):
    editor_client.post(CURATE, {"action": "add_top", "story": dam.pk})
    editor_client.post(CURATE, {"action": "add_top", "story": rates.pk})
    assert top_headlines() == ["Dam spills after record rain", "Reserve Bank holds rates"]
    editor_client.post(CURATE, {"action": "up", "story": rates.pk})
    assert top_headlines() == ["Reserve Bank holds rates", "Dam spills after record rain"]
    response = editor_client.post(CURATE, {"action": "up", "story": rates.pk}, follow=True)
    assert messages_on(response)[-1] == "“Reserve Bank holds rates” is already first."
    editor_client.post(CURATE, {"action": "down", "story": rates.pk})
    assert top_headlines() == ["Dam spills after record rain", "Reserve Bank holds rates"]
    editor_client.post(CURATE, {"action": "remove_top", "story": dam.pk})
    assert top_headlines() == ["Reserve Bank holds rates"]


def test_pin_and_unpin_buttons(editor_client, dam):
    until = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = editor_client.post(CURATE, {"action": "pin", "story": dam.pk, "until": until}, follow=True)
    pin = Pin.objects.get()
    assert timezone.localtime(pin.until).strftime("%Y-%m-%dT%H:%M") == until
    assert messages_on(response)[0].startswith("“Dam spills after record rain” pinned until ")
    editor_client.post(CURATE, {"action": "unpin", "story": dam.pk})
    assert not Pin.objects.exists()


def test_refusals_are_shown_to_the_editor(editor_client, agency, dam):
    publish(agency, "urn:agency:dam", 2, pub_status=CANCELED)
    response = editor_client.post(CURATE, {"action": "add_top", "story": dam.pk}, follow=True)
    assert "was withdrawn; a withdrawn story cannot go on the front page" in messages_on(response)[0]
    response = editor_client.post(CURATE, {"action": "set_lead"}, follow=True)
    assert messages_on(response) == ["Choose a story."]
    assert not FrontPageEntry.objects.exists()


def test_curation_needs_post_and_a_csrf_token(edith, dam):
    client = Client(enforce_csrf_checks=True)
    client.force_login(edith)
    assert client.get(CURATE).status_code == 405
    assert client.post(CURATE, {"action": "set_lead", "story": dam.pk}).status_code == 403
    assert not FrontPageEntry.objects.exists()
    page = client.get("/newsroom/front-page/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(CURATE, {"action": "set_lead", "story": dam.pk, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and FrontPageEntry.objects.get().story == dam


def test_after_curating_the_editor_returns_where_they_were_but_only_within_the_console(editor_client, dam, rates):
    story_page = f"/newsroom/story/{dam.pk}/"
    response = editor_client.post(CURATE, {"action": "pin", "story": dam.pk, "next": story_page})
    assert response["Location"] == story_page
    for elsewhere in ("https://evil.example/newsroom/", "//evil.example/newsroom/", "/admin/"):
        response = editor_client.post(CURATE, {"action": "pin", "story": rates.pk, "next": elsewhere})
        assert response["Location"] == "/newsroom/front-page/"


def test_curation_screen_shows_choices_preview_candidates_and_the_log(editor_client, agency, dam, rates, edith):
    embargoed = publish(
        agency, "urn:agency:budget", headline="Budget", embargoed_until=timezone.now() + timedelta(hours=1)
    )
    withdrawn = publish(agency, "urn:agency:gone", headline="Gone story")
    publish(agency, "urn:agency:gone", 2, pub_status=CANCELED)
    services.set_lead(embargoed, editor=edith)
    services.add_top_story(rates, editor=edith)
    services.pin(dam, editor=edith)
    page = editor_client.get("/newsroom/front-page/").content.decode()
    assert "Not shown to readers now; the automatic choice leads instead." in page
    assert "Embargoed until" in page
    assert 'value="unpin"' in page and 'value="remove_top"' in page and 'value="clear_lead"' in page
    assert "Gone story" not in page.split('id="candidates-heading"')[1].split('id="log-heading"')[0]
    assert withdrawn.pk  # withdrawn stories are not offered for curation
    log = page.split('id="log-heading"')[1]
    assert "Made lead" in log and "Added to top stories" in log and "Pinned" in log and "edith" in log


def test_candidate_search_finds_by_headline(editor_client, dam, rates):
    page = editor_client.get("/newsroom/front-page/?q=reserve").content.decode()
    candidates = page.split('id="candidates-heading"')[1].split('id="log-heading"')[0]
    assert "Reserve Bank holds rates" in candidates and "Dam spills" not in candidates


@pytest.mark.parametrize("stories", [3, 30])
def test_curation_screen_costs_a_fixed_number_of_queries(
    editor_client, agency, edith, stories, django_assert_max_num_queries
):
    made = [publish(agency, f"urn:agency:{n}", headline=f"Story {n}") for n in range(stories)]
    services.set_lead(made[0], editor=edith)
    services.add_top_story(made[1], editor=edith)
    services.add_top_story(made[2], editor=edith)
    services.pin(made[-1], editor=edith)
    # session + user, entries, pins, candidates, log, and the front page itself (at most 5)
    with django_assert_max_num_queries(11):
        assert editor_client.get("/newsroom/front-page/").status_code == 200
