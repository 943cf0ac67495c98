"""Training completions (by hand or from the academy's CSV) and the new-account requests they queue.

The academy's CSV has a header row with these columns (any order, case and spacing ignored):
first_name, last_name, email, employer, course, completed_on. ``course`` is one of the course codes
or names (e.g. "Families", "Street Outreach", "Individuals/Youth", "RETAKE"); ``completed_on`` is
YYYY-MM-DD or MM/DD/YYYY. An upload is all or nothing: any bad row and nothing is written, with a
message per problem naming the row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from hearth.accounts.models import (
    SERIES_TRACKS,
    AccountRequest,
    Course,
    TrainingCompletion,
    TrainingUpload,
    User,
)
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core import clock
from hearth.projects.models import Organization

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
COLUMNS = ("first_name", "last_name", "email", "employer", "course", "completed_on")
# Header spellings the academy has used for each column.
HEADER_ALIASES = {
    "first_name": {"first_name", "firstname", "first"},
    "last_name": {"last_name", "lastname", "last"},
    "email": {"email", "academy_email", "email_address"},
    "employer": {"employer", "agency", "employer_agency"},
    "course": {"course", "course_name", "training"},
    "completed_on": {"completed_on", "completion_date", "completed", "date"},
}
COURSE_NAMES: dict[str, str] = {}
for _course in Course:
    COURSE_NAMES[_course.value] = _course.value
    COURSE_NAMES[str(_course.label).lower()] = _course.value
COURSE_NAMES.update(
    {
        "individuals/youth": Course.BNT_INDIVIDUALS_YOUTH,
        "individuals and youth": Course.BNT_INDIVIDUALS_YOUTH,
        "families": Course.BNT_FAMILIES,
        "street outreach": Course.BNT_STREET_OUTREACH,
        "retake": Course.RETAKE,
    }
)


class TrainingImportError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the file")
        self.problems = problems


@dataclass
class ImportResult:
    rows: int = 0
    added: int = 0
    already_recorded: int = 0
    requests_queued: int = 0
    upload: TrainingUpload | None = None
    notes: list[str] = field(default_factory=list)


def parse_course(text: str) -> str | None:
    key = re.sub(r"\s+", " ", (text or "").strip().lower())
    key = key.removeprefix("basic navigation training series:").removeprefix("bnt:").strip()
    return COURSE_NAMES.get(key)


def parse_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def match_organization(employer: str) -> Organization | None:
    name = (employer or "").strip()
    if not name:
        return None
    return (
        Organization.objects.filter(
            Q(organization_name__iexact=name) | Q(organization_common_name__iexact=name)
        )
        .order_by("pk")
        .first()
    )


def _account_for(email: str) -> User | None:
    """The person's open account, matched by the academy email or the work email."""
    return (
        User.objects.filter(
            Q(academy_email__iexact=email) | Q(email__iexact=email), closed_at__isnull=True, is_active=True
        )
        .order_by("-date_joined")
        .first()
    )


def _queue_request(completion: TrainingCompletion, now: dt.datetime) -> AccountRequest | None:
    """A finished series track queues a new-account request, unless the person has an account or one waits."""
    if completion.course not in SERIES_TRACKS or completion.user_id is not None:
        return None
    if AccountRequest.objects.filter(
        academy_email__iexact=completion.academy_email, status=AccountRequest.Status.PENDING
    ).exists():
        return None
    return AccountRequest.objects.create(
        first_name=completion.first_name,
        last_name=completion.last_name,
        academy_email=completion.academy_email,
        employer=completion.employer,
        organization=completion.organization,
        completion=completion,
        requested_at=now,
    )


