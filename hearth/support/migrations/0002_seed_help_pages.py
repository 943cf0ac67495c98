"""Seed the help centre from the Markdown files in hearth/support/help/ (administrators edit them in
Hearth afterwards; this migration never overwrites a page that exists)."""

from django.db import migrations


def seed(apps, schema_editor):
    from hearth.support.helptext import seed_help

    seed_help(apps.get_model("support", "HelpArticle"))


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
