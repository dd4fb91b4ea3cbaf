"""Desks and Topics in Focus, where each story is placed, and who follows what.

A ``Section`` is data the operator edits in the admin: a desk (National, Sport, ...) or a Topic in
Focus (Environment, Arts, ...), the IPTC Media Topics that put a story there, and optional keywords.
``placement.place_story`` decides a story's sections and keeps them in ``Placement`` rows, one per
story and section, so listings, search filters and follower lookups are plain indexed joins.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from readwire.wire.models import Story


def validate_media_topics(value) -> None:
    from readwire.topics.mediatopics import vocabulary

    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError('a list of Media Topic codes, like ["medtop:15000000"]')
    unknown = [code for code in value if not vocabulary().resolve(code)]
    if unknown:
        raise ValidationError(f"not IPTC Media Topics: {', '.join(unknown)}")


def validate_keywords(value) -> None:
    if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
        raise ValidationError('a list of words or phrases, like ["asylum seekers"]')


class SectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def desks(self):
        return self.filter(kind=Section.Kind.DESK)

    def topics_in_focus(self):
        return self.filter(kind=Section.Kind.TOPIC_IN_FOCUS)


class Section(models.Model):
    """A desk or a Topic in Focus: one model, because readers follow, filter and browse both alike."""

    class Kind(models.TextChoices):
        DESK = "desk", "Desk"
        TOPIC_IN_FOCUS = "topic", "Topic in Focus"

    class Geography(models.TextChoices):
        ANYWHERE = "", "Anywhere"
        HOME = "home", "At home (stories from abroad go to the abroad desks instead)"
        ABROAD = "abroad", "Abroad (takes the home desks' stories that happened abroad)"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in menus; lower comes first.")
    active = models.BooleanField(default=True, help_text="Inactive sections place no stories and have no page.")
    media_topics = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_media_topics],
        help_text=(
            'IPTC Media Topics, like ["medtop:15000000"]. A story lands here when one of its subjects '
            "is one of these or narrower than one (and no nearer concept belongs to another section). "
            "The first is the subject given to stories the classifier places here."
        ),
    )
    keywords = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_keywords],
        help_text="Words the wire uses as subjects without a code (NITF key-list, page keywords) that belong here.",
    )
    geography = models.CharField(max_length=10, choices=Geography.choices, default="", blank=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "name"]

    def __str__(self) -> str:
        return self.name


class Placement(models.Model):
    """Story ``story`` is in section ``section``, and why. Kept for killed stories too."""

    class Origin(models.TextChoices):
        WIRE = "wire", "The wire's subjects"
        CLASSIFIER = "classifier", "The classifier"
        EDITOR = "editor", "An editor"

    # Indexed by the unique constraint below, whose first column it is.
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="placements", db_index=False)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="placements", db_index=False)
    origin = models.CharField(max_length=12, choices=Origin.choices)
    # 1.0 for the wire and editors; the classifier's probability otherwise.
    score = models.FloatField(default=1.0)
    placed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "section"], name="one_placement_per_story_section")]
        # Section pages, search filters and follower lookups start from the section.
        indexes = [models.Index(fields=["section", "story"], name="placement_section_story")]

    def __str__(self) -> str:
        return f"{self.story_id} in {self.section_id} ({self.origin})"


class PlacementCorrection(models.Model):
    """An editor put a story in a section, or took it out. The latest row per story and section holds,
    for every later version too; earlier rows stay as the record of who changed what."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="placement_corrections")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    include = models.BooleanField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    corrected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["story", "corrected_at", "pk"]

    def __str__(self) -> str:
        return f"{'+' if self.include else '-'}{self.section} on {self.story_id}"


class MachineTagging(models.Model):
    """What Readwire assigned by machine to one version of an untagged story.

    Versions are immutable and hold only what the wire sent; subjects the classifier found and the
    people, places and organisations the extractor found live here, beside them.
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="machine_taggings", db_index=False)
    version = models.PositiveIntegerField()
    # Media Topic subjects: {"name", "code", "uri", "confidence" (0-100)}.
    subjects = models.JSONField(default=list, blank=True)
    people = models.JSONField(default=list, blank=True)
    places = models.JSONField(default=list, blank=True)
    organisations = models.JSONField(default=list, blank=True)
    tagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "version"], name="one_machine_tagging_per_version")]

    def __str__(self) -> str:
        return f"machine tags for {self.story_id} v{self.version}"


class Follow(models.Model):
    """A reader follows a desk or Topic in Focus (for alerts, bulletins and their own front page)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="follows", db_index=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # Its index starts with the section: the followers of a story's sections are one index
            # range scan each, and the user ids come from the index alone.
            models.UniqueConstraint(fields=["section", "user"], name="one_follow_per_reader_section"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.section_id}"
