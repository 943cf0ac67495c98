"""Training completions by hand and from the academy's CSV, and the requests they queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hearth.accounts.models import AccountRequest, Course, TrainingCompletion, TrainingUpload
from hearth.accounts.services.training import TrainingImportError, completion_record, completions_import
from hearth.testing import factories

HEADER = "First Name,Last Name,Email,Employer,Course,Completion Date\n"


def record(actor, **overrides):
    values = {
        "first_name": "Rosa",
        "last_name": "Diaz",
        "academy_email": "rosa@academy.example",
        "employer": "Owner Agency",
        "course": Course.BNT_FAMILIES,
        "completed_on": dt.date(2027, 3, 1),
        "actor": actor,
    }
    values.update(overrides)
    return completion_record(**values)


def test_it_queues_an_account_request_when_a_series_track_is_completed(admin_user, owner_agency):
    completion, request = record(admin_user)
    assert request is not None
    assert request.academy_email == "rosa@academy.example"
    assert request.organization == owner_agency  # the employer name matched the agency
    assert request.status == AccountRequest.Status.PENDING
    assert completion.organization == owner_agency


def test_it_does_not_queue_for_retake(admin_user):
    _, request = record(admin_user, course=Course.RETAKE)
    assert request is None


def test_it_does_not_queue_twice_for_the_same_person(admin_user):
    record(admin_user)
    _, second = record(admin_user, course=Course.BNT_STREET_OUTREACH)
    assert second is None
    assert AccountRequest.objects.count() == 1


def test_it_does_not_queue_for_someone_who_has_an_account(admin_user):
    user = factories.UserFactory(academy_email="rosa@academy.example")
    completion, request = record(admin_user)
    assert request is None
    assert completion.user == user


def test_it_refuses_a_future_date_and_a_repeat(admin_user):
    with pytest.raises(ValidationError, match="future"):
        record(admin_user, completed_on=dt.date(2027, 3, 11))
    record(admin_user)
    with pytest.raises(ValidationError, match="already recorded"):
        record(admin_user, academy_email="ROSA@academy.example")


def test_it_imports_the_academys_csv(admin_user, owner_agency):
    data = (
        HEADER
        + "Rosa,Diaz,rosa@academy.example,Owner Agency,Families,2027-03-01\n"
        + "Sam,Lee,sam@academy.example,Unknown Shelter,Street Outreach,03/02/2027\n"
        + "Ana,Ruiz,ana@academy.example,Owner Agency,RETAKE,2027-03-03\n"
    ).encode()
    result = completions_import(data=data, file_name="march.csv", actor=admin_user)
    assert (result.rows, result.added, result.already_recorded, result.requests_queued) == (3, 3, 0, 2)
    assert TrainingCompletion.objects.filter(upload=result.upload).count() == 3
    sam = AccountRequest.objects.get(academy_email="sam@academy.example")
    assert sam.organization is None and sam.employer == "Unknown Shelter"
    again = completions_import(data=data, file_name="march.csv", actor=admin_user)
    assert (again.added, again.already_recorded, again.requests_queued) == (0, 3, 0)


def test_it_names_the_row_and_column_of_each_problem_and_writes_nothing(admin_user):
    data = (
        HEADER
        + "Rosa,Diaz,rosa@academy.example,Owner Agency,Families,2027-03-01\n"
        + ",Lee,not-an-email,Agency,Cooking,2027-13-45\n"
        + "Ana,Ruiz,ana@academy.example,Owner Agency,RETAKE,2027-04-01\n"
        + "Rosa,Diaz,rosa@academy.example,Owner Agency,Families,2027-03-01\n"
    ).encode()
    with pytest.raises(TrainingImportError) as caught:
        completions_import(data=data, file_name="bad.csv", actor=admin_user)
    problems = caught.value.problems
    assert "Row 3, column first_name: required." in problems
    assert any(p.startswith("Row 3, column email:") for p in problems)
    assert any(p.startswith("Row 3, column course: 'Cooking'") for p in problems)
    assert any(p.startswith("Row 3, column completed_on: '2027-13-45'") for p in problems)
    assert any(p.startswith("Row 4, column completed_on:") and "future" in p for p in problems)
    assert "Row 5: repeats row 2." in problems
    assert TrainingCompletion.objects.count() == 0
    assert TrainingUpload.objects.count() == 0
    assert AccountRequest.objects.count() == 0


def test_it_reports_a_missing_column(admin_user):
    with pytest.raises(TrainingImportError) as caught:
        completions_import(
            data=b"first_name,last_name,email\nA,B,c@d.example\n", file_name="x.csv", actor=admin_user
        )
    assert caught.value.problems == [
        "Row 1 (header): column employer is missing.",
        "Row 1 (header): column course is missing.",
        "Row 1 (header): column completed_on is missing.",
    ]


def test_it_refuses_a_file_that_is_not_utf8(admin_user):
    with pytest.raises(TrainingImportError, match="problem"):
        completions_import(data=HEADER.encode() + "Zoë".encode("utf-16"), file_name="x.csv", actor=admin_user)


def test_the_page_uploads_and_shows_the_problems(client, admin_user):
    client.force_login(admin_user)
    bad = SimpleUploadedFile(
        "bad.csv", (HEADER + "Rosa,Diaz,rosa@academy.example,X,Knitting,2027-03-01\n").encode()
    )
    response = client.post("/accounts/training/upload/", {"file": bad})
    assert response.status_code == 400
    assert b"Row 2, column course: &#x27;Knitting&#x27;" in response.content
    good = SimpleUploadedFile(
        "good.csv", (HEADER + "Rosa,Diaz,rosa@academy.example,X,Families,2027-03-01\n").encode()
    )
    response = client.post("/accounts/training/upload/", {"file": good}, follow=True)
    assert b"1 new-account request(s) queued" in response.content


def test_the_page_records_a_completion_by_hand(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/accounts/training/",
        {
            "entry-first_name": "Rosa",
            "entry-last_name": "Diaz",
            "entry-academy_email": "rosa@academy.example",
            "entry-employer": "Owner Agency",
            "entry-course": "bnt_individuals_youth",
            "entry-completed_on": "2027-03-09",
        },
        follow=True,
    )
    assert b"A new-account request was queued" in response.content
    assert AccountRequest.objects.filter(academy_email="rosa@academy.example").exists()


def test_the_page_is_for_hmis_administrators_only(client, owner):
    client.force_login(owner)
    assert client.get("/accounts/training/").status_code == 403


def test_an_import_links_completions_to_open_accounts_and_queues_no_request_for_them(admin_user):
    rosa = factories.UserFactory(email="Rosa@Owner.example")
    closed = factories.UserFactory(academy_email="sam@academy.example", is_active=False)
    data = (
        HEADER
        + "Rosa,Diaz,rosa@owner.example,Owner Agency,Families,2027-03-01\n"
        + "Sam,Lee,sam@academy.example,Owner Agency,Families,2027-03-01\n"
    ).encode()
    result = completions_import(data=data, file_name="march.csv", actor=admin_user)
    assert result.requests_queued == 1
    assert TrainingCompletion.objects.get(academy_email="rosa@owner.example").user == rosa
    assert TrainingCompletion.objects.get(academy_email="sam@academy.example").user is None
    assert AccountRequest.objects.get().academy_email == "sam@academy.example"
    assert closed.training_completions.count() == 0
