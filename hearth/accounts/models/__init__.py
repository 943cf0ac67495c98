from hearth.accounts.models.hud import HudUser
from hearth.accounts.models.security import (
    AgreementSignature,
    PasswordHistory,
    RolePolicy,
    SignInAttempt,
    UserAgreement,
)
from hearth.accounts.models.training import (
    SERIES_TRACKS,
    AccountRequest,
    Course,
    TrainingCompletion,
    TrainingUpload,
)
from hearth.accounts.models.user import Role, User

__all__ = [
    "SERIES_TRACKS",
    "AccountRequest",
    "AgreementSignature",
    "Course",
    "HudUser",
    "PasswordHistory",
    "Role",
    "RolePolicy",
    "SignInAttempt",
    "TrainingCompletion",
    "TrainingUpload",
    "User",
    "UserAgreement",
]
