"""``hearth generate_demo_data``: deterministic, HUD-conformant demo data with known duplicates."""

from __future__ import annotations

import datetime as dt
import random
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Min, Q

from hearth.accounts.models import HudUser
from hearth.clients.models import Client, ClientSearchKey
from hearth.clients.search.engine import search_clients
from hearth.clients.search.query import parse_query
from hearth.core.demo import DemoDataError, generate
from hearth.core.demo.calendar import Calendar
from hearth.core.demo.codes import check_codes
from hearth.core.demo.corrupt import duplicate_of, typo
from hearth.core.demo.people import PeopleFactory, strip_accents
from hearth.core.models import DemoPerson
from hearth.enrollments.models import (
    Assessment,
    CurrentLivingSituation,
    Disability,
    EmploymentEducation,
    Enrollment,
    Event,
    Exit,
    HealthAndDV,
    IncomeBenefit,
    Service,
)
from hearth.hud.spec import FILES
from hearth.hud.validation import ERROR, instance_values, row_problems
from hearth.projects.models import Funder, Inventory, Organization, Project, ProjectCoC
from hearth.testing import factories

TODAY = dt.date(2026, 6, 30)


def snapshot() -> dict[str, list]:
    """The generated content, in key order."""
    return {
        "clients": list(
            Client.objects.order_by("pk").values_list(
                "hud_id", "first_name", "last_name", "ssn", "dob", "owner_organization__organization_name"
            )
        ),
        "enrollments": list(
            Enrollment.objects.order_by("pk").values_list(
                "hud_id",
                "client__hud_id",
                "project__project_name",
                "entry_date",
                "household_id",
                "relationship_to_ho_h",
            )
        ),
        "exits": list(
            Exit.objects.order_by("pk").values_list("enrollment__hud_id", "exit_date", "destination")
        ),
        "services": list(Service.objects.order_by("pk").values_list("enrollment__hud_id", "date_provided")),
        "income": list(
            IncomeBenefit.objects.order_by("pk").values_list(
                "enrollment__hud_id", "data_collection_stage", "total_monthly_income"
            )
        ),
        "truth": list(
            DemoPerson.objects.order_by("pk").values_list("personal_id", "person_key", "corruptions")
        ),
    }


def generate_and_snapshot(**kwargs) -> dict[str, list]:
    with transaction.atomic():
        generate(today=TODAY, **kwargs)
        data = snapshot()
        transaction.set_rollback(True)
    return data


@pytest.mark.django_db
def test_it_makes_the_same_data_for_the_same_seed():
    first = generate_and_snapshot(clients=250, seed=11)
    again = generate_and_snapshot(clients=250, seed=11)
    other = generate_and_snapshot(clients=250, seed=12)

    assert len(first["clients"]) == 250
    assert len(first["enrollments"]) > 250
    assert first == again
    assert first["clients"] != other["clients"]


@pytest.fixture
def demo(db):
    return generate(clients=400, seed=3, duplicate_rate=0.1, dq_defect_rate=0.1, today=TODAY)


def test_it_makes_every_project_type_with_its_reference_records(demo):
    kinds = set(Project.objects.values_list("project_type", "rrh_sub_type"))
    types = {t for t, _ in kinds}
    assert types == {0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14}
    assert {(13, 1), (13, 2)} <= kinds
    assert not Project.objects.exclude(project_type=13).filter(rrh_sub_type__isnull=False).exists()
    for model in (ProjectCoC, Funder):
        assert set(model.objects.values_list("project_id", flat=True)) == set(
            Project.objects.values_list("pk", flat=True)
        )
    residential = Project.objects.filter(project_type__in=[0, 1, 2, 3, 8, 9, 10])
    assert set(residential.values_list("pk", flat=True)) <= set(
        Inventory.objects.values_list("project_id", flat=True)
    )
    assert Organization.objects.count() >= 12


