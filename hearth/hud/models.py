"""What every HUD record shares: its data source, its HUD identifier, HUD's bookkeeping columns
(DateCreated, DateUpdated, UserID, DateDeleted) and soft deletion.

HUD identifiers (PersonalID, EnrollmentID, ...) are strings chosen by the system that created the
record. Two agencies' systems may both use PersonalID "1", so an identifier is only unique within
its data source; internal keys are plain integers and never leave Hearth.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models

from hearth.core import clock


class DataSource(models.Model):
    """A system whose records Hearth holds: Hearth itself, or another HMIS an export came from."""

    SOURCE_TYPES = [(1, "CoC HMIS"), (2, "Agency-specific database"), (3, "Data warehouse"), (4, "Other")]

    name = models.CharField(max_length=200)
    implementation_id = models.CharField(
        max_length=200, unique=True, help_text="Export.csv ImplementationID: unique to every source database."
    )
    source_type = models.SmallIntegerField(choices=SOURCE_TYPES, default=1)
    source_id = models.CharField(
        max_length=350, blank=True, help_text="CoC code(s) of the source, if an HMIS."
    )
    is_local = models.BooleanField(default=False, help_text="Records entered in this Hearth.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_local"], condition=models.Q(is_local=True), name="one_local_source"
            )
        ]

    def __str__(self) -> str:
        return self.name


def local_data_source() -> DataSource:
    """The data source of records entered in this Hearth (created on first use)."""
    from django.conf import settings

    source, _ = DataSource.objects.get_or_create(
        is_local=True,
        defaults={
            "name": settings.HEARTH_SOURCE_NAME,
            "implementation_id": settings.HEARTH_IMPLEMENTATION_ID,
            "source_id": settings.HEARTH_COC_CODE,
        },
    )
    return source


def new_hud_id() -> str:
    return uuid.uuid4().hex


class LiveQuerySet(models.QuerySet):
    def live(self) -> LiveQuerySet:
        return self.filter(date_deleted__isnull=True)


class LiveManager(models.Manager.from_queryset(LiveQuerySet)):  # type: ignore[misc]
    """Default manager: soft-deleted records (DateDeleted set) are invisible to every query."""

    def get_queryset(self) -> LiveQuerySet:
        return super().get_queryset().filter(date_deleted__isnull=True)


class HudRecord(models.Model):
    HUD_FILE: ClassVar[str] = ""

    data_source = models.ForeignKey(DataSource, on_delete=models.PROTECT, related_name="+")
    hud_id = models.CharField("HUD identifier", max_length=32, default=new_hud_id)
    date_created = models.DateTimeField("DateCreated")
    date_updated = models.DateTimeField("DateUpdated")
    hud_user_id = models.CharField("UserID", max_length=32)
    date_deleted = models.DateTimeField("DateDeleted", null=True, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(fields=["data_source", "hud_id"], name="%(app_label)s_%(class)s_hud_id"),
        ]

    def __str__(self) -> str:
        return f"{self.HUD_FILE} {self.hud_id}"

    def save(self, *args: Any, touch: bool = True, **kwargs: Any) -> None:
        """Keep DateCreated/DateUpdated. ``touch=False`` keeps the stored values (imports)."""
        moment = clock.now()
        if self.date_created is None:
            self.date_created = moment
        if touch or self.date_updated is None:
            self.date_updated = moment
        if not self.data_source_id:
            self.data_source = local_data_source()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from hearth.hud.validation import record_problems

        errors: dict[str, list[str]] = {}
        for problem in record_problems(self):
            if problem.level == "error":
                errors.setdefault(problem.field or "__all__", []).append(problem.message)
        if errors:
            raise ValidationError(errors)

    def full_clean(
        self, exclude: Any = None, validate_unique: bool = True, validate_constraints: bool = True
    ) -> None:
        # The bookkeeping columns are filled in by save(); they are not the caller's to supply.
        exclude = set(exclude or ()) | {"date_created", "date_updated", "data_source"}
        super().full_clean(
            exclude=exclude, validate_unique=validate_unique, validate_constraints=validate_constraints
        )

    def soft_delete(self, *, at: Any = None) -> None:
        self.date_deleted = at or clock.now()
        self.save(update_fields=["date_deleted", "date_updated"])


class HudUserBase(models.Model):
    """User.csv: the people who entered records, in Hearth or in a source system."""

    HUD_FILE: ClassVar[str] = "User"

    data_source = models.ForeignKey(DataSource, on_delete=models.PROTECT, related_name="+")
    hud_id = models.CharField("UserID", max_length=32, default=new_hud_id)
    date_created = models.DateTimeField("DateCreated")
    date_updated = models.DateTimeField("DateUpdated")
    date_deleted = models.DateTimeField("DateDeleted", null=True, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(fields=["data_source", "hud_id"], name="%(app_label)s_%(class)s_hud_id"),
        ]

    def save(self, *args: Any, touch: bool = True, **kwargs: Any) -> None:
        moment = clock.now()
        if self.date_created is None:
            self.date_created = moment
        if touch or self.date_updated is None:
            self.date_updated = moment
        if not self.data_source_id:
            self.data_source = local_data_source()
        super().save(*args, **kwargs)


class HudExport(models.Model):
    """Export.csv: one row per export received or produced."""

    HUD_FILE: ClassVar[str] = "Export"

    data_source = models.ForeignKey(DataSource, on_delete=models.PROTECT, related_name="+")
    hud_id = models.CharField("ExportID", max_length=32, default=new_hud_id)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(fields=["data_source", "hud_id"], name="%(app_label)s_%(class)s_hud_id"),
        ]

    def __str__(self) -> str:
        return f"Export {self.hud_id}"
