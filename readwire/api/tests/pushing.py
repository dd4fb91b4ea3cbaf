"""Signed pushes to /api/v1/wire, as a source's own tooling would send them."""

import json

from django.test import Client

from readwire.wire.signing import signed_headers

AGENCY_SECRET = "agency-secret-for-tests-only"


def ninjs(uri="urn:agency:2026:bushfire", version=1, headline="Bushfire threatens homes near Lithgow", **extra):
    return {"uri": uri, "version": str(version), "type": "text", "headline": headline, **extra}


def document(*items) -> bytes:
    return json.dumps(items[0] if len(items) == 1 else list(items)).encode()


def push(body: bytes, *, source="agency", secret=AGENCY_SECRET, timestamp=None, client=None, headers=None):
    signed = signed_headers(source, secret, body, timestamp=timestamp)
    signed.update(headers or {})
    return (client or Client()).post("/api/v1/wire", data=body, content_type="application/json", headers=signed)
