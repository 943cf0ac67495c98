from hearth.hmis_csv.models.hud import Export

__all__ = ["Export"]
