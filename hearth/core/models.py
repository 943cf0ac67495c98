"""Hearth's own non-HUD tables that belong to no single domain."""

from __future__ import annotations

from django.db import models


class DemoPerson(models.Model):
    """The truth behind demo data: which real (synthetic) person each Client record is.

    ``hearth generate_demo_data`` makes some people twice or more, as different agencies'
    staff would, with the record corrupted the way real duplicates are. This table is never
    shown to users and is not HUD data: it exists so that duplicate detection can be scored
    (two Client records are the same person when they share ``person_key``).
    """

    client = models.OneToOneField(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The Client record (kept even if the record is later merged away).",
    )
    personal_id = models.CharField(max_length=32, help_text="PersonalID of the Client record.")
    person_key = models.BigIntegerField(db_index=True, help_text="The true person: equal keys, same person.")
    is_duplicate = models.BooleanField(
        default=False, help_text="A second (or later) record of a person who already had one."
    )
    corruptions = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the record differs from the person's true details, comma-separated: a "
        "duplicate's mistakes (nickname, typo, swapped_names, hyphenated_surname, ssn_missing, "
        "ssn_partial, dob_day_month_swapped, dob_year_off, accents_dropped, ...) or an original's "
        "data-quality defect (ssn_missing, dob_missing, name_partial, race_missing, ...).",
    )
    seed = models.IntegerField(help_text="The --seed the data was generated with.")

    class Meta:
        db_table = "core_demo_person"

    def __str__(self) -> str:
        return f"Demo person {self.person_key} ({self.personal_id})"
