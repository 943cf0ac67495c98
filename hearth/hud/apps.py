from django.apps import AppConfig


class HudConfig(AppConfig):
    name = "hearth.hud"
    label = "hud"
    verbose_name = "HUD data model"
    default_auto_field = "django.db.models.BigAutoField"
