"""``geomap gazetteer import``: add GeoNames dumps or a user's places to a
gazetteer, idempotently and atomically.

All files of one call go in a single SQLite transaction: a failure, an
exception or a killed process leaves the gazetteer exactly as it was
(SQLite's rollback journal undoes a half-written transaction on next open).
Rows are streamed, so memory stays flat even for allCountries.
"""
from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import GazetteerError, ImportFileError, InputError, gazetteer_not_found
from .paths import sources_dir
from .schema import FORMAT
from .sources import geonames_dump, geonames_tables, user_places
from .writer import GazetteerWriter


@dataclass(frozen=True, slots=True)
class ImportResult:
    file: str
    kind: str
    rows: int
    places_added: int
    names_added: int
    skipped: int


@contextmanager
def _open_text(path: Path) -> Iterator[io.TextIOBase]:
    """A dump as text lines, from .txt or from the data member of a .zip."""
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise ImportFileError(f"{path}: not a readable zip file") from exc
        with archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()
                       and "iso-languagecodes" not in m.lower()]
            if not members:
                raise ImportFileError(f"{path}: zip holds no GeoNames .txt file")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
        return
    with open(path, encoding="utf-8", errors="strict") as handle:
        yield handle


def detect_kind(path: Path) -> str:
    """'geonames', 'alternatenames', 'csv' or 'geojson' (from name and first data row)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".geojson", ".json"):
        return "geojson"
    if suffix not in (".txt", ".zip", ".tsv"):
        raise ImportFileError(f"{path}: unknown import format (expected GeoNames .txt/.zip, .csv or .geojson)")
    with _open_text(path) as handle:
        for _, fields in geonames_dump.split_lines(handle):
            if geonames_dump.is_geoname_row(fields):
                return "geonames"
            if geonames_dump.is_alternate_name_row(fields):
                return "alternatenames"
            break
    raise ImportFileError(f"{path}: not a GeoNames geoname or alternateNames table")


class _Importer:
    def __init__(self, writer: GazetteerWriter):
        self.writer = writer
        folder = sources_dir()
        self.admin1 = geonames_tables.read_admin_codes(folder / "admin1CodesASCII.txt")
        self.admin2 = geonames_tables.read_admin_codes(folder / "admin2Codes.txt")

    def geonames(self, path: Path) -> tuple[int, int]:
        rows = skipped = 0
        with _open_text(path) as handle:
            for number, fields in geonames_dump.split_lines(handle):
                if not geonames_dump.is_geoname_row(fields):
                    raise InputError(f"{path.name}:{number}: not a GeoNames geoname row "
                                     f"({len(fields)} fields, expected {geonames_dump.GEONAME_FIELDS})")
                try:
                    place, names = geonames_dump.parse_geoname(fields, self.admin1, self.admin2)
                except ValueError as exc:
                    raise InputError(f"{path.name}:{number}: {exc}") from exc
                self.writer.upsert(place, names)
                rows += 1
        return rows, skipped

    def alternate_names(self, path: Path) -> tuple[int, int]:
        rows = skipped = 0
        conn = self.writer.conn
        with _open_text(path) as handle:
            for number, fields in geonames_dump.split_lines(handle):
                if not geonames_dump.is_alternate_name_row(fields):
                    raise InputError(f"{path.name}:{number}: not an alternateNames row")
                parsed = geonames_dump.parse_alternate_name(fields)
                rows += 1
                found = parsed and conn.execute("SELECT rowid FROM places WHERE id = ?",
                                                (f"gn:{parsed[0]}",)).fetchone()
                if not found:
                    skipped += 1
                    continue
                self.writer.add_names(found[0], [(parsed[1], parsed[2])])
        return rows, skipped

    def user(self, path: Path, records) -> tuple[int, int]:
        rows = 0
        for place, names in records:
            self.writer.merge(place, names)
            rows += 1
        return rows, 0


@contextmanager
def gazetteer_transaction(gazetteer_path: Path) -> Iterator[GazetteerWriter]:
    """One all-or-nothing change to a gazetteer: yields a writer inside
    ``BEGIN IMMEDIATE``; on success refreshes indexes, hash and metadata
    (``writer.log`` lines join the import history) and commits; any error or
    interruption rolls everything back."""
    conn = _connect_rw(gazetteer_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        writer = GazetteerWriter(conn)
        yield writer
        previous = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        lines = [previous.get("imports", "")] + [f"{stamp} {line}" for line in writer.log]
        writer.finish({**previous, "imports": "\n".join(line for line in lines if line)})
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()


def import_files(gazetteer_path: Path, files: list[Path]) -> list[ImportResult]:
    """Import ``files`` into the gazetteer at ``gazetteer_path`` in one transaction."""
    files = [Path(f) for f in files]
    for path in files:
        if not path.is_file():
            raise ImportFileError(f"import file not found or not a file: {path}")
    kinds = [detect_kind(path) for path in files]
    results: list[ImportResult] = []
    with gazetteer_transaction(gazetteer_path) as writer:
        importer = _Importer(writer)
        for path, kind in zip(files, kinds):
            result = _import_one(importer, writer, path, kind)
            results.append(result)
            writer.log.append(f"{path.name} ({kind}: +{result.places_added} places, +{result.names_added} names)")
    return results


def _import_one(importer: _Importer, writer: GazetteerWriter, path: Path, kind: str) -> ImportResult:
    places0, names0 = writer.places_added, writer.names_added
    try:
        if kind == "geonames":
            rows, skipped = importer.geonames(path)
        elif kind == "alternatenames":
            rows, skipped = importer.alternate_names(path)
        elif kind == "csv":
            rows, skipped = importer.user(path, user_places.read_csv(path))
        else:
            rows, skipped = importer.user(path, user_places.read_geojson(path))
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except PermissionError as exc:
        raise ImportFileError(f"{path}: cannot read ({exc.strerror})") from exc
    return ImportResult(str(path), kind, rows, writer.places_added - places0,
                        writer.names_added - names0, skipped)


def _connect_rw(path: Path) -> sqlite3.Connection:
    path = Path(path)
    if not path.is_file():
        raise gazetteer_not_found(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        fmt = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"{path} is not a readable geomap gazetteer ({exc})") from exc
    if not fmt or fmt[0] != FORMAT:
        conn.close()
        raise GazetteerError(f"{path} is an SQLite file but not a geomap gazetteer")
    return conn
