import json

import pytest

from readwire.api.tests.world import make_reader, token_client
from readwire.delivery.models import PushSubscription
from readwire.delivery.tests.browsers import browser_subscription

PROBLEM = "application/problem+json"


@pytest.fixture
def alice(db):
    return make_reader("alice")


@pytest.fixture
def app(alice):
    return token_client(alice)


def register(client, subscription, **headers):
    return client.post(
        "/api/v1/me/push-subscriptions", data=json.dumps(subscription), content_type="application/json", headers=headers
    )


def test_a_browser_registers_its_subscription_as_it_gives_it(app, alice):
    subscription = browser_subscription()
    created = register(app, subscription, **{"User-Agent": "Firefox/140"})
    assert created.status_code == 201, created.content
    assert created.json()["endpoint"] == subscription["endpoint"]
    assert register(app, subscription).status_code == 200
    stored = PushSubscription.objects.get()
    assert stored.user == alice and stored.p256dh == subscription["keys"]["p256dh"]
    [listed] = app.get("/api/v1/me/push-subscriptions").json()["items"]
    assert listed["id"] == stored.pk


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"endpoint": "http://fcm.googleapis.com/fcm/send/x"}, "endpoint"),
        ({"endpoint": "https://192.168.1.1/push"}, "endpoint"),
        ({"keys": {"p256dh": "AAAA", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "p256dh"),
    ],
)
def test_a_subscription_readwire_cannot_send_to_is_a_422_problem_naming_the_field(app, change, field):
    response = register(app, {**browser_subscription(), **change})
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert response.json()["type"] == "urn:readwire:problem:invalid-push-subscription"
    assert any(error["loc"][-1] == field for error in response.json()["errors"])
    assert not PushSubscription.objects.exists()


def test_a_body_without_keys_is_a_422_problem(app):
    response = register(app, {"endpoint": "https://fcm.googleapis.com/fcm/send/x"})
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM


def test_unregistering_by_endpoint_removes_only_the_readers_own(app, alice):
    subscription = browser_subscription()
    register(app, subscription)
    bob = token_client(make_reader("bob"))
    assert (
        bob.delete("/api/v1/me/push-subscriptions", query_params={"endpoint": subscription["endpoint"]}).status_code
        == 204
    )
    assert PushSubscription.objects.filter(user=alice).exists()
    assert (
        app.delete("/api/v1/me/push-subscriptions", query_params={"endpoint": subscription["endpoint"]}).status_code
        == 204
    )
    assert not PushSubscription.objects.exists()


def test_push_key_is_the_servers_vapid_public_key(client, settings):
    assert client.get("/api/v1/push/key").json() == {"public_key": settings.VAPID_PUBLIC_KEY}


def test_registering_needs_a_signed_in_reader(client, db):
    assert register(client, browser_subscription()).status_code == 401
