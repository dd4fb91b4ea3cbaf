from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "readwire.ops"
    label = "ops"
    verbose_name = "Operations"
