"""Night-by-night shelter stays end by themselves.

A stay in a night-by-night shelter (ProjectType 1) ends after N nights in a row without a bed night,
counted from the day after the last bed night (from the project start when there is none). N is the
program's setting or the CoC default. The exit date is the day after the last bed night, as HUD dates
bed nights up to the day before the exit.

The rule is computed from the stored bed nights and the clock, so an enrollment counts as exited from
the morning after its Nth empty night whether or not ``hearth apply_shelter_exits`` has yet written
the Exit record; when the command runs it writes the same date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, Max, OuterRef, Q

from hearth.enrollments import conf
from hearth.enrollments.models import Enrollment, ProgramSettings, Service
from hearth.projects.models import Project

BED_NIGHT = 200
NIGHT_BY_NIGHT = 1


def auto_exit_nights(project_id: int) -> int:
    nights = (
        ProgramSettings.objects.filter(project_id=project_id)
        .values_list("shelter_auto_exit_nights", flat=True)
        .first()
    )
    return nights or conf.shelter_auto_exit_nights()


def last_bed_night(enrollment: Enrollment) -> dt.date | None:
    return Service.objects.filter(enrollment=enrollment, record_type=BED_NIGHT).aggregate(
        d=Max("date_provided")
    )["d"]


_UNKNOWN = dt.date.min


def lapse_exit_date(
    enrollment: Enrollment, today: dt.date, *, nights: int | None = None, last: dt.date | None = _UNKNOWN
) -> dt.date | None:
    """The automatic exit date of a night-by-night stay that has lapsed by ``today``, else None.

    ``nights`` and ``last`` (the last bed night, None for none) may be passed when already known.
    """
    if enrollment.project.project_type != NIGHT_BY_NIGHT:
        return None
    nights = nights or auto_exit_nights(enrollment.project_id)
    if last is _UNKNOWN:
        last = last_bed_night(enrollment)
    last_night = last if last is not None else enrollment.entry_date - dt.timedelta(days=1)
    # Nights last+1 .. last+N have all passed without a bed night once today >= last + N + 1.
    if today >= last_night + dt.timedelta(days=nights + 1):
        return last_night + dt.timedelta(days=1)
    return None


def lapsed_q(today: dt.date) -> Q:
    """A Q on Enrollment: night-by-night stays lapsed by ``today`` (whether or not an Exit exists).

    Night-by-night projects are few, so they are listed here and grouped by their number of nights:
    the query gets one branch per distinct setting, and no join to the project table.
    """
    custom = dict(
        ProgramSettings.objects.filter(
            project__project_type=NIGHT_BY_NIGHT, shelter_auto_exit_nights__isnull=False
        ).values_list("project_id", "shelter_auto_exit_nights")
    )
    by_nights: dict[int, list[int]] = defaultdict(list)
    default = conf.shelter_auto_exit_nights()
    for project_id in Project.objects.filter(project_type=NIGHT_BY_NIGHT).values_list("pk", flat=True):
        by_nights[custom.get(project_id) or default].append(project_id)
    result = Q(pk__in=[])
    for nights, project_ids in by_nights.items():
        cutoff = today - dt.timedelta(days=nights)
        recent = Service.objects.filter(
            enrollment_id=OuterRef("pk"), record_type=BED_NIGHT, date_provided__gte=cutoff
        )
        result |= Q(project_id__in=project_ids, entry_date__lte=cutoff) & ~Q(Exists(recent))
    return result
