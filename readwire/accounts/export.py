"""Everything Readwire keeps about a reader, as one JSON document they can download.

Offered before an account is deleted, and at any time from the account page. Internal notes staff
keep (such as why access was granted) are not the reader's data about themselves and stay out.

Nothing that works as a key is ever written out, so a leaked export opens nothing: API tokens are
listed by name and dates only (never the token, its digest or its visible prefix), and push
subscriptions by the push service's host only (the full endpoint URL is a capability, and the
browser's keys are secrets).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.apps import apps
from django.utils import timezone

from readwire.accounts.models import User
from readwire.accounts.services import preferences_for
from readwire.api.models import ApiToken
from readwire.billing.models import AccessGrant, MeteredRead
from readwire.delivery.models import PushSubscription
from readwire.wire.models import Story

EXPORT_FORMAT_VERSION = 1


def _when(value: datetime.datetime | datetime.time | None) -> str | None:
    return value.isoformat() if value is not None else None


def _follows(user: User) -> list[dict]:
    try:
        follow = apps.get_model("topics", "Follow")
    except LookupError:
        return []
    return [
        {
            "kind": row.section.kind,
            "slug": row.section.slug,
            "name": row.section.name,
            "since": _when(row.created_at),
        }
        for row in follow.objects.filter(user=user).select_related("section").order_by("created_at", "pk")
    ]


def _api_tokens(user: User) -> list[dict]:
    return [
        {
            "name": token.name,
            "created_at": _when(token.created_at),
            "last_used_at": _when(token.last_used_at),
            "revoked_at": _when(token.revoked_at),
        }
        for token in ApiToken.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _push_subscriptions(user: User) -> list[dict]:
    return [
        {
            "endpoint_host": urlsplit(subscription.endpoint).hostname or "",
            "created_at": _when(subscription.created_at),
            "browser": subscription.user_agent,
        }
        for subscription in PushSubscription.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _story(story: Story, visible_ids: set[int], site_url: str) -> dict:
    # A story withdrawn since (perhaps for legal reasons) is named by its URI only.
    if story.pk not in visible_ids:
        return {"uri": story.uri, "withdrawn": True}
    return {"uri": story.uri, "headline": story.headline, "url": site_url + story.get_absolute_url()}


def reader_data(user: User, *, site_url: str) -> dict:
    preferences = preferences_for(user)
    saved = list(user.saved_stories.select_related("story").order_by("saved_at", "pk"))
    reads = list(MeteredRead.objects.filter(reader=user).select_related("story").order_by("read_at", "pk"))
    visible_ids = set(
        Story.objects.visible().filter(pk__in={row.story_id for row in saved + reads}).values_list("pk", flat=True)
    )
    grant = AccessGrant.objects.filter(reader=user).first()
    return {
        "format": "readwire-account-export",
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _when(timezone.now()),
        "profile": {
            "email": user.email,
            "email_verified_at": _when(user.email_verified_at),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "time_zone": user.time_zone,
            "joined_at": _when(user.date_joined),
            "last_sign_in_at": _when(user.last_login),
            "full_access": bool(grant and grant.full_access),
        },
        "preferences": {
            "morning_wire": {
                "on": preferences.morning_wire,
                "time": _when(preferences.morning_wire_time),
                "email": preferences.morning_wire_by_email,
                "push": preferences.morning_wire_by_push,
            },
            "breaking_alerts": {
                "on": preferences.breaking_alerts,
                "topics": list(preferences.alert_topics),
                "email": preferences.alerts_by_email,
                "push": preferences.alerts_by_push,
                "quiet_hours": (
                    {"start": _when(preferences.quiet_hours_start), "end": _when(preferences.quiet_hours_end)}
                    if preferences.quiet_hours_start is not None
                    else None
                ),
                "daily_cap": preferences.daily_alert_cap,
            },
            "updated_at": _when(preferences.updated_at),
        },
        "follows": _follows(user),
        "saved_stories": [
            {**_story(row.story, visible_ids, site_url), "saved_at": _when(row.saved_at)} for row in saved
        ],
        "metered_reads": [
            {**_story(row.story, visible_ids, site_url), "month": row.month, "read_at": _when(row.read_at)}
            for row in reads
        ],
        "api_tokens": _api_tokens(user),
        "push_subscriptions": _push_subscriptions(user),
    }
