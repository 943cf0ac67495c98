"""Coordinated Entry workflow: the CoC's scored questionnaire and prioritization rule, the
community queue (by-name list), housing openings and referrals.

The HUD record of each step is the HUD model itself (Assessment 4.19, Event 4.20); these models
hold only what the workflow needs on top and point at the HUD rows, so the HMIS CSV export and
import carry the CE data without knowing about this app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Questionnaire(models.Model):
    name = models.CharField(max_length=120, unique=True)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """A yes/no question; a "yes" adds ``weight`` to the score."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    group = models.CharField(max_length=120, blank=True)
    text = models.CharField(max_length=250)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Criterion(models.TextChoices):
    SCORE = "score", "Assessment score (highest first)"
    CHRONIC = "chronic", "Chronically homeless first"
    DAYS_HOMELESS = "days_homeless", "Days homeless (most first)"
    PLACED = "placed_on", "Date placed on the queue (earliest first)"


# Queue ordering for each criterion; ties always end with the earliest placement, then the key.
CRITERION_ORDER = {
    Criterion.SCORE: "-score",
    Criterion.CHRONIC: "-chronic",
    Criterion.DAYS_HOMELESS: "-days_homeless",
    Criterion.PLACED: "placed_on",
}


class PrioritizationRule(models.Model):
    """The CoC's ordering of the queue; the newest active rule applies and is shown on the page."""

    name = models.CharField(max_length=120)
    first = models.CharField(max_length=20, choices=Criterion.choices, default=Criterion.SCORE)
    second = models.CharField(max_length=20, choices=Criterion.choices, default=Criterion.CHRONIC)
    third = models.CharField(max_length=20, choices=Criterion.choices, default=Criterion.DAYS_HOMELESS)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name

    def criteria(self) -> list[str]:
        return [self.first, self.second, self.third]

    def order_by(self) -> list[str]:
        keys = [CRITERION_ORDER[Criterion(c)] for c in dict.fromkeys(self.criteria())]
        return [*keys, "placed_on", "pk"]


class QueueStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    REFERRED = "referred", "Referred"
    HOUSED = "housed", "Housed"


class HouseholdType(models.TextChoices):
    ANY = "any", "Any household"
    INDIVIDUAL = "individual", "Individuals"
    FAMILY = "family", "Families"


class Population(models.TextChoices):
    ANY = "any", "Anyone"
    VETERAN = "veteran", "Veterans"
    YOUTH = "youth", "Youth (under 25)"


class QueueEntry(models.Model):
    """A person placed on prioritization by a CE assessment."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    enrollment = models.ForeignKey("enrollments.Enrollment", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey("enrollments.Assessment", on_delete=models.PROTECT, related_name="+")
    placed_on = models.DateField()
    score = models.IntegerField()
    chronic = models.BooleanField(default=False)
    days_homeless = models.PositiveIntegerField(default=0)
    veteran = models.BooleanField(default=False)
    youth = models.BooleanField(default=False)
    family = models.BooleanField(default=False)
    # Disabling condition (3.08) at placement: CoC permanent supportive housing requires one.
    disabled = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=QueueStatus.choices, default=QueueStatus.WAITING)

    class Meta:
        verbose_name_plural = "queue entries"
        constraints = [
            # A person is on the queue once while waiting or referred.
            models.UniqueConstraint(
                fields=["client"], condition=~Q(status="housed"), name="ce_queue_one_open_entry"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-score", "-chronic", "-days_homeless", "placed_on"]),
        ]

    def __str__(self) -> str:
        return f"Queue entry {self.pk}"


class OpeningStatus(models.TextChoices):
    OPEN = "open", "Open"
    FILLED = "filled", "Filled"
    CLOSED = "closed", "Closed"


# HUD 4.20.2 referrals to a housing opening.
OPENING_EVENT_TYPES = (10, 11, 12, 13, 14, 15, 17, 18)


class Opening(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=200)
    event_type = models.PositiveSmallIntegerField("HUD referral type (4.20.2)")
    household_type = models.CharField(max_length=12, choices=HouseholdType.choices, default=HouseholdType.ANY)
    population = models.CharField(max_length=10, choices=Population.choices, default=Population.ANY)
    # Eligibility beyond household and population, as the program's funding sets it.
    disability_required = models.BooleanField(
        "Requires a disabling condition", default=False, help_text="As CoC permanent supportive housing does."
    )
    chronic_only = models.BooleanField(
        "Dedicated to chronically homeless people",
        default=False,
        help_text="A dedicated or DedicatedPLUS bed.",
    )
    min_score = models.PositiveSmallIntegerField(
        "Lowest assessment score", null=True, blank=True, help_text="Leave empty for any score."
    )
    posted_on = models.DateField()
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=OpeningStatus.choices, default=OpeningStatus.OPEN)

    def __str__(self) -> str:
        return self.description


NOTE_MAX = 2000


class ReferralStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Referral(models.Model):
    opening = models.ForeignKey(Opening, on_delete=models.PROTECT, related_name="referrals")
    entry = models.ForeignKey(QueueEntry, on_delete=models.PROTECT, related_name="referrals")
    event = models.OneToOneField("enrollments.Event", on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField()
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PENDING)
    result_date = models.DateField(null=True, blank=True)
    decline_reason = models.PositiveSmallIntegerField("HUD referral result (4.20.D)", null=True, blank=True)
    enrollment = models.ForeignKey(
        "enrollments.Enrollment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Free text about the person: shown only to users the sharing rules let see them.
    note = models.TextField("Note to the receiving program", max_length=NOTE_MAX, blank=True)
    result_note = models.TextField("Note on the decision", max_length=NOTE_MAX, blank=True)

    class Meta:
        constraints = [
            # An opening is filled once, and offered to one person at a time.
            models.UniqueConstraint(
                fields=["opening"], condition=Q(status="accepted"), name="ce_referral_one_acceptance"
            ),
            models.UniqueConstraint(
                fields=["opening"], condition=Q(status="pending"), name="ce_referral_one_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"