def _validated(values: dict[str, str], where: str) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    clean: dict[str, Any] = {}
    for name in ("first_name", "last_name", "employer"):
        text = (values.get(name) or "").strip()
        if not text:
            problems.append(f"{where}, column {name}: required.")
        elif len(text) > (200 if name == "employer" else 100):
            problems.append(f"{where}, column {name}: too long.")
        clean[name] = text
    email = (values.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(f"{where}, column email: {email or 'empty'!r} is not an email address.")
    clean["academy_email"] = email
    course = parse_course(values.get("course", ""))
    if course is None:
        problems.append(
            f"{where}, column course: {values.get('course', '')!r} is not a course "
            "(Individuals/Youth, Families, Street Outreach or RETAKE)."
        )
    clean["course"] = course
    completed = parse_date(values.get("completed_on", ""))
    if completed is None:
        problems.append(
            f"{where}, column completed_on: {values.get('completed_on', '')!r} is not a date (YYYY-MM-DD)."
        )
    clean["completed_on"] = completed
    return clean, problems


def _record(
    clean: dict[str, Any], *, actor: Any, upload: TrainingUpload | None, now: dt.datetime
) -> tuple[TrainingCompletion, bool]:
    existing = TrainingCompletion.objects.filter(
        academy_email__iexact=clean["academy_email"],
        course=clean["course"],
        completed_on=clean["completed_on"],
    ).first()
    if existing is not None:
        return existing, False
    account = _account_for(clean["academy_email"])
    completion = TrainingCompletion(
        **clean,
        organization=match_organization(clean["employer"]),
        user=account,
        upload=upload,
        entered_by=actor,
        created_at=now,
    )
    completion.full_clean(validate_constraints=False)
    completion.save()
    return completion, True


def completion_record(
    *,
    first_name: str,
    last_name: str,
    academy_email: str,
    employer: str,
    course: str,
    completed_on: dt.date,
    actor: Any,
    clock_: clock.Clock | None = None,
) -> tuple[TrainingCompletion, AccountRequest | None]:
    """Record one completion entered by hand. Raises ValidationError naming the field."""
    now = clock.now(clock_)
    if completed_on > clock.local_today(clock_):
        raise ValidationError({"completed_on": "A completion cannot be dated in the future."})
    values = {
        "first_name": first_name,
        "last_name": last_name,
        "email": academy_email,
        "employer": employer,
        "course": course,
        "completed_on": completed_on.isoformat(),
    }
    clean, problems = _validated(values, "Entry")
    if problems:
        raise ValidationError([p.removeprefix("Entry, column ") for p in problems])
    with transaction.atomic():
        completion, created = _record(clean, actor=actor, upload=None, now=now)
        if not created:
            raise ValidationError("This completion is already recorded.")
        request = _queue_request(completion, now)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=completion,
            detail={"course": completion.course, "account_request": request.pk if request else None},
            clock_=clock_,
        )
    return completion, request


def _header_map(header: list[str]) -> tuple[dict[str, int], list[str]]:
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        key = re.sub(r"[\s\-]+", "_", raw.strip().lower())
        for column, aliases in HEADER_ALIASES.items():
            if key in aliases and column not in positions:
                positions[column] = index
    missing = [c for c in COLUMNS if c not in positions]
    problems = [f"Row 1 (header): column {c} is missing." for c in missing]
    return positions, problems


