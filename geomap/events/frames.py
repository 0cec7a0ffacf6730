"""The Python API: events as a GeoDataFrame in EPSG:4326."""
from __future__ import annotations

from collections.abc import Iterable

from ..errors import InputError
from .extract import iter_events
from .model import EVENT_FIELDS, UNRESOLVED_FIELDS, Document

_DATE_COLUMNS = ("date", "date_start", "date_end")


def events_frame(events: Iterable, unresolved: Iterable = (), problems: Iterable = ()):
    """A GeoDataFrame of :class:`~geomap.events.model.Event` rows (points, EPSG:4326).

    ``attrs["unresolved"]`` is a DataFrame of the mentions that could not be
    placed and ``attrs["problems"]`` a list of messages.
    """
    import geopandas as gpd
    import pandas as pd

    rows = [e.to_dict() for e in events]
    frame = pd.DataFrame(rows, columns=list(EVENT_FIELDS))
    for column in _DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column])
    frame["time_precision"] = frame["time_precision"].astype("int64")
    frame["geo_precision"] = frame["geo_precision"].astype("int64")
    frame["fatalities"] = frame["fatalities"].astype("Int64")
    geometry = gpd.points_from_xy(frame["lon"].astype(float), frame["lat"].astype(float), crs="EPSG:4326")
    out = gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")
    unresolved_frame = pd.DataFrame([u.to_dict() for u in unresolved], columns=list(UNRESOLVED_FIELDS))
    out.attrs["unresolved"] = unresolved_frame
    out.attrs["problems"] = [str(p) for p in problems]
    return out


def extract_events(text: str, *, published=None, lang: str | None = None, url: str | None = None,
                   gazetteer=None, doc_id: str = "doc", title: str | None = None, source: str | None = None):
    """Dated, typed, placed events of one news text.

    Parameters
    ----------
    text : str
        The article, in any language.
    published : str or datetime.date, optional
        The article date (ISO 8601, RFC 822 or words); read from the text when None.
    lang : str, optional
        ISO 639-1 code; detected when None.
    url : str, optional
        Kept in every row.
    gazetteer : Gazetteer, optional
        Defaults to the per-user default gazetteer.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event, points in EPSG:4326; ``attrs["unresolved"]`` lists
        the place mentions the gazetteer lacks, ``attrs["problems"]`` warnings.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}")
    doc = Document(doc_id=doc_id, text=text, title=title, url=url, source=source, published=published,
                   published_source="published" if published is not None else None, lang=lang)
    (result,) = list(iter_events([doc], gazetteer=gazetteer))
    errors = [p for p in result.problems if p.level == "error"]
    if errors:
        raise InputError(str(errors[0]))
    return events_frame(result.events, result.unresolved, result.problems)


def extract_events_many(documents: Iterable, *, gazetteer=None, workers: int = 1):
    """Events of many documents in one GeoDataFrame (see :func:`iter_events` to stream).

    ``documents`` are :class:`Document` objects, texts, or dicts with ``text``
    and optional ``id``, ``title``, ``url``, ``source``, ``published``,
    ``lang``. A bad document is reported in ``attrs["problems"]`` and skipped.
    """
    events, unresolved, problems = [], [], []
    for result in iter_events(documents, gazetteer=gazetteer, workers=workers):
        events += result.events
        unresolved += result.unresolved
        problems += result.problems
    return events_frame(events, unresolved, problems)
