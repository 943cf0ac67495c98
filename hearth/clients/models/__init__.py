from hearth.clients.models.hud import Client

__all__ = ["Client"]
