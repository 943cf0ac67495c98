"""The search index: blocking keys that find candidate records without scanning the table.

Each live (or merged-away) client has a few dozen 64-bit keys: hashes of its date of birth, SSN
and last four digits, and of combinations of name sounds with each other and with the birth year
(see hearth.clients.search.keys). A search looks its own keys up through the (key, client)
primary-key index and scores only the clients found. The table is derived data: services keep it
current and ``hearth rebuild_search_keys`` rebuilds it.
"""

from __future__ import annotations

from django.db import models


class ClientSearchKey(models.Model):
    pk = models.CompositePrimaryKey("key", "client_pk")
    key = models.BigIntegerField()
    # A plain integer rather than a foreign key: the index is not part of the client's record
    # (a merge must not move it) and is rebuilt from the client whenever the client changes.
    client_pk = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = "client search key"

    def __str__(self) -> str:
        return f"Search key of client {self.client_pk}"
