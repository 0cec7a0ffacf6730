"""Read an events table and keep the rows a map can draw.

Any CSV, GeoJSON or GeoParquet with coordinates and dates will do: the
events-stage columns are found by name, others are named by the caller.
Rows without usable coordinates or dates are skipped and counted, never
silently dropped; a file too large to hold in memory is refused up front.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportFileError, InputError

#: Files above this size are refused (a map of more rows than this would be aggregated anyway).
MAX_FILE_BYTES = 1_000_000_000

LAT_NAMES = ("lat", "latitude", "y")
LON_NAMES = ("lon", "lng", "long", "longitude", "x")
DATE_NAMES = ("date_start", "date", "event_date", "datetime", "timestamp", "time", "start_date")
DATE_END_NAMES = ("date_end", "end_date")
#: Optional text and number columns carried to popups and tables when present.
TEXT_COLUMNS = ("event_id", "doc_id", "date_text", "place_text", "place", "place_id", "country_code", "country",
                "admin1", "event_type", "quote", "title", "url", "source", "lang", "date_source", "sources")
NUMBER_COLUMNS = ("time_precision", "geo_precision", "fatalities", "confidence", "n_reports", "n_sources")
#: Yes/no columns (``historical``: the event happened long before the article; off the map by default).
FLAG_COLUMNS = ("historical",)
_TRUE_TEXT = ("true", "1", "yes", "y", "t")


@dataclass(frozen=True, slots=True)
class ColumnNames:
    """Which input columns hold what; ``None`` means look for the usual names."""

    lat: str | None = None
    lon: str | None = None
    date: str | None = None
    date_end: str | None = None
    event_type: str | None = None


#: The reason a located row without a date is skipped (a report lists such rows: EventTable.undated).
UNDATED = "without a usable date"
#: Why a skipped row is skipped, and what to do, after its count in the message.
SKIP_HINTS = {
    UNDATED: " (their articles have no date: give the documents one, e.g. a 'published' "
                             "or 'date' field)",
}


@dataclass(frozen=True)
class EventTable:
    """Drawable events plus what was left out and why.

    ``frame`` has float ``lat``/``lon``, int ``day_start``/``day_end`` (days
    since 1970-01-01) and whichever of TEXT_COLUMNS/NUMBER_COLUMNS exist.
    ``unresolved`` counts place texts of rows that had no coordinates.
    """

    frame: object  # pandas.DataFrame
    total_rows: int
    skipped: dict[str, int] = field(default_factory=dict)
    unresolved: tuple[tuple[str, int], ...] = ()
    show_historical: bool = False  # the map starts with its "historical" switch on
    #: Located rows without a date (the first UNDATED_KEPT, their TEXT_COLUMNS/NUMBER_COLUMNS): not
    #: drawable on a time line, but a report lists them rather than show an empty page.
    undated: object = None  # pandas.DataFrame or None

    def skipped_message(self) -> str | None:
        """One line saying what was skipped, or None when nothing was."""
        if not self.skipped:
            return None
        parts = ", ".join(f"{count} {reason}{SKIP_HINTS.get(reason, '')}" for reason, count in self.skipped.items())
        return f"skipped {sum(self.skipped.values())} of {self.total_rows} rows: {parts}"


def read_table(path: str | os.PathLike, *, max_bytes: int = MAX_FILE_BYTES):
    """Read a CSV, GeoJSON or (Geo)Parquet file into a (Geo)DataFrame."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ImportFileError(f"no such events file: {path}") from exc
    if path.is_dir():
        raise ImportFileError(f"{path} is a directory, not an events file")
    if size > max_bytes:
        raise InputError(f"{path} is {size / 1e9:.1f} GB, more than the {max_bytes / 1e9:.1f} GB geomap map reads; "
                         "filter or aggregate it first")
    suffix = path.suffix.lower()
    try:
        return _read_by_suffix(path, suffix)
    except (ImportFileError, InputError):
        raise
    except Exception as exc:  # pandas/pyogrio raise many kinds for a malformed file
        raise ImportFileError(f"cannot read {path.name} as {suffix.lstrip('.') or 'a table'}: "
                              f"{' '.join(str(exc).split())[:200]}") from exc


