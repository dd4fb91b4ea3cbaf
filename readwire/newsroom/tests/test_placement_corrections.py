"""Correcting a story's desks and Topics in Focus from its newsroom page."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.test import Client

from readwire.newsroom import services
from readwire.newsroom.models import CurationLog
from readwire.newsroom.tests.conftest import publish
from readwire.topics.models import Placement, PlacementCorrection, Section
from readwire.wire.item import Subject

_defaults = importlib.import_module("readwire.topics.migrations.0002_default_sections")

SPORT = Subject(name="sport", code="medtop:15000000")


@pytest.fixture
def sections(db):
    # A transactional test elsewhere may have emptied the table the data migration filled.
    _defaults.create_default_sections(django_apps, None)


@pytest.fixture
def match(agency, sections, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish(
            agency,
            "urn:agency:match",
            headline="Storm win in golden point",
            body_html="<p>The Storm won in golden point.</p>",
            subjects=[SPORT],
        )


def placed(story) -> dict[str, str]:
    return dict(Placement.objects.filter(story=story).values_list("section__slug", "origin"))


def correct(client, story, action: str, section: str, **kwargs):
    return client.post(f"/newsroom/story/{story.pk}/placement/", {"action": action, "section": section}, **kwargs)


def messages_on(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def placement_part(html: str) -> str:
    return html.split('id="placement-heading"')[1].split('id="versions-heading"')[0]


def test_the_story_page_says_where_the_story_is_placed_and_why(editor_client, match, agency):
    page = placement_part(editor_client.get(f"/newsroom/story/{match.pk}/").content.decode())
    assert "Sport" in page and "The wire's subject: sport" in page
    assert 'value="remove"' in page and '<option value="arts">Arts</option>' in page
    assert '<option value="sport">' not in page  # already there

    untagged = publish(agency, "urn:agency:swim", headline="Teenager smashes freestyle world record at trials")
    Placement.objects.create(story=untagged, section=Section.objects.get(slug="sport"), origin="classifier", score=0.71)
    page = placement_part(editor_client.get(f"/newsroom/story/{untagged.pk}/").content.decode())
    assert "The classifier, 71% confident" in page


def test_an_editor_corrects_the_desks_and_the_page_shows_it(editor_client, match, edith):
    response = correct(editor_client, match, "add", "arts", follow=True)
    assert response.redirect_chain[-1][0] == f"/newsroom/story/{match.pk}/#placement-heading"
    assert messages_on(response) == ["“Storm win in golden point” put in Arts; later versions keep this."]
    correct(editor_client, match, "remove", "sport")
    assert placed(match) == {"arts": "editor"}

    page = placement_part(editor_client.get(f"/newsroom/story/{match.pk}/").content.decode())
    assert re.search(r"Arts.*An editor: edith", page, re.S)
    assert "Kept out by an editor" in page and "Sport" in page
    log = CurationLog.objects.order_by("at", "pk")
    assert [(e.action, e.editor, e.detail) for e in log] == [
        ("place", edith, "into Arts (Topic in Focus)"),
        ("unplace", edith, "out of Sport (Desk)"),
    ]
    assert "edith, put in a section: into Arts" in page and "edith, taken out of a section: out of Sport" in page


def test_a_new_version_of_the_story_keeps_the_correction(
    editor_client, match, agency, django_capture_on_commit_callbacks
):
    correct(editor_client, match, "remove", "sport")
    correct(editor_client, match, "add", "health")
    with django_capture_on_commit_callbacks(execute=True):
        update = publish(agency, "urn:agency:match", 2, headline="Storm win: the coach speaks", subjects=[SPORT])
    assert update.current_version == 2
    assert placed(update) == {"health": "editor"}
    page = placement_part(editor_client.get(f"/newsroom/story/{match.pk}/").content.decode())
    assert "Health" in page and "The wire's subject" not in page


def test_asking_twice_changes_nothing_more_and_says_so(editor_client, match):
    correct(editor_client, match, "add", "arts")
    response = correct(editor_client, match, "add", "arts", follow=True)
    assert messages_on(response)[-1] == "“Storm win in golden point” was already in Arts."
    assert PlacementCorrection.objects.count() == 1 and CurationLog.objects.count() == 1


def test_confirming_the_wires_desk_makes_it_stick(match, edith):
    assert services.correct_placement(match, Section.objects.get(slug="sport"), include=True, editor=edith)
    assert placed(match) == {"sport": "editor"}
    assert not services.correct_placement(match, Section.objects.get(slug="sport"), include=True, editor=edith)


@pytest.mark.parametrize("slug", ["no-such-desk", "not a slug!", ""])
def test_an_unknown_section_is_refused_clearly_and_nothing_changes(editor_client, match, slug):
    response = correct(editor_client, match, "add", slug, follow=True)
    expected = f"There is no desk or Topic in Focus called “{slug}”; nothing was changed."
    assert messages_on(response) == [expected if slug else "Choose a desk or Topic in Focus."]
    assert placed(match) == {"sport": "wire"}
    assert not PlacementCorrection.objects.exists() and not CurationLog.objects.exists()


def test_an_inactive_section_is_refused(editor_client, match, edith):
    Section.objects.filter(slug="arts").update(active=False)
    response = correct(editor_client, match, "add", "arts", follow=True)
    assert "There is no desk or Topic in Focus called “arts”" in messages_on(response)[0]
    with pytest.raises(services.CurationError, match="switched off"):
        services.correct_placement(match, Section.objects.get(slug="arts"), include=True, editor=edith)
    assert placed(match) == {"sport": "wire"}


def test_readers_and_visitors_cannot_correct(client, rita, match):
    client.force_login(rita)
    assert correct(client, match, "add", "arts").status_code == 403
    client.logout()
    response = correct(client, match, "add", "arts")
    assert response.status_code == 302 and response["Location"].startswith(f"{settings.LOGIN_URL}?next=/newsroom/")
    assert placed(match) == {"sport": "wire"} and not CurationLog.objects.exists()


def test_a_correction_needs_post_and_a_csrf_token(edith, match):
    client = Client(enforce_csrf_checks=True)
    client.force_login(edith)
    url = f"/newsroom/story/{match.pk}/placement/"
    assert client.get(url).status_code == 405
    assert client.post(url, {"action": "add", "section": "arts"}).status_code == 403
    assert placed(match) == {"sport": "wire"}
    page = client.get(f"/newsroom/story/{match.pk}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(url, {"action": "add", "section": "arts", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and placed(match) == {"sport": "wire", "arts": "editor"}


def test_placement_corrections_stay_out_of_the_front_pages_log(editor_client, match):
    correct(editor_client, match, "add", "arts")
    page = editor_client.get("/newsroom/front-page/").content.decode()
    assert "Put in a section" not in page.split('id="log-heading"')[1]


def test_an_unknown_story_is_not_found(editor_client, sections):
    assert (
        editor_client.post("/newsroom/story/999999/placement/", {"action": "add", "section": "arts"}).status_code == 404
    )
