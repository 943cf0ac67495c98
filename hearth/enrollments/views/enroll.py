"""Enrolling a household from the client record, and later changes to the enrollment household."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.clients.access import clients_for_user
from hearth.core import clock
from hearth.core.concurrency import StaleEdit
from hearth.enrollments import selectors, services
from hearth.enrollments.forms.casework import (
    EnrollForm,
    EnrollMemberForm,
    HeadChangeForm,
    MemberAddForm,
    RelationshipForm,
)
from hearth.enrollments.forms.common import apply_errors, error_dict
from hearth.enrollments.models import GlobalHouseholdMember
from hearth.enrollments.services.common import CaseWarning
from hearth.enrollments.templatetags.case_tags import person
from hearth.enrollments.views.client import is_member_search, member_search
from hearth.enrollments.views.common import audit_view, load_client, load_enrollment, posted, require_editor

HEAD = 1


def _household_people(request: HttpRequest, client: Any) -> list[tuple[Any, int]]:
    """(client, relationship) for the client and the global household members the user may see.

    The global relationships only pre-fill the form: the global head is pre-selected as head of
    the enrollment household; nothing is written back.
    """
    membership = GlobalHouseholdMember.objects.filter(client=client).first()
    if membership is None:
        return [(client, HEAD)]
    visible = clients_for_user(request.user)
    people = []
    for member in membership.household.members.select_related("client").order_by("joined_at"):
        if member.client_id == client.pk or visible.filter(pk=member.client_id).exists():
            people.append((member.client, member.relationship))
    people.sort(key=lambda p: (p[1] != HEAD, p[0].pk != client.pk))
    return people


@require_http_methods(["GET", "POST"])
def enroll(request: HttpRequest, client_id: int) -> HttpResponse:
    """Enroll the client, with the household members chosen, in one of the agency's programs."""
    client = load_client(request, client_id, for_edit=True)
    require_editor(request)
    today = clock.local_today()
    projects = list(selectors.programs_available(request.user, today))
    people = _household_people(request, client)
    data = request.POST if request.method == "POST" else None
    form = EnrollForm(data, projects=projects, initial={"project": request.GET.get("project")})
    rows = []
    for other, relationship in people:
        initial = {"include": True, "relationship": relationship}
        rows.append((other, EnrollMemberForm(data, prefix=f"m{other.pk}", initial=initial)))
    warning = None
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _, f in rows):
        chosen = [(c, f.cleaned_data) for c, f in rows if f.cleaned_data["include"]]
        project = next((p for p in projects if p.pk == form.cleaned_data["project"]), None)
        members = [
            services.MemberStart(
                client=c,
                relationship=d["relationship"],
                disabling_condition=_or_not_collected(d["disabling_condition"]),
            )
            for c, d in chosen
        ]
        try:
            if project is None:
                raise ValidationError({"project": ["Choose one of your agency's programs."]})
            created = services.enrollment_create(
                actor=request.user,
                project=project,
                entry_date=form.cleaned_data["entry_date"],
                members=members,
                allow_active_duplicate=form.cleaned_data["confirm_duplicate"],
            )
        except CaseWarning as exc:
            warning = _warning_lines(exc, [c for c, _ in chosen])
        except ValidationError as exc:
            rest = apply_errors(form, error_dict(exc))
            for messages_ in rest.values():
                for message in messages_:
                    form.add_error(None, message)
        else:
            head = next(e for e in created if e.relationship_to_ho_h == HEAD)
            messages.success(
                request,
                f"Enrolled {len(created)} {'person' if len(created) == 1 else 'people'} in {project}. "
                "Complete the project start assessment for each member.",
            )
            return redirect("enrollments:details", pk=head.pk)
    return render(
        request,
        "enrollments/enroll.html",
        {"client": client, "form": form, "rows": rows, "warning": warning, "projects": projects},
    )


