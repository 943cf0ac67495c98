"""Search first: the cases staff meet at the front desk."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.clients.search import parse_query, search_clients
from hearth.testing.factories import ClientFactory

pytestmark = pytest.mark.django_db


def _top(user, **kwargs):
    q = kwargs.pop("q", "")
    results = search_clients(user=user, query=parse_query(q, **kwargs))
    return results


@pytest.fixture
def crowd():
    """Records that look alike, so a search has to rank, not just find."""
    return {
        "jesus": ClientFactory(
            first_name="Jesús",
            last_name="Hernández",
            dob=dt.date(1975, 3, 9),
            ssn="123456789",
            ssn_data_quality=1,
        ),
        "jesus_other": ClientFactory(first_name="Jesus", last_name="Hernandez", dob=dt.date(1990, 11, 30)),
        "lupe": ClientFactory(first_name="Guadalupe", last_name="Garcia-Lopez", dob=dt.date(1968, 7, 4)),
        "lupe_other": ClientFactory(first_name="Maria", last_name="Garcia", dob=dt.date(1968, 7, 4)),
        "pepe": ClientFactory(
            first_name="José",
            last_name="Ramírez",
            dob=dt.date(1982, 2, 14),
            ssn="xxxxx4321",
            ssn_data_quality=2,
        ),
        "paco": ClientFactory(first_name="Francisco", last_name="Nuñez", dob=dt.date(2001, 12, 1)),
        "memo": ClientFactory(first_name="Guillermo", last_name="Soto", dob=dt.date(1959, 5, 20)),
        "nacho": ClientFactory(first_name="Ignacio", last_name="Vega", dob=dt.date(1987, 8, 8)),
        "lalo": ClientFactory(first_name="Eduardo", last_name="Cruz", dob=dt.date(1993, 1, 25)),
        "bill": ClientFactory(first_name="William", last_name="Johnson", dob=dt.date(1970, 6, 15)),
    }


@pytest.mark.parametrize(
    "nickname,formal,last",
    [
        ("Chuy", "jesus", "Hernandez"),
        ("Lupe", "lupe", "Garcia-Lopez"),
        ("Pepe", "pepe", "Ramirez"),
        ("Paco", "paco", "Nunez"),
        ("Memo", "memo", "Soto"),
        ("Nacho", "nacho", "Vega"),
        ("Lalo", "lalo", "Cruz"),
        ("Bill", "bill", "Johnson"),
    ],
)
def test_it_finds_a_formal_name_from_its_nickname(admin_user, crowd, nickname, formal, last):
    results = _top(admin_user, first_name=nickname, last_name=last)
    assert results[0].client == crowd[formal]
    assert any("nickname" in r for r in results[0].reasons)


def test_it_ranks_the_person_with_the_matching_dob_first(admin_user, crowd):
    results = _top(admin_user, q="Chuy Hernandez 3/9/1975")
    assert results[0].client == crowd["jesus"]
    assert results[1].client == crowd["jesus_other"]
    assert results[0].score > results[1].score
    assert "Date of birth matches" in results[0].reasons


def test_it_finds_swapped_first_and_last_names(admin_user, crowd):
    results = _top(admin_user, first_name="Soto", last_name="Guillermo")
    assert results[0].client == crowd["memo"]
    assert "First and last names swapped" in results[0].reasons


def test_it_finds_one_part_of_a_hyphenated_surname(admin_user, crowd):
    results = _top(admin_user, first_name="Guadalupe", last_name="Lopez", dob="07/04/1968")
    assert results[0].client == crowd["lupe"]
    assert any("compound" in r for r in results[0].reasons)


def test_it_ignores_accents(admin_user, crowd):
    results = _top(admin_user, q="jesus hernandez", dob="1975-03-09")
    assert results[0].client == crowd["jesus"]
    results = _top(admin_user, q="Nuñez Francisco")
    assert results[0].client == crowd["paco"]


def test_it_tolerates_typos(admin_user, crowd):
    results = _top(admin_user, first_name="Guilermo", last_name="Sotto", dob="5/20/1959")
    assert results[0].client == crowd["memo"]


def test_it_reads_a_date_typed_day_first(admin_user, crowd):
    results = _top(admin_user, q="Eduardo Cruz 25/01/1993")
    assert results[0].client == crowd["lalo"]
    assert "Date of birth matches" in results[0].reasons


def test_it_finds_by_date_of_birth_alone(admin_user, crowd):
    results = _top(admin_user, q="08/08/1987")
    assert [r.client for r in results] == [crowd["nacho"]]


def test_it_reads_a_swapped_dob_and_says_so(admin_user):
    client = ClientFactory(first_name="Ana", last_name="Reyes", dob=dt.date(1985, 4, 11))
    results = _top(admin_user, q="Ana Reyes", dob="1985-11-04")
    assert results[0].client == client
    assert "Date of birth matches with day and month swapped" in results[0].reasons


def test_it_finds_by_full_ssn_alone(admin_user, crowd):
    results = _top(admin_user, q="123-45-6789")
    assert results[0].client == crowd["jesus"]
    assert "SSN matches" in results[0].reasons


def test_it_finds_by_the_last_four_ssn_digits(admin_user, crowd):
    results = _top(admin_user, ssn_text="6789", last_name="Hernandez")
    assert results[0].client == crowd["jesus"]
    assert "Last four SSN digits match" in results[0].reasons
    # A partial SSN on the record matches the last four of a full one typed in the search.
    results = _top(admin_user, q="Jose Ramirez", ssn_text="555-44-4321")
    assert results[0].client == crowd["pepe"]


def test_it_finds_by_personal_id_and_internal_key(admin_user, crowd):
    record = crowd["lalo"]
    assert _top(admin_user, q=record.hud_id)[0].client == record
    results = _top(admin_user, q=str(record.pk))
    assert results[0].client == record
    assert results[0].score == 100


def test_it_finds_an_alias(admin_user, crowd):
    from django.utils import timezone

    from hearth.clients.models import ClientAlias

    ClientAlias.objects.create(
        client=crowd["bill"], first_name="Sonny", last_name="Jay", created_at=timezone.now()
    )
    results = _top(admin_user, q="Sonny Jay")
    assert results[0].client == crowd["bill"]
    assert "Matched an alias" in results[0].reasons


def test_it_shows_nothing_to_an_outsider(outsider, crowd):
    assert _top(outsider, first_name="Jesus", last_name="Hernandez") == []
    assert _top(outsider, q=crowd["lalo"].hud_id) == []


def test_it_shows_the_owner_only_its_own_clients(owner, client_record, crowd):
    results = _top(owner, q="Maria Lopez")
    assert [r.client for r in results] == [client_record]


def test_it_matches_english_forms_of_spanish_names(admin_user):
    roberto = ClientFactory(first_name="Roberto", last_name="Hernandez", dob=dt.date(1973, 2, 20))
    ClientFactory(first_name="Jorge", last_name="Hernandez", dob=dt.date(1973, 2, 20))
    results = _top(admin_user, first_name="Bob", last_name="Hernandez", dob="02/20/1973")
    assert results[0].client == roberto
    assert "First name is a nickname of the same name" in results[0].reasons


def test_it_finds_an_ssn_with_two_digits_swapped(admin_user):
    record = ClientFactory(
        first_name="Marcus", last_name="Tate", dob=dt.date(1956, 4, 18), ssn="725194829", ssn_data_quality=1
    )
    results = _top(admin_user, first_name="Marcus", last_name="Tte", dob="1955-04-18", ssn_text="725-19-4289")
    assert results[0].client == record
    assert "SSN differs by one digit" in results[0].reasons


def test_it_compares_only_the_year_of_an_approximate_dob(admin_user):
    approximate = ClientFactory(
        first_name="Jorge", last_name="Estrada", dob=dt.date(1974, 1, 1), dob_data_quality=2
    )
    ClientFactory(first_name="Jorge", last_name="Estrada", dob=dt.date(1974, 8, 1))
    results = _top(admin_user, first_name="Jorge", last_name="Estrada", dob="11/27/1974")
    assert results[0].client == approximate
    assert any("approximate" in r for r in results[0].reasons)


def test_it_finds_the_users_own_client_among_many_namesakes(owner, owner_agency):
    # More records of other agencies share the name and date of birth than are ever scored, and
    # they were entered first.
    from hearth.clients.search import engine

    born = dt.date(1980, 5, 17)
    ClientFactory.create_batch(engine.MAX_CANDIDATES + 5, first_name="Maria", last_name="Lopez", dob=born)
    mine = ClientFactory(first_name="Maria", last_name="Lopez", dob=born, owner_organization=owner_agency)
    results = _top(owner, first_name="Maria", last_name="Lopez", dob=born)
    assert [r.client for r in results] == [mine]


def test_it_leads_a_partner_to_a_merged_record_only_if_the_dominant_one_is_visible(
    owner, outsider, admin_user, client_record
):
    from hearth.clients.merge import client_merge

    other = ClientFactory(first_name="Marisol", last_name="Lopez-Vega", dob=dt.date(1980, 5, 17))
    client_merge(actor=admin_user, dominant=client_record, others=[other])
    assert [r.client for r in _top(owner, first_name="Marisol", last_name="Lopez-Vega")] == [client_record]
    assert _top(outsider, first_name="Marisol", last_name="Lopez-Vega") == []


def test_it_does_not_match_on_a_placeholder_name(admin_user):
    # "Unknown Doe" says nothing about who the person is: the record is found by what it does hold.
    placeholder = ClientFactory(first_name="Unknown", last_name="Doe", dob=dt.date(1980, 6, 6))
    assert placeholder not in [r.client for r in _top(admin_user, first_name="Unknown", last_name="Doe")]
    assert [r.client for r in _top(admin_user, q="06/06/1980")] == [placeholder]
