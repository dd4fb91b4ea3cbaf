"""What editors chose for the front page, and the record of who chose it.

Curation never hides the reader rules: ``frontpage.front_page`` shows a curated story only while
``Story.objects.visible()`` says readers may see it, so a story killed or put under embargo after an
editor chose it drops off by itself, and a curated embargoed story appears when its embargo passes.
Rows are changed only by ``newsroom.services``, which also writes the ``CurationLog``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from readwire.wire.models import Story


class FrontPageEntry(models.Model):
    """A story an editor put on the front page: the lead, or one of the ordered top stories.

    One row per story (a story is the lead or a top story, never both) and at most one lead.
    """

    class Role(models.TextChoices):
        LEAD = "lead", "Lead story"
        TOP = "top", "Top story"

    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="front_page_entry")
    role = models.CharField(max_length=8, choices=Role.choices)
    # Order among the top stories, 0 first; kept gapless by the services.
    position = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "front page entries"
        ordering = ["role", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["role"], condition=Q(role="lead"), name="one_front_page_lead"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.story_id}"


class PinQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(until__isnull=True) | Q(until__gt=now))


class Pin(models.Model):
    """A story kept at the head of the top stories, until ``until`` if set."""

    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="front_page_pin")
    until = models.DateTimeField(null=True, blank=True)
    pinned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pinned_at = models.DateTimeField(default=timezone.now)

    objects = PinQuerySet.as_manager()

    class Meta:
        ordering = ["pinned_at", "pk"]

    def __str__(self) -> str:
        return f"pin on {self.story_id}"

    def is_active(self, now=None) -> bool:
        return self.until is None or self.until > (now or timezone.now())


class CurationLog(models.Model):
    """Who changed the front page or a story's desks and Topics in Focus, what they did, and when.
    Written by the services only."""

    class Action(models.TextChoices):
        SET_LEAD = "set_lead", "Made lead"
        CLEAR_LEAD = "clear_lead", "Cleared the lead"
        ADD_TOP = "add_top", "Added to top stories"
        MOVE_TOP = "move_top", "Moved in top stories"
        REMOVE_TOP = "remove_top", "Removed from top stories"
        PIN = "pin", "Pinned"
        UNPIN = "unpin", "Unpinned"
        PLACE = "place", "Put in a section"
        UNPLACE = "unplace", "Taken out of a section"

    # The actions that change the front page (the others correct where a story is placed).
    FRONT_PAGE_ACTIONS = (
        Action.SET_LEAD,
        Action.CLEAR_LEAD,
        Action.ADD_TOP,
        Action.MOVE_TOP,
        Action.REMOVE_TOP,
        Action.PIN,
        Action.UNPIN,
    )

    action = models.CharField(max_length=12, choices=Action.choices)
    story = models.ForeignKey(Story, null=True, on_delete=models.SET_NULL, related_name="+")
    # Copies, so the record still reads right after an account is deleted.
    headline = models.CharField(max_length=1000, blank=True)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    editor_name = models.CharField(max_length=150, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at"], name="curation_log_recent")]

    def __str__(self) -> str:
        return f"{self.editor_name or 'system'}: {self.get_action_display()} {self.headline}"
