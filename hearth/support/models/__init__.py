from hearth.support.models.help import HelpArticle
from hearth.support.models.tickets import (
    ACCOUNT_CATEGORIES,
    Category,
    Status,
    Ticket,
    TicketAction,
    TicketMessage,
)

__all__ = [
    "ACCOUNT_CATEGORIES",
    "Category",
    "HelpArticle",
    "Status",
    "Ticket",
    "TicketAction",
    "TicketMessage",
]
