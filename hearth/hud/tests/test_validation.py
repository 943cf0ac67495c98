"""Model and form validation of HUD records: code lists, lengths, date order, named fields."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from hearth.clients.models import Client
from hearth.enrollments.models import Disability, Service
from hearth.hud.spec import FILES
from hearth.hud.validation import ERROR, row_problems
from hearth.projects.models import Project
from hearth.testing import factories


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


@pytest.mark.django_db
def test_it_rejects_a_code_outside_the_fields_list():
    client = factories.ClientFactory.build(name_data_quality=7, sex=5)
    errors = errors_of(client)
    assert set(errors) == {"name_data_quality", "sex"}
    assert "7" in errors["name_data_quality"][0]


@pytest.mark.django_db
def test_it_rejects_an_over_long_string():
    client = factories.ClientFactory.build(first_name="A" * 51)
    errors = errors_of(client)
    assert list(errors) == ["first_name"]
    assert "50" in errors["first_name"][0]


@pytest.mark.django_db
def test_it_rejects_an_exit_before_the_entry(project):
    enrollment = factories.EnrollmentFactory(project=project, entry_date=dt.date(2025, 3, 10))
    exit_ = factories.ExitFactory.build(
        enrollment=enrollment, client=enrollment.client, exit_date=dt.date(2025, 3, 9)
    )
    errors = errors_of(exit_)
    assert errors == {"exit_date": ["Exit date is before the project start date."]}
    exit_.exit_date = dt.date(2025, 3, 10)
    exit_.full_clean()  # the same day is a valid exit


@pytest.mark.django_db
def test_it_rejects_an_operating_end_before_the_start(owner_agency):
    project = factories.ProjectFactory.build(
        organization=owner_agency,
        operating_start_date=dt.date(2024, 5, 1),
        operating_end_date=dt.date(2024, 4, 30),
    )
    errors = errors_of(project)
    assert list(errors) == ["operating_end_date"]
    assert "OperatingEndDate" in errors["operating_end_date"][0]


@pytest.mark.django_db
def test_it_rejects_a_destination_the_element_excludes(project):
    enrollment = factories.EnrollmentFactory(project=project)
    exit_ = factories.ExitFactory.build(enrollment=enrollment, client=enrollment.client, destination=37)
    assert "destination" in errors_of(exit_)


@pytest.mark.django_db
def test_it_checks_a_list_chosen_by_another_field(project):
    enrollment = factories.EnrollmentFactory(project=project)
    common = {"enrollment": enrollment, "client": enrollment.client, "date_created": dt.datetime.now(dt.UTC)}
    substance = Disability(information_date=dt.date(2024, 1, 10), disability_type=10, disability_response=5,
                           data_collection_stage=1, hud_user_id="u1", **common)  # fmt: skip
    assert list(errors_of(substance)) == ["disability_response"]
    substance.disability_response = 3  # both alcohol and drug use disorders (list 4.10.2)
    substance.full_clean()
    bed_night = Service(
        date_provided=dt.date(2024, 1, 11), record_type=200, type_provided=1, hud_user_id="u1", **common
    )
    assert list(errors_of(bed_night)) == ["type_provided"]


@pytest.mark.django_db
def test_it_rejects_an_ssn_that_is_not_nine_digits_or_x():
    errors = errors_of(factories.ClientFactory.build(ssn="12345-678", ssn_data_quality=1))
    assert list(errors) == ["ssn"]
    factories.ClientFactory.build(ssn="xxxxx1234", ssn_data_quality=2).full_clean()


def test_it_names_the_hud_column_in_shared_rule_messages():
    problems = [
        p
        for p in row_problems(FILES["Client"], {"FirstName": "B" * 60, "NameDataQuality": 4, "SSN": "12"})
        if p.level == ERROR
    ]
    by_column = {p.column: (p.field, p.rule, p.message) for p in problems}
    assert by_column["FirstName"][:2] == ("first_name", "length")
    assert "FirstName" in by_column["FirstName"][2]
    assert by_column["NameDataQuality"][:2] == ("name_data_quality", "code_list")
    assert "NameDataQuality" in by_column["NameDataQuality"][2]
    assert by_column["SSN"][1] == "ssn_format"


@pytest.mark.django_db
def test_it_shows_the_errors_beside_the_form_fields():
    form_class = modelform_factory(
        Client, fields=["first_name", "name_data_quality", "ssn", "ssn_data_quality"]
    )
    form = form_class(
        data={"first_name": "C" * 51, "name_data_quality": "6", "ssn": "", "ssn_data_quality": "99"}
    )
    assert not form.is_valid()
    assert set(form.errors) >= {"first_name", "name_data_quality"}
    assert "ssn" not in form.errors


@pytest.mark.django_db
def test_it_rejects_a_project_type_outside_the_list(owner_agency):
    project = factories.ProjectFactory.build(organization=owner_agency, project_type=5)
    assert list(errors_of(project)) == ["project_type"]
    assert Project._meta.get_field("project_type").choices