@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a person to an active enrollment household."""
    enrollment = load_enrollment(request, pk, for_edit=True)
    members = selectors.household_members(enrollment)
    in_household = {m.enrollment.client_id for m in members if m.active}
    # Global household members of the head come first: they are the likely additions.
    suggested: list[Any] = []
    heads = [m for m in members if m.is_head and m.active]
    if heads:
        membership = GlobalHouseholdMember.objects.filter(client_id=heads[0].enrollment.client_id).first()
        if membership is not None:
            visible = clients_for_user(request.user)
            suggested = [
                m.client
                for m in membership.household.members.select_related("client")
                if m.client_id not in in_household and visible.filter(pk=m.client_id).exists()
            ]
    chosen_id = request.POST.get("client") or request.GET.get("client")
    chosen = (
        load_client(request, int(chosen_id), for_edit=True) if chosen_id and chosen_id.isdigit() else None
    )
    searching = is_member_search(request)
    form = MemberAddForm(None if searching else posted(request))
    warning = None
    if request.method == "POST" and not searching:
        if chosen is None:
            form.add_error(None, "Choose the person to add.")
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.household_member_add(
                    actor=request.user,
                    household_of=enrollment,
                    client=chosen,
                    relationship=data["relationship"],
                    entry_date=data["entry_date"],
                    disabling_condition=_or_not_collected(data["disabling_condition"]),
                    allow_active_duplicate=data["confirm_duplicate"],
                )
            except CaseWarning as exc:
                warning = _warning_lines(exc, [chosen])
            except ValidationError as exc:
                for name, problems in error_dict(exc).items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                messages.success(request, f"{person(chosen)} joined the household.")
                return redirect("enrollments:details", pk=enrollment.pk)
    query, candidates = member_search(request, in_household)
    audit_view(request, enrollment, client_id=enrollment.client_id, page="household member add")
    return render(
        request,
        "enrollments/member_add.html",
        {
            "enrollment": enrollment,
            "client": enrollment.client,
            "form": form,
            "chosen": chosen,
            "suggested": suggested,
            "candidates": candidates,
            "query": query,
            "warning": warning,
        },
    )


@require_http_methods(["GET", "POST"])
def enrollment_household(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the head of the enrollment household, or a member's relationship to the head."""
    enrollment = load_enrollment(request, pk, for_edit=True)
    members = selectors.household_members(enrollment)
    active = [m for m in members if m.active]
    head_form = HeadChangeForm(
        request.POST if request.POST.get("action") == "head" else None,
        candidates=[(m.enrollment.pk, person(m.enrollment.client)) for m in active if not m.is_head],
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        # Every form on the page carries the household as it was drawn (see core.concurrency).
        token = request.POST.get("edit_token") or ""
        try:
            if action == "head" and head_form.is_valid():
                target = next(
                    m.enrollment for m in active if m.enrollment.pk == head_form.cleaned_data["new_head"]
                )
                services.household_head_change(
                    actor=request.user,
                    new_head=target,
                    former_head_relationship=head_form.cleaned_data["former_head_relationship"],
                    edit_token=token,
                )
                messages.success(request, f"{person(target.client)} is now the head of household.")
                return redirect("enrollments:enrollment_household", pk=enrollment.pk)
            if action == "relationship":
                target_pk = int(request.POST.get("member", "0") or 0)
                member = next((m.enrollment for m in active if m.enrollment.pk == target_pk), None)
                form = RelationshipForm(request.POST)
                if member is None or not form.is_valid():
                    raise ValidationError("Choose a member and a relationship.")
                services.relationship_update(
                    actor=request.user,
                    enrollment=member,
                    relationship=form.cleaned_data["relationship"],
                    edit_token=token,
                )
                messages.success(request, "Relationship changed.")
                return redirect("enrollments:enrollment_household", pk=enrollment.pk)
        except StaleEdit as exc:
            messages.error(request, str(exc))
            status = 409
            members = selectors.household_members(enrollment)
        except ValidationError as exc:
            rest = apply_errors(head_form, error_dict(exc)) if action == "head" else error_dict(exc)
            for problems in rest.values():
                for message in problems:
                    messages.error(request, message)
    for m in members:
        audit_view(request, m.enrollment, client_id=m.enrollment.client_id, page="enrollment household")
    return render(
        request,
        "enrollments/enrollment_household.html",
        {
            "enrollment": enrollment,
            "client": enrollment.client,
            "members": members,
            "needs_head": selectors.household_needs_head(members),
            "head_form": head_form,
            "relationship_form": RelationshipForm(),
            "edit_token": services.enrollment_household_edit_token(enrollment),
        },
        status=status,
    )


def _warning_lines(exc: CaseWarning, people: list[Any]) -> list[str]:
    """The warning with each member already active in the program named (staff can see them all:
    they are the people being enrolled)."""
    named = [
        f"{person(p)} already has an active enrollment in this program "
        f"(project start {exc.active_starts[p.pk]:%Y-%m-%d})."
        for p in people
        if p.pk in exc.active_starts
    ]
    return named or exc.messages


def _or_not_collected(value: int | None) -> int:
    """Disabling condition left for the project start assessment is 99 until then."""
    return 99 if value is None else value
