"""Every account email: a one-line subject, a plain text part and an HTML part saying the same."""

import pytest

from readwire.accounts import emails

EMAILS = {
    "verify_email": {"verify_url": "https://news.example/account/verify/t/", "new_account": True},
    "sign_in_link": {"sign_in_url": "https://news.example/account/sign-in/link/t/", "minutes": 15},
    "confirm_email_change": {
        "confirm_url": "https://news.example/account/email/confirm/t/",
        "old_email": "o@x.example",
    },
    "email_changed": {"new_email": "n@x.example", "reset_url": "https://news.example/account/password/reset/"},
    "password_reset": {"reset_url": "https://news.example/account/password/reset/u/t/"},
    "password_changed": {"reset_url": "https://news.example/account/password/reset/"},
    "account_deleted": {},
}


@pytest.mark.parametrize("name", sorted(EMAILS))
def test_each_email_has_both_parts_and_every_link_in_each(name, mailoutbox, settings):
    settings.SITE_NAME = "Smith & O'Neil News"
    assert getattr(emails, name)("reader@example.com", dict(EMAILS[name]))
    [message] = mailoutbox
    assert message.to == ["reader@example.com"]
    assert "\n" not in message.subject
    assert "Smith & O'Neil News" in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    # Plain text is not HTML-escaped; HTML is.
    assert "Smith & O'Neil News" in message.body
    assert "Smith &amp; O&#x27;Neil News" in html
    for key, value in EMAILS[name].items():
        if key.endswith("_url"):
            assert value in message.body and f'href="{value}"' in html
        elif key.endswith("email"):
            assert value in message.body and value in html
