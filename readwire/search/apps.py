from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "readwire.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from readwire.search.service import on_placement_changed, on_story_changed
        from readwire.topics.models import Placement
        from readwire.wire.signals import story_changed

        # Connected after readwire.topics places the story (INSTALLED_APPS order), so its
        # desks and machine-found names are there to index.
        story_changed.connect(on_story_changed, dispatch_uid="readwire.search.index")
        post_save.connect(on_placement_changed, sender=Placement, dispatch_uid="readwire.search.placed")
        post_delete.connect(on_placement_changed, sender=Placement, dispatch_uid="readwire.search.unplaced")
