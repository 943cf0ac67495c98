from hearth.clients.models.duplicates import ClientMerge, DuplicatePair
from hearth.clients.models.hud import Client
from hearth.clients.models.profile import ClientAlias, ClientContact
from hearth.clients.models.search import ClientSearchKey

__all__ = ["Client", "ClientAlias", "ClientContact", "ClientMerge", "ClientSearchKey", "DuplicatePair"]
