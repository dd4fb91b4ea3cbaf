"""Accounts: readers sign in with their email address; staff accounts are the same model.

The user model is Readwire's own from the first migration, so later fields (time zone,
preferences) never need a painful swap. A reader's delivery choices live in ``ReaderPreferences``
(made on first use by ``services.preferences_for``) and the stories they keep in ``SavedStory``; change
both through ``readwire.accounts.services`` so the website and the API behave alike.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

DEFAULT_MORNING_WIRE_TIME = datetime.time(6, 30)
DEFAULT_DAILY_ALERT_CAP = 5


class User(AbstractUser):
    time_zone = models.CharField(max_length=64, blank=True, help_text="IANA name, e.g. Australia/Perth")
    # Null until the reader follows the link we emailed to their current address.
    email_verified_at = models.DateTimeField(null=True, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # One account per address, whatever its case; staff accounts made before an address is set may share "".
            models.UniqueConstraint(Lower("email"), name="unique_email_ci", condition=~models.Q(email="")),
        ]

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None


class ReaderPreferences(models.Model):
    """What a reader wants delivered, and when. Times of day are in the reader's ``User.time_zone``.

    The delivery work reads these; nothing here sends anything.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="preferences")

    morning_wire = models.BooleanField("Morning Wire", default=False)
    morning_wire_time = models.TimeField("delivery time", default=DEFAULT_MORNING_WIRE_TIME)
    morning_wire_by_email = models.BooleanField("by email", default=True)
    morning_wire_by_push = models.BooleanField("by push notification", default=False)

    breaking_alerts = models.BooleanField(default=False)
    # Section slugs (desks and Topics in Focus); empty means every breaking story.
    alert_topics = models.JSONField(default=list, blank=True)
    alerts_by_email = models.BooleanField("alerts by email", default=False)
    alerts_by_push = models.BooleanField("alerts by push notification", default=True)
    # No alerts between these times of day (the span may cross midnight); both or neither.
    quiet_hours_start = models.TimeField(null=True, blank=True)
    quiet_hours_end = models.TimeField(null=True, blank=True)
    daily_alert_cap = models.PositiveSmallIntegerField(default=DEFAULT_DAILY_ALERT_CAP)

    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "reader preferences"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quiet_hours_start__isnull=True, quiet_hours_end__isnull=True)
                | models.Q(quiet_hours_start__isnull=False, quiet_hours_end__isnull=False),
                name="quiet_hours_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return f"preferences of {self.user}"

    def in_quiet_hours(self, local_time: datetime.time) -> bool:
        """Whether ``local_time`` (in the reader's zone) falls in their quiet hours, which may cross midnight."""
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if start is None or end is None or start == end:
            return False
        if start < end:
            return start <= local_time < end
        return local_time >= start or local_time < end


class SavedStory(models.Model):
    """A story a reader kept to read later (and offline, in the app)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_stories")
    story = models.ForeignKey("wire.Story", on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "story"], name="one_saved_story_per_reader")]
        indexes = [models.Index(fields=["user", "-saved_at"], name="saved_stories_newest_first")]
        verbose_name_plural = "saved stories"

    def __str__(self) -> str:
        return f"{self.user} saved {self.story_id}"
