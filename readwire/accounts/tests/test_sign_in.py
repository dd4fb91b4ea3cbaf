"""Signing in by email and password, the lock-out after repeated failures, and signing out."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from readwire.accounts import throttle
from readwire.accounts.forms import TOO_MANY_SIGN_INS
from readwire.accounts.tests.conftest import PASSWORD


def sign_in(client, email, password, next=None, **extra):
    data = {"email": email, "password": password} | ({"next": next} if next else {})
    return client.post("/account/sign-in/", data, **extra)


def signed_in_user(client):
    return client.get("/account/sign-in/").wsgi_request.user


def test_reader_signs_in_with_email_in_any_case(client, alice):
    response = sign_in(client, "ALICE@Example.com", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert signed_in_user(client) == alice


def test_wrong_password_and_unknown_address_get_the_same_answer(client, alice):
    wrong = sign_in(client, "alice@example.com", "not it")
    unknown = sign_in(client, "nobody@example.com", PASSWORD)
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert not signed_in_user(client).is_authenticated


def test_sign_in_goes_on_to_the_page_asked_for_but_never_off_site(client, alice):
    assert sign_in(client, "alice@example.com", PASSWORD, next="/story/7/")["Location"] == "/story/7/"
    client.logout()
    assert sign_in(client, "alice@example.com", PASSWORD, next="https://evil.example/")["Location"] == "/account/"


def test_inactive_reader_cannot_sign_in(client, alice):
    alice.is_active = False
    alice.save()
    assert sign_in(client, "alice@example.com", PASSWORD).status_code == 200
    assert not signed_in_user(client).is_authenticated


def test_account_locks_after_five_failures_even_for_the_right_password(client, alice, bob):
    for _ in range(throttle.failed_sign_ins_per_account.limit):
        assert sign_in(client, "alice@example.com", "guess").status_code == 200
    locked = sign_in(client, "alice@example.com", PASSWORD)
    assert locked.status_code == 429
    assert TOO_MANY_SIGN_INS in locked.context["form"].non_field_errors()
    assert not signed_in_user(client).is_authenticated
    # Bob, from the same address, is not locked out by guesses at Alice's account.
    assert sign_in(client, "bob@example.org", PASSWORD).status_code == 302


def test_account_lock_out_holds_from_another_address(client, alice):
    for n in range(throttle.failed_sign_ins_per_account.limit):
        sign_in(client, "alice@example.com", "guess", REMOTE_ADDR=f"198.51.100.{n}")
    assert sign_in(client, "alice@example.com", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429


def test_account_lock_out_ends_after_fifteen_minutes(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(throttle.failed_sign_ins_per_account.limit):
            sign_in(client, "alice@example.com", "guess")
        clock.shift(timedelta(minutes=14))
        assert sign_in(client, "alice@example.com", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=1, seconds=1))
        assert sign_in(client, "alice@example.com", PASSWORD).status_code == 302


def test_one_address_guessing_many_accounts_is_locked_out_and_others_are_not(client, alice, bob):
    limit = throttle.failed_sign_ins_per_address.limit
    for n in range(limit):
        sign_in(client, f"reader{n}@example.com", "guess", REMOTE_ADDR="192.0.2.10")
    assert sign_in(client, "alice@example.com", PASSWORD, REMOTE_ADDR="192.0.2.10").status_code == 429
    assert sign_in(client, "alice@example.com", PASSWORD, REMOTE_ADDR="192.0.2.11").status_code == 302


def test_ipv6_clients_are_counted_by_their_network(client, alice):
    for n in range(throttle.failed_sign_ins_per_address.limit):
        sign_in(client, f"reader{n}@example.com", "guess", REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}")
    assert sign_in(client, "alice@example.com", PASSWORD, REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429
    assert sign_in(client, "alice@example.com", PASSWORD, REMOTE_ADDR="2001:db8:1:3::1").status_code == 302


def test_a_successful_sign_in_clears_the_account_count(client, alice):
    for _ in range(throttle.failed_sign_ins_per_account.limit - 1):
        sign_in(client, "alice@example.com", "guess")
    assert sign_in(client, "alice@example.com", PASSWORD).status_code == 302
    client.logout()
    for _ in range(throttle.failed_sign_ins_per_account.limit - 1):
        sign_in(client, "alice@example.com", "guess")
    assert sign_in(client, "alice@example.com", PASSWORD).status_code == 302


def test_unverified_reader_is_reminded_after_signing_in(client, bob):
    response = sign_in(client, "bob@example.org", PASSWORD, follow=True)
    assert "Please confirm your email address" in response.content.decode()


def test_sign_in_page_labels_its_fields_and_offers_the_alternatives(client, db):
    page = client.get("/account/sign-in/").content.decode()
    assert '<label for="id_email"' in page and '<label for="id_password"' in page
    assert 'autocomplete="current-password"' in page
    assert 'href="/account/sign-in/link/"' in page and 'href="/account/password/reset/"' in page


def test_signing_out_takes_a_post(client, alice):
    client.force_login(alice)
    assert client.get("/account/sign-out/").status_code == 200
    assert signed_in_user(client) == alice
    assert client.post("/account/sign-out/")["Location"] == "/"
    assert not signed_in_user(client).is_authenticated


def test_sign_in_needs_the_csrf_token(alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/account/sign-in/", {"email": "alice@example.com", "password": PASSWORD}).status_code == 403


@pytest.mark.parametrize(
    "remote, expected",
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8::1", "2001:db8::/64"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("", ""),
    ],
)
def test_client_address_groups_ipv6_by_network(rf, remote, expected):
    assert throttle.client_address(rf.get("/", REMOTE_ADDR=remote)) == expected
