from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "readwire.site"
    label = "site"
    verbose_name = "Reader website"
