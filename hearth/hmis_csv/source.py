"""The files of an HMIS CSV export: a folder or a .zip, read as text whatever their encoding.

HUD asks for UTF-8, but exports arrive with a byte-order mark, or in Windows-1252 from older
systems. Each file is checked once as UTF-8 (at C speed, without keeping it in memory); a file
that is not valid UTF-8 is read as Windows-1252, and the importer says so.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
CP1252 = "cp1252"

# Fields longer than csv's default limit (128 KiB) are refused by the csv module; HUD strings are
# at most 500 characters, so a far longer field is an unbalanced quote, which is reported.
FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(FIELD_LIMIT)


class SourceError(Exception):
    """The export as a whole cannot be read (not a folder or zip, no CSV files)."""


@dataclass(frozen=True)
class Encoding:
    name: str  # codec to read the file with
    bom: bool
    fallback: bool  # not valid UTF-8; read as Windows-1252


class ExportSource:
    """A folder or zip of CSV files, looked up by file name without regard to case."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        if self.path.is_dir():
            members = [p.name for p in self.path.iterdir() if p.is_file()]
            self._prefix = ""
        elif self.path.is_file() and zipfile.is_zipfile(self.path):
            self._zip = zipfile.ZipFile(self.path)
            names = [n for n in self._zip.namelist() if not n.endswith("/") and "__MACOSX" not in n]
            # An export zipped with its folder: the CSV files are one level down.
            dirs = {n.rsplit("/", 1)[0] for n in names if "/" in n}
            self._prefix = ""
            if names and all("/" in n for n in names) and len(dirs) == 1:
                self._prefix = dirs.pop() + "/"
            members = [n[len(self._prefix) :] for n in names if n.startswith(self._prefix)]
            members = [m for m in members if "/" not in m]
        else:
            raise SourceError(f"{self.path.name} is neither a folder nor a .zip file.")
        self.members = sorted(m for m in members if m.lower().endswith(".csv"))
        self.other_members = sorted(m for m in members if not m.lower().endswith(".csv"))
        self._by_lower = {m.lower(): m for m in self.members}

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def find(self, filename: str) -> str | None:
        return self._by_lower.get(filename.lower())

    def open_binary(self, member: str) -> IO[bytes]:
        if self._zip is not None:
            return self._zip.open(self._prefix + member)
        return open(self.path / member, "rb")  # noqa: SIM115 - the caller closes it

    def size(self, member: str) -> int:
        if self._zip is not None:
            return self._zip.getinfo(self._prefix + member).file_size
        return (self.path / member).stat().st_size

    def encoding(self, member: str) -> Encoding:
        with self.open_binary(member) as fh:
            head = fh.read(3)
            if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                # Excel's "Unicode text": its byte-order mark says so, and "utf-16" reads past it.
                return Encoding("utf-16", bom=True, fallback=False)
            bom = head == codecs.BOM_UTF8
            decoder = codecs.getincrementaldecoder(UTF8)()
            try:
                decoder.decode(head[3:] if bom else head)
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                return Encoding(CP1252, bom=bom, fallback=True)
        return Encoding(UTF8_BOM if bom else UTF8, bom=bom, fallback=False)

    def open_text(self, member: str, encoding: Encoding) -> IO[str]:
        # Windows-1252 leaves five bytes undefined; they become U+FFFD rather than stop the import.
        errors = "replace" if encoding.fallback else "strict"
        return io.TextIOWrapper(self.open_binary(member), encoding=encoding.name, errors=errors, newline="")

    def rows(self, member: str, encoding: Encoding) -> CsvRows:
        """Every record of the file, header first."""
        return CsvRows(self.open_text(member, encoding))


class CsvRows:
    """The records of one file; ``tell()`` says how many bytes of it have been read so far."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self._reader = csv.reader(text, strict=False)
        self.oversized_at = 0  # the line at which a field over FIELD_LIMIT stopped the reading

    def __iter__(self) -> Iterator[list[str]]:
        return self

    def __next__(self) -> list[str]:
        try:
            return next(self._reader)
        except StopIteration:
            self._text.close()
            raise
        except csv.Error as exc:
            if "field limit" not in str(exc):
                raise
            # The record is unreadable and so is the rest of the file: stop, and say from where.
            self.oversized_at = self._reader.line_num
            self._text.close()
            raise StopIteration from None

    def tell(self) -> int:
        try:
            return self._text.buffer.tell()  # type: ignore[attr-defined]
        except (OSError, ValueError, AttributeError):
            return 0

    def close(self) -> None:
        self._text.close()
