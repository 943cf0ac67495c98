"""Reads of enrollments."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from hearth.enrollments.models import Enrollment, Exit


def active_enrollments(queryset: QuerySet[Enrollment] | None = None) -> QuerySet[Enrollment]:
    """Enrollments with no (live) exit record."""
    queryset = Enrollment.objects.all() if queryset is None else queryset
    return queryset.exclude(Exists(Exit.objects.filter(enrollment_id=OuterRef("pk"))))
