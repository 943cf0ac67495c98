from django.apps import AppConfig


class EnrollmentsConfig(AppConfig):
    name = "hearth.enrollments"
    label = "enrollments"
    verbose_name = "Enrollments"
    default_auto_field = "django.db.models.BigAutoField"
