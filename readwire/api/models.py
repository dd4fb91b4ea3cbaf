"""API tokens: how a reader's apps sign in to the API.

A token is shown to the reader once, when it is made; Readwire keeps only its SHA-256 digest, so a
copy of the database gives nobody a working token. Tokens are random (256 bits), so a plain,
unsalted digest is enough: there is nothing to guess.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the reader calls it, e.g. the app and device.")
    # Hex SHA-256 of the whole token ("rw_..."); the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    # The token's first characters, shown so a reader can tell their tokens apart.
    prefix = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="api_tokens_by_reader")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
