from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "readwire.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from readwire.search.service import on_story_changed
        from readwire.wire.signals import story_changed

        story_changed.connect(on_story_changed, dispatch_uid="readwire.search.index")
