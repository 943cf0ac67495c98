"""Writes to client records. Views, the API, imports and commands all come through here.

Every write runs in one transaction with its audit row; the search index follows each save
(hearth.clients.signals), so a new or corrected record is findable at once.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record, changed_fields
from hearth.clients.models import Client, ClientAlias, ClientContact
from hearth.core import clock
from hearth.core.concurrency import check_fresh
from hearth.core.concurrency import edit_token as make_edit_token

# The HUD universal data elements staff edit on the profile (Client.csv columns).
NAME_FIELDS = ["first_name", "middle_name", "last_name", "name_suffix", "name_data_quality"]
SSN_FIELDS = ["ssn", "ssn_data_quality"]
DOB_FIELDS = ["dob", "dob_data_quality"]
RACE_FIELDS = [
    "am_ind_ak_native",
    "asian",
    "black_af_american",
    "hispanic_latinao",
    "mid_east_n_african",
    "native_hi_pacific",
    "white",
]
RACE_GROUP = [*RACE_FIELDS, "race_none", "additional_race_ethnicity"]
VETERAN_FIELDS = [
    "veteran_status",
    "year_entered_service",
    "year_separated",
    "world_war_ii",
    "korean_war",
    "vietnam_war",
    "desert_storm",
    "afghanistan_oef",
    "iraq_oif",
    "iraq_ond",
    "other_theater",
    "military_branch",
    "discharge_status",
]
PROFILE_FIELDS = [*NAME_FIELDS, *SSN_FIELDS, *DOB_FIELDS, "sex", *RACE_GROUP, *VETERAN_FIELDS]


def _values(client: Client) -> dict[str, Any]:
    return {name: getattr(client, name) for name in PROFILE_FIELDS}


def profile_edit_token(client: Client) -> str:
    """The token the profile form carries (see hearth.core.concurrency)."""
    return make_edit_token(client, PROFILE_FIELDS)


def _hud_user_id(actor: Any) -> str:
    return (getattr(actor, "hud_user_id", "") or str(getattr(actor, "pk", "") or "system"))[:32]


@transaction.atomic
def client_create(
    *, actor: Any, data: dict[str, Any], ip_address: str | None = None, clock_: clock.Clock | None = None
) -> Client:
    """Create a client from profile values (HUD field names). The caller has already shown the
    likely existing records (search first); this only saves."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    client = Client(**data)
    client.owner_organization_id = getattr(actor, "organization_id", None)
    client.hud_user_id = _hud_user_id(actor)
    client.full_clean()
    client.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=client,
        ip_address=ip_address,
        detail={"fields": sorted(k for k, v in data.items() if v not in (None, ""))},
        clock_=clock_,
    )
    return client


@transaction.atomic
def client_update(
    *,
    actor: Any,
    client: Client,
    data: dict[str, Any],
    ip_address: str | None = None,
    edit_token: str | None = None,
) -> list[str]:
    """Change profile values; returns the names of the fields that changed. With the
    ``edit_token`` the form was drawn with, a save over someone else's newer change raises
    StaleEdit and writes nothing."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    check_fresh(client, edit_token)
    before = _values(client)
    for name, value in data.items():
        setattr(client, name, value)
    changed = changed_fields(before, _values(client))
    if not changed:
        return []
    client.hud_user_id = _hud_user_id(actor)
    client.full_clean()
    client.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=client,
        ip_address=ip_address,
        detail={"fields": changed},
    )
    return changed


ALIAS_FIELDS = ["kind", "first_name", "middle_name", "last_name"]
CONTACT_FIELDS = ["kind", "value", "note", "preferred", "ok_to_leave_message"]


@transaction.atomic
def alias_save(
    *,
    actor: Any,
    client: Client,
    data: dict[str, Any],
    alias: ClientAlias | None = None,
    ip_address: str | None = None,
) -> ClientAlias:
    if alias is None:
        alias = ClientAlias(
            client=client, created_at=clock.now(), created_by=actor if actor.is_authenticated else None
        )
    elif alias.client_id != client.pk:
        raise ValueError("The alias belongs to another client.")
    for name in ALIAS_FIELDS:
        if name in data:
            setattr(alias, name, data[name] or "")
    if not (alias.first_name or alias.last_name):
        from django.core.exceptions import ValidationError

        raise ValidationError("An alias needs a first or a last name.")
    created = alias.pk is None
    alias.full_clean()
    alias.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=client,
        ip_address=ip_address,
        detail={"alias": "added" if created else "changed", "alias_id": alias.pk},
    )
    return alias


@transaction.atomic
def alias_delete(*, actor: Any, alias: ClientAlias, ip_address: str | None = None) -> None:
    client = alias.client
    alias_id = alias.pk
    alias.delete()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=client,
        ip_address=ip_address,
        detail={"alias": "removed", "alias_id": alias_id},
    )


@transaction.atomic
def contact_save(
    *,
    actor: Any,
    client: Client,
    data: dict[str, Any],
    contact: ClientContact | None = None,
    ip_address: str | None = None,
) -> ClientContact:
    if contact is None:
        contact = ClientContact(
            client=client, created_at=clock.now(), created_by=actor if actor.is_authenticated else None
        )
    elif contact.client_id != client.pk:
        raise ValueError("The contact belongs to another client.")
    for name in CONTACT_FIELDS:
        if name in data:
            setattr(contact, name, data[name])
    created = contact.pk is None
    contact.full_clean()
    contact.save()
    if contact.preferred:
        # One preferred way to reach a person.
        ClientContact.objects.filter(client=client, preferred=True).exclude(pk=contact.pk).update(
            preferred=False
        )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=client,
        ip_address=ip_address,
        detail={"contact": "added" if created else "changed", "contact_id": contact.pk},
    )
    return contact


@transaction.atomic
def contact_delete(*, actor: Any, contact: ClientContact, ip_address: str | None = None) -> None:
    client = contact.client
    contact_id = contact.pk
    contact.delete()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=client,
        ip_address=ip_address,
        detail={"contact": "removed", "contact_id": contact_id},
    )


def client_viewed(
    *, actor: Any, client: Client, ip_address: str | None = None, what: str = "profile"
) -> None:
    """Record that the actor looked at the client's record."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEvent.Action.VIEW,
            obj=client,
            ip_address=ip_address,
            detail={"page": what},
        )
