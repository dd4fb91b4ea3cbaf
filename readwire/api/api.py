"""The HTTP API, version 1, at /api/v1/ (OpenAPI document at /api/v1/openapi.json)."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="Readwire API",
    version="1",
    description="The wire in, and stories out, for apps built on Readwire.",
    urls_namespace="api",
)
