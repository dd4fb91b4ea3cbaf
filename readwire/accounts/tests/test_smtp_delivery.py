"""The verification email through a real SMTP conversation, as production sends it."""

import re
from urllib.parse import urlsplit

import pytest

from readwire.accounts.models import User
from readwire.accounts.tests.conftest import PASSWORD
from readwire.lib.pytest_smtp import free_port


@pytest.mark.django_db
def test_verification_email_arrives_over_smtp_with_both_parts_and_a_working_link(client, smtp_inbox):
    response = client.post("/account/sign-up/", {"email": "erin@example.net", "password": PASSWORD})
    assert response.status_code == 302

    [envelope] = smtp_inbox.envelopes
    assert envelope.rcpt_tos == ["erin@example.net"]
    [message] = smtp_inbox.messages
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
