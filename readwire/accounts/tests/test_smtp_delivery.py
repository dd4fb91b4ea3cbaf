"""The verification email through a real SMTP conversation, as production sends it."""

import email
import email.policy
import re
import socket
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

from readwire.accounts.models import User
from readwire.accounts.tests.conftest import PASSWORD


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.mark.django_db
def test_verification_email_arrives_over_smtp_with_both_parts_and_a_working_link(client, smtp_server):
    response = client.post("/account/sign-up/", {"email": "erin@example.net", "password": PASSWORD})
    assert response.status_code == 302

    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["erin@example.net"]
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    [url] = re.findall(r"http\S+/account/verify/\S+", text)
    assert f'href="{url}"' in html

    client.logout()
    assert client.get(urlsplit(url).path).status_code == 200
    assert User.objects.get(email="erin@example.net").email_verified_at is not None


@pytest.mark.django_db
def test_sign_up_still_works_when_the_mail_server_is_down(client, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    response = client.post("/account/sign-up/", {"email": "frank@example.net", "password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.filter(email="frank@example.net").exists()
    assert "could not send" in caplog.text
