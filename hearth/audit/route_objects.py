"""Which record a route's parameter names, so a refusal can say what was asked for.

Keys are looked up most specific first: "namespace:route_name:parameter", then
"namespace:parameter", then "parameter". The access sweep (tests/test_access_sweep.py) fills every
route's parameters from this table and fails on a parameter it does not find, so a new route that
takes a record's key must be entered here.
"""

from __future__ import annotations

from typing import Any

# Parameter -> model label of the record it is the key of.
RECORD_PARAMETERS: dict[str, str] = {
    "accounts:request_detail:pk": "accounts.accountrequest",
    "accounts:pk": "accounts.user",
    "clients:duplicate_review:pk": "clients.duplicatepair",
    "clients:merge_detail:pk": "clients.clientmerge",
    "clients:pk": "clients.client",
    "enrollments:pk": "enrollments.enrollment",
    "enrollment_id": "enrollments.enrollment",
    "client_id": "clients.client",
    "project_id": "projects.project",
    "member_id": "enrollments.globalhouseholdmember",
    "roi_id": "enrollments.releaseofinformation",
    "template_id": "enrollments.formtemplate",
    "file_id": "enrollments.clientfile",
    "submission_id": "enrollments.formsubmission",
    "hmis_csv:pk": "hmis_csv.importrun",
    "reports:pk": "reports.reportrun",
    "support:pk": "support.ticket",
    "opening_id": "coordinated_entry.opening",
    "referral_id": "coordinated_entry.referral",
    "admin:otp_totp_totpdevice_config:pk": "otp_totp.totpdevice",
    "admin:otp_totp_totpdevice_qrcode:pk": "otp_totp.totpdevice",
}

# Integer parameters that are positions, not keys of a record (a report cell's row and column).
NOT_RECORDS = frozenset({"reports:cell:row", "reports:cell:col"})


def record_for(view_name: str, parameter: str) -> str | None:
    """The model label ``parameter`` of route ``view_name`` ("namespace:name") is the key of."""
    namespace, _, _name = view_name.rpartition(":")
    for key in (f"{view_name}:{parameter}", f"{namespace}:{parameter}", parameter):
        if key in RECORD_PARAMETERS:
            return RECORD_PARAMETERS[key]
    return None


def records_of_route(view_name: str, kwargs: dict[str, Any]) -> list[tuple[str, str]]:
    """(model label, key) of each record the route's parameters name."""
    found = []
    for parameter, value in kwargs.items():
        label = record_for(view_name, parameter)
        if label is not None:
            found.append((label, str(value)))
    return found
