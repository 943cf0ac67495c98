"""``hearth find_duplicates``: Splink scores likely duplicate pairs and fills the review queue."""

from __future__ import annotations

import csv
import datetime as dt
import random

import pytest
from django.core.management import CommandError, call_command

from hearth.clients.duplicates import find_duplicates
from hearth.clients.models import Client, DuplicatePair
from hearth.clients.review import pair_decide
from hearth.hud.models import local_data_source
from hearth.testing.factories import ClientFactory

pytestmark = pytest.mark.django_db

FIRST = [
    "James",
    "Maria",
    "Robert",
    "Linda",
    "Michael",
    "Ana",
    "David",
    "Rosa",
    "John",
    "Carmen",
    "Luis",
    "Sarah",
]
LAST = ["Smith", "Garcia", "Johnson", "Lopez", "Brown", "Martinez", "Davis", "Hernandez", "Wilson", "Moore"]


@pytest.fixture
def crowd():
    """Sixty distinct people, three of them entered twice with ordinary mistakes."""
    rng = random.Random(5)
    people = []
    for i in range(60):
        people.append(
            ClientFactory(
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                dob=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000)),
                ssn=f"{100 + i:03d}{10 + i % 80:02d}{1000 + i * 7:04d}",
                ssn_data_quality=1,
                sex=i % 2,
            )
        )
    a, b, c = people[3], people[10], people[20]
    dupes = [
        ClientFactory(
            first_name=a.first_name,
            last_name=a.last_name + "e",
            dob=a.dob,
            ssn=a.ssn,
            ssn_data_quality=1,
            sex=a.sex,
        ),
        ClientFactory(
            first_name=b.last_name,
            last_name=b.first_name,
            dob=b.dob,
            ssn=None,
            ssn_data_quality=99,
            sex=b.sex,
        ),
        ClientFactory(
            first_name=c.first_name,
            last_name=c.last_name,
            dob=c.dob.replace(year=c.dob.year + 1),
            ssn="xxxxx" + c.ssn[5:],
            ssn_data_quality=2,
            sex=c.sex,
        ),
    ]
    return people, [(a, dupes[0]), (b, dupes[1]), (c, dupes[2])]


def _pairs():
    return {
        (p.client_a_id, p.client_b_id) for p in DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN)
    }


def test_it_queues_the_duplicates_and_writes_the_csv(tmp_path, crowd):
    _, truth = crowd
    out = tmp_path / "pairs.csv"
    call_command("find_duplicates", "--output", str(out), verbosity=0)
    expected = {tuple(sorted((x.pk, y.pk))) for x, y in truth}
    assert expected <= _pairs()
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    assert {"personal_id_a", "personal_id_b", "match_probability"} <= set(rows[0])
    found = {frozenset((r["personal_id_a"], r["personal_id_b"])) for r in rows}
    assert {frozenset((x.hud_id, y.hud_id)) for x, y in truth} <= found
    swapped = DuplicatePair.objects.get(client_a=min(truth[1][0].pk, truth[1][1].pk))
    assert swapped.evidence["name"] == "first and last names swapped"


def test_it_never_proposes_a_pair_marked_different_again(crowd, admin_user):
    _, truth = crowd
    call_command("find_duplicates", verbosity=0)
    a, b = sorted((truth[0][0].pk, truth[0][1].pk))
    pair = DuplicatePair.objects.get(client_a_id=a, client_b_id=b)
    pair_decide(actor=admin_user, pair=pair, decision=DuplicatePair.Status.DIFFERENT)
    call_command("find_duplicates", verbosity=0)
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.DIFFERENT
    assert (a, b) not in _pairs()


def test_it_explains_a_bad_threshold():
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("find_duplicates", "--threshold", "2")


def test_it_pairs_records_whose_sex_or_first_name_differs_or_whose_dob_is_missing(crowd):
    people, _ = crowd
    x, y, z = people[30], people[40], people[50]
    # Sex recorded the other way and no first name (a placeholder), nothing else to go on but
    # the surname and the date of birth: no blocking rule may need the same sex or a first name.
    no_first = ClientFactory(
        first_name="Unknown", last_name=x.last_name, dob=x.dob, ssn=x.ssn, ssn_data_quality=1, sex=1 - x.sex
    )
    # No date of birth, and the SSN's last digit mistyped: the name and the first five digits.
    no_dob = ClientFactory(
        first_name=y.first_name,
        last_name=y.last_name,
        dob=None,
        dob_data_quality=99,
        ssn=y.ssn[:8] + str((int(y.ssn[8]) + 1) % 10),
        ssn_data_quality=1,
        sex=y.sex,
    )
    # Sex differs and the birth year is off by one, with the same SSN.
    other_sex = ClientFactory(
        first_name=z.first_name,
        last_name=z.last_name,
        dob=z.dob.replace(year=z.dob.year - 1),
        ssn=z.ssn,
        ssn_data_quality=1,
        sex=1 - z.sex,
    )
    call_command("find_duplicates", verbosity=0)
    found = _pairs()
    for original, dupe in ((x, no_first), (y, no_dob), (z, other_sex)):
        assert tuple(sorted((original.pk, dupe.pk))) in found
    pair = DuplicatePair.objects.get(client_a=min(x.pk, no_first.pk), client_b=max(x.pk, no_first.pk))
    assert pair.evidence["name"] == "no first name on one record, last name matches"
    assert pair.evidence["sex"] == "sex differs"


