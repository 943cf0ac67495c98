"""My caseload warns assigned staff when an annual assessment is due soon."""

import datetime as dt

from django.urls import reverse

from hearth.enrollments.tests.conftest import enroll


def test_it_warns_assigned_staff_that_an_annual_assessment_is_due_soon(
    client, owner, project, family, time_machine
):
    time_machine.move_to(dt.datetime(2024, 7, 1, 19, 0, tzinfo=dt.UTC), tick=False)
    enroll(owner, project, dt.date(2024, 7, 1), family[0], family[2])
    time_machine.move_to(dt.datetime(2025, 5, 25, 19, 0, tzinfo=dt.UTC), tick=False)  # window opens 1 June
    client.force_login(owner)
    response = client.get(reverse("enrollments:caseload"))
    body = response.content.decode()
    assert "Annual assessments needing attention" in body
    assert "Due soon" in body
    assert "My caseload (1 due)" in body


def test_it_says_nothing_when_no_assessment_is_near(client, owner, project, family, time_machine):
    time_machine.move_to(dt.datetime(2025, 1, 10, 19, 0, tzinfo=dt.UTC), tick=False)
    enroll(owner, project, dt.date(2025, 1, 10), family[0])
    client.force_login(owner)
    body = client.get(reverse("enrollments:caseload")).content.decode()
    assert "needing attention" not in body
    assert "Ana Reyes" in body


def test_it_lists_only_the_users_own_caseload(client, owner, owner_agency, project, family, frozen):
    from hearth.testing import factories

    colleague = factories.UserFactory(organization=owner_agency)
    enroll(owner, project, dt.date(2025, 6, 1), family[0])
    client.force_login(colleague)
    assert "Ana Reyes" not in client.get(reverse("enrollments:caseload")).content.decode()


def test_it_audits_the_caseload_with_the_clients_it_shows(client, owner, project, family, frozen):
    from hearth.audit.models import AuditEvent

    enroll(owner, project, dt.date(2025, 6, 1), family[0])
    client.force_login(owner)
    client.get(reverse("enrollments:caseload"))
    row = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, actor=owner, detail__via="caseload")
    assert row.detail["shown"] == [family[0].pk]
