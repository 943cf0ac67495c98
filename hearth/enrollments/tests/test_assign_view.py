"""Assigning staff to an enrollment (/enrollments/<enrollment>/assign/): the annual assessment's
due-soon warning follows the assignment."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.accounts.models import Role
from hearth.enrollments.models import CaseAssignment
from hearth.enrollments.tests.conftest import enroll
from hearth.testing import factories


@pytest.fixture
def colleague(owner_agency):
    return factories.UserFactory(
        username="colleague", first_name="Dana", organization=owner_agency, role=Role.CASE_MANAGER
    )


@pytest.fixture
def due_soon(owner, project, family, time_machine):
    """A household enrolled by ``owner`` on 1 July 2024, seen on 25 May 2025 (window opens 1 June)."""
    time_machine.move_to(dt.datetime(2024, 7, 1, 19, 0, tzinfo=dt.UTC), tick=False)
    head, _child = enroll(owner, project, dt.date(2024, 7, 1), family[0], family[2])
    time_machine.move_to(dt.datetime(2025, 5, 25, 19, 0, tzinfo=dt.UTC), tick=False)
    return head


def test_it_moves_the_due_soon_warning_to_the_newly_assigned_staff(client, owner, colleague, due_soon):
    client.force_login(owner)
    assert "My caseload (1 due)" in client.get(reverse("enrollments:caseload")).content.decode()

    response = client.post(reverse("enrollments:assign", args=[due_soon.pk]), {"staff": colleague.pk})

    assert response.status_code == 302
    assert CaseAssignment.objects.get(enrollment=due_soon).staff == colleague
    body = client.get(reverse("enrollments:caseload")).content.decode()
    assert "My caseload (1 due)" not in body
    client.force_login(colleague)
    body = client.get(reverse("enrollments:caseload")).content.decode()
    assert "My caseload (1 due)" in body and "Due soon" in body and "Ana Reyes" in body


def test_it_refuses_to_assign_staff_of_another_agency(client, owner, partner, due_soon):
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:assign", args=[due_soon.pk]), {"staff": partner.pk}, follow=True
    )
    assert "Assign someone who works at this program" in response.content.decode()
    assert CaseAssignment.objects.get(enrollment=due_soon).staff == owner


def test_it_refuses_assignment_by_a_read_only_user(client, owner, owner_agency, colleague, due_soon):
    reader = factories.UserFactory(organization=owner_agency, role=Role.READ_ONLY)
    client.force_login(reader)
    response = client.post(reverse("enrollments:assign", args=[due_soon.pk]), {"staff": colleague.pk})
    assert response.status_code == 403
    assert CaseAssignment.objects.get(enrollment=due_soon).staff == owner
