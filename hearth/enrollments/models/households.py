"""The global household: a grouping of clients kept on the client record.

It is not HUD data. It lets staff record who a client usually lives with, so that enrolling the
family pre-selects its members and its head. A program enrollment's household (HUD HouseholdID and
RelationshipToHoH) is separate: enrolling copies nothing back here, and changing a relationship here
never changes an enrollment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.hud.codelists import LISTS

SELF = 1
# HUD's RelationshipToHoH vocabulary, without "Data not collected": staff choose a relationship.
RELATIONSHIP_CHOICES = LISTS["3.15.1"].choices(exclude=(99,))
MEMBER_RELATIONSHIP_CHOICES = LISTS["3.15.1"].choices(exclude=(SELF, 99))


class GlobalHousehold(models.Model):
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "enrollments_global_household"

    def __str__(self) -> str:
        return f"Global household {self.pk}"


class GlobalHouseholdMember(models.Model):
    household = models.ForeignKey(GlobalHousehold, on_delete=models.CASCADE, related_name="members")
    # A client is in at most one global household.
    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, related_name="global_membership"
    )
    relationship = models.SmallIntegerField("relationship to the head", choices=RELATIONSHIP_CHOICES)
    joined_at = models.DateTimeField()

    class Meta:
        db_table = "enrollments_global_household_member"
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(relationship=SELF),
                name="one_global_head_per_household",
            )
        ]

    def __str__(self) -> str:
        return f"Member {self.client_id} of global household {self.household_id}"

    @property
    def is_head(self) -> bool:
        return self.relationship == SELF
