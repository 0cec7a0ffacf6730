"""Compact columnar data for the browser: one array per field, not one object per event.

Coordinates are integers in 1e-5 degrees (about a metre), days are offsets
from the first day, repeated strings (titles, places, sources) are stored
once with an index array. Rows are sorted by start day so the time filter
walks memory in order. Above ``max_points`` rows the events are aggregated
per grid cell, day and type, and the data says so. Columns are numpy
arrays, written as JSON lists or packed bytes by :mod:`geomap.maps.payload`.
"""
from __future__ import annotations

import json

from ..events.model import EVENT_TYPES

SCALE = 100_000
MAX_POINTS = 200_000
#: Grid cell of the aggregation, in degrees.
AGGREGATE_CELL = 0.1
POPUP_TEXT = ("event_id", "doc_id", "date_text", "place_text", "place", "country_code", "country", "admin1",
              "quote", "title", "url", "source", "lang", "date_source")


def pack_events(frame, *, max_points: int = MAX_POINTS) -> dict:
    """The columnar payload the map's JS reads (see static/geomap-events.js)."""
    import numpy

    notice = None
    weights = None
    if len(frame) > max_points:
        frame, notice = aggregate_events(frame)
        weights = frame["weight"].to_numpy()
    frame = frame.sort_values("day_start", kind="stable")
    first_day = int(frame["day_start"].min()) if len(frame) else 0
    types, type_index = _type_codes(frame)
    fatalities = frame["fatalities"].to_numpy(dtype="float64", na_value=numpy.nan) if "fatalities" in frame else None
    data = {
        "version": 2,
        "count": int(len(frame)),
        "firstDay": first_day,
        "scale": SCALE,
        "lat": numpy.rint(frame["lat"].to_numpy() * SCALE).astype("int32"),
        "lon": numpy.rint(frame["lon"].to_numpy() * SCALE).astype("int32"),
        "day": (frame["day_start"].to_numpy() - first_day).astype("int32"),
        "span": (frame["day_end"].to_numpy() - frame["day_start"].to_numpy()).astype("int32"),
        "types": types,
        "type": type_index,
        "fatalities": _int_or_minus_one(fatalities) if fatalities is not None else None,
        "weight": frame["weight"].to_numpy().astype("int32") if weights is not None else None,
        "historical": frame["historical"].to_numpy().astype("uint8") if "historical" in frame else None,
        "reports": _reports(frame),
        "notice": notice,
        "text": {name: _dictionary(frame[name]) for name in POPUP_TEXT if name in frame},
        "precision": {name: _int_or_minus_one(frame[name].to_numpy(dtype="float64", na_value=numpy.nan))
                      for name in ("time_precision", "geo_precision") if name in frame},
    }
    return data


def _reports(frame) -> dict | None:
    """Cross-article merging (``n_reports``, ``n_sources``, ``sources``): counts per event, and the
    outlets and links of events reported more than once (popups list them; markers grow with them)."""
    if "n_reports" not in frame:
        return None
    counts = frame["n_reports"].fillna(1).to_numpy().astype("int32")
    outlets = frame["n_sources"].fillna(1).to_numpy().astype("int32") if "n_sources" in frame else counts
    sources = []
    for n, raw in zip(counts, frame["sources"] if "sources" in frame else [None] * len(counts)):
        try:
            listed = json.loads(raw) if n > 1 and isinstance(raw, str) else None
        except ValueError:
            listed = None
        sources.append([[str(s.get("source") or ""), str(s.get("url") or "")] for s in listed[:50]]
                       if isinstance(listed, list) else None)
    return {"count": counts, "outlets": outlets, "sources": sources}


def to_script_json(data: dict) -> str:
    """JSON safe inside a ``<script>`` element: no ``<`` can close it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _type_codes(frame) -> tuple[list[str], object]:
    """Known types first in a fixed order (stable colours), then any others by name."""
    import pandas

    if "event_type" not in frame:
        import numpy

        return ["other"], numpy.zeros(len(frame), dtype="uint8")
    values = frame["event_type"].fillna("other").astype(str).str.strip().str.lower().replace("", "other")
    present = set(values.unique())
    types = [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))
    return types, pandas.Categorical(values, categories=types).codes.astype("int32")


def _int_or_minus_one(values):
    """Whole numbers (int32: the page's typed arrays), -1 where unknown."""
    import numpy

    return numpy.clip(numpy.where(numpy.isfinite(values), values, -1), -1, 2**31 - 1).astype("int32")


def _dictionary(series) -> dict:
    """``{"values": [...], "index": [...]}`` (-1: none); index omitted when every value is distinct.
    Values in order of first appearance, as pandas.factorize gives them."""
    import pyarrow
    import pyarrow.compute

    try:
        array = pyarrow.array(series, type=pyarrow.large_string(), from_pandas=True)
    except (pyarrow.ArrowInvalid, pyarrow.ArrowTypeError):  # not all text: spelled as Python would
        array = pyarrow.array([None if v is None or v != v else str(v) for v in series.to_numpy(dtype=object)],
                              type=pyarrow.large_string())
    if isinstance(array, pyarrow.ChunkedArray):
        array = array.combine_chunks()
    encoded = pyarrow.compute.dictionary_encode(array)
    values = encoded.dictionary.to_pylist()
    if len(values) == len(series) and encoded.null_count == 0:
        return {"values": values}
    return {"values": values, "index": encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype("int32")}


def aggregate_events(frame, *, cell: float = AGGREGATE_CELL) -> tuple[object, str]:
    """One row per grid cell, start day and type: what a browser can still draw."""
    import numpy

    keyed = frame.assign(
        _cy=numpy.floor(frame["lat"].to_numpy() / cell).astype("int64"),
        _cx=numpy.floor(frame["lon"].to_numpy() / cell).astype("int64"),
        event_type=frame["event_type"].fillna("other") if "event_type" in frame else "other",
        fatalities=frame["fatalities"] if "fatalities" in frame else numpy.nan,
        historical=frame["historical"] if "historical" in frame else False,
    )
    grouped = keyed.groupby(["_cy", "_cx", "day_start", "event_type", "historical"], sort=False)
    out = grouped.agg(lat=("lat", "mean"), lon=("lon", "mean"), day_end=("day_end", "max"),
                      fatalities=("fatalities", "sum"), counted=("fatalities", "count"), weight=("lat", "size"))
    out["fatalities"] = out["fatalities"].where(out["counted"] > 0)  # no count reported stays unknown, not 0
    out = out.reset_index().drop(columns=["_cy", "_cx", "counted"])
    for name in ("place", "country_code", "country", "geo_precision"):
        if name in frame:
            out[name] = grouped[name].first().to_numpy()
    notice = (f"{len(frame):,} events shown as {len(out):,} aggregates "
              f"(per {cell:g}\u00b0 cell, day and type)")
    return out, notice
