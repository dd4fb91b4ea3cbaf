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
from ninja.errors import HttpError, ValidationError
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
