from hearth.reports.models.run import ReportKind, ReportRun, RunStatus
from hearth.reports.models.spm import SpmDetail
from hearth.reports.models.universe import AprClient

__all__ = ["AprClient", "ReportKind", "ReportRun", "RunStatus", "SpmDetail"]
