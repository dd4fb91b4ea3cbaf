"""Errors as RFC 7807 problem details (``application/problem+json``).

Every error the API answers has ``type``, ``title``, ``status`` and ``detail``; some add members of
their own (``items`` for a rejected wire document, ``errors`` for invalid parameters). ``type`` is
``about:blank`` for plain HTTP errors, where the status says it all, and a ``urn:readwire:problem:``
name for Readwire's own, listed in docs/ingest-endpoints.md; clients should branch on ``type``.
"""

from __future__ import annotations

import json
import logging
from functools import wraps
from http import HTTPStatus

from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.responses import NinjaJSONEncoder

log = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:readwire:problem:"


def problem_type(name: str) -> str:
    return TYPE_PREFIX + name


def problem(status: int, detail: str, *, type: str = "about:blank", title: str = "", **members) -> HttpResponse:
    """A problem+json response; ``title`` defaults to the status phrase, as RFC 7807 asks for about:blank."""
    body = {
        "type": type,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **members,
    }
    return HttpResponse(
        json.dumps(body, cls=NinjaJSONEncoder, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )


def install_exception_handlers(api: NinjaAPI) -> None:
    """Make django-ninja's own errors (validation, 404, HTTP errors, crashes) answer problem+json."""

    @api.exception_handler(ValidationError)
    def invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problem(
            422,
            "the request's parameters or body did not validate; 'errors' says where",
            type=problem_type("invalid-request"),
            title="Invalid request",
            errors=exc.errors,
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, str(exc))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = str(exc)
        if detail == "Unauthorized":  # django-ninja's own words when no credential was given at all
            detail = "sign in, or send an API token as 'Authorization: Bearer rw_...'"
        response = problem(401, detail, type=problem_type("not-signed-in"), title="Not signed in")
        response["WWW-Authenticate"] = 'Bearer realm="readwire"'
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(404, "no such resource")

    @api.exception_handler(Exception)
    def crashed(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Django's own 500 handling would log and report this; do the same, then answer in kind.
        log.error("API error on %s %s", request.method, request.path, exc_info=exc)
        got_request_exception.send(sender=None, request=request)
        return problem(500, "Readwire could not handle this request; the error was logged")


def method_not_allowed_as_problem(view):
    """Wrap one of django-ninja's URL views so its 405 answer is a problem too, keeping ``Allow``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type", "") != CONTENT_TYPE:
            allowed = response.get("Allow", "")
            replacement = problem(405, f"{request.method} is not allowed here; allowed: {allowed}")
            replacement["Allow"] = allowed
            return replacement
        return response

    return wrapper


@csrf_exempt
def no_such_endpoint(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return problem(404, f"there is no API endpoint at {request.path}")


# --- the OpenAPI document ------------------------------------------------------------------------

# Set in an operation's openapi_extra when it answers anonymous readers too (its auth ends in ``anyone``).
ANONYMOUS_ALLOWED = "x-readwire-anonymous-allowed"
PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "An RFC 7807 problem. Branch on 'type'; 'detail' is for people.",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}, "description": "where a request did not validate"},
        "items": {"type": "array", "items": {"type": "object"}, "description": "each rejected wire item"},
    },
    "required": ["type", "title", "status", "detail"],
}
_PROBLEM_CONTENT = {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def document_problems(schema: dict) -> dict:
    """Say in the OpenAPI document what the API really answers on errors: problem+json bodies.

    django-ninja would declare every response as application/json; and it answers 422 for any
    invalid parameter and 401 for a missing credential without declaring either.
    """
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            # django-ninja keys responses by int, openapi_extra by str: merge them under str.
            responses: dict = {}
            for status, response in operation.get("responses", {}).items():
                responses.setdefault(str(status), {}).update(response)
            operation["responses"] = responses
            if operation.pop(ANONYMOUS_ALLOWED, False):
                operation["security"] = [*operation.get("security", []), {}]
            if operation.get("parameters") or operation.get("requestBody"):
                responses.setdefault("422", {"description": "The request's parameters or body did not validate"})
            if operation.get("security"):
                responses.setdefault(
                    "401", {"description": "No reader signed in, or the API token is unknown or revoked"}
                )
                responses["401"]["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400:
                    response["content"] = dict(_PROBLEM_CONTENT)
                    response["description"] = response.get("description") or HTTPStatus(int(status)).phrase
    return schema
