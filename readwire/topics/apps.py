from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "readwire.topics"
    label = "topics"
    verbose_name = "Desks and Topics in Focus"

    def ready(self):
        from readwire.topics import receivers
        from readwire.wire.export import ninjs
        from readwire.wire.signals import story_changed

        # Placed when the story is stored, before alerts or bulletins look for its followers.
        story_changed.connect(receivers.place_changed_story, dispatch_uid="topics.place_changed_story")
        if receivers.machine_subjects not in ninjs.machine_subject_sources:
            ninjs.machine_subject_sources.append(receivers.machine_subjects)
