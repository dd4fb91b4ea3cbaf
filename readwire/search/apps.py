from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "readwire.search"
    label = "search"
    verbose_name = "Search"
