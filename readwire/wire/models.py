"""Stories and their versions.

A ``Story`` is identified by its wire URI and owns immutable ``Version`` rows. The story row
carries a copy of what readers are shown (the current version's headline, urgency, times and
visibility) so that listings are single-table queries; ``services.accept`` keeps it in step.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


def generate_source_secret() -> str:
    return secrets.token_urlsafe(32)


class Source(models.Model):
    """Where stories come from: the agency's editorial system, a partner feed, an import."""

    class Kind(models.TextChoices):
        PUSH = "push", "Pushed over HTTP or dropped as files"
        FEED = "feed", "RSS/Atom feed polled on a schedule"

    name = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PUSH)
    # The shared secret with which a source signs what it pushes to /api/v1/wire.
    secret = models.CharField(max_length=100, default=generate_source_secret)
    active = models.BooleanField(default=True)
    feed_url = models.URLField(max_length=1000, blank=True)
    feed_etag = models.CharField(max_length=500, blank=True)
    feed_last_modified = models.CharField(max_length=100, blank=True)
    feed_poll_minutes = models.PositiveIntegerField(default=15)
    feed_last_polled_at = models.DateTimeField(null=True, blank=True)
    feed_last_error = models.TextField(blank=True)
    # Operators may allow a feed on their own network; otherwise private addresses are refused.
    feed_allow_private = models.BooleanField(default=False)
    # Which copy readers see when several sources carry the same story (wire.duplicates).
    priority = models.SmallIntegerField(
        default=0,
        help_text="When the same story comes from several sources, readers see the copy from the source "
        "with the highest priority; on a tie, the agency's own wire (pushed) before feeds, then the newest.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.title or self.name


class StoryQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Stories a reader may see at all: not withdrawn, not under embargo, not withheld."""
        now = now or timezone.now()
        return self.filter(state=Story.State.PUBLISHED).filter(
            Q(embargoed_until__isnull=True) | Q(embargoed_until__lte=now)
        )

    def for_readers(self, now=None):
        """``visible()`` with one story per group of duplicates: the copy chosen to be shown.

        A copy stays listed while the story it defers to is not visible itself (killed, held back
        or under embargo until the group is sorted out again), so no story ever disappears.
        """
        now = now or timezone.now()
        shown_is_visible = Q(duplicate_of__state=Story.State.PUBLISHED) & (
            Q(duplicate_of__embargoed_until__isnull=True) | Q(duplicate_of__embargoed_until__lte=now)
        )
        return self.visible(now).filter(Q(duplicate_of__isnull=True) | ~shown_is_visible)


class Story(models.Model):
    class State(models.TextChoices):
        PUBLISHED = "published", "Published"
        WITHHELD = "withheld", "Withheld"
        WITHDRAWN = "withdrawn", "Withdrawn (killed)"

    uri = models.CharField(max_length=500, unique=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="stories")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PUBLISHED)
    current_version = models.PositiveIntegerField(default=1)
    # Copied from the current version for fast listings.
    headline = models.CharField(max_length=1000)
    slugline = models.CharField(max_length=300, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=20, blank=True)
    embargoed_until = models.DateTimeField(null=True, blank=True)
    first_created = models.DateTimeField(default=timezone.now)
    version_created = models.DateTimeField(default=timezone.now)
    received_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Set when this story is a copy of another one (wire.duplicates): readers are shown that one.
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates", editable=False
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        indexes = [
            models.Index(fields=["state", "-version_created"], name="story_state_recent"),
            models.Index(fields=["-received_at"], name="story_received"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("site:story", args=[self.pk])

    @property
    def current(self) -> Version:
        return self.versions.get(version=self.current_version)

    @property
    def is_withdrawn(self) -> bool:
        return self.state == self.State.WITHDRAWN

    def is_embargoed(self, now=None) -> bool:
        return self.embargoed_until is not None and self.embargoed_until > (now or timezone.now())


class Version(models.Model):
    """One version of a story as the wire sent it. Never changed once written."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    received_at = models.DateTimeField(default=timezone.now)
    format = models.CharField(max_length=20)
    headline = models.CharField(max_length=1000)
    standfirst = models.TextField(blank=True)
    body_html = models.TextField(blank=True, help_text="Sanitised with nh3 before it is stored.")
    body_text = models.TextField(blank=True)
    byline = models.CharField(max_length=500, blank=True)
    dateline = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=20, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    slugline = models.CharField(max_length=300, blank=True)
    genre = models.CharField(max_length=200, blank=True)
    pub_status = models.CharField(max_length=12, default="usable")
    ed_note = models.TextField(blank=True)
    signals = models.JSONField(default=list, blank=True)
    embargoed_until = models.DateTimeField(null=True, blank=True)
    first_created = models.DateTimeField(null=True, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    copyright_notice = models.TextField(blank=True)
    usage_terms = models.TextField(blank=True)
    subjects = models.JSONField(default=list, blank=True)
    people = models.JSONField(default=list, blank=True)
    places = models.JSONField(default=list, blank=True)
    organisations = models.JSONField(default=list, blank=True)
    pictures = models.JSONField(default=list, blank=True)
    source_link = models.URLField(max_length=1000, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # What changed from the version before (field names, and a short summary), for the corrections log.
    changes = models.JSONField(default=dict, blank=True)
    # A digest of the reader-visible content: lets a versionless feed entry be recognised as unchanged.
    content_hash = models.CharField(max_length=64)
    original = models.TextField(blank=True, help_text="The document as received, for audit.")

    class Meta:
        ordering = ["story", "version"]
        constraints = [
            models.UniqueConstraint(fields=["story", "version"], name="one_row_per_story_version"),
        ]
        # The newsroom's wire screen lists versions as they arrived, newest first.
        indexes = [models.Index(fields=["-received_at", "-id"], name="version_received")]

    def __str__(self) -> str:
        return f"{self.story.uri} v{self.version}"

    @property
    def is_correction(self) -> bool:
        return "correction" in (self.signals or [])


# --- near-duplicates (wire.duplicates) ------------------------------------------------------------


class StoryFingerprint(models.Model):
    """The MinHash signatures of a story's current text (wire.duplicates.fingerprints)."""

    story = models.OneToOneField(Story, on_delete=models.CASCADE, primary_key=True, related_name="fingerprint")
    scheme = models.PositiveSmallIntegerField(help_text="The fingerprint recipe; another number means stale.")
    signature = models.BinaryField()
    shingle_count = models.PositiveIntegerField()
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"fingerprint of story {self.story_id}"


class LshBand(models.Model):
    """One LSH band of a story's signature: stories sharing a (band, hash) are candidate copies.

    The story's ``first_created`` is copied here so that the lookup, bounded to a window of time,
    is answered from the index alone and costs the same however large the archive grows.
    """

    pk = models.CompositePrimaryKey("story", "band")
    # The primary key (story, band) already serves lookups by story.
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+", db_index=False)
    band = models.PositiveSmallIntegerField()
    hash = models.BigIntegerField()
    first_created = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["band", "hash", "first_created"], name="lshband_lookup")]

    def __str__(self) -> str:
        return f"band {self.band} of story {self.story_id}"


class DuplicateLink(models.Model):
    """Two stories found to be copies of one story, with the evidence; ``story`` has the lower id."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    jaccard = models.FloatField()
    containment = models.FloatField()
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "other"], name="one_link_per_story_pair"),
            models.CheckConstraint(condition=Q(story__lt=models.F("other")), name="link_lower_id_first"),
        ]

    def __str__(self) -> str:
        return f"story {self.story_id} ~ story {self.other_id}"
