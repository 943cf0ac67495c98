"""Small builders of HUD records for the report tests (on top of hearth.testing.factories)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hearth.enrollments.models import (
    Assessment,
    CurrentLivingSituation,
    Disability,
    Enrollment,
    Event,
    Exit,
    IncomeBenefit,
    Service,
)
from hearth.hud.models import local_data_source
from hearth.reports.models import ReportRun
from hearth.reports.services import report_run_create, report_run_execute
from hearth.testing import factories

D = dt.date


def _bookkeeping() -> dict[str, Any]:
    return {
        "data_source": local_data_source(),
        "date_created": timezone.now(),
        "date_updated": timezone.now(),
        "hud_user_id": "test",
    }


def project(project_type: int, *, organization: Any = None, coc: str = "CA-600", name: str = "") -> Any:
    kwargs: dict[str, Any] = {"project_type": project_type}
    if organization is not None:
        kwargs["organization"] = organization
    if name:
        kwargs["project_name"] = name
    made = factories.ProjectFactory(**kwargs)
    factories.ProjectCoCFactory(project=made, coc_code=coc)
    return made


def person(dob: dt.date | None, **fields: Any) -> Any:
    fields.setdefault("dob_data_quality", 1 if dob else 99)
    return factories.ClientFactory(dob=dob, **fields)


def enroll(
    client: Any,
    in_project: Any,
    entry: dt.date,
    *,
    household: str,
    rel: int = 1,
    exit_on: dt.date | None = None,
    destination: int = 410,
    **fields: Any,
) -> Enrollment:
    fields.setdefault("disabling_condition", 0)
    enrollment: Enrollment = factories.EnrollmentFactory(  # type: ignore[assignment]
        client=client,
        project=in_project,
        entry_date=entry,
        household_id=household,
        relationship_to_ho_h=rel,
        **fields,
    )
    if exit_on is not None:
        Exit.objects.create(
            enrollment=enrollment, client=client, exit_date=exit_on, destination=destination, **_bookkeeping()
        )
    return enrollment


def income(
    enrollment: Enrollment,
    stage: int,
    on: dt.date,
    *,
    any_source: int,
    total: Decimal | int | None = None,
    **amounts: Any,
) -> IncomeBenefit:
    """An income and benefits record; ``ssi=900`` sets SSI to Yes with $900."""
    values: dict[str, Any] = {"income_from_any_source": any_source}
    if total is not None:
        values["total_monthly_income"] = Decimal(total)
    for source, amount in amounts.items():
        values[source] = 1
        values[f"{source}_amount"] = Decimal(amount)
    return IncomeBenefit.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        information_date=on,
        data_collection_stage=stage,
        benefits_from_any_source=0,
        insurance_from_any_source=0,
        **values,
        **_bookkeeping(),
    )


def disability(enrollment: Enrollment, stage: int, on: dt.date, kind: int, response: int = 1) -> Disability:
    return Disability.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        information_date=on,
        disability_type=kind,
        disability_response=response,
        indefinite_and_impairs=1,
        data_collection_stage=stage,
        **_bookkeeping(),
    )


def service(
    enrollment: Enrollment, on: dt.date, *, record_type: int = 200, type_provided: int = 200
) -> Service:
    return Service.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        date_provided=on,
        record_type=record_type,
        type_provided=type_provided,
        **_bookkeeping(),
    )


def contact(enrollment: Enrollment, on: dt.date, situation: int = 116) -> CurrentLivingSituation:
    return CurrentLivingSituation.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        information_date=on,
        current_living_situation=situation,
        **_bookkeeping(),
    )


def ce_assessment(
    enrollment: Enrollment, on: dt.date, *, kind: int = 3, level: int = 2, prioritized: int = 2
) -> Assessment:
    """A CE assessment (4.19): in person, housing needs, not prioritized unless told."""
    return Assessment.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        assessment_date=on,
        assessment_location="Access point",
        assessment_type=kind,
        assessment_level=level,
        prioritization_status=prioritized,
        **_bookkeeping(),
    )


def ce_event(enrollment: Enrollment, on: dt.date, event: int, **fields: Any) -> Event:
    """A CE event (4.20), e.g. ``referral_result=1``."""
    return Event.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        event_date=on,
        event=event,
        **fields,
        **_bookkeeping(),
    )


def run(
    kind: str, start: dt.date, end: dt.date, projects: list[Any], *, user: Any = None, coc: str = ""
) -> ReportRun:
    made = report_run_create(
        user=user,
        kind=kind,
        start_date=start,
        end_date=end,
        projects=projects,
        coc_code=coc,
        background=False,
    )
    return report_run_execute(made.pk)


def run_command(
    kind: str, out: Any, project: Any, start: str = "2024-01-01", end: str = "2024-12-31"
) -> None:
    """``hearth run_report KIND`` for one project, writing its CSV files to ``out``."""
    from django.core.management import call_command

    call_command(
        "run_report", kind, "--start", start, "--end", end, "--project", project.hud_id, "--out", str(out)
    )  # fmt: skip


def cells(finished: ReportRun, key: str) -> list[list[Any]]:
    table = finished.table(key)
    assert table is not None, key
    return [row["cells"] for row in table["rows"]]
