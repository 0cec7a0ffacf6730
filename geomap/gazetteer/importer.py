"""``geomap gazetteer import``: add GeoNames dumps or a user's places to a
gazetteer, idempotently and atomically.

All files of one call go in a single SQLite transaction: a failure, an
exception or a killed process leaves the gazetteer exactly as it was
(SQLite's rollback journal undoes a half-written transaction on next open).
Rows are streamed, so memory stays flat even for allCountries.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import BadRowsError, GeomapError, ImportFileError
from .database import begin_write, open_checked
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


class _BadRows:
    """Every bad row of one file, reported together: one line each (the first
    ``SHOWN``), then the file is refused, since a half-imported file is harder
    to fix than a list of its bad rows."""

    SHOWN = 20

    def __init__(self, path: Path):
        self.path, self.lines, self.count = path, [], 0

    def add(self, where: str, reason: str) -> None:
        self.count += 1
        if len(self.lines) < self.SHOWN:
            self.lines.append(f"{where}: {' '.join(str(reason).split())}")

    def check(self) -> None:
        if not self.count:
            return
        more = self.count - len(self.lines)
        lines = self.lines + ([f"{self.path.name}: ... and {more} more bad rows"] if more else [])
        raise BadRowsError(f"{self.path}: {self.count} bad row{'s' if self.count > 1 else ''}, nothing imported "
                           f"(first: {self.lines[0]})", lines)


class _Importer:
    def __init__(self, writer: GazetteerWriter):
        self.writer = writer
        folder = sources_dir()
        self.admin1 = geonames_tables.read_admin_codes(folder / "admin1CodesASCII.txt")
        self.admin2 = geonames_tables.read_admin_codes(folder / "admin2Codes.txt")

    def geonames(self, path: Path) -> tuple[int, int]:
        rows, bad = 0, _BadRows(path)
        with _open_text(path) as handle:
            for number, fields in geonames_dump.split_lines(handle):
                if not geonames_dump.is_geoname_row(fields):
                    bad.add(f"{path.name}:{number}", f"not a GeoNames geoname row ({len(fields)} fields, "
                                                     f"expected {geonames_dump.GEONAME_FIELDS})")
                    continue
                try:
                    place, names = geonames_dump.parse_geoname(fields, self.admin1, self.admin2)
                except ValueError as exc:
                    bad.add(f"{path.name}:{number}", str(exc))
                    continue
                if not bad.count:  # after a bad row only look for more
                    self.writer.upsert(place, names)
                rows += 1
        bad.check()
        return rows, 0

    def alternate_names(self, path: Path) -> tuple[int, int]:
        rows = skipped = 0
        bad, conn = _BadRows(path), self.writer.conn
        with _open_text(path) as handle:
            for number, fields in geonames_dump.split_lines(handle):
                if not geonames_dump.is_alternate_name_row(fields):
                    bad.add(f"{path.name}:{number}", "not an alternateNames row")
                    continue
                try:
                    parsed = geonames_dump.parse_alternate_name(fields)
                except ValueError as exc:
                    bad.add(f"{path.name}:{number}", str(exc))
                    continue
                rows += 1
                found = parsed and not bad.count and conn.execute(
                    "SELECT rowid FROM places WHERE id = ?", (f"gn:{parsed[0]}",)).fetchone()
                if not found:
                    skipped += 1
                    continue
                self.writer.add_names(found[0], [(parsed[1], parsed[2])])
        bad.check()
        return rows, skipped

    def user(self, path: Path, records) -> tuple[int, int]:
        rows, bad = 0, _BadRows(path)
        for record in records:
            if isinstance(record, user_places.BadRow):
                bad.add(record.where, record.reason)
                continue
            if not bad.count:
                self.writer.merge(*record)
            rows += 1
        bad.check()
        return rows, 0


@contextmanager
def gazetteer_transaction(gazetteer_path: Path, *,
                          on_wait: Callable[[str], None] | None = None) -> Iterator[GazetteerWriter]:
    """One all-or-nothing change to a gazetteer: yields a writer inside
    ``BEGIN IMMEDIATE``; on success refreshes indexes, hash and metadata
    (``writer.log`` lines join the import history) and commits; any error or
    interruption rolls everything back. Readers go on reading the gazetteer as
    it was until the commit (WAL); a second writer waits for this one
    (``on_wait`` hears when), see :mod:`geomap.gazetteer.database`."""
    gazetteer_path = Path(gazetteer_path)
    conn, _ = open_checked(gazetteer_path, fmt=FORMAT, what="geomap gazetteer", write=True)
    try:
        begin_write(conn, gazetteer_path, on_wait=on_wait)
        writer = GazetteerWriter(conn)
        yield writer
        previous = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        lines = [previous.get("imports", "")] + [f"{stamp} {line}" for line in writer.log]
        writer.finish({**previous, "imports": "\n".join(line for line in lines if line)})
        conn.commit()
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    finally:
        conn.close()


def import_files(gazetteer_path: Path, files: list[Path], *,
                 on_wait: Callable[[str], None] | None = None) -> list[ImportResult]:
    """Import ``files`` into the gazetteer at ``gazetteer_path`` in one transaction.

    ``on_wait`` hears one line if another import holds the gazetteer and this
    one waits for it (at most ``GEOMAP_WRITE_WAIT`` seconds)."""
    files = [Path(f) for f in files]
    for path in files:
        if not path.is_file():
            raise ImportFileError(f"import file not found or not a file: {path}")
    kinds = []
    for path in files:
        with _reading(path):
            kinds.append(detect_kind(path))
    results: list[ImportResult] = []
    with gazetteer_transaction(gazetteer_path, on_wait=on_wait) as writer:
        importer = _Importer(writer)
        for path, kind in zip(files, kinds):
            result = _import_one(importer, writer, path, kind)
            results.append(result)
            writer.log.append(f"{path.name} ({kind}: +{result.places_added} places, +{result.names_added} names)")
    return results


def _import_one(importer: _Importer, writer: GazetteerWriter, path: Path, kind: str) -> ImportResult:
    places0, names0 = writer.places_added, writer.names_added
    with _reading(path):
        if kind == "geonames":
            rows, skipped = importer.geonames(path)
        elif kind == "alternatenames":
            rows, skipped = importer.alternate_names(path)
        elif kind == "csv":
            rows, skipped = importer.user(path, user_places.read_csv(path))
        else:
            rows, skipped = importer.user(path, user_places.read_geojson(path))
    return ImportResult(str(path), kind, rows, writer.places_added - places0,
                        writer.names_added - names0, skipped)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """A file that is not UTF-8 text (a binary, a Latin-1 export) or cannot be
    read ends in one line naming it."""
    try:
        yield
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                              "is it a binary file, or another encoding? Save it as UTF-8") from exc
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ImportFileError(f"{path}: damaged zip archive ({exc})") from exc
    except OSError as exc:
        if isinstance(exc, GeomapError):
            raise
        raise ImportFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
