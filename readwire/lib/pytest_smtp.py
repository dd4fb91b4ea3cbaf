"""A pytest plugin (loaded with ``-p``, see pyproject.toml): a real SMTP server for the site to send to.

The ``smtp_inbox`` fixture starts an aiosmtpd server on a free loopback port, points Django's SMTP
backend at it for one test, and yields an ``SmtpInbox`` of what it was handed: each ``envelope`` as
it came over the wire (sender, recipients, raw bytes), the same mail parsed as ``messages``, and
``wait_for`` for mail that another thread sends (the browser tests' live server).
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest

# Generous for a loaded CI machine; mail sent in-process arrives in milliseconds.
WAIT_SECONDS = 10.0


def free_port() -> int:
    """A loopback port nothing listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpInbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.messages: list[EmailMessage] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)  # the default policy's message class
        with self._arrived:
            self.envelopes.append(envelope)
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, recipient: str, subject_contains: str = "", timeout: float = WAIT_SECONDS) -> EmailMessage:
        """The first message to ``recipient`` whose subject has ``subject_contains``, waiting up to ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for message in self.messages:
                    if recipient in message["To"] and subject_contains in message["Subject"]:
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    received = [(m["To"], m["Subject"]) for m in self.messages]
                    raise AssertionError(f"no message to {recipient} about {subject_contains!r}; received {received}")
                self._arrived.wait(left)


@pytest.fixture
def smtp_inbox(settings: Any) -> Iterator[SmtpInbox]:
    """A real SMTP server on loopback that the site sends its mail to, for one test."""
    from aiosmtpd.controller import Controller

    inbox = SmtpInbox()
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
