"""HMIS administrators design forms in the administration site."""

from django.urls import reverse

from hearth.enrollments.models import FormTemplate


def test_it_lets_an_hmis_administrator_design_a_form(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:enrollments_formtemplate_add")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Pet policy",
            "kind": "consent",
            "introduction": "Pets stay in carriers.",
            "active": "on",
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0",
            "questions-MAX_NUM_FORMS": "1000",
            "questions-0-position": "1",
            "questions-0-label": "I agree to the pet policy",
            "questions-0-kind": "agree",
            "questions-0-required": "on",
        },
    )
    assert response.status_code == 302
    template = FormTemplate.objects.get(name="Pet policy")
    assert list(template.questions.values_list("label", flat=True)) == ["I agree to the pet policy"]


def test_it_keeps_case_managers_out_of_form_design(client, owner):
    owner.is_staff = True
    owner.save()
    client.force_login(owner)
    assert client.get(reverse("admin:enrollments_formtemplate_changelist")).status_code == 403
