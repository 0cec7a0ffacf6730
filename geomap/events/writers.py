"""Event files written as they come and atomically: GeoJSON, CSV, GeoParquet, GeoPackage.

Each writer fills a temporary file next to the target and renames it over
the target only when the batch is done (:meth:`EventWriter.close`), so a
reader never sees half a file and a failed run leaves the old one. Rows
are written in chunks, so memory stays flat in the number of events.
"""
from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ..errors import GeomapError, InputError, OutputError
from .model import EVENT_FIELDS, UNRESOLVED_FIELDS

CHUNK_ROWS = 5_000
FORMATS = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".parquet": "parquet",
           ".geoparquet": "parquet", ".gpkg": "gpkg"}
_DATES = ("date", "date_start", "date_end")


def format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unknown output format {path.suffix or '(no suffix)'!r} for {path}: "
                         f"use one of {', '.join(sorted(FORMATS))}")
    return fmt


def open_writer(path: Path | None, *, fields=EVENT_FIELDS, geometry: bool = True) -> "EventWriter":
    """A writer for ``path`` chosen by its suffix; None or ``-`` is GeoJSON (or CSV) on stdout."""
    if path is None or str(path) == "-":
        return GeoJSONWriter(None, fields) if geometry else CSVWriter(None, fields)
    fmt = format_of(path)
    if not geometry and fmt == "geojson":
        fmt = "jsonl"
    return {"geojson": GeoJSONWriter, "csv": CSVWriter, "parquet": ParquetWriter, "gpkg": GPKGWriter,
            "jsonl": JSONLinesWriter}[fmt](path, fields, geometry=geometry)


class EventWriter:
    """Base: a temporary file committed by :meth:`close` (or :meth:`finish`
    then :meth:`commit`), dropped by :meth:`abort`. Errors name the user's
    path, never the temporary file."""

    binary = False

    def __init__(self, path: Path | None, fields=EVENT_FIELDS, *, geometry: bool = True):
        self.path, self.fields, self.geometry, self.count = path, tuple(fields), geometry, 0
        self._temp: str | None = None
        self._finished = False
        if path is not None:
            from ..atomic import remove_stale, temp_path

            suffix = ".part" + path.suffix
            remove_stale(path, suffix=suffix)  # left by runs that were killed outright
            self._temp = str(temp_path(path, suffix=suffix))

    def write(self, rows) -> None:
        """Write :class:`Event` (or :class:`Unresolved`) records."""
        with self._naming_the_target():
            self._write(rows)

    def _write(self, rows) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        pass

    def finish(self) -> None:
        """Complete the temporary file (nothing visible changes yet)."""
        if not self._finished:
            with self._naming_the_target():
                self._finish()
            self._finished = True

    def commit(self) -> None:
        """Rename the finished temporary file over the target."""
        if self._temp is not None:
            from ..atomic import commit

            commit(self._temp, self.path)
            self._temp = None

    def close(self) -> None:
        try:
            self.finish()
            self.commit()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        if self._temp is not None:
            Path(self._temp).unlink(missing_ok=True)
            self._temp = None

    @contextmanager
    def _naming_the_target(self):
        """An error about the temporary file (disk full, GDAL refusing it)
        becomes one about the user's path."""
        try:
            yield
        except GeomapError:
            raise
        except Exception as exc:
            temp = self._temp
            if temp is None or temp not in f"{exc} {getattr(exc, 'filename', '')}":
                raise
            reason = getattr(exc, "strerror", None) or " ".join(str(exc).replace(temp, str(self.path)).split())
            raise OutputError(f"cannot write {self.path}: {reason}") from exc

    def __enter__(self):
        return self

    def __exit__(self, kind, value, trace) -> None:
        self.abort() if kind is not None else self.close()


def finish_together(*writers: "EventWriter | None") -> None:
    """Complete every writer, then commit them all: the events file and its
    unresolved table appear together or, when one fails, neither does."""
    present = [w for w in writers if w is not None]
    for writer in present:
        writer.finish()
    for writer in present:
        writer.commit()


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


class _TextWriter(EventWriter):
    def __init__(self, path, fields=EVENT_FIELDS, *, geometry: bool = True):
        super().__init__(path, fields, geometry=geometry)
        self.out = sys.stdout if self._temp is None else open(self._temp, "w", encoding="utf-8", newline="")

    def _finish(self) -> None:
        self._footer()
        if self.out is not sys.stdout:
            self.out.close()
        else:
            self.out.flush()

    def abort(self) -> None:
        if self.out is not sys.stdout and not self.out.closed:
            self.out.close()
        super().abort()

    def _footer(self) -> None:
        pass


class GeoJSONWriter(_TextWriter):
    """An RFC 7946 FeatureCollection, one feature per line."""

    def __init__(self, path, fields=EVENT_FIELDS, *, geometry: bool = True):
        super().__init__(path, fields, geometry=geometry)
        self.out.write('{"type": "FeatureCollection", "features": [\n')

    def _write(self, rows) -> None:
        for row in rows:
            props = {k: _plain(v) for k, v in row.to_dict().items()}
            feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
                       "properties": props}
            self.out.write((",\n" if self.count else "") + json.dumps(feature, ensure_ascii=False))
            self.count += 1

    def _footer(self) -> None:
        self.out.write("\n]}\n")


