"""Signing a designed form with the client: typed name plus a drawn (or typed) signature."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from hearth.enrollments import services
from hearth.enrollments.forms.common import error_dict
from hearth.enrollments.forms.signing import RoiTermsForm, SignForm
from hearth.enrollments.models import FormSubmission, FormTemplate
from hearth.enrollments.services.consent import signature_from_data_url, templates_for
from hearth.enrollments.views.common import load_client, load_enrollment
from hearth.projects.models import Organization


@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, client_id: int, template_id: int) -> HttpResponse:
    client = load_client(request, client_id, for_edit=True)
    template = get_object_or_404(templates_for(request.user), pk=template_id)
    enrollment = None
    enrollment_id = request.GET.get("enrollment") or request.POST.get("enrollment")
    if enrollment_id and enrollment_id.isdigit():
        enrollment = load_enrollment(request, int(enrollment_id), for_edit=True)
        if enrollment.client_id != client.pk:
            enrollment = None
    data = request.POST if request.method == "POST" else None
    form = SignForm(data, template=template)
    coc = settings.HEARTH_COC_CODE.split(",")[0].strip()
    is_roi = template.kind == FormTemplate.Kind.ROI
    terms = (
        RoiTermsForm(data, organizations=Organization.objects.order_by("organization_name"), coc_code=coc)
        if is_roi
        else None
    )
    if request.method == "POST" and form.is_valid() and (terms is None or terms.is_valid()):
        roi = None
        if terms is not None:
            t = terms.cleaned_data
            roi = services.RoiInput(
                permission=True,
                start_date=t["start_date"],
                end_date=t["end_date"],
                documentation="electronic",
                coc_code=coc if t["share_with_coc"] else "",
                organizations=list(t["organizations"]),
            )
        try:
            png = b""
            drawing = form.cleaned_data.get("signature") or ""
            if form.cleaned_data["method"] == FormSubmission.Method.DRAWN and drawing:
                png = signature_from_data_url(drawing)
            record = services.form_sign(
                actor=request.user,
                template=template,
                client=client,
                enrollment=enrollment,
                answers=form.answers(),
                signer_name=form.cleaned_data["signer_name"],
                signer_role=form.cleaned_data["signer_role"],
                method=form.cleaned_data["method"],
                signature_png=png,
                roi=roi,
            )
        except ValidationError as exc:
            for name, problems in error_dict(exc).items():
                if name in form.fields:
                    form.add_error(name, problems)
                elif terms is not None and name in terms.fields:
                    terms.add_error(name, problems)
                else:
                    form.add_error(None, problems)
        else:
            messages.success(request, f"“{template.name}” signed and saved.")
            if enrollment is not None:
                return redirect("enrollments:forms", pk=enrollment.pk)
            return redirect("enrollments:submission", submission_id=record.pk)
    return render(
        request,
        "enrollments/sign.html",
        {"client": client, "template": template, "form": form, "terms": terms, "enrollment": enrollment},
    )
