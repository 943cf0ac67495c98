from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "hearth.support"
    label = "support"
    verbose_name = "HMIS Support"
    default_auto_field = "django.db.models.BigAutoField"
