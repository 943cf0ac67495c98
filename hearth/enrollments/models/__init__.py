from hearth.enrollments.models.files import ClientFile
from hearth.enrollments.models.households import GlobalHousehold, GlobalHouseholdMember
from hearth.enrollments.models.hud import (
    Assessment,
    AssessmentQuestion,
    AssessmentResult,
    CurrentLivingSituation,
    Disability,
    EmploymentEducation,
    Enrollment,
    Event,
    Exit,
    HealthAndDV,
    IncomeBenefit,
    Service,
    YouthEducationStatus,
)
from hearth.enrollments.models.notes import CaseNote
from hearth.enrollments.models.program import CaseAssignment, ExitStep, ExitStepConfirmation, ProgramSettings
from hearth.enrollments.models.roi import ReleaseOfInformation
from hearth.enrollments.models.signed_forms import FormQuestion, FormSubmission, FormTemplate

__all__ = [
    "Assessment",
    "AssessmentQuestion",
    "AssessmentResult",
    "CaseAssignment",
    "CaseNote",
    "ClientFile",
    "CurrentLivingSituation",
    "Disability",
    "EmploymentEducation",
    "Enrollment",
    "Event",
    "Exit",
    "ExitStep",
    "ExitStepConfirmation",
    "FormQuestion",
    "FormSubmission",
    "FormTemplate",
    "GlobalHousehold",
    "GlobalHouseholdMember",
    "HealthAndDV",
    "IncomeBenefit",
    "ProgramSettings",
    "ReleaseOfInformation",
    "Service",
    "YouthEducationStatus",
]
