"""A reader's browsers, registered for Web Push (``readwire.delivery.subscriptions`` checks them).

The body of a registration is what ``PushSubscription.toJSON()`` gives in the browser, unchanged;
the key to subscribe with (``applicationServerKey``) is at ``/push/key``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from readwire.api.auth import ANYONE, OPTIONAL_SECURITY, READER
from readwire.api.problems import problem, problem_type
from readwire.delivery.models import PushSubscription
from readwire.delivery.subscriptions import (
    MAX_ENDPOINT_LENGTH,
    InvalidSubscription,
    register_push_subscription,
    unregister_push_subscription,
)

router = Router(tags=["push"])


class SubscriptionKeys(Schema):
    p256dh: Annotated[str, Field(max_length=200)] = Field(description="base64url, 65 bytes (P-256 public key)")
    auth: Annotated[str, Field(max_length=100)] = Field(description="base64url, 16 bytes")


class NewSubscription(Schema):
    endpoint: str = Field(max_length=MAX_ENDPOINT_LENGTH, description="The push service's https URL")
    expirationTime: float | None = None  # the browser's own name for it
    keys: SubscriptionKeys


class Subscription(Schema):
    id: int
    endpoint: str
    user_agent: str
    created_at: datetime
    last_success_at: datetime | None
    last_failure_at: datetime | None


class SubscriptionList(Schema):
    items: list[Subscription]


class PushKey(Schema):
    public_key: str = Field(description="The VAPID public key (base64url), for PushManager.subscribe()")


class EndpointQuery(Schema):
    endpoint: str = Field(max_length=MAX_ENDPOINT_LENGTH)


@router.get(
    "/push/key",
    response=PushKey,
    summary="The key browsers subscribe with (applicationServerKey)",
    auth=ANYONE,
    openapi_extra=OPTIONAL_SECURITY,
)
def push_key(request: HttpRequest):
    return {"public_key": settings.VAPID_PUBLIC_KEY}


@router.get(
    "/me/push-subscriptions",
    response=SubscriptionList,
    summary="The reader's browsers registered for push messages",
    auth=READER,
)
def list_subscriptions(request: HttpRequest):
    return {"items": list(PushSubscription.objects.filter(user=request.user).order_by("-created_at", "-pk"))}


@router.post(
    "/me/push-subscriptions",
    response={200: Subscription, 201: Subscription, 422: dict},
    summary="Register this browser for push messages",
    description="201 for a new registration, 200 when the browser was registered already (its keys are updated).",
    auth=READER,
)
def register(request: HttpRequest, subscription: NewSubscription):
    try:
        registered, is_new = register_push_subscription(
            request.user,
            endpoint=subscription.endpoint,
            p256dh=subscription.keys.p256dh,
            auth=subscription.keys.auth,
            user_agent=request.headers.get("User-Agent", ""),
        )
    except InvalidSubscription as exc:
        return problem(
            422,
            "this is not a push subscription Readwire can send to; 'errors' says why",
            type=problem_type("invalid-push-subscription"),
            title="Invalid push subscription",
            errors=[
                {"loc": ["body", "subscription", *field.split(".")], "msg": message}
                for field, message in exc.errors.items()
            ],
        )
    return Status(201 if is_new else 200, registered)


@router.delete(
    "/me/push-subscriptions",
    response={204: None},
    summary="Stop push messages to this browser",
    description="Give the subscription's endpoint. Answers 204 whether or not it was registered.",
    auth=READER,
)
def unregister(request: HttpRequest, query: Query[EndpointQuery]):
    unregister_push_subscription(request.user, query.endpoint)
    return HttpResponse(status=204)
