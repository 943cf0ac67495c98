"""The CE assessment page (HUD 4.19 with the CoC's scored questionnaire), for one enrollment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.coordinated_entry import selectors, services
from hearth.coordinated_entry.forms import AssessForm
from hearth.coordinated_entry.models import QueueEntry, QueueStatus
from hearth.coordinated_entry.standing import standing_on
from hearth.coordinated_entry.views.common import show_service_errors
from hearth.core import clock
from hearth.enrollments.models import Assessment
from hearth.enrollments.views.common import audit_view, load_enrollment, posted


@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = load_enrollment(request, enrollment_id, for_edit=True)
    questionnaire = selectors.active_questionnaire()
    today = clock.local_today()
    form = AssessForm(
        posted(request),
        questionnaire=questionnaire,
        initial={"assessment_date": today, "assessment_type": 3, "assessment_level": 2},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assess(
                actor=request.user,
                enrollment=enrollment,
                questionnaire=questionnaire,
                answers=form.answers(),
                assessment_date=data["assessment_date"],
                assessment_location=data["assessment_location"],
                assessment_type=data["assessment_type"],
                assessment_level=data["assessment_level"],
                place_on_queue=data["place_on_queue"],
            )
        except ValidationError as exc:
            show_service_errors(form, exc, labels={"answers": "Questions"})
        else:
            if data["place_on_queue"]:
                messages.success(request, "Assessment saved and placed on the community queue.")
                return redirect("coordinated_entry:queue")
            messages.success(request, "Assessment saved.")
            return redirect("enrollments:details", pk=enrollment.pk)
    standing = standing_on(enrollment, today)
    entry = QueueEntry.objects.filter(client=enrollment.client).exclude(status=QueueStatus.HOUSED).first()
    earlier = Assessment.objects.filter(client=enrollment.client).order_by("-assessment_date", "-pk")[:5]
    audit_view(request, enrollment, client_id=enrollment.client_id, page="ce_assessment")
    return render(
        request,
        "coordinated_entry/assess.html",
        {
            "enrollment": enrollment,
            "client": enrollment.client,
            "form": form,
            "questionnaire": questionnaire,
            "standing": standing,
            "entry": entry,
            "earlier": earlier,
            "rule": selectors.active_rule(),
        },
    )
