from django.apps import AppConfig


class CoordinatedEntryConfig(AppConfig):
    name = "hearth.coordinated_entry"
    label = "coordinated_entry"
    verbose_name = "Coordinated Entry"
    default_auto_field = "django.db.models.BigAutoField"