def test_it_gives_each_household_one_head_who_entered_first(demo):
    heads = Enrollment.objects.values("household_id").annotate(
        heads=Count("pk", filter=Q(relationship_to_ho_h=1)),
        members=Count("pk"),
        first_entry=Min("entry_date"),
    )
    assert heads.count() > 100
    assert {row["heads"] for row in heads} == {1}
    assert any(row["members"] > 2 for row in heads), "some households have children"
    head_entry = dict(
        Enrollment.objects.filter(relationship_to_ho_h=1).values_list("household_id", "entry_date")
    )
    for household_id, entry in Enrollment.objects.values_list("household_id", "entry_date"):
        assert head_entry[household_id] <= entry
    children = Enrollment.objects.filter(relationship_to_ho_h=2).select_related("client")
    assert children.exists()
    # A family that returns may bring a child who has turned 18 since (still HUD's "child", 2);
    # a child's first stay is as a minor.
    first_stay: dict[int, Any] = {}
    for e in children.order_by("entry_date"):
        first_stay.setdefault(e.client_id, e)
    assert all(
        e.client.dob is None or (e.entry_date - e.client.dob).days < 18 * 366 for e in first_stay.values()
    )


def test_it_exits_after_entry_and_never_in_the_future(demo):
    assert not Exit.objects.filter(exit_date__lt=F("enrollment__entry_date")).exists()
    assert not Exit.objects.filter(exit_date__gt=TODAY).exists()
    assert not Enrollment.objects.filter(entry_date__gt=TODAY).exists()
    assert not Client.objects.filter(dob__gt=TODAY).exists()
    assert not IncomeBenefit.objects.filter(information_date__gt=TODAY).exists()
    assert not Enrollment.objects.filter(date_created__date__gt=TODAY).exists()
    assert Enrollment.objects.filter(exit__isnull=True).exists(), "some stayers"
    assert not Exit.objects.values("enrollment").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert not Exit.objects.filter(destination__in=[336, 335, 37]).exists()


def test_it_records_bed_nights_only_for_night_by_night_shelter_within_the_stay(demo):
    nights = Service.objects.select_related("enrollment__project")
    assert nights.count() > 0
    assert set(nights.values_list("record_type", "type_provided")) == {(200, 200)}
    assert set(nights.values_list("enrollment__project__project_type", flat=True)) == {1}
    exits = dict(Exit.objects.values_list("enrollment_id", "exit_date"))
    for night in nights:
        assert night.date_provided >= night.enrollment.entry_date
        exit_date = exits.get(night.enrollment_id)
        assert night.date_provided < (exit_date or TODAY + dt.timedelta(days=1))


