"""Field factories for the generated HUD models, so every coded, string, date and money field is
declared the same way (and validated the same way by forms and full_clean)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models


def _null(null: bool) -> dict[str, Any]:
    return {"null": True, "blank": True} if null else {}


def coded(list_id: str, verbose_name: str, *, null: bool, exclude: Iterable[int] = ()) -> Any:
    from hearth.hud.codelists import LISTS

    return models.SmallIntegerField(
        verbose_name, choices=LISTS[list_id].choices(exclude), help_text=f"HUD list {list_id}", **_null(null)
    )


def string(length: int, verbose_name: str, *, null: bool) -> Any:
    return models.CharField(verbose_name, max_length=length, **_null(null))


def integer(verbose_name: str, *, null: bool) -> Any:
    return models.IntegerField(verbose_name, validators=[MinValueValidator(0)], **_null(null))


def date(verbose_name: str, *, null: bool) -> Any:
    return models.DateField(verbose_name, **_null(null))


def timestamp(verbose_name: str, *, null: bool) -> Any:
    return models.DateTimeField(verbose_name, **_null(null))


def money(verbose_name: str, *, null: bool, non_negative: bool) -> Any:
    validators = [MinValueValidator(Decimal("0"))] if non_negative else []
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=validators, **_null(null)
    )
