"""Which records an export carries, as one queryset per HUD file (subqueries, never ID lists).

- Reporting period (ExportPeriodType 3): the chosen projects (all when none is chosen) with their
  organization and project records; enrollments in those projects with EntryDate on or before
  the end and no exit before the start; their clients; and every record of those enrollments,
  whatever its date, as HUD's own export does (an exit-stage income record dated after the end
  stays), except an exit after the end, which is left out so the enrollment is open at the end.
  Soft-deleted records are left out.
- Updated (ExportPeriodType 1): every record created, updated or deleted in the period (deleted
  ones carry their DateDeleted), limited to the chosen projects, plus the records they point at so
  the files stay consistent (an updated exit brings its enrollment, client and project).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet

from hearth.hud.spec import FILES

PERIOD_UPDATED = 1
PERIOD_REPORTING = 3

PROJECT_FILES = ("Funder", "ProjectCoC", "Inventory", "Affiliation", "HMISParticipation", "CEParticipation")
# Enrollment records and the column holding the date they are "dated" by.
ENROLLMENT_FILES = {
    "Exit": "exit_date",
    "IncomeBenefits": "information_date",
    "HealthAndDV": "information_date",
    "EmploymentEducation": "information_date",
    "Disabilities": "information_date",
    "Services": "date_provided",
    "CurrentLivingSituation": "information_date",
    "Assessment": "assessment_date",
    "Event": "event_date",
    "YouthEducationStatus": "information_date",
}
ASSESSMENT_FILES = ("AssessmentQuestions", "AssessmentResults")


def model(name: str) -> Any:
    return apps.get_model(FILES[name].model)


@dataclass
class Selection:
    start: dt.date
    end: dt.date
    projects: list[int] | None
    period_type: int
    zone: ZoneInfo

    def querysets(self) -> dict[str, QuerySet]:
        out = self._reporting() if self.period_type == PERIOD_REPORTING else self._updated()
        # No ORDER BY: HUD sets no row order, and sorting millions of rows costs the database more
        # than the rest of the query.
        return {name: qs.order_by() for name, qs in out.items()}

    # --- reporting period --------------------------------------------------------------------

    def _reporting(self) -> dict[str, QuerySet]:
        Project, Enrollment, Exit = model("Project"), model("Enrollment"), model("Exit")
        projects = Project.objects.all()
        if self.projects is not None:
            projects = projects.filter(pk__in=self.projects)
        out: dict[str, QuerySet] = {
            "Project": projects,
            "Organization": model("Organization").objects.filter(pk__in=projects.values("organization_id")),
        }
        for name in PROJECT_FILES:
            out[name] = model(name).objects.filter(project__in=projects.values("pk"))
        exited_before = Exit.objects.filter(enrollment=OuterRef("pk"), exit_date__lt=self.start)
        enrollments = Enrollment.objects.filter(
            project__in=projects.values("pk"), entry_date__lte=self.end
        ).exclude(Exists(exited_before))
        out["Enrollment"] = enrollments
        out["Client"] = model("Client").objects.filter(pk__in=enrollments.values("client_id"))
        for name in ENROLLMENT_FILES:
            out[name] = model(name).objects.filter(enrollment__in=enrollments.values("pk"))
        out["Exit"] = out["Exit"].filter(exit_date__lte=self.end)
        for name in ASSESSMENT_FILES:
            out[name] = model(name).objects.filter(assessment__in=out["Assessment"].values("pk"))
        return out

    # --- updated in the period ---------------------------------------------------------------

    def _changed(self) -> Q:
        since = dt.datetime.combine(self.start, dt.time.min, tzinfo=self.zone)
        until = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=self.zone)
        return (
            Q(date_created__gte=since, date_created__lt=until)
            | Q(date_updated__gte=since, date_updated__lt=until)
            | Q(date_deleted__gte=since, date_deleted__lt=until)
        )

    def _updated(self) -> dict[str, QuerySet]:
        changed = self._changed()

        def every(name: str) -> QuerySet:
            return model(name)._base_manager.all()

        scope = every("Project")
        if self.projects is not None:
            scope = scope.filter(pk__in=self.projects)
        out: dict[str, QuerySet] = {}
        for name in PROJECT_FILES:
            out[name] = every(name).filter(changed, project__in=scope.values("pk"))
        children: dict[str, QuerySet] = {}
        for name in ENROLLMENT_FILES:
            children[name] = every(name).filter(changed, enrollment__project__in=scope.values("pk"))
        for name in ASSESSMENT_FILES:
            children[name] = every(name).filter(changed, enrollment__project__in=scope.values("pk"))
        # Assessments named by an exported question or result come along.
        assessment_q = Q(pk__in=children["Assessment"].values("pk"))
        for name in ASSESSMENT_FILES:
            assessment_q |= Q(pk__in=children[name].values("assessment_id"))
        children["Assessment"] = every("Assessment").filter(assessment_q)
        out.update(children)
        enrollment_q = Q(changed, project__in=scope.values("pk"))
        for qs in children.values():
            enrollment_q |= Q(pk__in=qs.values("enrollment_id"))
        enrollments = every("Enrollment").filter(enrollment_q)
        out["Enrollment"] = enrollments
        client_q = Q(pk__in=enrollments.values("client_id"))
        for qs in children.values():
            client_q |= Q(pk__in=qs.values("client_id"))
        client_q |= Q(changed) & (
            Q(pk__in=every("Enrollment").filter(project__in=scope.values("pk")).values("client_id"))
            if self.projects is not None
            else Q()
        )
        out["Client"] = every("Client").filter(client_q)
        project_q = Q(changed, pk__in=scope.values("pk")) | Q(pk__in=enrollments.values("project_id"))
        for name in PROJECT_FILES:
            project_q |= Q(pk__in=out[name].values("project_id"))
        project_q |= Q(pk__in=out["Affiliation"].values("res_project_id"))
        projects = every("Project").filter(project_q)
        out["Project"] = projects
        out["Organization"] = every("Organization").filter(
            Q(changed, pk__in=scope.values("organization_id")) | Q(pk__in=projects.values("organization_id"))
        )
        return out
