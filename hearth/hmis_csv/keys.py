"""HUD identifiers of the records other files point at, kept in memory for a whole import.

An import of a million clients checks every enrollment's PersonalID and every service's
EnrollmentID; looking each up in the database would be millions of queries. Instead the keys of
the parent files (the source's existing records and those read so far) live in dictionaries from
HUD ID to a small ordinal, with the database key and a few facts in compact arrays beside it.
"""

from __future__ import annotations

from array import array


class KeyMap:
    __slots__ = ("index", "pk", "existing")

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.pk = array("q")  # database key, 0 until written
        self.existing = 0  # how many came from the database

    def __len__(self) -> int:
        return len(self.pk)

    def add(self, hud_id: str, pk: int = 0) -> int:
        ordinal = len(self.pk)
        self.index[hud_id] = ordinal
        self.pk.append(pk)
        return ordinal

    def get(self, hud_id: str) -> int | None:
        return self.index.get(hud_id)


class EnrollmentKeys(KeyMap):
    """Enrollments also keep their client, project start and the row of their exit."""

    __slots__ = ("client", "entry", "exit_row")

    def __init__(self) -> None:
        super().__init__()
        self.client = array("q")  # ordinal in the client KeyMap, -1 if unknown
        self.entry = array("l")  # EntryDate as a proleptic ordinal, 0 if unknown
        self.exit_row = array("l")  # row of the exit read in this import, 0 if none

    def add(self, hud_id: str, pk: int = 0, client: int = -1, entry: int = 0) -> int:
        ordinal = super().add(hud_id, pk)
        self.client.append(client)
        self.entry.append(entry)
        self.exit_row.append(0)
        return ordinal

    def set_facts(self, ordinal: int, client: int, entry: int) -> None:
        self.client[ordinal] = client
        self.entry[ordinal] = entry
