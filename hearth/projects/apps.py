from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "hearth.projects"
    label = "projects"
    verbose_name = "Agencies and projects"
    default_auto_field = "django.db.models.BigAutoField"
