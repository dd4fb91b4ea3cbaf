"""Apps sign in with a bearer token, the website's scripts with the session and its CSRF token."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from readwire.api.models import ApiToken
from readwire.api.tests.world import make_reader, publish
from readwire.api.tokens import create_token, hash_token, revoke_token
from readwire.wire.models import Source

PROBLEM = "application/problem+json"
CSRF = "k" * 32


@pytest.fixture
def alice(db):
    return make_reader("alice")


@pytest.fixture
def story(db):
    return publish(Source.objects.create(name="agency"), "urn:s:1")


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_reader_endpoint_without_credentials_is_a_401_problem_that_says_how_to_sign_in(client, db):
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Bearer rw_" in response.json()["detail"]


def test_a_token_works_until_it_is_revoked_and_then_is_refused_everywhere(alice, story):
    row, token = create_token(alice, "phone")
    client = Client(headers=bearer(token))
    assert client.get("/api/v1/me").json()["email"] == "alice@example.com"
    revoke_token(row)
    for path in ("/api/v1/me", f"/api/v1/stories/{story.pk}", "/api/v1/stories"):
        refused = client.get(path)
        # An app with a dead token must learn it, not be shown previews as if signed out.
        assert refused.status_code == 401 and refused["Content-Type"] == PROBLEM, path
        assert "revoked" in refused.json()["detail"]


@pytest.mark.parametrize("token", ["rw_madeup", "not-ours", "rw_" + "x" * 500, ""])
def test_unknown_or_malformed_tokens_are_refused(client, db, token):
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_only_the_tokens_digest_is_stored(alice):
    row, token = create_token(alice, "phone")
    assert token.startswith("rw_") and len(token) > 40
    stored = ApiToken.objects.get()
    assert stored.token_hash == hash_token(token) and token not in {stored.token_hash, stored.prefix, stored.name}
    assert token.startswith(stored.prefix)


def test_token_of_a_deactivated_reader_is_refused(alice):
    _, token = create_token(alice, "phone")
    alice.is_active = False
    alice.save()
    assert Client().get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(alice):
    row, token = create_token(alice, "phone")
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        Client().get("/api/v1/me", headers=bearer(token))
        traveller.shift(timedelta(seconds=30))
        Client().get("/api/v1/me", headers=bearer(token))
        row.refresh_from_db()
        assert row.last_used_at == start
        traveller.shift(timedelta(seconds=40))
        Client().get("/api/v1/me", headers=bearer(token))
        row.refresh_from_db()
        assert row.last_used_at == start + timedelta(seconds=70)


def test_signed_in_browser_needs_the_csrf_token_for_changes_but_not_for_reading(alice, story):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    browser.cookies[settings.CSRF_COOKIE_NAME] = CSRF
    assert browser.get("/api/v1/me").status_code == 200
    forged = browser.put(f"/api/v1/me/saved/{story.pk}")
    assert forged.status_code == 403 and forged["Content-Type"] == PROBLEM
    assert "CSRF" in forged.json()["detail"]
    assert browser.put(f"/api/v1/me/saved/{story.pk}", headers={"X-CSRFToken": CSRF}).status_code == 200


def test_an_app_with_a_token_needs_no_csrf_token(alice, story):
    _, token = create_token(alice, "phone")
    app = Client(enforce_csrf_checks=True, headers=bearer(token))
    assert app.put(f"/api/v1/me/saved/{story.pk}").status_code == 200


def test_anonymous_change_is_a_401_not_a_csrf_failure(story):
    response = Client(enforce_csrf_checks=True).put(f"/api/v1/me/saved/{story.pk}")
    assert response.status_code == 401
