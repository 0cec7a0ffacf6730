"""Merged events and their reports on disk: the files ``geomap events`` writes and ``--append`` reads.

The reports file (``<events>.reports.<suffix>``, or ``--reports PATH``) is
the source of truth: one row per report with the ``merged_event_id`` it
joined. The events file is always re-derived from it, so an interrupted
``--append`` that renamed the new reports but not yet the new events is
repaired by the next run, and no report is ever lost.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .merge import is_missing
from .writers import format_of, open_writer

_DATE_COLUMNS = ("date", "date_start", "date_end")
_INTEGER_COLUMNS = ("fatalities", "fatalities_cumulative", "mentions", "time_precision", "geo_precision", "start",
                    "end", "n_reports", "n_sources")
_BOOLEAN_COLUMNS = ("historical",)
_CONVERTED = frozenset(_INTEGER_COLUMNS + _BOOLEAN_COLUMNS)


def reports_path(events_path: Path) -> Path:
    """Where the per-report rows of ``events.geojson`` go by default: ``events.reports.geojson``."""
    return events_path.with_name(f"{events_path.stem}.reports{events_path.suffix}")


class FrameRow(dict):
    """A frame row in the shape the event writers take (``to_dict()``, ``lat``, ``lon``)."""

    def to_dict(self) -> dict:
        return self

    @property
    def lat(self) -> float:
        return self["lat"]

    @property
    def lon(self) -> float:
        return self["lon"]


def plain_cell(column: str, value):
    """A frame cell as the writers expect it: None for missing, int for counts, date for days."""
    if value is None or (type(value) is str and column not in _CONVERTED):
        return value
    if is_missing(value):
        return None
    if column in _INTEGER_COLUMNS:
        return int(value)
    if column in _BOOLEAN_COLUMNS:
        return value if isinstance(value, bool) else str(value).strip().lower() in ("true", "1")
    if column in _DATE_COLUMNS and hasattr(value, "date") and callable(value.date):
        return value.date()
    if hasattr(value, "item") and callable(value.item):
        return value.item()  # numpy scalars -> Python
    return value


def write_frame(frame, path: Path | None) -> int:
    """Write every row of ``frame`` (its columns, in order) atomically to ``path`` (suffix = format)."""
    return write_frames((frame, path))[0]


def write_frames(*targets) -> list[int]:
    """Write each ``(frame, path)`` atomically, all committed together."""
    def rows(frame, columns):
        for values in frame[columns].itertuples(index=False, name=None):
            yield {c: plain_cell(c, v) for c, v in zip(columns, values)}

    streams = []
    for frame, path in targets:
        columns = [c for c in frame.columns if c != "geometry"]
        streams.append((rows(frame, columns), columns, path))
    return write_streams(*streams)


def write_streams(*targets) -> list[int]:
    """Write each ``(rows, columns, path)`` atomically, all committed together: an interrupted or
    failed run leaves none of them (no lone reports file). Rows are dicts of plain values
    (:func:`plain_cell`); a column a row lacks is written empty."""
    from contextlib import ExitStack

    from .writers import finish_together

    with ExitStack() as stack:
        writers = []
        for rows, columns, path in targets:
            out = stack.enter_context(open_writer(path, fields=columns))
            out.write(FrameRow({c: row.get(c) for c in columns}) for row in rows)
            writers.append(out)
        finish_together(*writers)
    return [w.count for w in writers]


def iter_reports(path: Path, *, rows: int = 10_000):
    """The report rows an earlier run wrote (any events format), in DataFrames of about ``rows`` rows,
    dates as ``datetime.date``: an ``--append`` to a large file holds one chunk at a time."""
    if not path.is_file():
        raise InputError(f"{path}: no reports file to append to (run once without --append)")
    try:
        for frame in _chunks(path, format_of(path), rows):
            yield _clean(frame)
    except InputError:
        raise
    except Exception as exc:  # a damaged file of any format
        raise InputError(f"{path}: cannot read the reports file ({type(exc).__name__}: {exc})") from exc


def _chunks(path: Path, fmt: str, rows: int):
    import pandas as pd

    if fmt == "csv":
        yield from pd.read_csv(path, dtype={"event_id": str, "doc_id": str, "merged_event_id": str},
                               keep_default_na=False, na_values=[""], chunksize=rows)
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        with open(path, "rb") as handle:  # a handle, not a name GDAL/pyarrow would read as a URI ("a;b")
            for batch in pq.ParquetFile(handle).iter_batches(batch_size=rows):
                yield batch.to_pandas()
    elif fmt == "geojson" and _one_feature_per_line(path):
        yield from _geojson_lines(path, rows)
    else:
        import geopandas as gpd

        with open(path, "rb") as handle:
            yield pd.DataFrame(gpd.read_file(handle))


def _one_feature_per_line(path: Path) -> bool:
    """Whether a GeoJSON file has the layout geomap's writer gives it (and so can be read line by line)."""
    with open(path, encoding="utf-8") as handle:
        return handle.readline().strip() == '{"type": "FeatureCollection", "features": ['


def _geojson_lines(path: Path, rows: int):
    import json

    import pandas as pd

    chunk = []
    with open(path, encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            line = line.strip().rstrip(",")
            if not line.startswith("{"):
                continue  # the closing "]}"
            chunk.append(json.loads(line)["properties"])
            if len(chunk) >= rows:
                yield pd.DataFrame(chunk)
                chunk = []
    if chunk:
        yield pd.DataFrame(chunk)


def _clean(frame):
    import pandas as pd

    frame = frame.drop(columns=[c for c in ("geometry", "merged_event_id") if c in frame.columns])
    for column in _DATE_COLUMNS:
        if column in frame:
            frame[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in frame[column]]
    return frame
