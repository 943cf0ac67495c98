"""``hearth find_duplicates``: Splink scores likely duplicate pairs and fills the review queue."""

from __future__ import annotations

import csv
import datetime as dt
import random

import pytest
from django.core.management import CommandError, call_command

from hearth.clients.models import DuplicatePair
from hearth.clients.review import pair_decide
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
