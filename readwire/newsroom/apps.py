from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "readwire.newsroom"
    label = "newsroom"
    verbose_name = "Editors' console"
