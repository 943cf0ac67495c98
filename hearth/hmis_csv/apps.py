from django.apps import AppConfig


class HmisCsvConfig(AppConfig):
    name = "hearth.hmis_csv"
    label = "hmis_csv"
    verbose_name = "HMIS CSV exchange"
    default_auto_field = "django.db.models.BigAutoField"
