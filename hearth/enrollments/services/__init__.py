"""Case-management writes. Views, forms, admin, the API, the importer and commands call these."""

from hearth.enrollments.services.assessments import AssessmentInput, assessment_edit_token, assessment_record
from hearth.enrollments.services.casefile import case_assign, file_upload, note_add
from hearth.enrollments.services.common import CaseWarning, hud_user_id_for
from hearth.enrollments.services.consent import RoiInput, form_sign, roi_create, roi_revoke
from hearth.enrollments.services.contacts import contact_record, engagement_date_set, move_in_date_set
from hearth.enrollments.services.enrollment import (
    MemberStart,
    enrollment_create,
    enrollment_household_edit_token,
    household_head_change,
    household_member_add,
    relationship_update,
)
from hearth.enrollments.services.exits import MemberExit, apply_shelter_exits, enrollment_exit, household_exit
from hearth.enrollments.services.households import (
    global_head_set,
    global_household_create,
    global_household_edit_token,
    global_member_add,
    global_member_remove,
    global_member_update,
)
from hearth.enrollments.services.program import (
    exit_step_add,
    exit_step_remove,
    program_settings_edit_token,
    program_settings_update,
)
from hearth.enrollments.services.service_records import bed_night_record, bed_night_undo, service_record

__all__ = [
    "AssessmentInput",
    "CaseWarning",
    "MemberExit",
    "MemberStart",
    "RoiInput",
    "apply_shelter_exits",
    "assessment_edit_token",
    "assessment_record",
    "bed_night_record",
    "bed_night_undo",
    "case_assign",
    "contact_record",
    "engagement_date_set",
    "enrollment_create",
    "enrollment_household_edit_token",
    "enrollment_exit",
    "exit_step_add",
    "exit_step_remove",
    "file_upload",
    "form_sign",
    "global_head_set",
    "global_household_create",
    "global_household_edit_token",
    "global_member_add",
    "global_member_remove",
    "global_member_update",
    "household_exit",
    "household_head_change",
    "household_member_add",
    "hud_user_id_for",
    "move_in_date_set",
    "note_add",
    "program_settings_edit_token",
    "program_settings_update",
    "relationship_update",
    "roi_create",
    "roi_revoke",
    "service_record",
]