def _read_by_suffix(path: Path, suffix: str):
    import pandas

    if suffix in (".csv", ".tsv", ".txt"):
        return pandas.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False,
                               na_values=[""], encoding_errors="replace")
    # Open files, not names: GDAL and pyarrow read a name as a URI, so a file
    # called "a;b.geojson" or "s3:x.parquet" would be looked for elsewhere.
    if suffix in (".geojson", ".json"):
        import geopandas

        with open(path, "rb") as handle:
            return geopandas.read_file(handle)
    if suffix in (".parquet", ".geoparquet", ".pq"):
        import geopandas

        try:
            with open(path, "rb") as handle:
                return geopandas.read_parquet(handle)
        except ValueError:  # a plain Parquet table without geo metadata
            with open(path, "rb") as handle:
                return pandas.read_parquet(handle)
    raise ImportFileError(f"unknown events file type {suffix or '(none)'!r}: use .csv, .geojson or .parquet")


def prepare_events(frame, *, columns: ColumnNames = ColumnNames(), historical: bool = False) -> EventTable:
    """Normalise any table of dated points into an :class:`EventTable`.

    Rows flagged ``historical`` (events more than a year before their article,
    which would stretch the time bar over decades) are kept, flagged: the map
    hides them until its "historical" switch is on, and ``historical=True``
    turns that switch on from the start. Every skipped row is counted with its reason."""
    import numpy
    import pandas

    total = len(frame)
    lat, lon = _coordinates(frame, columns)
    start, end = _dates(frame, columns)
    has_xy = lat.notna() & lon.notna()
    in_range = has_xy & lat.between(-90, 90) & lon.between(-180, 180)
    has_date = start.notna()
    keep = in_range & has_date
    skipped = {reason: int(count) for reason, count in (
        ("without coordinates", (~has_xy).sum()),
        ("with coordinates out of range", (has_xy & ~in_range).sum()),
        (UNDATED, (in_range & ~has_date).sum()),
    ) if count}
    out = pandas.DataFrame({"lat": lat[keep].astype("float64"), "lon": lon[keep].astype("float64")})
    epoch = numpy.datetime64("1970-01-01", "D")
    out["day_start"] = ((start[keep].to_numpy().astype("datetime64[D]") - epoch).astype("int64"))
    end_days = (end[keep].fillna(start[keep]).to_numpy().astype("datetime64[D]") - epoch).astype("int64")
    out["day_end"] = numpy.maximum(end_days, out["day_start"].to_numpy())
    _copy_optional(frame, keep, out, columns)
    unresolved = _unresolved_places(frame, ~has_xy)
    return EventTable(out.reset_index(drop=True), total, skipped, unresolved, show_historical=historical,
                      undated=_undated(frame, in_range & ~has_date, columns))


#: At most this many located rows without a date are kept for a report to list.
UNDATED_KEPT = 1000


def _undated(frame, rows, columns: ColumnNames):
    """The first UNDATED_KEPT located rows without a date, with their optional columns."""
    import pandas

    if not rows.any():
        return None
    picked = rows & (rows.cumsum() <= UNDATED_KEPT)
    out = pandas.DataFrame(index=frame.index[picked.to_numpy()])
    _copy_optional(frame, picked, out, columns)
    return out.reset_index(drop=True)


def _flag(frame, name: str):
    """A boolean column read from bools or CSV text (``True``/``true``/``1``); False when absent."""
    import pandas

    if name not in frame:
        return pandas.Series(False, frame.index)
    values = frame[name]
    if values.dtype == bool:
        return values
    return values.astype(str).str.strip().str.lower().isin(("true", "1", "yes"))


def _column(frame, name: str | None, candidates: tuple[str, ...], what: str, *, required: bool = True):
    """The named column, or the first usual name present; a clear error otherwise."""
    lowered = {str(c).lower(): c for c in frame.columns}
    if name is not None:
        if name in frame.columns:
            return name
        if name.lower() in lowered:
            return lowered[name.lower()]
        shown = ", ".join(str(c) for c in list(frame.columns)[:20]) or "none"
        raise InputError(f"no column {name!r} for {what} (columns: {shown})")
    for candidate in candidates:
        if candidate in lowered:
            return lowered[candidate]
    if required:
        shown = ", ".join(str(c) for c in list(frame.columns)[:20]) or "none"
        raise InputError(f"no {what} column found (columns: {shown}); name it with --{what.replace(' ', '-')}")
    return None


