"""The first HMIS user agreement, signed by every user at first sign-in and yearly after."""

from django.db import migrations


def seed(apps, schema_editor):
    from hearth.accounts.seeds import seed_agreement

    seed_agreement(apps.get_model("accounts", "UserAgreement"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_account_lifecycle")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
