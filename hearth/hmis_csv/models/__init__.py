from hearth.hmis_csv.models.hud import Export
from hearth.hmis_csv.models.runs import ExportRun, ImportProblem, ImportRun

__all__ = ["Export", "ExportRun", "ImportProblem", "ImportRun"]
