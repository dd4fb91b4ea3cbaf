"""Accounts: readers sign in with their email address; staff accounts are the same model.

The user model is Readwire's own from the first migration, so later fields (time zone,
preferences) never need a painful swap.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class User(AbstractUser):
    time_zone = models.CharField(max_length=64, blank=True, help_text="IANA name, e.g. Australia/Perth")

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # One account per address, whatever its case; staff accounts made before an address is set may share "".
            models.UniqueConstraint(Lower("email"), name="unique_email_ci", condition=~models.Q(email="")),
        ]
