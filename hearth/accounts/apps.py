from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hearth.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The sign-out audit receiver lives with the sign-in views.
        from hearth.accounts.views import sign_in  # noqa: F401
