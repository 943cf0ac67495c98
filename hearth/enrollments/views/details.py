"""Program Details: the enrollment's header, with the Notes, Files, Chart and Forms tabs."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearth.clients.access import client_for_user
from hearth.core.downloads import upload_response
from hearth.core.params import posted_id
from hearth.enrollments import conf, services
from hearth.enrollments.chart import build_chart
from hearth.enrollments.forms.casework import FileForm, NoteForm
from hearth.enrollments.forms.common import error_dict
from hearth.enrollments.models import ClientFile, FormSubmission
from hearth.enrollments.panel import files_for, notes_for, visible_to
from hearth.enrollments.services.casefile import ALLOWED_UPLOADS
from hearth.enrollments.services.consent import templates_for
from hearth.enrollments.uploads import limit_upload_size, refuse_if_too_large
from hearth.enrollments.views.common import audit_view, details_context, load_enrollment, posted, uploaded


def details(request: HttpRequest, pk: int) -> HttpResponse:
    return notes(request, pk)


@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = load_enrollment(request, pk)
    form = NoteForm(posted(request))
    if request.method == "POST":
        enrollment = load_enrollment(request, pk, for_edit=True)
        if form.is_valid():
            services.note_add(
                actor=request.user,
                client=enrollment.client,
                enrollment=enrollment,
                body=form.cleaned_data["body"],
                confidential=form.cleaned_data["confidential"],
            )
            messages.success(request, "Note added.")
            return redirect("enrollments:notes", pk=enrollment.pk)
    audit_view(request, enrollment, client_id=enrollment.client_id, tab="notes")
    context = details_context(request, enrollment, "notes")
    context.update(form=form, notes=notes_for(request.user, enrollment.client).filter(enrollment=enrollment))
    return render(request, "enrollments/details/notes.html", context)


@limit_upload_size
@require_http_methods(["GET", "POST"])
def files(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = load_enrollment(request, pk)
    form = FileForm(posted(request), uploaded(request))
    if request.method == "POST":
        enrollment = load_enrollment(request, pk, for_edit=True)
        if refuse_if_too_large(request, form, "file"):
            pass
        elif form.is_valid():
            try:
                services.file_upload(
                    actor=request.user,
                    client=enrollment.client,
                    enrollment=enrollment,
                    upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                    confidential=form.cleaned_data["confidential"],
                )
            except ValidationError as exc:
                for problems in error_dict(exc).values():
                    form.add_error("file", problems)
            else:
                messages.success(request, "File uploaded.")
                return redirect("enrollments:files", pk=enrollment.pk)
    audit_view(request, enrollment, client_id=enrollment.client_id, tab="files")
    context = details_context(request, enrollment, "files")
    context.update(form=form, files=files_for(request.user, enrollment.client).filter(enrollment=enrollment))
    context.update(
        allowed_types=", ".join(sorted(e.lstrip(".").upper() for e in ALLOWED_UPLOADS)),
        max_mb=conf.upload_max_bytes() // (1024 * 1024),
    )
    return render(request, "enrollments/details/files.html", context)


@require_GET
def file_download(request: HttpRequest, file_id: int) -> FileResponse:
    """Serve an uploaded file after checking the user may see the client and the file."""
    record = get_object_or_404(ClientFile, pk=file_id)
    client = client_for_user(request.user, record.client_id)
    if not ClientFile.objects.filter(pk=record.pk).filter(visible_to(request.user)).exists():
        raise Http404("No such file.")
    audit_view(request, record, client_id=client.pk)
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    return upload_response(handle, filename=record.original_name, claimed_type=record.content_type)


@require_GET
def chart(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = load_enrollment(request, pk)
    audit_view(request, enrollment, client_id=enrollment.client_id, tab="chart")
    context = details_context(request, enrollment, "chart")
    end = context["me"].exit_date or context["today"]
    context["chart"] = build_chart(enrollment, end)
    return render(request, "enrollments/details/chart.html", context)


@require_GET
def forms_tab(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = load_enrollment(request, pk)
    audit_view(request, enrollment, client_id=enrollment.client_id, tab="forms")
    context = details_context(request, enrollment, "forms")
    context.update(
        templates=templates_for(request.user),
        submissions=FormSubmission.objects.filter(client=enrollment.client)
        .select_related("template", "collected_by", "enrollment__project")
        .order_by("-signed_at"),
    )
    return render(request, "enrollments/details/forms.html", context)


@require_GET
def submission(request: HttpRequest, submission_id: int) -> HttpResponse:
    record = get_object_or_404(
        FormSubmission.objects.select_related("template", "collected_by"), pk=submission_id
    )
    client = client_for_user(request.user, record.client_id)
    audit_view(request, record, client_id=client.pk)
    return render(request, "enrollments/submission.html", {"submission": record, "client": client})


@require_GET
def signature_image(request: HttpRequest, submission_id: int) -> FileResponse:
    record = get_object_or_404(FormSubmission, pk=submission_id)
    client = client_for_user(request.user, record.client_id)
    if not record.signature_png:
        raise Http404("This form was signed with a typed signature.")
    audit_view(request, record, client_id=client.pk, what="signature image")
    # The PNG came from the signer's browser: served like any upload (an <img> still shows it).
    return upload_response(
        io.BytesIO(bytes(record.signature_png)),
        filename=f"signature-{record.pk}.png",
        claimed_type="image/png",
    )


@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    from django.contrib.auth import get_user_model

    enrollment = load_enrollment(request, pk, for_edit=True)
    staff_id = posted_id(request.POST.get("staff"))
    staff = get_user_model().objects.filter(pk=staff_id).first() if staff_id else None
    if staff is None:
        messages.error(request, "Choose a staff member.")
    else:
        try:
            services.case_assign(actor=request.user, enrollment=enrollment, staff=staff)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Assigned staff changed for the household.")
    return redirect("enrollments:details", pk=enrollment.pk)
