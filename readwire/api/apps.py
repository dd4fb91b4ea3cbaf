from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "readwire.api"
    label = "api"
    verbose_name = "API"
