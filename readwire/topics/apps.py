from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "readwire.topics"
    label = "topics"
    verbose_name = "Desks and Topics in Focus"
