import json

import pytest

from readwire.accounts.models import ReaderPreferences
from readwire.api.tests.world import make_reader, token_client

PROBLEM = "application/problem+json"


@pytest.fixture
def alice(db):
    return make_reader("alice")


@pytest.fixture
def app(alice):
    return token_client(alice)


def patch(client, body):
    return client.patch("/api/v1/me", data=json.dumps(body), content_type="application/json")


def test_profile_shows_email_time_zone_access_and_default_preferences(app, alice):
    profile = app.get("/api/v1/me").json()
    assert profile["email"] == "alice@example.com" and profile["full_access"] is False
    assert profile["preferences"]["morning_wire"] is False
    assert profile["preferences"]["morning_wire_time"] == "06:30:00"
    assert profile["preferences"]["quiet_hours_start"] is None


def test_subscriber_profile_says_full_access(db):
    assert token_client(make_reader("bob", full_access=True)).get("/api/v1/me").json()["full_access"] is True


def test_patch_changes_only_what_is_given(app, alice):
    response = patch(
        app, {"time_zone": "Australia/Perth", "preferences": {"morning_wire": True, "morning_wire_time": "07:15"}}
    )
    assert response.status_code == 200, response.content
    profile = response.json()
    assert profile["time_zone"] == "Australia/Perth"
    assert profile["preferences"]["morning_wire"] is True and profile["preferences"]["morning_wire_time"] == "07:15:00"
    assert profile["preferences"]["alerts_by_push"] is True  # untouched default
    patch(app, {"preferences": {"breaking_alerts": True}})
    stored = ReaderPreferences.objects.get(user=alice)
    assert stored.morning_wire and stored.breaking_alerts
    alice.refresh_from_db()
    assert alice.time_zone == "Australia/Perth"


def test_quiet_hours_are_set_together_and_cleared_with_null(app, alice):
    patch(app, {"preferences": {"quiet_hours_start": "22:00", "quiet_hours_end": "07:00"}})
    assert ReaderPreferences.objects.get(user=alice).quiet_hours_end.hour == 7
    patch(app, {"preferences": {"quiet_hours_start": None}})
    stored = ReaderPreferences.objects.get(user=alice)
    assert stored.quiet_hours_start is None and stored.quiet_hours_end is None


def test_invalid_changes_are_a_422_problem_naming_the_field_and_change_nothing(app, alice):
    response = patch(app, {"time_zone": "Mars/Olympus", "preferences": {"morning_wire": True}})
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    [error] = response.json()["errors"]
    assert error["loc"][-1] == "time_zone"
    assert not ReaderPreferences.objects.filter(user=alice, morning_wire=True).exists()


def test_a_cap_outside_its_range_is_refused_before_the_service(app):
    response = patch(app, {"preferences": {"daily_alert_cap": 500}})
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
