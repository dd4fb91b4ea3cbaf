from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "readwire.wire"
    label = "wire"
    verbose_name = "Wire"

    def ready(self):
        from readwire.wire.receivers import link_duplicates
        from readwire.wire.signals import story_changed

        story_changed.connect(link_duplicates, dispatch_uid="readwire.wire.duplicates")
