"""A starting questionnaire and prioritization rule, so a new CoC can assess on day one; the CoC
edits both in the administration (questions, weights, order)."""

from django.db import migrations

QUESTIONS = [
    ("Housing", "Has the person slept outside, in a vehicle or another place not meant for habitation in the last 30 days?", 3),
    ("Housing", "Has the person been homeless for a year or more in total over the last three years?", 3),
    ("Health", "Does the person have a physical disability or chronic health condition that limits daily life?", 2),
    ("Health", "Does the person have a serious mental illness?", 2),
    ("Health", "Does the person have a substance use disorder that limits daily life?", 2),
    ("Health", "Has the person used an emergency room or been hospitalized three or more times in the last six months?", 2),
    ("Safety", "Is the person fleeing or afraid of domestic violence, dating violence, sexual assault or stalking?", 3),
    ("Safety", "Has the person been attacked or beaten up since becoming homeless?", 1),
    ("Age", "Is the person 60 or older, or under 25?", 1),
    ("Income", "Does the person have no income from any source?", 1),
]


def create(apps, schema_editor):
    Questionnaire = apps.get_model("coordinated_entry", "Questionnaire")
    Question = apps.get_model("coordinated_entry", "Question")
    PrioritizationRule = apps.get_model("coordinated_entry", "PrioritizationRule")
    form, made = Questionnaire.objects.get_or_create(name="Housing needs assessment")
    if made:
        for order, (group, text, weight) in enumerate(QUESTIONS, start=1):
            Question.objects.create(questionnaire=form, order=order, group=group, text=text, weight=weight)
    if not PrioritizationRule.objects.exists():
        PrioritizationRule.objects.create(
            name="Score, then chronic status, then days homeless",
            first="score", second="chronic", third="days_homeless",
        )


class Migration(migrations.Migration):
    dependencies = [("coordinated_entry", "0001_coordinated_entry_workflow")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
