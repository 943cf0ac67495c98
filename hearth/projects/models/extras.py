"""Behaviour Hearth adds to the generated HUD project models."""

from __future__ import annotations

from django.db import models


class OrganizationExtras(models.Model):
    """An agency: HUD's Organization. Staff accounts belong to one."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, "organization_name", "") or getattr(self, "hud_id", ""))


class ProjectExtras(models.Model):
    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, "project_name", "") or getattr(self, "hud_id", ""))

    @property
    def is_night_by_night(self) -> bool:
        return getattr(self, "project_type", None) == 1
