"""The edit tokens behind lost-update protection (docs/decisions/0073)."""

import pytest
from django.core import signing

from hearth.clients.models import Client
from hearth.core.concurrency import (
    StaleEdit,
    changed_since,
    check_fresh,
    check_state,
    edit_token,
    state_changed,
    state_token,
)


def test_it_names_the_sections_that_moved_on():
    token = state_token("household.7", {"member 1": 1, "member 2": 3})
    assert state_changed("household.7", token, {"member 1": 1, "member 2": 3}) == []
    assert state_changed("household.7", token, {"member 1": 1, "member 2": 4}) == ["member 2"]
    # A member added or taken out since counts as a change too.
    assert state_changed("household.7", token, {"member 1": 1}) == ["member 2"]
    assert state_changed("household.7", token, {"member 1": 1, "member 2": 3, "member 5": 2}) == ["member 5"]


def test_it_refuses_a_token_that_is_missing_forged_or_made_for_another_form():
    token = state_token("household.7", {"member 1": 1})
    assert state_changed("household.8", token, {"member 1": 1}) == ["(the form was made for another record)"]
    assert state_changed("household.7", "", {"member 1": 1}) == ["(the form's edit token is not valid)"]
    forged = signing.dumps({"s": "household.7", "h": {"member 1": "0" * 16}}, salt="another salt")
    assert state_changed("household.7", forged, {"member 1": 1}) == ["(the form's edit token is not valid)"]
    # No token at all is how imports and commands say they make no claim.
    assert state_changed("household.7", None, {"member 1": 1}) == []


def test_it_keeps_values_out_of_the_token_and_the_message(client_record):
    token = edit_token(client_record, ["first_name", "last_name"])
    assert "Maria" not in signing.loads(token, salt="hearth.core.concurrency.edit-token").__repr__()
    Client.objects.filter(pk=client_record.pk).update(first_name="Mariana")
    assert changed_since(Client.objects.get(pk=client_record.pk), token) == ["first_name"]
    with pytest.raises(StaleEdit) as refused:
        check_fresh(client_record, token)
    assert "Maria" not in str(refused.value) and "FirstName (3.01.1)" in str(refused.value)


def test_it_raises_with_the_callers_name_for_what_was_edited():
    token = state_token("enrollment.1.assessment.1", {"disabilities": None})
    with pytest.raises(StaleEdit) as refused:
        check_state(
            "enrollment.1.assessment.1", token, {"disabilities": (1,)}, model=Client, what="assessment"
        )
    assert str(refused.value).startswith("Not saved: someone else changed this assessment")
    assert refused.value.fields == ["disabilities"]
