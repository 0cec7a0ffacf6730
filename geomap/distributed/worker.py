"""What runs inside a Dask worker: the gazetteer, opened once per process,
and one partition of documents -> two frames (events, unresolved).

The gazetteer is never pickled: a task carries only its path and content
hash, and each worker process opens the file itself on first use, read-only,
and refuses it when its content hash differs from the client's (two workers
with two different gazetteers would place the same name differently).
"""
from __future__ import annotations

import threading

from ..errors import GazetteerError
from ..events import iter_events
from ..events.model import Event, Problem, Unresolved

#: One partition at a time per process: the geoparse caches are shared, and
#: pure-Python work gains nothing from threads (run workers with --nthreads 1).
_WORK_LOCK = threading.Lock()


class GazetteerMismatch(GazetteerError):
    """A worker's gazetteer file is not the one the client resolves with."""


def worker_name() -> str:
    """This Dask worker's address, or ``this process`` outside a worker."""
    try:
        from distributed import get_worker

        return f"worker {get_worker().address}"
    except (ImportError, ValueError):
        return "this process"


def worker_gazetteer(path: str, content_hash: str, *, where: str | None = None):
    """The gazetteer at ``path`` in this process, opened on first use and
    checked against ``content_hash`` (the client's)."""
    from ..gazetteer import shared_gazetteer

    where = where or worker_name()
    try:
        gazetteer = shared_gazetteer(path, build=False)
    except GazetteerError as exc:
        raise type(exc)(f"{where}: {exc} (every worker needs the gazetteer at this path: "
                        "a shared file system or a copy per machine)") from exc
    found = gazetteer.meta.get("content_hash")
    if found != content_hash:
        raise GazetteerMismatch(f"{where}: gazetteer {path} has content hash {found}, the client's has "
                                f"{content_hash}; copy the client's file to every worker")
    return gazetteer


def check_worker(path: str, content_hash: str, dask_worker=None) -> str:
    """Run on every worker before any work (``Client.run`` passes ``dask_worker``):
    open and check the gazetteer; returns the geomap version the worker has."""
    import geomap

    worker_gazetteer(path, content_hash, where=f"worker {dask_worker.address}" if dask_worker else None)
    return geomap.__version__


# -- frames with fixed column types ---------------------------------------
def _dtype(annotation: str) -> str:
    """Column type of a dataclass field, from its annotation (so a new field needs no change here)."""
    if "date" in annotation:
        return "datetime64[s]"
    if annotation.startswith("int"):
        return "Int64" if "None" in annotation else "int64"
    if annotation.startswith("float"):
        return "float64"
    return "str"


def _dtypes(record: type) -> dict[str, str]:
    return {name: _dtype(str(annotation)) for name, annotation in record.__annotations__.items()}


EVENT_DTYPES = _dtypes(Event)
UNRESOLVED_DTYPES = _dtypes(Unresolved)


def _typed(frame, dtypes: dict[str, str]):
    """``frame`` with the same column types in every partition, empty or not,
    so the partitions form one Parquet dataset and one Dask meta."""
    import pandas as pd

    for column, dtype in dtypes.items():
        if dtype.startswith("datetime"):
            frame[column] = pd.to_datetime(frame[column]).astype(dtype)
        elif dtype == "str":
            # pandas 3's string type; pandas 2 would turn None into "None", so stays object there
            values = frame[column].astype("object").where(frame[column].notna(), None)
            frame[column] = values.astype("str") if int(pd.__version__.split(".")[0]) >= 3 else values
        else:
            frame[column] = frame[column].astype(dtype)
    return frame


def results_frames(results):
    """Events (GeoDataFrame, EPSG:4326) and unresolved mentions (DataFrame)
    of :class:`~geomap.events.model.DocumentResult` objects, typed."""
    from ..events import events_frame

    events, unresolved = [], []
    for result in results:
        events += result.events
        unresolved += result.unresolved
    frame = events_frame(events, unresolved)
    unresolved_frame = frame.attrs.pop("unresolved")
    frame.attrs.clear()
    return _typed(frame, EVENT_DTYPES), _typed(unresolved_frame, UNRESOLVED_DTYPES)


def empty_frames():
    """Typed, empty events and unresolved frames: the Dask ``meta``."""
    return results_frames([])


def _document_results(documents, gazetteer) -> list:
    """One DocumentResult per document. A bug that one document triggers
    (an exception that is no GeomapError) must not drop its partition, which
    would fail again on every retry: the partition is redone one document at
    a time and that document reported as an error."""
    from ..events.model import DocumentResult

    try:
        return list(iter_events(documents, gazetteer=gazetteer))
    except Exception:
        pass
    results = []
    for document in documents:
        try:
            results += iter_events([document], gazetteer=gazetteer)
        except Exception as exc:
            message = " ".join(f"internal error ({type(exc).__name__}): {exc}".split())
            results.append(DocumentResult(document.doc_id, problems=[document.problem(message)]))
    return results


def extract_partition(documents, gazetteer_path: str, content_hash: str):
    """The events stage over one partition: the same per-document path
    (:func:`geomap.events.iter_events`) as one machine uses.

    Returns ``(events, unresolved, problems, n_documents, n_undated)``, the
    last the documents read without an article date (said once per run).
    """
    gazetteer = worker_gazetteer(gazetteer_path, content_hash)
    with _WORK_LOCK:
        results = _document_results(documents, gazetteer)
    problems: list[Problem] = [p for result in results for p in result.problems]
    undated = sum(r.article_date is None and not any(p.level == "error" for p in r.problems) for r in results)
    events, unresolved = results_frames(results)
    return events, unresolved, problems, len(results), undated
