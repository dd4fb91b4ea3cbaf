from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "readwire.accounts"
    label = "accounts"
    verbose_name = "Readers and staff accounts"
