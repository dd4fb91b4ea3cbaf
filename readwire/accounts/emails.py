"""The emails an account sends: one function per kind, each rendering three templates.

``accounts/emails/<name>-subject.txt``, ``<name>-body-text.txt`` and ``<name>-body-html.html``;
plain text first, HTML as the alternative. Each function takes the address and the template
context; links in the context are absolute (``absolute_url``).
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def make_message(name: str, to: str, ctx: dict) -> EmailMultiAlternatives:
    ctx = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **ctx}
    subject = " ".join(render_to_string(f"accounts/emails/{name}-subject.txt", ctx).split())
    text = render_to_string(f"accounts/emails/{name}-body-text.txt", ctx)
    html = render_to_string(f"accounts/emails/{name}-body-html.html", ctx)
    message = EmailMultiAlternatives(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def send(message: EmailMultiAlternatives) -> bool:
    """Send now; a mail server that is down must not break sign-up or sign-in, so failures are logged."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("could not send %r to %s", message.subject, ", ".join(message.to))
        return False
    return True


def verify_email(to: str, ctx: dict) -> bool:
    """ctx: verify_url, new_account (bool)."""
    return send(make_message("verify-email", to, ctx))


def sign_in_link(to: str, ctx: dict) -> bool:
    """ctx: sign_in_url, minutes."""
    return send(make_message("sign-in-link", to, ctx))


def confirm_email_change(to: str, ctx: dict) -> bool:
    """To the new address. ctx: confirm_url, old_email."""
    return send(make_message("confirm-email-change", to, ctx))


def email_changed(to: str, ctx: dict) -> bool:
    """To the old address, once the change has happened. ctx: new_email, reset_url."""
    return send(make_message("email-changed", to, ctx))


def password_reset(to: str, ctx: dict) -> bool:
    """ctx: reset_url."""
    return send(make_message("password-reset", to, ctx))


def password_changed(to: str, ctx: dict) -> bool:
    """ctx: reset_url."""
    return send(make_message("password-changed", to, ctx))


def account_deleted(to: str, ctx: dict) -> bool:
    return send(make_message("account-deleted", to, ctx))
