"""Signing up with an email address and password, and confirming the address."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.utils import timezone

from readwire.accounts import throttle
from readwire.accounts.models import User
from readwire.accounts.tests.conftest import PASSWORD, link_in


def sign_up(client, email="carol@example.net", password=PASSWORD, **extra):
    return client.post("/account/sign-up/", {"email": email, "password": password, **extra})


@pytest.mark.django_db
def test_sign_up_makes_a_signed_in_reader_with_an_argon2_password(client, mailoutbox, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    response = sign_up(client, email="Carol@Example.NET", time_zone="Europe/Lisbon")
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    carol = User.objects.get()
    assert carol.email == "Carol@example.net"
    assert carol.time_zone == "Europe/Lisbon"
    assert carol.email_verified_at is None
    assert identify_hasher(carol.password).algorithm == "argon2"
    assert client.get("/account/").context["user"] == carol


@pytest.mark.django_db
def test_sign_up_sends_a_verification_email_in_text_and_html(client, mailoutbox):
    sign_up(client)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["carol@example.net"]
    assert "confirm your email address" in message.subject
    assert link_in(message, "/account/verify/")


@pytest.mark.django_db
def test_following_the_verification_link_confirms_the_address(client, mailoutbox):
    sign_up(client)
    client.logout()
    response = client.get(link_in(mailoutbox[0], "/account/verify/"))
    assert response.status_code == 200
    assert "is confirmed" in response.content.decode()
    assert User.objects.get().email_verified_at is not None


@pytest.mark.django_db
def test_verification_link_expires_after_seven_days(client, mailoutbox):
    sign_up(client)
    path = link_in(mailoutbox[0], "/account/verify/")
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.get(path)
    assert response.status_code == 400
    assert User.objects.get().email_verified_at is None


@pytest.mark.django_db
def test_verification_link_for_a_previous_address_does_nothing(client, mailoutbox):
    sign_up(client)
    path = link_in(mailoutbox[0], "/account/verify/")
    User.objects.update(email="carol@elsewhere.example")
    assert client.get(path).status_code == 400
    assert User.objects.get().email_verified_at is None


@pytest.mark.django_db
def test_a_tampered_verification_link_is_refused(client, mailoutbox):
    sign_up(client)
    path = link_in(mailoutbox[0], "/account/verify/")
    assert client.get(path[:-3] + "xx/").status_code == 400
    assert client.get("/account/verify/not-a-token/").status_code == 400


@pytest.mark.django_db
def test_unverified_reader_is_reminded_and_can_have_the_link_sent_again(client, mailoutbox):
    sign_up(client)
    page = client.get("/account/").content.decode()
    assert "Please confirm your email address" in page
    response = client.post("/account/verify/resend/", follow=True)
    assert "We have sent a new link" in response.content.decode()
    assert len(mailoutbox) == 2
    client.get(link_in(mailoutbox[1], "/account/verify/"))
    assert "Please confirm your email address" not in client.get("/account/").content.decode()


def test_an_address_in_use_in_any_case_is_refused(client, alice):
    response = sign_up(client, email="ALICE@example.com")
    assert response.status_code == 200
    assert "An account already uses this address" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.parametrize("password", ["short", "password123", "12345678901"])
@pytest.mark.django_db
def test_weak_passwords_are_refused_at_the_field(client, password):
    response = sign_up(client, password=password)
    form = response.context["form"]
    assert "password" in form.errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert 'aria-describedby="id_password_helptext id_password_error"' in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_an_unknown_time_zone_is_refused(client):
    response = sign_up(client, time_zone="Mars/Olympus_Mons")
    assert "time_zone" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.django_db
def test_sign_ups_from_one_address_are_limited_per_hour(client):
    for n in range(throttle.sign_ups_per_address.limit):
        assert sign_up(client, email=f"reader{n}@example.net").status_code == 302
        client.logout()
    response = sign_up(client, email="one-too-many@example.net")
    assert response.status_code == 429
    assert not User.objects.filter(email="one-too-many@example.net").exists()
    other = client.post(
        "/account/sign-up/", {"email": "elsewhere@example.net", "password": PASSWORD}, REMOTE_ADDR="192.0.2.77"
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_sign_up_page_has_a_label_for_every_field(client):
    page = client.get("/account/sign-up/").content.decode()
    for field in ("email", "password", "time_zone"):
        assert f'<label for="id_{field}"' in page
    assert "data-guess-time-zone" in page
    assert '<option value="Australia/Perth">Perth</option>' in page