def completions_import(
    *, data: bytes, file_name: str, actor: Any, clock_: clock.Clock | None = None
) -> ImportResult:
    """Import the academy's CSV. Raises TrainingImportError listing every problem; writes nothing then."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise TrainingImportError([f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrainingImportError(
            ["The file is not UTF-8 text (save it from the spreadsheet as CSV UTF-8)."]
        ) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise TrainingImportError(["The file is empty."])
    positions, problems = _header_map(rows[0])
    if problems:
        raise TrainingImportError(problems)
    today = clock.local_today(clock_)
    cleaned: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, dt.date], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {c: (row[i] if i < len(row) else "") for c, i in positions.items()}
        clean, row_problems = _validated(values, f"Row {number}")
        if clean["completed_on"] and clean["completed_on"] > today:
            row_problems.append(
                f"Row {number}, column completed_on: {clean['completed_on']} is in the future."
            )
        key = (clean["academy_email"], clean["course"], clean["completed_on"])
        if not row_problems and key in seen:
            row_problems.append(f"Row {number}: repeats row {seen[key]}.")
        seen.setdefault(key, number)
        problems.extend(row_problems)
        cleaned.append(clean)
    if problems:
        raise TrainingImportError(problems)
    if not cleaned:
        raise TrainingImportError(["The file has a header but no rows."])
    now = clock.now(clock_)
    result = ImportResult(rows=len(cleaned))
    with transaction.atomic():
        upload = TrainingUpload.objects.create(
            file_name=file_name[:255], uploaded_by=actor, uploaded_at=now, rows=len(cleaned)
        )
        _import_rows(cleaned, actor=actor, upload=upload, now=now, result=result)
        upload.added = result.added
        upload.save(update_fields=["added"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.IMPORT,
            obj=upload,
            detail={"rows": result.rows, "added": result.added, "requests_queued": result.requests_queued},
            clock_=clock_,
        )
    result.upload = upload
    return result


def _by_lower(model: Any, field: str, values: set[str]) -> Any:
    """Rows whose ``field`` matches one of ``values`` ignoring case (lower-cased ``values``)."""
    return model.objects.annotate(_key=Lower(field)).filter(_key__in=values)


def _import_rows(
    cleaned: list[dict[str, Any]],
    *,
    actor: Any,
    upload: TrainingUpload,
    now: dt.datetime,
    result: ImportResult,
) -> None:
    """Write a validated roster with a handful of queries, whatever its length (the academy sends
    whole rosters, thousands of rows, most of them already recorded)."""
    emails = {c["academy_email"] for c in cleaned}
    existing: set[tuple[str, str, dt.date]] = set()
    accounts: dict[str, User] = {}
    pending: set[str] = set()
    chunked = sorted(emails)
    for start in range(0, len(chunked), 500):
        part = set(chunked[start : start + 500])
        existing.update(
            (e.lower(), course, day)
            for e, course, day in _by_lower(TrainingCompletion, "academy_email", part).values_list(
                "academy_email", "course", "completed_on"
            )
        )
        open_accounts = User.objects.filter(closed_at__isnull=True, is_active=True).annotate(
            _e=Lower("email"), _a=Lower("academy_email")
        )
        for user in open_accounts.filter(Q(_e__in=part) | Q(_a__in=part)).order_by("date_joined"):
            for address in {user.email.lower(), user.academy_email.lower()} & part:
                accounts[address] = user  # the newest account wins
        pending.update(
            e.lower()
            for e in _by_lower(AccountRequest, "academy_email", part)
            .filter(status=AccountRequest.Status.PENDING)
            .values_list("academy_email", flat=True)
        )
    organizations: dict[str, Organization] = {}
    for org in Organization.objects.order_by("-pk"):
        for name in (org.organization_name, org.organization_common_name):
            if name:
                organizations[name.strip().lower()] = org  # the oldest agency wins a shared name
    new: list[TrainingCompletion] = []
    for clean in cleaned:
        key = (clean["academy_email"], clean["course"], clean["completed_on"])
        if key in existing:
            result.already_recorded += 1
            continue
        existing.add(key)
        new.append(
            TrainingCompletion(
                **clean,
                organization=organizations.get(clean["employer"].lower()),
                user=accounts.get(clean["academy_email"]),
                upload=upload,
                entered_by=actor,
                created_at=now,
            )
        )
    TrainingCompletion.objects.bulk_create(new, batch_size=500)
    result.added = len(new)
    requests = []
    for completion in new:
        email = completion.academy_email
        if completion.course in SERIES_TRACKS and completion.user_id is None and email not in pending:
            pending.add(email)
            requests.append(
                AccountRequest(
                    first_name=completion.first_name,
                    last_name=completion.last_name,
                    academy_email=email,
                    employer=completion.employer,
                    organization=completion.organization,
                    completion=completion,
                    requested_at=now,
                )
            )
    AccountRequest.objects.bulk_create(requests, batch_size=500)
    result.requests_queued = len(requests)


def account_requests_pending() -> Any:
    return AccountRequest.objects.filter(status=AccountRequest.Status.PENDING).select_related(
        "organization", "completion"
    )


def request_status_for(academy_email: str) -> AccountRequest | None:
    """The newest request for an academy email (Support answers 'where is my account?')."""
    return (
        AccountRequest.objects.filter(academy_email__iexact=academy_email.strip())
        .order_by("-requested_at")
        .first()
    )
