"""Program settings for agency administrators: the exit checklist and automatic shelter exits."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hearth.core.concurrency import StaleEdit
from hearth.enrollments import conf, services
from hearth.enrollments.forms.casework import ExitStepForm, ProgramSettingsForm
from hearth.enrollments.models import ExitStep, ProgramSettings
from hearth.enrollments.services.program import can_configure_program
from hearth.projects.selectors import projects_for_user


@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    projects = list(projects_for_user(request.user).select_related("organization").order_by("project_name"))
    rows = [{"project": p, "can_configure": can_configure_program(request.user, p)} for p in projects]
    return render(request, "enrollments/program_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def program_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    project = get_object_or_404(projects_for_user(request.user), pk=project_id)
    if not can_configure_program(request.user, project):
        raise PermissionDenied("Only an administrator of this program's agency may change its settings.")
    current = ProgramSettings.objects.filter(project=project).first()
    settings_form = ProgramSettingsForm(
        request.POST if request.POST.get("action") == "settings" else None,
        initial={"shelter_auto_exit_nights": current.shelter_auto_exit_nights if current else None},
    )
    step_form = ExitStepForm(request.POST if request.POST.get("action") == "add_step" else None)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "settings" and settings_form.is_valid():
                services.program_settings_update(
                    actor=request.user,
                    project=project,
                    shelter_auto_exit_nights=settings_form.cleaned_data["shelter_auto_exit_nights"],
                    edit_token=request.POST.get("edit_token") or "",
                )
                messages.success(request, "Settings saved.")
                return redirect("enrollments:program_settings", project_id=project.pk)
            if action == "add_step" and step_form.is_valid():
                services.exit_step_add(
                    actor=request.user, project=project, text=step_form.cleaned_data["text"]
                )
                messages.success(request, "Exit step added.")
                return redirect("enrollments:program_settings", project_id=project.pk)
            if action == "remove_step":
                step = get_object_or_404(ExitStep, pk=request.POST.get("step") or 0, project=project)
                services.exit_step_remove(actor=request.user, step=step)
                messages.success(request, "Exit step removed.")
                return redirect("enrollments:program_settings", project_id=project.pk)
        except StaleEdit as exc:
            settings_form.add_error(None, str(exc))
            status = 409
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    return render(
        request,
        "enrollments/program_settings.html",
        {
            "project": project,
            "settings_form": settings_form,
            "step_form": step_form,
            "steps": ExitStep.objects.filter(project=project, active=True),
            "default_nights": conf.shelter_auto_exit_nights(),
            "edit_token": services.program_settings_edit_token(project),
        },
        status=status,
    )
