"""Search first: find the existing record of a person from whatever staff know about them."""

from hearth.clients.search.engine import SearchResult, search_clients
from hearth.clients.search.query import SearchQuery, parse_query

__all__ = ["SearchQuery", "SearchResult", "parse_query", "search_clients"]
