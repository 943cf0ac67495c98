"""The exit page: members, destinations, checklist, head hand-over, dates."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.enrollments.models import Enrollment, Exit, ExitStep
from hearth.enrollments.services import service_record
from hearth.enrollments.tests.conftest import enroll


@pytest.fixture
def household(owner, project, family, frozen):
    return enroll(owner, project, dt.date(2025, 6, 1), *family, relationships=[1, 3, 2])


def _data(*leaving, exit_date="2025-06-16", **extra):
    data = {"exit_date": exit_date}
    for enrollment in leaving:
        data[f"x{enrollment.pk}-leaving"] = "1"
        data[f"x{enrollment.pk}-destination"] = "410"
    data.update(extra)
    return data


def test_it_preselects_only_the_member_whose_page_it_is(client, owner, household):
    client.force_login(owner)
    response = client.get(reverse("enrollments:exit", args=[household[2].pk]))
    picked = {r["member"].enrollment.pk: r["picked"] for r in response.context["rows"]}
    assert picked == {household[0].pk: False, household[1].pk: False, household[2].pk: True}


def test_it_exits_one_member(client, owner, household):
    client.force_login(owner)
    response = client.post(reverse("enrollments:exit", args=[household[2].pk]), _data(household[2]))
    assert response.status_code == 302
    assert list(Exit.objects.values_list("enrollment_id", flat=True)) == [household[2].pk]


def test_it_asks_for_a_new_head_when_the_head_leaves_alone(client, owner, household):
    head, second, third = household
    client.force_login(owner)
    url = reverse("enrollments:exit", args=[head.pk])
    response = client.post(url, _data(head))
    assert response.status_code == 200
    assert "name a new head" in response.content.decode()
    response = client.post(url, _data(head, new_head=second.pk, former_head_relationship=3))
    assert response.status_code == 302
    assert Enrollment.objects.get(pk=second.pk).relationship_to_ho_h == 1


def test_it_requires_a_subsidy_type_for_a_subsidised_rental(client, owner, household):
    client.force_login(owner)
    data = _data(household[2])
    data[f"x{household[2].pk}-destination"] = "435"
    response = client.post(reverse("enrollments:exit", args=[household[2].pk]), data)
    assert response.status_code == 200
    assert "Choose the subsidy type." in response.content.decode()
    data[f"x{household[2].pk}-destination_subsidy_type"] = "419"
    assert client.post(reverse("enrollments:exit", args=[household[2].pk]), data).status_code == 302
    assert Exit.objects.get().destination_subsidy_type == 419


def test_it_shows_the_checklist_and_requires_it(client, owner, project, household):
    step = ExitStep.objects.create(project=project, position=1, text="Locker emptied")
    client.force_login(owner)
    url = reverse("enrollments:exit", args=[household[2].pk])
    assert "Locker emptied" in client.get(url).content.decode()
    response = client.post(url, _data(household[2]))
    assert "Confirm every exit step first" in response.content.decode()
    assert not Exit.objects.exists()
    assert client.post(url, _data(household[2], **{f"step_{step.pk}": "on"})).status_code == 302


@pytest.mark.parametrize(
    ("exit_date", "message"), [("2025-05-31", "before a member"), ("2025-06-17", "future")]
)
def test_it_refuses_impossible_exit_dates(client, owner, household, exit_date, message):
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:exit", args=[household[2].pk]), _data(household[2], exit_date=exit_date)
    )
    assert message in response.content.decode()
    assert not Exit.objects.exists()


def test_it_warns_when_the_exit_is_before_the_last_service(client, owner, household):
    service_record(
        actor=owner,
        enrollment=household[2],
        date_provided=dt.date(2025, 6, 15),
        record_type=144,
        type_provided=2,
    )
    client.force_login(owner)
    url = reverse("enrollments:exit", args=[household[2].pk])
    response = client.post(url, _data(household[2], exit_date="2025-06-14"))
    assert "before the last service" in response.content.decode()
    assert not Exit.objects.exists()
    response = client.post(url, _data(household[2], exit_date="2025-06-14", accept_before_last_service="on"))
    assert response.status_code == 302
    assert Exit.objects.count() == 1


def test_it_exits_the_whole_household(client, owner, household):
    client.force_login(owner)
    response = client.post(reverse("enrollments:exit", args=[household[0].pk]), _data(*household))
    assert response.status_code == 302
    assert Exit.objects.count() == 3


def test_it_audits_the_exit_form_for_every_member_shown(client, owner, household):
    from hearth.audit.models import AuditEvent

    client.force_login(owner)
    client.get(reverse("enrollments:exit", args=[household[2].pk]))
    shown = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, actor=owner, detail__page="exit form")
    assert sorted(shown.values_list("client_id", flat=True)) == sorted(e.client_id for e in household)
