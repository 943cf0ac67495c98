from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "hearth.clients"
    label = "clients"
    verbose_name = "Participants"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.clients import signals  # noqa: F401  (connects the search-index receivers)
