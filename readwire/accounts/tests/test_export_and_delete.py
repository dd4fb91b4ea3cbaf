"""A reader's data: downloaded as JSON, then deleted with the account."""

import json
from datetime import UTC, datetime

import pytest

from readwire.accounts.models import ReaderPreferences, SavedStory, User
from readwire.accounts.services import save_story, update_preferences
from readwire.accounts.tests.conftest import PASSWORD
from readwire.api.models import ApiToken
from readwire.api.tokens import create_token, reader_for_token, revoke_token
from readwire.billing.access import decide
from readwire.billing.models import MeteredRead
from readwire.delivery.models import PushSubscription
from readwire.wire.item import CANCELED

# A browser's subscription as a push service hands it out: the path and the keys are secrets.
PUSH_ENDPOINT = "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91bHsecretpartofthepushendpoint"
PUSH_P256DH = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
PUSH_AUTH = "tBHItJI5svbpez7KI4CCXg"


@pytest.fixture
def alices_apps(alice):
    """alice's API tokens (one used, one revoked) and a push subscription; the token she still uses."""
    phone, token = create_token(alice, "News app on my phone")
    reader_for_token(token)
    laptop, _ = create_token(alice, "Old laptop script")
    revoke_token(laptop)
    PushSubscription.objects.create(
        user=alice,
        endpoint=PUSH_ENDPOINT,
        p256dh=PUSH_P256DH,
        auth=PUSH_AUTH,
        user_agent="Mozilla/5.0 (Android 15; Mobile) Firefox/140.0",
        created_at=datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
    )
    return token


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


def test_export_lists_api_tokens_and_push_subscriptions(client, alice, alices_apps):
    client.force_login(alice)
    data = json.loads(client.get("/account/export/").content)

    phone, laptop = ApiToken.objects.filter(user=alice).order_by("created_at", "pk")
    assert data["api_tokens"] == [
        {
            "name": "News app on my phone",
            "created_at": phone.created_at.isoformat(),
            "last_used_at": phone.last_used_at.isoformat(),
            "revoked_at": None,
        },
        {
            "name": "Old laptop script",
            "created_at": laptop.created_at.isoformat(),
            "last_used_at": None,
            "revoked_at": laptop.revoked_at.isoformat(),
        },
    ]
    assert data["push_subscriptions"] == [
        {
            "endpoint_host": "fcm.googleapis.com",
            "created_at": "2026-03-01T09:30:00+00:00",
            "browser": "Mozilla/5.0 (Android 15; Mobile) Firefox/140.0",
        }
    ]


def test_export_holds_no_token_digest_or_push_key(client, alice, alices_apps):
    client.force_login(alice)
    exported = client.get("/account/export/").content.decode()

    key_material = [alices_apps, PUSH_ENDPOINT, PUSH_ENDPOINT.split("/send/")[1], PUSH_P256DH, PUSH_AUTH]
    for token in ApiToken.objects.filter(user=alice):
        key_material += [token.token_hash, token.prefix]
    for secret in key_material:
        assert secret not in exported
    assert not {"token", "token_hash", "hash", "prefix", "p256dh", "auth", "keys", "endpoint"} & keys_in(
        json.loads(exported)
    )


def keys_in(value) -> set[str]:
    """Every key of every object in a JSON document."""
    if isinstance(value, dict):
        return set(value).union(*(keys_in(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_in(item) for item in value))
    return set()


def test_export_is_only_ever_ones_own(client, alice, bob, make_story):
    save_story(bob, make_story())
    create_token(bob, "Bob's app")
    PushSubscription.objects.create(user=bob, endpoint=PUSH_ENDPOINT, p256dh=PUSH_P256DH, auth=PUSH_AUTH)
    client.force_login(alice)
    data = json.loads(client.get("/account/export/").content)
    assert data["saved_stories"] == data["api_tokens"] == data["push_subscriptions"] == []


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
def test_deleting_removes_the_reader_and_their_data_and_signs_out(client, alice, alices_apps, make_story, mailoutbox):
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
    assert not ApiToken.objects.exists() and not PushSubscription.objects.exists()
    assert reader_for_token(alices_apps) is None
    assert client.get("/account/")["Location"].startswith("/account/sign-in/")
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]
    assert "deleted" in mailoutbox[0].subject
    # The story itself stays for other readers.
    story.refresh_from_db()