class JSONLinesWriter(_TextWriter):
    def _write(self, rows) -> None:
        for row in rows:
            self.out.write(json.dumps({k: _plain(v) for k, v in row.to_dict().items()}, ensure_ascii=False) + "\n")
            self.count += 1


class CSVWriter(_TextWriter):
    """UTF-8 CSV with a header; dates as ISO strings, missing values empty."""

    def __init__(self, path, fields=EVENT_FIELDS, *, geometry: bool = True):
        super().__init__(path, fields, geometry=geometry)
        self._csv = csv.writer(self.out)
        self._csv.writerow(self.fields)

    def _write(self, rows) -> None:
        for row in rows:
            values = row.to_dict()
            self._csv.writerow(["" if values[k] is None else _plain(values[k]) for k in self.fields])
            self.count += 1


class _ChunkedWriter(EventWriter):
    binary = True

    def __init__(self, path, fields=EVENT_FIELDS, *, geometry: bool = True):
        if path is None:
            raise InputError("GeoParquet and GeoPackage output needs a file name (-o PATH)")
        super().__init__(path, fields, geometry=geometry)
        self._rows: list[dict] = []
        self._flushed = False

    def _write(self, rows) -> None:
        for row in rows:
            self._rows.append(row.to_dict())
            self.count += 1
            if len(self._rows) >= CHUNK_ROWS:
                self._flush()

    def _finish(self) -> None:
        if self._rows or not self._flushed:
            self._flush()
        self._close_file()

    def _close_file(self) -> None:
        pass

    def _frame(self):
        import geopandas as gpd
        import pandas as pd

        frame = pd.DataFrame(self._rows, columns=list(self.fields))
        for column in _DATES:
            if column in frame:
                frame[column] = pd.to_datetime(frame[column])
        if not self.geometry:
            return frame
        points = gpd.points_from_xy(frame["lon"].astype(float), frame["lat"].astype(float))
        return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


class ParquetWriter(_ChunkedWriter):
    """GeoParquet 1.0 (WKB points, EPSG:4326 in the ``geo`` metadata), written in row groups."""

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        frame = self._frame()
        if self.geometry:
            table = pa.Table.from_pandas(frame.to_wkb(), preserve_index=False)
        else:
            table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.cast(self._schema(table))
        if not self._flushed:
            self._writer = pq.ParquetWriter(self._temp, table.schema)
            self._flushed = True
        self._writer.write_table(table)
        self._rows = []

    def _schema(self, table):
        import pyarrow as pa

        if not hasattr(self, "_fixed_schema"):
            types = {"time_precision": pa.int64(), "geo_precision": pa.int64(), "fatalities": pa.int64(),
                     "start": pa.int64(), "end": pa.int64(), "quote_start": pa.int64(), "quote_end": pa.int64(),
                     "lat": pa.float64(), "lon": pa.float64(), "confidence": pa.float64(),
                     "date": pa.date32(), "date_start": pa.date32(), "date_end": pa.date32(),
                     "geometry": pa.binary()}
            schema = pa.schema([pa.field(f.name, types.get(f.name, pa.string())) for f in table.schema])
            if self.geometry:
                schema = schema.with_metadata({b"geo": json.dumps(_geo_metadata()).encode()})
            self._fixed_schema = schema
        return self._fixed_schema

    def _close_file(self) -> None:
        if self._flushed:
            self._writer.close()

    def abort(self) -> None:
        if getattr(self, "_flushed", False):
            self._writer.close()
        super().abort()


def _geo_metadata() -> dict:
    from pyproj import CRS

    return {"version": "1.0.0", "primary_column": "geometry",
            "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"],
                                     "crs": CRS.from_epsg(4326).to_json_dict()}}}


class GPKGWriter(_ChunkedWriter):
    """A GeoPackage layer ``events`` (or ``unresolved``), appended chunk by chunk."""

    def _flush(self) -> None:
        import pyogrio

        layer = "events" if self.geometry else "unresolved"
        frame = self._frame()
        if not self._flushed:
            Path(self._temp).unlink(missing_ok=True)  # GDAL creates the file itself
        pyogrio.write_dataframe(frame, self._temp, layer=layer, driver="GPKG", append=self._flushed,
                                geometry_type="Point" if self.geometry else None)
        self._flushed = True
        self._rows = []


def unresolved_path(events_path: Path | None) -> Path | None:
    """Where the unresolved mentions go by default: ``<events>.unresolved.csv`` next to the events."""
    if events_path is None or str(events_path) == "-":
        return None
    return events_path.with_name(events_path.stem + ".unresolved.csv")


__all__ = ["EventWriter", "finish_together", "format_of", "open_writer", "unresolved_path", "UNRESOLVED_FIELDS"]
