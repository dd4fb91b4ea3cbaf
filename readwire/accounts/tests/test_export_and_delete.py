"""A reader's data: downloaded as JSON, then deleted with the account."""

import json

import pytest

from readwire.accounts.models import ReaderPreferences, SavedStory, User
from readwire.accounts.services import save_story, update_preferences
from readwire.accounts.tests.conftest import PASSWORD
from readwire.billing.access import decide
from readwire.billing.models import MeteredRead
from readwire.wire.item import CANCELED


def test_export_holds_profile_preferences_saved_stories_and_reads(client, alice, make_story):
    kept, read, killed = make_story(1), make_story(2), make_story(3, headline="A story later withdrawn")
    save_story(alice, kept)
    save_story(alice, killed)
    decide(alice, read, record=True)
    update_preferences(alice, morning_wire=True, alert_topics=[])
    make_story(3, version=2, pub_status=CANCELED)

    client.force_login(alice)
    response = client.get("/account/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="readwire-account-')
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)

    assert data["profile"]["email"] == "alice@example.com"
    assert data["profile"]["time_zone"] == "Australia/Perth"
    assert data["preferences"]["morning_wire"]["on"] is True
    assert data["preferences"]["morning_wire"]["time"] == "06:30:00"
    assert [s["uri"] for s in data["saved_stories"]] == ["urn:test:1", "urn:test:3"]
    assert data["saved_stories"][0]["headline"] == "Story 1"
    assert data["saved_stories"][0]["url"].endswith(kept.get_absolute_url())
    # A withdrawn story is named by its URI only.
    assert data["saved_stories"][1] == {
        "uri": "urn:test:3",
        "withdrawn": True,
        "saved_at": data["saved_stories"][1]["saved_at"],
    }
    assert "A story later withdrawn" not in response.content.decode()
    assert [r["uri"] for r in data["metered_reads"]] == ["urn:test:2"]
    assert data["follows"] == []


def test_export_is_only_ever_ones_own(client, alice, bob, make_story):
    save_story(bob, make_story())
    client.force_login(alice)
    assert json.loads(client.get("/account/export/").content)["saved_stories"] == []


def test_delete_page_offers_the_export_first(client, alice):
    client.force_login(alice)
    page = client.get("/account/delete/").content.decode()
    assert page.index('href="/account/export/"') < page.index('type="submit"')


def test_deleting_needs_the_password(client, alice):
    client.force_login(alice)
    response = client.post("/account/delete/", {"password": "not mine"})
    assert "password" in response.context["form"].errors
    assert User.objects.filter(pk=alice.pk).exists()


@pytest.mark.django_db
def test_deleting_removes_the_reader_and_their_data_and_signs_out(client, alice, make_story, mailoutbox):
    story = make_story()
    save_story(alice, story)
    decide(alice, story, record=True)
    update_preferences(alice, breaking_alerts=True)
    client.force_login(alice)

    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response["Location"] == "/account/deleted/"
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not SavedStory.objects.exists()
    assert not ReaderPreferences.objects.exists()
    assert not MeteredRead.objects.exists()
    assert client.get("/account/")["Location"].startswith("/account/sign-in/")
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]
    assert "deleted" in mailoutbox[0].subject
    # The story itself stays for other readers.
    story.refresh_from_db()