def test_it_collects_records_once_at_entry_and_at_most_once_at_exit(demo):
    enrollments = Enrollment.objects.count()
    starts = (
        IncomeBenefit.objects.filter(data_collection_stage=1).values("enrollment").annotate(n=Count("pk"))
    )
    assert starts.count() == enrollments
    assert {row["n"] for row in starts} == {1}
    exited = set(Exit.objects.values_list("enrollment_id", flat=True))
    for model in (IncomeBenefit, HealthAndDV, EmploymentEducation):
        at_exit = model.objects.filter(data_collection_stage=3).values("enrollment").annotate(n=Count("pk"))
        assert {row["n"] for row in at_exit} <= {1}
        assert {row["enrollment"] for row in at_exit} <= exited
        assert (
            not model.objects.filter(data_collection_stage=1)
            .values("enrollment")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .exists()
        )
    assert (
        not Disability.objects.filter(data_collection_stage__in=[1, 3])
        .values("enrollment", "disability_type", "data_collection_stage")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
    assert HealthAndDV.objects.exists() and Disability.objects.exists()
    assert IncomeBenefit.objects.filter(data_collection_stage=5).exists(), "annual assessments for long stays"


def test_it_records_living_situations_only_for_outreach_and_coordinated_entry(demo):
    contacts = CurrentLivingSituation.objects.values_list("enrollment__project__project_type", flat=True)
    assert contacts.exists()
    assert set(contacts) <= {4, 14}


def test_it_assesses_coordinated_entry_heads_of_household_and_records_events_after(demo):
    assessments = Assessment.objects.select_related("enrollment__project")
    assert assessments.exists()
    for assessment in assessments:
        assert assessment.enrollment.project.project_type == 14
        assert assessment.enrollment.relationship_to_ho_h == 1
        assert assessment.assessment_date == assessment.enrollment.entry_date
    events = Event.objects.select_related("enrollment")
    assert events.exists()
    assert all(e.event_date >= e.enrollment.entry_date for e in events)
    assert set(events.values_list("enrollment_id", flat=True)) <= set(
        assessments.values_list("enrollment_id", flat=True)
    )


def test_it_passes_model_validation_on_every_record(demo):
    models = [Client, Enrollment, Exit, IncomeBenefit, HealthAndDV, Disability, EmploymentEducation, Service]
    models += [
        CurrentLivingSituation,
        Assessment,
        Event,
        Project,
        Organization,
        Funder,
        Inventory,
        ProjectCoC,
    ]
    checked = 0
    for model in models:
        for obj in model.objects.order_by("pk")[:150]:
            try:
                obj.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                pytest.fail(f"{model.__name__} {obj.pk}: {exc.message_dict}")
            # The rules the CSV importer applies to the same record as a row of its file.
            hud_file = FILES[obj.HUD_FILE]
            errors = [p.message for p in row_problems(hud_file, instance_values(obj)) if p.level == ERROR]
            assert errors == [], f"{model.__name__} {obj.pk}"
            checked += 1
    assert checked > 1000


def test_it_names_an_existing_user_and_an_owning_agency_on_every_record(demo):
    users = set(HudUser.objects.values_list("hud_id", flat=True))
    for model in (Client, Enrollment, Exit, IncomeBenefit, Service, Project):
        assert set(model.objects.values_list("hud_user_id", flat=True)) <= users
    assert not Client.objects.filter(owner_organization__isnull=True).exists()


def test_it_keeps_the_truth_about_duplicates_aside(demo):
    clients = Client.objects.count()
    truth = DemoPerson.objects.all()
    assert truth.count() == clients == 400
    duplicates = truth.filter(is_duplicate=True)
    assert duplicates.count() == 40
    assert set(truth.values_list("client_id", flat=True)) == set(Client.objects.values_list("pk", flat=True))
    originals = {t.person_key: t for t in truth.filter(is_duplicate=False).select_related("client")}
    differing = elsewhere = 0
    for dup in duplicates.select_related("client"):
        original = originals[dup.person_key]  # every duplicate has its person's first record
        a, b = dup.client, original.client
        elsewhere += a.owner_organization_id != b.owner_organization_id
        if (a.first_name, a.last_name, a.ssn, a.dob) != (b.first_name, b.last_name, b.ssn, b.dob):
            differing += 1
            assert dup.corruptions, "every difference is written down"
    assert differing >= 30, "most duplicates carry corruptions"
    assert elsewhere >= 32, "duplicates are made at another agency"
    # The duplicates are separate people as far as HUD data goes: own enrollments, own households.
    assert Enrollment.objects.filter(client__in=duplicates.values("client")).count() >= 40


def test_it_writes_no_defects_when_asked_for_none(db):
    generate(clients=300, seed=5, duplicate_rate=0, dq_defect_rate=0, today=TODAY)
    assert Client.objects.count() == 300
    assert not Client.objects.exclude(name_data_quality=1).exists()
    assert not Client.objects.exclude(dob_data_quality=1).exists()
    assert not Client.objects.filter(Q(dob__isnull=True) | Q(race_none__isnull=False)).exists()
    # Only young children go without an SSN when nothing is defective.
    assert set(Client.objects.values_list("ssn_data_quality", flat=True)) <= {1, 99}
    assert not Client.objects.filter(
        ssn_data_quality=99, dob__lt=TODAY.replace(year=TODAY.year - 18)
    ).exists()
    assert not Enrollment.objects.filter(disabling_condition__in=[8, 9, 99]).exists()
    assert not DemoPerson.objects.exclude(corruptions="").exists()
    assert not DemoPerson.objects.filter(is_duplicate=True).exists()


def test_it_writes_many_defects_at_a_high_rate(db):
    generate(clients=300, seed=5, duplicate_rate=0, dq_defect_rate=0.5, today=TODAY)
    flawed = Client.objects.filter(
        ~Q(ssn_data_quality=1) | ~Q(dob_data_quality=1) | ~Q(name_data_quality=1) | Q(race_none__isnull=False)
    ).count()
    assert flawed > 80
    assert Client.objects.filter(ssn__startswith="xxxxx", ssn_data_quality=2).exists()
    assert Enrollment.objects.filter(disabling_condition__in=[8, 9, 99]).exists()


def test_it_corrupts_duplicates_the_way_real_ones_are():
    cal = Calendar(TODAY, "")
    people = PeopleFactory(random.Random(1), cal, ssn_offset=1)
    person = people.person(1, group="hispanic", sex=1, dob=dt.date(1980, 3, 7).toordinal())
    person.first, person.last, person.accented = "Jesús", "Muñoz", True
    seen: dict[str, set] = {}
    rng = random.Random(2)
    for _ in range(1500):
        rec, kinds = duplicate_of(person, rng)
        if len(kinds) == 1:  # one mistake at a time, to see what each does
            seen.setdefault(kinds[0], set()).add((rec["first"], rec["last"], rec["ssn"], rec["dob"]))
    assert {f for f, *_ in seen["nickname"]} == {"Chuy", "Jesse", "Chucho"}
    assert any(
        s and s.startswith("xxxxx") and s.endswith(person.ssn[-4:]) for _, _, s, _ in seen["ssn_partial"]
    )
    assert any(s is None for _, _, s, _ in seen["ssn_missing"])
    assert dt.date(1980, 7, 3).toordinal() in {d for *_, d in seen["dob_day_month_swapped"]}
    assert {dt.date.fromordinal(d).year for *_, d in seen["dob_year_off"]} <= {1979, 1981}
    assert ("Muñoz", "Jesús") in {(f, la) for f, la, *_ in seen["swapped_names"]}
    assert ("Jesus", "Munoz") in {(f, la) for f, la, *_ in seen["accents_dropped"]}
    assert any("-" in la for _, la, *_ in seen["hyphenated_surname"])
    assert strip_accents("Muñoz") == "Munoz"
    slips = {typo("Hernandez", random.Random(i)) for i in range(30)}
    assert "Hernandez" not in slips and len(slips) > 5


def test_it_uses_only_valid_codes():
    assert check_codes() == []


def test_it_refuses_a_database_that_already_holds_clients(db):
    factories.ClientFactory()
    with pytest.raises(CommandError, match="already holds client records"):
        call_command("generate_demo_data", "--clients", "10", "--seed", "1")


def test_it_prints_the_rows_it_wrote(db):
    out = StringIO()
    call_command("generate_demo_data", "--clients", "60", "--seed", "4", "--today", "2026-01-31", stdout=out)
    text = out.getvalue()
    assert "Demo data: 60 clients" in text
    assert "hud_client" in text and "hud_enrollment" in text
    assert Client.objects.count() == 60
    assert not Enrollment.objects.filter(entry_date__gt=dt.date(2026, 1, 31)).exists()


def test_it_rejects_a_malformed_today(db):
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("generate_demo_data", "--clients", "10", "--today", "yesterday")


def test_it_adds_new_people_beside_an_earlier_load_when_allowed(transactional_db):
    # Outside a test transaction, as the command runs: on PostgreSQL the writer re-adds
    # constraints with ALTER TABLE, which must not meet pending deferred-trigger events.
    generate(clients=60, seed=1, today=TODAY)
    with pytest.raises(DemoDataError):
        generate(clients=40, seed=2, today=TODAY)
    generate(clients=40, seed=2, today=TODAY, allow_existing=True)
    assert Client.objects.count() == DemoPerson.objects.count() == 100
    first = set(DemoPerson.objects.filter(seed=1).values_list("person_key", flat=True))
    second = set(DemoPerson.objects.filter(seed=2).values_list("person_key", flat=True))
    assert first and second and min(second) > max(first)
    assert Client.objects.values("hud_id").distinct().count() == 100
    # Both loads are in the search index, and nothing is indexed twice.
    indexed = set(ClientSearchKey.objects.values_list("client_pk", flat=True))
    assert indexed == set(Client.all_objects.values_list("pk", flat=True))
    assert ClientSearchKey.objects.count() == len(
        set(ClientSearchKey.objects.values_list("key", "client_pk"))
    )


def test_it_makes_every_demo_client_findable_by_search(demo, admin_user):
    people = Client.objects.exclude(first_name="").exclude(last_name="").exclude(dob=None).order_by("pk")[:25]
    for person in people:
        query = parse_query(first_name=person.first_name, last_name=person.last_name, dob=person.dob)
        results = search_clients(user=admin_user, query=query)
        assert person in [result.client for result in results[:10]], person.pk
