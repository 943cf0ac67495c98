from hearth.accounts.models.hud import HudUser
from hearth.accounts.models.user import Role, User

__all__ = ["HudUser", "Role", "User"]
