"""Where the chunks are built: in this process, or in a forked helper while this one writes.

Building a chunk is pure Python; writing it is the database's work. With a helper process the two
overlap (and on a busy machine the load gets two runnable processes instead of one). The helper
builds exactly the chunks, in exactly the order, the serial path would, so the data are the same
either way. It never touches the database: it inherits the parent's open connection through
fork() but leaves through ``os._exit`` (multiprocessing's own exit), which closes nothing.
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from hearth.core.demo.calendar import Calendar
from hearth.core.demo.chunk import ChunkBuilder, Keys, Placement, Rows, Settings

_DONE = "done"
_FAILED = "failed"


@dataclass
class Plan:
    clients: int
    chunk: int
    settings: Settings
    cal: Calendar
    placement: Placement
    keys: Keys
    first_person_key: int = 1

    def counts(self) -> Iterator[tuple[int, int]]:
        """(chunk number, Client records in it)."""
        done, index = 0, 0
        while done < self.clients:
            count = min(self.chunk, self.clients - done)
            yield index, count
            done, index = done + count, index + 1


def serial_chunks(plan: Plan) -> Iterator[tuple[int, Rows]]:
    """(Client records, rows) of each chunk, in order."""
    person_key = plan.first_person_key
    for index, count in plan.counts():
        builder = ChunkBuilder(
            index=index,
            settings=plan.settings,
            cal=plan.cal,
            placement=plan.placement,
            keys=plan.keys,
            first_person_key=person_key,
        )
        rows = builder.build(count)
        person_key = builder.person_key
        yield count, rows


# The writer consumes a stream of parts: ("table", name, rows) for each table of a chunk (parents
# before children), then ("chunk", Client records in it, None).
Part = tuple[str, Any, Any]
TABLE_ORDER = [f.name for f in fields(Rows)]


def serial_parts(plan: Plan) -> Iterator[Part]:
    for count, rows in serial_chunks(plan):
        for name in TABLE_ORDER:
            yield "table", name, getattr(rows, name)
            setattr(rows, name, None)  # written: free it before the next table
        yield "chunk", count, None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def forked_parts(plan: Plan) -> Iterator[Part]:
    """The parts of ``serial_parts``, built by a helper process ahead of the writer.

    Tables travel one at a time, so neither process holds more than a chunk and a table."""
    context = multiprocessing.get_context("fork")
    channel: Any = context.Queue(maxsize=2)
    helper = context.Process(target=_build_all, args=(plan, channel), name="hearth-demo-builder", daemon=True)
    helper.start()
    try:
        while True:
            try:
                part = channel.get(timeout=5)
            except queue.Empty:
                if not helper.is_alive():
                    raise RuntimeError("The demo data builder process stopped unexpectedly.") from None
                continue
            if part[0] == _DONE:
                break
            if part[0] == _FAILED:
                raise RuntimeError(f"The demo data builder failed:\n{part[1]}")
            yield part
        helper.join()
    finally:
        if helper.is_alive():
            helper.terminate()
            helper.join()


def _build_all(plan: Plan, channel: Any) -> None:
    try:
        for part in serial_parts(plan):
            channel.put(part)
        channel.put((_DONE, None, None))
    except Exception:  # reported to the parent, which raises it
        channel.put((_FAILED, traceback.format_exc(), None))
