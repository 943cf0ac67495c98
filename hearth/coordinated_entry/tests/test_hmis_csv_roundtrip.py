"""Coordinated entry data made in Hearth survives the HMIS CSV round trip: every assessment
(Assessment.csv), its answers and score (AssessmentQuestions.csv, AssessmentResults.csv) and every
referral event with its result (Event.csv) is exported, and importing that export back restores
each one with every HUD field unchanged."""

import datetime as dt

import pytest
import time_machine

from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import Opening, QueueEntry, Referral
from hearth.coordinated_entry.tests.helpers import ensure_questionnaire, housing_program, place_on_queue
from hearth.enrollments.models import Assessment, AssessmentQuestion, AssessmentResult, Event
from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.services import export_hmis_csv
from hearth.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)
MODELS = (Assessment, AssessmentQuestion, AssessmentResult, Event)
SKIP = {"id", "date_created", "date_updated", "data_source"}


def _snapshot() -> dict[str, dict[str, dict[str, object]]]:
    out = {}
    for model in MODELS:
        # A record's assessment is named by its HUD key: the internal key is new after the import.
        fields = [
            "assessment__hud_id" if f.name == "assessment" else f.attname
            for f in model._meta.concrete_fields
            if f.name not in SKIP
        ]
        out[model.__name__] = {row["hud_id"]: row for row in model.objects.values(*fields)}
    return out


def test_it_exports_every_assessment_and_event_and_imports_them_back(owner, client_record, project, tmp_path):
    other = factories.ClientFactory(
        first_name="Zed", last_name="Quinn", owner_organization=project.organization
    )
    factories.EnrollmentFactory(client=other, project=project)
    with time_machine.travel(dt.datetime(2025, 6, 2, 18, 0, tzinfo=dt.UTC), tick=False):
        first = place_on_queue(owner, client_record, yes=3, day=dt.date(2025, 6, 2))
        second = place_on_queue(owner, other, yes=1, day=dt.date(2025, 6, 2))
        opening = services.opening_post(
            actor=owner, project=housing_program(project.organization), description="Unit 1", event_type=14
        )
        declined = services.refer(actor=owner, opening=opening, entry=first)
        services.decline(actor=owner, referral=declined, reason=2)
        services.accept(actor=owner, referral=services.refer(actor=owner, opening=opening, entry=second))
    before = _snapshot()
    assert len(before["Assessment"]) == 2 and len(before["Event"]) == 2
    questions = ensure_questionnaire().questions.count()
    assert len(before["AssessmentQuestion"]) == 2 * questions and len(before["AssessmentResult"]) == 2

    export_hmis_csv(tmp_path / "out", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    # Take the CE records away (the workflow's rows first, which point at them) and load the export.
    Referral.objects.all().delete()
    QueueEntry.objects.all().delete()
    Opening.objects.all().delete()
    for model in (AssessmentResult, AssessmentQuestion, Event, Assessment):
        model.objects.all().delete()
    result = import_export(tmp_path / "out")
    assert result.committed and result.errors == 0

    after = _snapshot()
    for name, rows in before.items():
        assert after[name].keys() == rows.keys(), name
        for hud_id, row in rows.items():
            assert after[name][hud_id] == row, (name, hud_id)
