from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "readwire.delivery"
    label = "delivery"
    verbose_name = "Delivery"
