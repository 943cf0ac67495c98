"""Start every Hearth with a release-of-information form and a program consent form, so staff can
collect signatures on day one; administrators edit or replace them."""

from django.db import migrations

ROI_INTRO = (
    "I agree that the agencies named below may share the information in my Homeless Management "
    "Information System (HMIS) record with each other, to coordinate housing and services for me "
    "and my household. I may withdraw this permission at any time by telling any participating "
    "agency. Withdrawing it does not affect services I receive."
)
CONSENT_INTRO = (
    "I understand the program's rules and how my information is collected, used and protected, as "
    "described in the privacy notice I was offered."
)


def create_forms(apps, schema_editor):
    FormTemplate = apps.get_model("enrollments", "FormTemplate")
    FormQuestion = apps.get_model("enrollments", "FormQuestion")
    if FormTemplate.objects.exists():
        return
    roi = FormTemplate.objects.create(name="Release of information (HMIS sharing)", kind="roi", introduction=ROI_INTRO)
    FormQuestion.objects.create(
        template=roi, position=1, kind="agree", required=True,
        label="I have read (or had read to me) this release and I agree to it.",
    )
    FormQuestion.objects.create(
        template=roi, position=2, kind="text", required=False,
        label="Information I do not want shared (leave empty if none)",
    )
    consent = FormTemplate.objects.create(name="Program consent and privacy notice", kind="consent", introduction=CONSENT_INTRO)
    FormQuestion.objects.create(
        template=consent, position=1, kind="yes_no", required=True, label="Was the client offered the privacy notice?"
    )
    FormQuestion.objects.create(
        template=consent, position=2, kind="agree", required=True, label="I agree to take part in the program."
    )


class Migration(migrations.Migration):
    dependencies = [("enrollments", "0002_case_management")]

    operations = [migrations.RunPython(create_forms, migrations.RunPython.noop)]
