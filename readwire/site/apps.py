from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "readwire.site"
    label = "site"
    verbose_name = "Reader website"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from readwire.newsroom.models import FrontPageEntry, Pin
        from readwire.site.page_cache import editors_changed, wire_changed
        from readwire.topics.models import PlacementCorrection, Section
        from readwire.wire.signals import story_changed

        # Connected after the wire's, topics' and search's own receivers (INSTALLED_APPS order), so
        # a story is placed and linked to its duplicates before the kept pages go out of date.
        story_changed.connect(wire_changed, dispatch_uid="readwire.site.page_cache")
        # What editors change besides stories: the front page, desks and Topics in Focus, placements.
        for model in (FrontPageEntry, Pin, Section, PlacementCorrection):
            for signal in (post_save, post_delete):
                signal.connect(editors_changed, sender=model, dispatch_uid=f"readwire.site.page_cache.{model.__name__}")
