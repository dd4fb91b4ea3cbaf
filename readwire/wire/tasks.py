"""Background work for the wire: polling sources' feeds.

Every minute the scheduler looks for feeds that are due and queues one ``poll_feed_task`` each.
With several workers on several machines each runs the scheduler, so a feed is claimed with a
conditional update of ``feed_last_polled_at`` before it is queued: only one claim can succeed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from readwire.wire.feeds import poll_feed
from readwire.wire.models import Source

log = logging.getLogger(__name__)


def feed_sources():
    return Source.objects.filter(kind=Source.Kind.FEED, active=True).exclude(feed_url="")


def poll_interval(source: Source) -> timedelta:
    """The source's own interval, but never shorter than ``WIRE_FEED_POLL_MINUTES``: partners' servers are not ours."""
    return timedelta(minutes=max(source.feed_poll_minutes, settings.WIRE_FEED_POLL_MINUTES))


def claim_due_feeds(now=None) -> list[int]:
    """Ids of feed sources due for a poll, each marked as polled now so no other scheduler takes it."""
    now = now or timezone.now()
    claimed = []
    for source in feed_sources().only("pk", "feed_poll_minutes", "feed_last_polled_at"):
        last = source.feed_last_polled_at
        if last is not None and last + poll_interval(source) > now:
            continue
        won = Source.objects.filter(pk=source.pk, feed_last_polled_at=last).update(feed_last_polled_at=now)
        if won:
            claimed.append(source.pk)
    return claimed


@db_periodic_task(crontab(minute="*"))
def poll_due_feeds() -> None:
    for source_id in claim_due_feeds():
        queue_feed_poll(source_id)


def queue_feed_poll(source_id: int) -> None:
    transaction.on_commit(lambda: poll_feed_task(source_id))


@db_task()
def poll_feed_task(source_id: int) -> None:
    source = feed_sources().filter(pk=source_id).first()
    if source is None:
        log.info("feed poll skipped: source %s is gone, inactive or has no feed URL", source_id)
        return
    poll_feed(source)