@pytest.fixture
def town():
    """2,400 records, 300 of them a second record of someone (same SSN or same name and date of
    birth, with a typo or a missing field): enough for the model to learn from."""
    rng = random.Random(11)
    built = []
    for _ in range(2100):
        built.append(
            ClientFactory.build(
                first_name=rng.choice(FIRST) + rng.choice(["", "a", "o", "y"]),
                last_name=rng.choice(LAST) + rng.choice(["", "s", "-Cruz", "er", "ton"]),
                dob=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(25000)),
                ssn=f"{rng.randrange(1, 665):03d}{rng.randrange(1, 99):02d}{rng.randrange(1, 9999):04d}",
                ssn_data_quality=1,
                sex=rng.randrange(2),
            )
        )
    for original in built[:300]:
        dupe = ClientFactory.build(
            first_name=original.first_name if rng.random() < 0.8 else original.first_name[:-1] + "e",
            last_name=original.last_name,
            dob=original.dob if rng.random() < 0.85 else None,
            ssn=original.ssn if rng.random() < 0.9 else None,
            ssn_data_quality=1,
            sex=original.sex if rng.random() < 0.95 else 1 - original.sex,
        )
        built.append(dupe)
    source = local_data_source()
    for client in built:
        client.data_source = source
    return Client.objects.bulk_create(built)


def _weights(run_learn: bool, tmp_path):
    out = tmp_path / f"pairs-{run_learn}.csv"
    run = find_duplicates(output=out, fill_queue=False, learn=run_learn)
    with out.open() as handle:
        probs = {
            (r["personal_id_a"], r["personal_id_b"]): float(r["match_weight"]) for r in csv.DictReader(handle)
        }
    return run, probs


def test_it_learns_the_model_from_the_database_it_runs_on(town, tmp_path):
    learned, learned_probs = _weights(True, tmp_path)
    assert learned.model == "u estimated; m learned on ssn_full"
    priors, prior_probs = _weights(False, tmp_path)
    assert priors.model == "u estimated; m priors"
    common = learned_probs.keys() & prior_probs.keys()
    assert len(common) >= 250
    # The learned m probabilities move the scores: the same pairs are weighed differently.
    assert sum(abs(learned_probs[k] - prior_probs[k]) > 0.1 for k in common) >= len(common) // 2


def test_it_keeps_the_priors_on_a_small_database(crowd, tmp_path):
    run, _ = _weights(True, tmp_path)
    assert run.model == "priors (too few records to estimate)"


def test_it_weighs_a_different_middle_initial_against_a_pair(crowd, tmp_path):
    people, _ = crowd
    x, y = people[33], people[44]
    same = ClientFactory(
        first_name=x.first_name, middle_name="Ann", last_name=x.last_name, dob=x.dob, sex=x.sex
    )
    same_twin = ClientFactory(
        first_name=x.first_name, middle_name="A.", last_name=x.last_name, dob=x.dob, sex=x.sex
    )
    other = ClientFactory(
        first_name=y.first_name, middle_name="Beth", last_name=y.last_name, dob=y.dob, sex=y.sex
    )
    other_twin = ClientFactory(
        first_name=y.first_name, middle_name="Carol", last_name=y.last_name, dob=y.dob, sex=y.sex
    )
    out = tmp_path / "pairs.csv"
    find_duplicates(output=out, fill_queue=False, review_threshold=1e-6)
    with out.open() as handle:
        rows = {frozenset((r["personal_id_a"], r["personal_id_b"])): r for r in csv.DictReader(handle)}
    agree = rows[frozenset((same.hud_id, same_twin.hud_id))]
    differ = rows[frozenset((other.hud_id, other_twin.hud_id))]
    assert agree["middle_evidence"] == "middle initial matches"
    assert differ["middle_evidence"] == "middle differs"
    assert float(differ["match_weight"]) < float(agree["match_weight"]) - 2
