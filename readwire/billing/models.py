"""Who may read what.

Until plans and payments arrive, full access comes from an ``AccessGrant`` that staff set on a
reader; the billing work replaces that behind ``readwire.billing.access.decide`` without any
surface (pages, API, feeds, email) changing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessGrant(models.Model):
    """Full access given to a reader by staff (a stand-in for a plan, a trial or a seat)."""

    reader = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_grant")
    full_access = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.reader}: {'full access' if self.full_access else 'no access'}"


class MeteredRead(models.Model):
    """A story a signed-in reader without a plan read in full, counted per calendar month (UTC)."""

    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey("wire.Story", on_delete=models.CASCADE, related_name="+")
    month = models.CharField(max_length=7, help_text="YYYY-MM")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reader", "story", "month"], name="one_metered_read")]
        indexes = [models.Index(fields=["reader", "month"], name="metered_reads_by_month")]

    def __str__(self) -> str:
        return f"{self.reader} read {self.story_id} in {self.month}"
