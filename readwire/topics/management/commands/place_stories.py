"""``readwire place_stories``: place stories again, after sections or the classifier changed.

Stories are placed as they arrive; this is for the archive. Editors' corrections still hold.
"""

from django.core.management.base import BaseCommand

from readwire.topics.placement import place_story
from readwire.wire.models import Story


class Command(BaseCommand):
    help = "Place every story (or the newest N) in its desks and Topics in Focus again."

    def add_arguments(self, parser):
        parser.add_argument("--newest", type=int, metavar="N", help="only the N most recently received stories")

    def handle(self, *args, newest, **options):
        stories = Story.objects.exclude(state=Story.State.WITHDRAWN).order_by("-received_at")
        if newest:
            stories = stories[:newest]
        count = 0
        for story in stories.iterator(chunk_size=500):
            place_story(story)
            count += 1
        self.stdout.write(f"placed {count} stories")
