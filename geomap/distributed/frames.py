"""The Python API on Dask collections: a Bag or DataFrame of documents ->
a ``dask_geopandas.GeoDataFrame`` of events (EPSG:4326), lazily."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .worker import empty_frames, extract_partition


def gazetteer_identity(gazetteer=None) -> tuple[str, str]:
    """(absolute path, content hash) of a Gazetteer, a path, or the default
    gazetteer (built here, on the client, when missing). Workers open the
    same path and must find the same hash."""
    from ..gazetteer import Gazetteer

    if isinstance(gazetteer, Gazetteer):
        return str(Path(gazetteer.path).resolve()), gazetteer.meta.get("content_hash", "")
    with Gazetteer.open(gazetteer) as opened:
        return str(Path(opened.path).resolve()), opened.meta.get("content_hash", "")


def _bag_events(items, partition: int, gazetteer_path: str, content_hash: str):
    """One Bag partition: Documents, texts or dicts with ``text`` -> events.
    An item without an id is named ``doc<partition>.<position>``."""
    from ..documents import as_document

    documents = [as_document(item, n, default_id=f"doc{partition}.{n}") for n, item in enumerate(items)]
    return extract_partition(documents, gazetteer_path, content_hash)[0]


def _frame_events(frame, gazetteer_path: str, content_hash: str):
    """One DataFrame partition (a ``text`` column, optional ``id``, ``title``,
    ``url``, ``source``, ``published``, ``lang``) -> events. A row without an
    id is named by its index label, as :func:`geomap.events.extract_events_many`
    names the n-th document."""
    from ..documents import as_document

    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    documents = [as_document(record, n, default_id=f"doc{label}" if isinstance(label, int) else None)
                 for n, (label, record) in enumerate(zip(frame.index.tolist(), records))]
    return extract_partition(documents, gazetteer_path, content_hash)[0]


def extract_events(collection, *, gazetteer=None):
    """Events of a Dask collection of documents, built by the same
    per-document function as :func:`geomap.events.extract_events_many`.

    Parameters
    ----------
    collection : dask.bag.Bag or dask.dataframe.DataFrame
        A Bag of texts, dicts with ``text`` (and ``id``, ``title``, ``url``,
        ``source``, ``published``, ``lang``) or ``Document`` objects; or a
        DataFrame with those columns. Give documents an ``id``: one without
        is named by its DataFrame index, or ``doc<partition>.<n>`` in a Bag.
    gazetteer : Gazetteer or path, optional
        Defaults to the per-user default gazetteer. Every worker opens this
        path itself and must find a file with the same content hash.

    Returns
    -------
    dask_geopandas.GeoDataFrame
        One row per event, points in EPSG:4326, one partition per input
        partition. Unresolved mentions are written by
        :func:`geomap.dask.run_events_dask`.
    """
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import dask_geopandas

    gazetteer_path, content_hash = gazetteer_identity(gazetteer)
    meta = empty_frames()[0]
    if isinstance(collection, db.Bag):
        parts = [dask.delayed(_bag_events)(part, n, gazetteer_path, content_hash)
                 for n, part in enumerate(collection.to_delayed())]
        events = dd.from_delayed(parts, meta=meta, verify_meta=False)
    elif isinstance(collection, dd.DataFrame):
        if "text" not in collection.columns:
            raise InputError("the DataFrame has no 'text' column")
        events = collection.map_partitions(_frame_events, gazetteer_path, content_hash, meta=meta,
                                           enforce_metadata=False, align_dataframes=False)
    else:
        raise InputError(f"expected a dask Bag or DataFrame of documents, not {type(collection).__name__}")
    if not isinstance(events, dask_geopandas.GeoDataFrame):
        events = dask_geopandas.from_dask_dataframe(events, geometry="geometry")
    return events
