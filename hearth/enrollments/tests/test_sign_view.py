"""Signing designed forms: typed name, drawn or typed signature, timestamp and signer."""

import base64
import datetime as dt
import io

import pytest
from django.urls import reverse

from hearth.clients.access import clients_for_user
from hearth.enrollments.models import FormQuestion, FormSubmission, FormTemplate, ReleaseOfInformation
from hearth.enrollments.tests.conftest import enroll


def signature_data_url() -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 90), (255, 255, 255, 0))
    ImageDraw.Draw(image).line((10, 60, 120, 20, 200, 70), fill="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def consent():
    template = FormTemplate.objects.create(
        name="House rules", kind="consent", introduction="No smoking indoors."
    )
    agree = FormQuestion.objects.create(
        template=template, position=1, label="I agree to the rules", kind="agree"
    )
    FormQuestion.objects.create(
        template=template, position=2, label="Preferred language", kind="text", required=False
    )
    return template, agree


@pytest.fixture
def head(owner, project, family, frozen):
    return enroll(owner, project, dt.date(2025, 6, 1), family[0])[0]


def test_it_keeps_a_drawn_signature_with_the_wording_signed(client, owner, head, consent):
    template, agree = consent
    client.force_login(owner)
    url = reverse("enrollments:sign", args=[head.client_id, template.pk]) + f"?enrollment={head.pk}"
    response = client.post(
        url,
        {
            "enrollment": head.pk,
            f"q{agree.pk}": "on",
            "signer_name": "Ana Reyes",
            "signer_role": "client",
            "method": "drawn",
            "signature": signature_data_url(),
        },
    )
    assert response.status_code == 302
    signed = FormSubmission.objects.get()
    assert signed.signer_name == "Ana Reyes" and signed.collected_by == owner
    assert signed.enrollment == head
    assert bytes(signed.signature_png).startswith(b"\x89PNG")
    assert signed.content["introduction"] == "No smoking indoors."
    assert signed.content["answers"][0] == {"question": "I agree to the rules", "answer": "Agreed"}
    assert signed.signed_at.date() == dt.date(2025, 6, 16)
    template.introduction = "Changed later"
    template.save()
    page = client.get(reverse("enrollments:submission", args=[signed.pk])).content.decode()
    assert "No smoking indoors." in page and "Changed later" not in page
    image = client.get(reverse("enrollments:signature_image", args=[signed.pk]))
    assert image["Content-Type"] == "image/png"
    assert image["Content-Disposition"] == f'attachment; filename="signature-{signed.pk}.png"'
    assert image["X-Content-Type-Options"] == "nosniff"
    assert image["Content-Security-Policy"] == "default-src 'none'; sandbox"
    from hearth.audit.models import AuditEvent

    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, actor=owner, client_id=head.client_id, detail__what="signature image"
    ).exists()


def test_it_accepts_a_typed_signature_once_confirmed(client, owner, head, consent):
    template, agree = consent
    client.force_login(owner)
    url = reverse("enrollments:sign", args=[head.client_id, template.pk])
    data = {f"q{agree.pk}": "on", "signer_name": "Ana Reyes", "signer_role": "client", "method": "typed"}
    response = client.post(url, data)
    assert response.status_code == 200 and not FormSubmission.objects.exists()
    assert client.post(url, {**data, "typed_consent": "on"}).status_code == 302
    assert FormSubmission.objects.get().method == "typed"


def test_it_requires_required_answers_and_a_drawing(client, owner, head, consent):
    template, _ = consent
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:sign", args=[head.client_id, template.pk]),
        {"signer_name": "Ana Reyes", "signer_role": "client", "method": "drawn", "signature": ""},
    )
    body = response.content.decode()
    assert "Tick the box to agree." in body
    assert "draw it again" in body or "Draw the signature" in body
    assert not FormSubmission.objects.exists()


def test_it_refuses_a_signature_that_is_not_a_png(client, owner, head, consent):
    template, agree = consent
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:sign", args=[head.client_id, template.pk]),
        {
            f"q{agree.pk}": "on",
            "signer_name": "A",
            "signer_role": "client",
            "method": "drawn",
            "signature": "data:image/png;base64," + base64.b64encode(b"<svg/>").decode(),
        },
    )
    assert response.status_code == 200
    assert not FormSubmission.objects.exists()


def test_it_records_the_release_when_an_roi_form_is_signed(client, owner, partner, partner_agency, head):
    template = FormTemplate.objects.create(name="Release", kind="roi")
    agree = FormQuestion.objects.create(template=template, position=1, label="I agree", kind="agree")
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:sign", args=[head.client_id, template.pk]),
        {
            f"q{agree.pk}": "on",
            "signer_name": "Ana Reyes",
            "signer_role": "client",
            "method": "typed",
            "typed_consent": "on",
            "organizations": [partner_agency.pk],
            "start_date": "2025-06-16",
            "end_date": "2026-06-15",
        },
    )
    assert response.status_code == 302
    roi = ReleaseOfInformation.objects.get()
    assert roi.documentation == "electronic" and roi.form_submission is not None
    assert clients_for_user(partner).filter(pk=head.client_id).exists()


def test_it_ships_a_release_form_and_a_consent_form(db):
    import importlib

    from django.apps import apps

    FormTemplate.objects.all().delete()
    importlib.import_module("hearth.enrollments.migrations.0003_default_forms").create_forms(apps, None)
    assert set(FormTemplate.objects.values_list("kind", flat=True)) == {"roi", "consent"}
    assert FormQuestion.objects.filter(template__kind="roi", kind="agree", required=True).exists()
