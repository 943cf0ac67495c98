"""Reads of enrollments, always through the acting user's access."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.http import Http404

from hearth.audit.refusals import note_refusal
from hearth.clients.access import can_edit_clients, clients_for_user
from hearth.core import clock
from hearth.enrollments import shelter
from hearth.enrollments.models import Enrollment, Exit, Service
from hearth.projects.models import Project
from hearth.projects.selectors import projects_for_user

HEAD = 1


def active_enrollments(
    queryset: QuerySet[Enrollment] | None = None, *, today: dt.date | None = None
) -> QuerySet[Enrollment]:
    """Enrollments with no (live) exit record and no lapsed night-by-night stay."""
    queryset = Enrollment.objects.all() if queryset is None else queryset
    today = today or clock.local_today()
    return queryset.exclude(Exists(Exit.objects.filter(enrollment_id=OuterRef("pk")))).exclude(
        shelter.lapsed_q(today)
    )


def enrollments_for_user(user: Any) -> QuerySet[Enrollment]:
    """Enrollments whose program details the user may open: in the user's projects, of clients the
    user may see."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    return Enrollment.objects.filter(project__in=projects_for_user(user), client__in=clients_for_user(user))


def can_work_in_project(user: Any, project: Project) -> bool:
    """Whether the user may enter data in ``project`` (an editing role in the project's agency)."""
    return can_edit_clients(user) and projects_for_user(user).filter(pk=project.pk).exists()


def enrollment_for_user(user: Any, enrollment_id: int, *, for_edit: bool = False) -> Enrollment:
    """The enrollment if ``user`` may open it (and enter data in it, if asked); 404 otherwise."""
    try:
        enrollment = (
            enrollments_for_user(user)
            .select_related("client", "project", "project__organization")
            .get(pk=enrollment_id)
        )
    except (Enrollment.DoesNotExist, ValueError, TypeError):
        note_refusal("enrollments.enrollment", enrollment_id)
        raise Http404("No such enrollment.") from None
    if for_edit and not can_work_in_project(user, enrollment.project):
        note_refusal("enrollments.enrollment", enrollment_id, client_id=enrollment.client_id)
        raise PermissionDenied("Your role may not change this program's records.")
    return enrollment


def live_exit(enrollment: Enrollment) -> Exit | None:
    return Exit.objects.filter(enrollment=enrollment).order_by("-exit_date").first()


def exit_date_of(enrollment: Enrollment, today: dt.date | None = None) -> dt.date | None:
    """The exit date: the Exit record's, or the automatic exit of a lapsed night-by-night stay."""
    found = live_exit(enrollment)
    if found is not None:
        return found.exit_date
    return shelter.lapse_exit_date(enrollment, today or clock.local_today())


def is_active(enrollment: Enrollment, today: dt.date | None = None) -> bool:
    return exit_date_of(enrollment, today) is None


def household_enrollments(enrollment: Enrollment) -> QuerySet[Enrollment]:
    """Every enrollment (active or exited) of the enrollment's HUD household in the same project."""
    return (
        Enrollment.objects.filter(
            household_id=enrollment.household_id,
            project_id=enrollment.project_id,
            data_source_id=enrollment.data_source_id,
        )
        .select_related("client")
        .order_by("relationship_to_ho_h", "entry_date", "id")
    )


@dataclass
class Member:
    enrollment: Enrollment
    exit_date: dt.date | None
    auto_exit: bool = False
    exit: Exit | None = None

    @property
    def is_head(self) -> bool:
        return self.enrollment.relationship_to_ho_h == HEAD

    @property
    def active(self) -> bool:
        return self.exit_date is None


def household_members(enrollment: Enrollment, today: dt.date | None = None) -> list[Member]:
    today = today or clock.local_today()
    members = []
    enrollments = list(household_enrollments(enrollment).select_related("project"))
    exits = {x.enrollment_id: x for x in Exit.objects.filter(enrollment__in=enrollments)}
    for e in enrollments:
        found = exits.get(e.pk)
        if found is not None:
            members.append(Member(e, found.exit_date, exit=found))
        else:
            lapse = shelter.lapse_exit_date(e, today)
            members.append(Member(e, lapse, auto_exit=lapse is not None))
    return members


def household_needs_head(members: list[Member]) -> bool:
    """True when members are still active but none of the active ones is the head."""
    active = [m for m in members if m.active]
    return bool(active) and not any(m.is_head for m in active)


def last_service_dates(enrollment: Enrollment) -> tuple[dt.date | None, dt.date | None]:
    """(last service other than a bed night, last bed night) of the enrollment."""
    found = Service.objects.filter(enrollment=enrollment).aggregate(
        other=Max("date_provided", filter=~Q(record_type=shelter.BED_NIGHT)),
        night=Max("date_provided", filter=Q(record_type=shelter.BED_NIGHT)),
    )
    return found["other"], found["night"]


@dataclass
class ProgramHistoryRow:
    enrollment: Enrollment
    exit_date: dt.date | None
    can_open: bool
    household_size: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


def program_history(user: Any, client: Any, today: dt.date | None = None) -> list[ProgramHistoryRow]:
    """Every enrollment of a client the user may see, newest first; which ones the user may open."""
    today = today or clock.local_today()
    enrollments = list(
        Enrollment.objects.filter(client=client)
        .select_related("project", "project__organization")
        .order_by("-entry_date", "-id")
    )
    exits = dict(Exit.objects.filter(enrollment__in=enrollments).values_list("enrollment_id", "exit_date"))
    openable = set(enrollments_for_user(user).filter(client=client).values_list("pk", flat=True))
    rows = []
    for e in enrollments:
        exit_date = exits.get(e.pk) or shelter.lapse_exit_date(e, today)
        rows.append(ProgramHistoryRow(e, exit_date, e.pk in openable))
    return rows


def programs_available(user: Any, today: dt.date | None = None) -> QuerySet[Project]:
    """Projects the user may enroll clients in: the agency's projects that are operating today."""
    if not can_edit_clients(user):
        return Project.objects.none()
    today = today or clock.local_today()
    return (
        projects_for_user(user)
        .filter(operating_start_date__lte=today)
        .filter(Q(operating_end_date__isnull=True) | Q(operating_end_date__gte=today))
        .select_related("organization")
        .order_by("organization__organization_name", "project_name")
    )


def active_in_project(
    client_ids: list[int], project: Project, today: dt.date | None = None
) -> dict[int, dt.date]:
    """Which of the clients already have an active enrollment in the project: client id -> its
    project start (the earliest, should there be several)."""
    qs = active_enrollments(Enrollment.objects.filter(project=project, client_id__in=client_ids), today=today)
    starts: dict[int, dt.date] = {}
    for client_id, entry in qs.values_list("client_id", "entry_date"):
        starts[client_id] = min(entry, starts.get(client_id, entry))
    return starts
