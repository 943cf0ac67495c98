"""Done when: HUD's FY2022 test kit imports with no errors, migrated to FY2026 on the way in."""

from __future__ import annotations

import pytest

from hearth.enrollments.models import Enrollment, Exit
from hearth.hmis_csv.tests.builders import TESTKIT_2022, read_csv
from hearth.projects.models import HMISParticipation, Project

pytestmark = pytest.mark.django_db


def _rows(filename):
    header, rows = read_csv(TESTKIT_2022 / filename)
    return [dict(zip(header, r, strict=True)) for r in rows]


def test_it_imports_the_test_kit_with_no_errors(testkit_2022):
    assert testkit_2022.version == "FY2022"
    assert testkit_2022.errors == 0, [i.message for i in testkit_2022.report.kept if i.level == "error"][:5]
    assert testkit_2022.committed
    assert testkit_2022.files["Enrollment"].inserted == len(_rows("Enrollment.csv"))
    assert testkit_2022.files["Services"].inserted == len(_rows("Services.csv"))


def test_it_splits_emergency_shelters_by_tracking_method(testkit_2022):
    for row in _rows("Project.csv"):
        if row["ProjectType"] != "1":
            continue
        project = Project.objects.get(data_source_id=testkit_2022.data_source_id, hud_id=row["ProjectID"])
        assert project.project_type == (1 if row["TrackingMethod"] == "3" else 0)


def test_it_folds_enrollment_coc_into_the_enrollment(testkit_2022):
    coc = {
        r["EnrollmentID"]: r["CoCCode"] for r in _rows("EnrollmentCoC.csv") if r["DataCollectionStage"] == "1"
    }
    stored = dict(
        Enrollment.objects.filter(data_source_id=testkit_2022.data_source_id, hud_id__in=coc).values_list(
            "hud_id", "enrollment_coc"
        )
    )
    assert stored == coc


def test_it_recodes_destinations_with_their_subsidy(testkit_2022):
    rows = _rows("Exit.csv")
    vash = next(r for r in rows if r["Destination"] == "19")
    plain = next(r for r in rows if r["Destination"] == "10")
    exits = Exit.objects.filter(data_source_id=testkit_2022.data_source_id)
    assert exits.get(hud_id=vash["ExitID"]).destination == 435
    assert exits.get(hud_id=vash["ExitID"]).destination_subsidy_type == 419
    assert exits.get(hud_id=plain["ExitID"]).destination == 410


def test_it_makes_hmis_participation_from_the_project_flag(testkit_2022):
    projects = _rows("Project.csv")
    assert HMISParticipation.objects.filter(data_source_id=testkit_2022.data_source_id).count() == len(
        projects
    )


def test_it_reports_the_kit_s_data_quality_issues_as_warnings(testkit_2022):
    rules = {i.rule for i in testkit_2022.report.kept}
    # The kit carries what HUD's data-quality tables count: an exit before its entry, duplicate stages.
    assert {"date_order", "stage_duplicate", "missing_user"} <= rules
    assert all(i.level == "warning" for i in testkit_2022.report.kept)
