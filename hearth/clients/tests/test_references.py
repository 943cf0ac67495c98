"""A merge finds the rows to move from the model metadata, so models added later move too."""

from __future__ import annotations

import pytest

from hearth.clients.merge import client_merge
from hearth.clients.models import Client
from hearth.clients.references import NOT_MOVED, references_to
from hearth.testing.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_it_finds_every_foreign_key_to_client_in_every_app():
    found = {ref.label for ref in references_to(Client)}
    expected = {
        f"{rel.related_model._meta.label_lower}.{rel.field.name}"
        for rel in Client._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and rel.field.concrete
    } - NOT_MOVED
    assert found == expected
    # The HUD files, the profile details and rows of other apps alike.
    assert {
        "enrollments.enrollment.client",
        "enrollments.service.client",
        "clients.clientalias.client",
    } <= found
    assert len({label.split(".")[0] for label in found}) >= 2


def test_it_leaves_a_one_to_one_row_the_dominant_record_already_has(admin_user):
    from hearth.core.models import DemoPerson

    dominant, other = ClientFactory(), ClientFactory()
    mine = DemoPerson.objects.create(client=dominant, personal_id=dominant.hud_id, person_key=1, seed=1)
    theirs = DemoPerson.objects.create(client=other, personal_id=other.hud_id, person_key=1, seed=1)
    merge = client_merge(actor=admin_user, dominant=dominant, others=[other])
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.client_id, theirs.client_id) == (dominant.pk, other.pk)
    assert merge.summary["left"] == 1