def _coordinates(frame, columns: ColumnNames):
    import pandas

    geometry = getattr(frame, "geometry", None) if "geometry" in frame.columns else None
    has_named = columns.lat or columns.lon
    lat_col = _column(frame, columns.lat, LAT_NAMES, "lat", required=geometry is None or bool(has_named))
    lon_col = _column(frame, columns.lon, LON_NAMES, "lon", required=geometry is None or bool(has_named))
    if lat_col is not None and lon_col is not None:
        return (pandas.to_numeric(frame[lat_col], errors="coerce"),
                pandas.to_numeric(frame[lon_col], errors="coerce"))
    points = geometry.where(geometry.geom_type == "Point")
    return (pandas.Series(points.y, index=frame.index), pandas.Series(points.x, index=frame.index))


def _dates(frame, columns: ColumnNames):
    start_col = _column(frame, columns.date, DATE_NAMES, "date")
    start = parse_dates(frame[start_col])
    if columns.date is None and str(start_col).lower() == "date_start" and "date" in frame.columns:
        start = start.fillna(parse_dates(frame["date"]))
    end_col = _column(frame, columns.date_end, DATE_END_NAMES, "date end", required=columns.date_end is not None)
    if end_col is None or (columns.date is not None and columns.date_end is None):
        return start, start
    return start, parse_dates(frame[end_col])


def parse_dates(values):
    """Dates from ISO strings (or anything pandas reads); impossible ones (year 20200) become NaT."""
    import warnings

    import pandas

    if pandas.api.types.is_datetime64_any_dtype(values):
        parsed = pandas.to_datetime(values, utc=True, errors="coerce")
        return parsed.dt.tz_localize(None)
    text = _as_text(values).astype("string").str.strip()  # a lone surrogate is no date, not a failure
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pandas.to_datetime(text, format="ISO8601", errors="coerce", utc=True)
        retry = parsed.isna() & text.notna() & (text != "")
        if retry.any():
            parsed[retry] = pandas.to_datetime(text[retry], format="mixed", errors="coerce", utc=True)
    return parsed.dt.tz_localize(None)


def _copy_optional(frame, keep, out, columns: ColumnNames) -> None:
    import pandas

    type_col = _column(frame, columns.event_type, ("event_type",), "type", required=columns.event_type is not None)
    every_row = bool(keep.all())  # then no row selection to copy, column by column
    for name in TEXT_COLUMNS:
        source = type_col if name == "event_type" else _column(frame, None, (name,), name, required=False)
        if source is not None:
            text = _as_text(frame[source] if every_row else frame.loc[keep, source]).astype("string").str.strip()
            # kept as Arrow-backed text: a trip through Python objects costs 1 s per million values
            out[name] = text.mask(text == "").set_axis(out.index)
    for name in NUMBER_COLUMNS:
        source = _column(frame, None, (name,), name, required=False)
        if source is not None:
            out[name] = pandas.to_numeric(frame.loc[keep, source], errors="coerce").to_numpy()
    for name in FLAG_COLUMNS:
        source = _column(frame, None, (name,), name, required=False)
        if source is not None:
            out[name] = as_flags(frame.loc[keep, source]).to_numpy()
    if "url" in out:
        url = out["url"].astype("string")
        ok = url.str.match(r"(?i)https?://", na=False) & (url.str.len() < 2048)
        out["url"] = url.where(ok)  # what safe_url keeps, vectorised


def _as_text(values):
    """Text as written: a JSON column that a reader (GDAL) handed back as lists or dicts
    (``sources`` of merged events) becomes its JSON text again, not Python's repr; a lone
    surrogate (broken UTF-16 in an article) becomes U+FFFD instead of failing the page."""
    import json

    def clean(value):
        if isinstance(value, (list, dict)):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        return value

    return values.map(clean) if values.dtype == object else values


def as_flags(values):
    """Booleans from a bool column or from text (true/1/yes); anything else (blank, no) is False."""
    import pandas

    if pandas.api.types.is_bool_dtype(values):
        return values.fillna(False).astype(bool)
    return values.astype("string").str.strip().str.lower().isin(_TRUE_TEXT).fillna(False).astype(bool)


def safe_url(value) -> str | None:
    """Only http(s) links reach a page: a ``javascript:`` URL in an article's metadata is an attack."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if text.lower().startswith(("http://", "https://")) and len(text) < 2048 else None


def _unresolved_places(frame, missing) -> tuple[tuple[str, int], ...]:
    name = _column(frame, None, ("place_text", "place"), "place", required=False)
    if name is None or not missing.any():
        return ()
    counts = _as_text(frame.loc[missing, name].dropna().astype(object)).astype(str).str.strip()
    counts = counts[counts != ""].value_counts()
    return tuple((str(place), int(count)) for place, count in counts.items())
