from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "readwire.wire"
    label = "wire"
    verbose_name = "Wire"
