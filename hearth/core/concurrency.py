"""Lost-update protection for records staff edit.

An edit form carries an *edit token*: a signed digest of each editable field's value as the form
was drawn. Saving compares the token with the row as it is now (read under a row lock) and refuses
the save when any field has moved on, naming the fields that changed. The token holds keyed
digests, never the values, so no client data leaves in the page beyond what the form shows, and
nothing but field names reaches a message or a log.

Because the check compares values rather than a counter, anything that changes a record - another
user's save, a merge that copies values into the surviving record, an import - makes a stale form
fail the same way, with no extra column to keep in step.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import models

_SALT = "hearth.core.concurrency.edit-token"


class StaleEdit(Exception):
    """The record changed after the form was drawn; nothing was written."""

    def __init__(self, *, model: type[models.Model], fields: list[str], what: str | None = None) -> None:
        self.model = model
        self.fields = fields
        super().__init__(stale_message(model, fields, what=what))


def _digest(obj: models.Model, name: str) -> str:
    value = getattr(obj, name)
    raw = f"{type(obj).__name__}.{obj.pk}.{name}={value!r}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), raw, hashlib.sha256).hexdigest()[:16]


def edit_token(obj: models.Model, fields: Iterable[str]) -> str:
    """The token an edit form carries for ``obj`` (a hidden input, or ``version`` in the API)."""
    return signing.dumps(
        {"m": obj._meta.label_lower, "pk": obj.pk, "h": {name: _digest(obj, name) for name in fields}},
        salt=_SALT,
        compress=True,
    )


def changed_since(obj: models.Model, token: str) -> list[str]:
    """The fields of ``obj`` whose value differs from the one the token was made from. A token
    that is forged, garbled or made for another record counts every field as changed."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return ["(the form's edit token is not valid)"]
    if data.get("m") != obj._meta.label_lower or data.get("pk") != obj.pk:
        return ["(the form was made for another record)"]
    return [name for name, digest in data["h"].items() if _digest(obj, name) != digest]


def check_fresh(obj: models.Model, token: str | None) -> None:
    """Refuse a save made from a stale form. Call inside the saving transaction, before any
    change is applied to ``obj``. The row is re-read under a lock so two saves cannot both pass.
    ``token=None`` means the caller made no claim (services called by imports and commands)."""
    if token is None or obj.pk is None:
        return
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    changed = changed_since(current, token)
    if changed:
        raise StaleEdit(model=type(obj), fields=changed)


def _state_digest(scope: str, name: str, value: Any) -> str:
    raw = f"{scope}.{name}={value!r}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), raw, hashlib.sha256).hexdigest()[:16]


def state_token(scope: str, parts: Mapping[str, Any]) -> str:
    """The token of a form that edits several rows at once (an assessment's income, disability
    and employment records), or rows that may not exist yet. ``scope`` names what the form edits
    (``"enrollment.12.stage.1"``); ``parts`` maps each section to a repr-able snapshot of its
    current values (``None`` for a section with no row yet)."""
    return signing.dumps(
        {"s": scope, "h": {name: _state_digest(scope, name, value) for name, value in parts.items()}},
        salt=_SALT,
        compress=True,
    )


def state_changed(scope: str, token: str | None, parts: Mapping[str, Any]) -> list[str]:
    """The sections whose snapshot differs from the token's (every section for a token that is
    missing, forged or made for another form). ``token=None`` makes no claim: nothing changed."""
    if token is None:
        return []
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return ["(the form's edit token is not valid)"]
    if data.get("s") != scope:
        return ["(the form was made for another record)"]
    digests = data.get("h", {})
    names = sorted(set(digests) | set(parts))
    return [n for n in names if digests.get(n) != _state_digest(scope, n, parts.get(n))]


def check_state(
    scope: str, token: str | None, parts: Mapping[str, Any], *, model: type[models.Model], what: str
) -> None:
    """Refuse a save from a form whose ``state_token`` no longer matches ``parts``. The caller
    reads ``parts`` inside the saving transaction, after locking the row that owns them."""
    changed = state_changed(scope, token, parts)
    if changed:
        raise StaleEdit(model=model, fields=changed, what=what)


def _label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except Exception:
        return name
    verbose = getattr(field, "verbose_name", name)
    return str(verbose)


def stale_message(model: type[models.Model], fields: list[str], *, what: str | None = None) -> str:
    labels = ", ".join(_label(model, name).replace("_", " ") for name in fields)
    return (
        f"Not saved: someone else changed this {what or model._meta.verbose_name} while you were editing "
        f"(changed: {labels}). Your changes are still in the form; check the current record, "
        "then save again."
    )


def changed_payload(error: StaleEdit) -> dict[str, Any]:
    """The body of an API 409 answer."""
    return {"detail": str(error), "changed_fields": error.fields}
