from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "readwire.billing"
    label = "billing"
    verbose_name = "Billing and access"
