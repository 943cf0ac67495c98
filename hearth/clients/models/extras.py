"""Behaviour Hearth adds to the generated HUD Client model."""

from __future__ import annotations

from django.db import models


class ClientExtras(models.Model):
    # Not HUD data: the agency whose staff created the record. It lets that agency see a client
    # it has just entered before any enrollment or release of information exists.
    owner_organization = models.ForeignKey(
        "projects.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Not HUD data: set on a record merged into another (the record is also soft-deleted). Its
    # identifiers stay searchable and lead to the record it was merged into.
    merged_into = models.ForeignKey(
        "clients.Client",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        help_text="The dominant record this one was merged into.",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        # Never a name: this string reaches logs and admin history.
        return f"Client {getattr(self, 'hud_id', '')}"
