"""Releases of information govern which other agencies see a client."""

import datetime as dt

import pytest

from hearth.clients.access import clients_for_user
from hearth.enrollments.models import ReleaseOfInformation
from hearth.enrollments.services import RoiInput, roi_create, roi_revoke
from hearth.testing import factories


@pytest.fixture
def partner_in_coc(partner_project):
    """The partner agency runs a project in CA-600."""
    factories.ProjectCoCFactory(project=partner_project, coc_code="CA-600")
    return partner_project


def _release(owner, client, *, start, end, permission=True, coc_code="", organizations=()):
    return roi_create(
        actor=owner,
        client=client,
        data=RoiInput(
            permission=permission,
            start_date=start,
            end_date=end,
            documentation=ReleaseOfInformation.Documentation.SIGNED_PAPER,
            coc_code=coc_code,
            organizations=list(organizations),
        ),
    )


def _sees(user, client):
    return clients_for_user(user).filter(pk=client.pk).exists()


def test_it_shares_nothing_without_a_release(owner, partner, outsider, client_record, partner_in_coc, frozen):
    assert _sees(owner, client_record)
    assert not _sees(partner, client_record)
    assert not _sees(outsider, client_record)


def test_it_shares_with_an_agency_named_in_a_current_release(
    owner, partner, outsider, partner_agency, client_record, frozen
):
    _release(
        owner,
        client_record,
        start=dt.date(2025, 1, 1),
        end=dt.date(2026, 1, 1),
        organizations=[partner_agency],
    )
    assert _sees(partner, client_record)
    assert not _sees(outsider, client_record)


def test_it_shares_with_the_agencies_of_a_named_coc(
    owner, partner, outsider, client_record, partner_in_coc, frozen
):
    _release(owner, client_record, start=dt.date(2025, 1, 1), end=dt.date(2026, 1, 1), coc_code="CA-600")
    assert _sees(partner, client_record)
    assert not _sees(outsider, client_record)


def test_it_does_not_share_with_the_agencies_of_another_coc(
    owner, partner, client_record, partner_in_coc, frozen
):
    _release(owner, client_record, start=dt.date(2025, 1, 1), end=dt.date(2026, 1, 1), coc_code="CA-601")
    assert not _sees(partner, client_record)


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2024, 1, 1), dt.date(2025, 6, 15)), (dt.date(2025, 6, 17), dt.date(2026, 6, 17))],
    ids=["expired yesterday", "starts tomorrow"],
)
def test_it_shares_only_while_the_release_is_current(
    owner, partner, partner_agency, client_record, frozen, start, end
):
    _release(owner, client_record, start=start, end=end, organizations=[partner_agency])
    assert not _sees(partner, client_record)


def test_it_shares_on_the_first_and_last_day(owner, partner, partner_agency, client_record, frozen):
    _release(
        owner,
        client_record,
        start=dt.date(2025, 6, 16),
        end=dt.date(2025, 6, 16),
        organizations=[partner_agency],
    )
    assert _sees(partner, client_record)


def test_it_does_not_share_when_the_client_refused(owner, partner, partner_agency, client_record, frozen):
    _release(
        owner,
        client_record,
        start=dt.date(2025, 1, 1),
        end=dt.date(2026, 1, 1),
        permission=False,
        organizations=[partner_agency],
    )
    assert not _sees(partner, client_record)


def test_it_stops_sharing_when_the_release_is_revoked(owner, partner, partner_agency, client_record, frozen):
    roi = _release(
        owner,
        client_record,
        start=dt.date(2025, 1, 1),
        end=dt.date(2026, 1, 1),
        organizations=[partner_agency],
    )
    roi_revoke(actor=owner, roi=roi)
    assert not _sees(partner, client_record)


def test_it_follows_the_clock_to_the_end_date(owner, partner, partner_agency, client_record, time_machine):
    time_machine.move_to(dt.datetime(2025, 3, 1, 20, 0, tzinfo=dt.UTC), tick=False)
    _release(
        owner,
        client_record,
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 3, 31),
        organizations=[partner_agency],
    )
    assert _sees(partner, client_record)
    # 07:30 UTC on 1 April is still 31 March in Los Angeles.
    time_machine.move_to(dt.datetime(2025, 4, 1, 6, 30, tzinfo=dt.UTC), tick=False)
    assert _sees(partner, client_record)
    time_machine.move_to(dt.datetime(2025, 4, 1, 8, 0, tzinfo=dt.UTC), tick=False)
    assert not _sees(partner, client_record)


def test_it_counts_the_visible_clients_as_the_access_rule_selects_them(
    owner, partner, outsider, admin_user, client_record, partner_in_coc, partner_agency, frozen
):
    from hearth.clients.access import visible_client_count

    # Seen by the partner three ways: its own record, its enrollment, a release; one of each twice.
    factories.ClientFactory(owner_organization=partner_agency)
    enrolled = factories.EnrollmentFactory(project=partner_in_coc).client
    factories.EnrollmentFactory(project=partner_in_coc, client=enrolled)
    today = dt.date(2025, 6, 1)
    _release(
        owner, client_record, start=today, end=today + dt.timedelta(days=365), organizations=[partner_agency]
    )
    for user in (owner, partner, outsider, admin_user):
        assert visible_client_count(user) == clients_for_user(user).count()
    assert visible_client_count(partner) == 3
