"""``readwire link_duplicates [--all] [--days N]``: fingerprint stories and link their copies.

Stories are fingerprinted as they arrive; this is for the stories that were not: those stored
before duplicate finding existed, after ``fingerprints.SCHEME`` changed, or while it failed (the
log says so). ``--all`` starts over for every story. Safe to run while the wire is flowing and
on several machines at once.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from readwire.wire.duplicates.fingerprints import SCHEME
from readwire.wire.duplicates.linking import forget_story, regroup, start_over, update_story
from readwire.wire.models import Story, StoryFingerprint


class Command(BaseCommand):
    help = "Fingerprint stories that have no current fingerprint and link their copies from other sources."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", dest="everything", help="start over for every story")
        parser.add_argument("--days", type=int, help="only stories first created in the last N days")

    def handle(self, *args, everything: bool, days: int | None, **options):
        stories = Story.objects.all()
        if days is not None:
            stories = stories.filter(first_created__gte=timezone.now() - timedelta(days=days))
        outside: list[int] = []
        if everything:
            # Oldest first, each story finds the earlier ones and is found by the later ones.
            outside = start_over(stories)
        else:
            current = StoryFingerprint.objects.filter(scheme=SCHEME, story=OuterRef("pk"))
            fingerprinted = StoryFingerprint.objects.filter(story=OuterRef("pk"))
            followed = Story.objects.filter(duplicate_of=OuterRef("pk"))
            withdrawn = Q(state=Story.State.WITHDRAWN)
            # A withdrawn story still fingerprinted or in a group: its kill was not handled.
            left_behind = Exists(fingerprinted) | Q(duplicate_of__isnull=False) | Exists(followed)
            stories = stories.filter((~withdrawn & ~Exists(current)) | (withdrawn & left_behind))
        linked = forgotten = 0
        for story_id, state in stories.order_by("first_created", "pk").values_list("pk", "state").iterator():
            if state == Story.State.WITHDRAWN:
                forget_story(story_id)
                forgotten += 1
            elif update_story(story_id):
                linked += 1
        regroup(outside)
        groups = Story.objects.filter(duplicates__isnull=False).distinct().count()
        self.stdout.write(
            f"{linked} stories linked to copies, {forgotten} withdrawn stories left out; {groups} groups of copies"
        )
