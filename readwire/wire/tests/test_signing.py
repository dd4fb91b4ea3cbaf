"""HMAC-SHA256 signatures on pushed wire documents."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readwire.wire.signing import SignatureError, sign, signed_headers, verify

SECRET = "correct horse battery staple"
NOW = 1767225600  # 2026-01-01 00:00:00 UTC
BODY = b'{"uri":"urn:agency:1"}'


def test_signature_matches_an_independent_hmac_of_timestamp_dot_body():
    # printf '1767225600.{"uri":"urn:agency:1"}' | openssl dgst -sha256 -hmac 'correct horse battery staple'
    expected = "53928ae9a6db9bcc3ee4d5d1860e0a7d9ea575774f44e756542e670a75bf711e"
    assert sign(SECRET, NOW, BODY) == f"sha256={expected}"
    assert sign(SECRET, str(NOW), BODY) == sign(SECRET, NOW, BODY)


def test_signed_headers_verify():
    headers = signed_headers("agency", SECRET, BODY, timestamp=NOW)
    assert headers["X-Readwire-Source"] == "agency"
    verify(SECRET, headers["X-Readwire-Timestamp"], headers["X-Readwire-Signature"], BODY, now=NOW)


def test_uppercase_hex_is_accepted():
    verify(SECRET, str(NOW), sign(SECRET, NOW, BODY).upper().replace("SHA256=", "sha256="), BODY, now=NOW)


@pytest.mark.parametrize(
    ("timestamp", "signature", "reason"),
    [
        (None, "sha256=" + "0" * 64, "X-Readwire-Timestamp header is missing"),
        ("", "sha256=" + "0" * 64, "X-Readwire-Timestamp header is missing"),
        ("2026-01-01T00:00:00Z", "sha256=" + "0" * 64, "whole unix seconds"),
        ("1767225600.5", "sha256=" + "0" * 64, "whole unix seconds"),
        ("-5", "sha256=" + "0" * 64, "whole unix seconds"),
        (str(NOW), None, "X-Readwire-Signature header is missing"),
        (str(NOW), "sha1=" + "0" * 40, "must look like sha256="),
        (str(NOW), "0" * 64, "must look like sha256="),
        (str(NOW), "sha256=" + "0" * 63, "must look like sha256="),
        (str(NOW), "sha256=" + "0" * 64, "does not match"),
    ],
)
def test_malformed_or_wrong_headers_are_refused_with_a_reason(timestamp, signature, reason):
    with pytest.raises(SignatureError) as refused:
        verify(SECRET, timestamp, signature, BODY, now=NOW)
    assert reason in refused.value.reason


@pytest.mark.parametrize(("age", "ok"), [(0, True), (300, True), (301, False), (-300, True), (-301, False)])
def test_timestamp_must_be_within_max_age_either_way(age, ok):
    stamp = NOW - age
    signature = sign(SECRET, stamp, BODY)
    if ok:
        verify(SECRET, str(stamp), signature, BODY, max_age=300, now=NOW)
    else:
        with pytest.raises(SignatureError, match="clock"):
            verify(SECRET, str(stamp), signature, BODY, max_age=300, now=NOW)


def test_max_age_defaults_to_the_setting(settings):
    settings.WIRE_SIGNATURE_MAX_AGE_SECONDS = 10
    with pytest.raises(SignatureError, match="11 seconds old"):
        verify(SECRET, str(NOW - 11), sign(SECRET, NOW - 11, BODY), BODY, now=NOW)


def test_signature_for_another_timestamp_does_not_verify():
    with pytest.raises(SignatureError, match="does not match"):
        verify(SECRET, str(NOW), sign(SECRET, NOW - 60, BODY), BODY, now=NOW)


@settings(max_examples=200, deadline=None)
@given(secret=st.text(min_size=1, max_size=40), body=st.binary(max_size=200), flip=st.integers(min_value=0))
def test_any_change_to_the_body_breaks_the_signature(secret, body, flip):
    signature = sign(secret, NOW, body)
    verify(secret, str(NOW), signature, body, now=NOW)
    if body:
        position = flip % len(body)
        changed = body[:position] + bytes([body[position] ^ 0x01]) + body[position + 1 :]
    else:
        changed = b"x"
    with pytest.raises(SignatureError):
        verify(secret, str(NOW), signature, changed, now=NOW)
    with pytest.raises(SignatureError):
        verify(secret + "x", str(NOW), signature, body, now=NOW)
