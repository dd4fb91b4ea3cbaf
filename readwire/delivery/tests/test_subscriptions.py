import pytest

from readwire.accounts.models import User
from readwire.delivery.models import PushSubscription
from readwire.delivery.subscriptions import (
    MAX_SUBSCRIPTIONS_PER_READER,
    InvalidSubscription,
    endpoint_problem,
    register_push_subscription,
    unregister_push_subscription,
)
from readwire.delivery.tests.browsers import b64url, browser_subscription


@pytest.fixture
def alice(db):
    return User.objects.create_user("alice", "alice@example.com", "pw")


@pytest.fixture
def bob(db):
    return User.objects.create_user("bob", "bob@example.com", "pw")


def register(user, subscription, **overrides):
    keys = {**subscription["keys"], **overrides.pop("keys", {})}
    return register_push_subscription(
        user, endpoint=overrides.get("endpoint", subscription["endpoint"]), p256dh=keys["p256dh"], auth=keys["auth"]
    )


def test_a_browser_subscription_is_kept_once_and_its_keys_follow_rotation(alice):
    subscription = browser_subscription()
    first, created = register(alice, subscription)
    assert created and first.p256dh == subscription["keys"]["p256dh"]
    rotated = browser_subscription(subscription["endpoint"])
    again, created = register(alice, rotated)
    assert not created and again.pk == first.pk
    assert PushSubscription.objects.get().auth == rotated["keys"]["auth"]


def test_an_endpoint_moves_to_the_reader_now_signed_in_on_that_browser(alice, bob):
    subscription = browser_subscription()
    register(alice, subscription)
    moved, is_new_to_bob = register(bob, subscription)
    assert is_new_to_bob and moved.user == bob
    assert PushSubscription.objects.count() == 1


def test_padded_and_standard_base64_keys_are_accepted_and_stored_as_base64url(alice):
    subscription = browser_subscription()
    import base64

    raw = base64.urlsafe_b64decode(subscription["keys"]["p256dh"] + "==")
    standard = base64.b64encode(raw).decode()
    saved, _ = register(alice, subscription, keys={"p256dh": standard})
    assert saved.p256dh == b64url(raw)


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",
        "https://localhost/push",
        "https://push.localhost/x",
        "https://127.0.0.1/push",
        "https://10.1.2.3/push",
        "https://[::1]/push",
        "https://[::ffff:10.0.0.1]/push",
        "https://169.254.169.254/latest/meta-data",
        "https://metadata/computeMetadata",
        "https://printer.local/x",
        "https://user:pw@fcm.googleapis.com/x",
        "https://fcm.googleapis.com:8443/x",
        "https://fcm.googleapis.com:99999/x",
        "javascript:alert(1)",
        "",
        "https://" + "a" * 2000 + ".com/",
    ],
)
def test_endpoints_that_are_not_public_https_push_services_are_refused(endpoint):
    assert endpoint_problem(endpoint)


def test_real_push_services_are_accepted():
    for endpoint in (
        "https://fcm.googleapis.com/fcm/send/dXJ8Lk1:APA91bH",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABh",
        "https://web.push.apple.com/QGuQyavXutnMWcO1hDmt1",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD",
    ):
        assert endpoint_problem(endpoint) is None, endpoint


@pytest.mark.parametrize(
    ("keys", "field"),
    [
        ({"p256dh": b64url(b"\x04" + b"\x01" * 64)}, "keys.p256dh"),  # 65 bytes, but not on the curve
        ({"p256dh": b64url(b"\x04" * 33)}, "keys.p256dh"),
        ({"p256dh": "not base64!"}, "keys.p256dh"),
        ({"auth": b64url(b"\x00" * 15)}, "keys.auth"),
        ({"auth": ""}, "keys.auth"),
    ],
)
def test_keys_of_the_wrong_size_or_shape_are_refused_by_field(alice, keys, field):
    with pytest.raises(InvalidSubscription) as refused:
        register(alice, browser_subscription(), keys=keys)
    assert set(refused.value.errors) == {field}
    assert not PushSubscription.objects.exists()


def test_a_reader_has_a_bounded_number_of_browsers(alice):
    for n in range(MAX_SUBSCRIPTIONS_PER_READER):
        register(alice, browser_subscription(f"https://fcm.googleapis.com/fcm/send/{n}"))
    with pytest.raises(InvalidSubscription):
        register(alice, browser_subscription("https://fcm.googleapis.com/fcm/send/one-more"))


def test_unregistering_touches_only_the_readers_own_subscription(alice, bob):
    subscription = browser_subscription()
    register(alice, subscription)
    assert not unregister_push_subscription(bob, subscription["endpoint"])
    assert unregister_push_subscription(alice, subscription["endpoint"])
    assert not PushSubscription.objects.exists()
