"""``POST /api/v1/wire``: a source pushes a wire document, signed with its own secret.

Machine to machine, so no session and no CSRF token: the HMAC signature over the timestamp and the
raw body is the authentication (``readwire.wire.signing``). The body is any format
``readwire ingest`` reads, detected from its content. docs/ingest-endpoints.md is the senders' guide.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema

from readwire.api.problems import problem, problem_type
from readwire.wire.models import Source
from readwire.wire.services import CREATED, REJECTED, AcceptResult, ingest
from readwire.wire.signing import (
    MISMATCH,
    SIGNATURE_HEADER,
    SOURCE_HEADER,
    TIMESTAMP_HEADER,
    SignatureError,
    check_signature,
    check_timestamp,
    parse_signature,
)

log = logging.getLogger(__name__)

router = Router(tags=["wire"])

# One answer for an unknown source, an inactive one and a wrong signature, so that the endpoint
# does not tell a stranger which source names exist. The operator's log has the real reason.
UNKNOWN_SOURCE_OR_BAD_SIGNATURE = (
    "unknown source or bad signature: check the source name in X-Readwire-Source, the source's secret, "
    "and that the signature covers '<timestamp>.<body>' with the body exactly as sent"
)
# Checked against when the named source does not exist, so both cases take the same time.
_STAND_IN_SECRET = secrets.token_urlsafe(32)


class PushedItem(Schema):
    uri: str
    version: int | None
    result: str
    error: str | None
    warnings: list[str]


class PushAnswer(Schema):
    source: str
    items: list[PushedItem]


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    items: list[PushedItem] | None = None


_header = {"in": "header", "required": True, "schema": {"type": "string"}}
_OPENAPI = {
    "parameters": [
        {**_header, "name": SOURCE_HEADER, "description": "the source's name, as set up in Readwire"},
        {**_header, "name": TIMESTAMP_HEADER, "description": "when the request was signed, in unix seconds"},
        {**_header, "name": SIGNATURE_HEADER, "description": "sha256=<hex HMAC-SHA256 of '<timestamp>.<body>'>"},
    ],
    "requestBody": {
        "required": True,
        "description": "ninjs, NewsML-G2, NITF, RSS/Atom, an HTML page or plain text; detected from the content",
        "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
    },
}


@router.post(
    "/wire",
    response={200: PushAnswer, 201: PushAnswer, 400: Problem, 401: Problem, 413: Problem, 422: Problem},
    summary="Push a signed wire document",
    description=(
        "Answers 201 when at least one story was created, 200 when items were otherwise accepted "
        "(new versions, unchanged, withdrawn), 422 when every item was rejected, 400 when the document "
        "cannot be read at all, 401 for a missing, stale or wrong signature, 413 above the size limit."
    ),
    openapi_extra=_OPENAPI,
)
def push_wire(request: HttpRequest):
    limit = settings.WIRE_MAX_DOCUMENT_BYTES
    declared = _declared_length(request)
    if declared is not None and declared > limit:
        return _too_large(f"the document is {declared} bytes; the limit is {limit}")
    # Read the stream, not request.body: Django caps request.body at DATA_UPLOAD_MAX_MEMORY_SIZE
    # (2.5 MB), below our own limit, and would refuse a legitimate document with a bare 400.
    body = request.read(limit + 1)
    if len(body) > limit:
        return _too_large(f"the document is larger than the limit of {limit} bytes")

    try:
        source = _authenticate(request, body)
    except SignatureError as exc:
        response = problem(401, exc.reason, type=problem_type("bad-signature"), title="Signature check failed")
        response["WWW-Authenticate"] = 'Readwire-Signature realm="wire"'
        return response

    results = ingest(body, source)
    items = [_item(result) for result in results]
    if _document_unreadable(results):
        log.info("wire push from %s: document refused: %s", source.name, results[0].error)
        return problem(
            400, results[0].error or "", type=problem_type("unreadable-document"), title="The document cannot be read"
        )
    rejected = [r for r in results if r.result == REJECTED]
    log.info("wire push from %s: %d items, %d rejected", source.name, len(results), len(rejected))
    if len(rejected) == len(results):
        return problem(
            422,
            f"no item was accepted ({len(rejected)} rejected); each item's 'error' says why",
            type=problem_type("items-rejected"),
            title="Every item was rejected",
            items=items,
        )
    status = 201 if any(r.result == CREATED for r in results) else 200
    return JsonResponse({"source": source.name, "items": items}, status=status)


def _declared_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _too_large(detail: str) -> HttpResponse:
    return problem(413, detail, type=problem_type("document-too-large"), title="The document is too large")


def _authenticate(request: HttpRequest, body: bytes) -> Source:
    """The source that signed this request, or ``SignatureError`` with a reason safe to show.

    Everything that can be said without knowing the source (missing headers, a stale timestamp) is
    checked first and said plainly; after that, every failure gets the same answer.
    """
    name = request.headers.get(SOURCE_HEADER, "").strip()
    if not name:
        raise SignatureError(f"the {SOURCE_HEADER} header is missing: name the source whose secret signed this")
    timestamp = request.headers.get(TIMESTAMP_HEADER)
    check_timestamp(timestamp)
    assert timestamp is not None
    signature = request.headers.get(SIGNATURE_HEADER)
    parse_signature(signature)
    source = Source.objects.filter(name=name).first()
    try:
        check_signature(source.secret if source else _STAND_IN_SECRET, timestamp, signature, body)
    except SignatureError:
        log.warning("wire push refused for source %r: %s", name, "no such source" if source is None else MISMATCH)
        raise SignatureError(UNKNOWN_SOURCE_OR_BAD_SIGNATURE) from None
    if not source.active:
        log.warning("wire push refused for source %r: the source is inactive", name)
        raise SignatureError(UNKNOWN_SOURCE_OR_BAD_SIGNATURE)
    return source


def _document_unreadable(results: list[AcceptResult]) -> bool:
    """Whether ``ingest`` refused the document as a whole rather than item by item."""
    return len(results) == 1 and results[0].whole_document


def _item(result: AcceptResult) -> dict:
    return {
        "uri": result.uri,
        "version": result.version,
        "result": result.result,
        "error": result.error,
        "warnings": result.warnings,
    }
