"""factory_boy factories for tests. HUD records get valid defaults for every required field."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from hearth.accounts.models import Role, User
from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment, Exit, Service
from hearth.projects.models import Organization, Project, ProjectCoC

DEFAULT_PASSWORD = "correct-horse-42"


class HudFactory(factory.django.DjangoModelFactory):
    date_created = factory.LazyFunction(timezone.now)
    date_updated = factory.LazyFunction(timezone.now)
    hud_user_id = "system"

    class Meta:
        abstract = True


class OrganizationFactory(HudFactory):
    organization_name = factory.Sequence(lambda n: f"Agency {n}")
    victim_service_provider = 0

    class Meta:
        model = Organization


class ProjectFactory(HudFactory):
    organization = factory.SubFactory(OrganizationFactory)
    project_name = factory.Sequence(lambda n: f"Project {n}")
    operating_start_date = dt.date(2020, 1, 1)
    continuum_project = 1
    project_type = 0

    class Meta:
        model = Project


class ProjectCoCFactory(HudFactory):
    project = factory.SubFactory(ProjectFactory)
    coc_code = "CA-600"

    class Meta:
        model = ProjectCoC


class ClientFactory(HudFactory):
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    name_data_quality = 1
    ssn_data_quality = 99
    dob = dt.date(1980, 5, 17)
    dob_data_quality = 1
    sex = 0
    am_ind_ak_native = 0
    asian = 0
    black_af_american = 0
    hispanic_latinao = 0
    mid_east_n_african = 0
    native_hi_pacific = 0
    white = 1
    veteran_status = 0

    class Meta:
        model = Client


class EnrollmentFactory(HudFactory):
    client = factory.SubFactory(ClientFactory)
    project = factory.SubFactory(ProjectFactory)
    entry_date = dt.date(2024, 1, 10)
    household_id = factory.Sequence(lambda n: f"HH{n:06d}")
    relationship_to_ho_h = 1
    disabling_condition = 0
    enrollment_coc = "CA-600"
    living_situation = 116

    class Meta:
        model = Enrollment


class ExitFactory(HudFactory):
    enrollment = factory.SubFactory(EnrollmentFactory)
    client = factory.SelfAttribute("enrollment.client")
    exit_date = dt.date(2024, 3, 1)
    destination = 410

    class Meta:
        model = Exit


class ServiceFactory(HudFactory):
    enrollment = factory.SubFactory(EnrollmentFactory)
    client = factory.SelfAttribute("enrollment.client")
    date_provided = dt.date(2024, 1, 11)
    record_type = 200
    type_provided = 200

    class Meta:
        model = Service


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    role = Role.CASE_MANAGER
    organization = factory.SubFactory(OrganizationFactory)
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)
    last_login = factory.LazyFunction(timezone.now)

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()
