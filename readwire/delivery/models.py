"""Where Readwire delivers to a reader, besides the website.

For now, the Web Push subscriptions the reader's browsers gave us; sending to them is the alerts'
work. A subscription belongs to the browser's push service: its ``endpoint`` URL is unique, and
when another reader signs in on the same browser and subscribes, the row moves to them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class PushSubscription(models.Model):
    """A browser's Web Push subscription (RFC 8030 endpoint, RFC 8291 keys) for one reader."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    # The push service's URL for this browser; only https URLs on public hosts are accepted.
    endpoint = models.URLField(max_length=2000, unique=True)
    # The browser's P-256 public key (65 bytes) and authentication secret (16 bytes), base64url as given.
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=50)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    last_failure = models.CharField(max_length=300, blank=True, help_text="What the push service answered.")

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="push_subscriptions_by_reader")]

    def __str__(self) -> str:
        return f"push subscription {self.pk} of {self.user_id}"
