from hearth.projects.models.hud import (
    Affiliation,
    CEParticipation,
    Funder,
    HMISParticipation,
    Inventory,
    Organization,
    Project,
    ProjectCoC,
)

__all__ = [
    "Affiliation",
    "CEParticipation",
    "Funder",
    "HMISParticipation",
    "Inventory",
    "Organization",
    "Project",
    "ProjectCoC",
]
