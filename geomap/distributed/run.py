"""The batch engine: input files -> one GeoParquet file per input partition.

Layout of OUTDIR (shared by every worker and the client)::

    events/part-00000.parquet       GeoParquet, EPSG:4326, one per input partition (one row per report)
    merged/events.parquet           reports of one occurrence merged across articles (see merge.py)
    unresolved/part-00000.parquet   the place mentions the gazetteer lacks
    _partitions/part-00000.json     written last: the partition is done (counts, problems)
    _manifest.json                  inputs, blocksize and gazetteer of the run (checked by --resume)

Every file is written to a hidden temporary name and renamed, so a partition
is either complete or absent: a retried task (its worker was killed) rewrites
the same names, and ``resume`` skips the partitions whose marker exists.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import GeomapError, InputError
from .inputs import DEFAULT_BLOCKSIZE, InputPartition, count_line_starts, expand_inputs, number_partitions
from .inputs import plan_partitions, read_partition
from .merge import merge_outdir
from .worker import check_worker, extract_partition

MANIFEST = "_manifest.json"
MANIFEST_FORMAT = "geomap-dask-events/1"
_OUR_FILES = ("events/part-*.parquet", "unresolved/part-*.parquet", "_partitions/part-*.json",
              "events/.*.tmp", "unresolved/.*.tmp", "_partitions/.*.tmp", "merged/events.parquet", "merged/.*.tmp",
              MANIFEST)


class SchedulerError(GeomapError, ConnectionError):
    """The Dask scheduler cannot be reached, has no workers, or its workers differ from the client."""


class PartitionsFailed(GeomapError, RuntimeError):
    """Some partitions failed; the others are written (``summary`` says which). Rerun with resume."""

    exit_code = 1

    def __init__(self, message: str, summary: "DaskRunSummary"):
        super().__init__(message)
        self.summary = summary


@dataclass(frozen=True, slots=True)
class DaskRunSummary:
    """What a run did: partitions written now, skipped (``resume``) and failed, and what they hold."""

    outdir: str
    partitions: int
    written: int
    skipped: int
    failed: tuple[str, ...]
    documents: int
    events: int
    unresolved: int
    errors: tuple[str, ...]
    warnings: int
    undated: int
    workers: int
    seconds: float
    merged: int | None = None  # events after cross-article merging (None: not merged)


def part_name(index: int) -> str:
    return f"part-{index:05d}"


def write_atomic(path: Path, write: Callable) -> None:
    """``write(handle)`` to a hidden temporary file beside ``path``, synced, then renamed over it."""
    from ..atomic import atomic_path

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path, suffix=".tmp") as tmp, open(tmp, "wb") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())


def run_partition(part: InputPartition, outdir: str, gazetteer_path: str, content_hash: str, *,
                  lang: str | None = None, published: str | None = None, text_field: str | None = None,
                  date_field: str | None = None) -> dict:
    """One Dask task: read, extract, write; returns the partition's marker."""
    from ..documents import ReadOptions

    options = ReadOptions(lang=lang, published=published, text_field=text_field, date_field=date_field)
    documents, problems = read_partition(part, options=options)
    unreadable = len(problems)
    events, unresolved, more, _, undated = extract_partition(documents, gazetteer_path, content_hash)
    problems += more
    out, name = Path(outdir), part_name(part.index)
    write_atomic(out / "events" / f"{name}.parquet", lambda handle: events.to_parquet(handle, index=False))
    write_atomic(out / "unresolved" / f"{name}.parquet", lambda handle: unresolved.to_parquet(handle, index=False))
    marker = {"partition": part.index, "input": str(part), "documents": len(documents) + unreadable, "events": len(events),
        "unresolved": len(unresolved), "undated": undated,
        "problems": [[p.where, p.message, p.level] for p in problems]}
    data = json.dumps(marker, ensure_ascii=False).encode()
    write_atomic(out / "_partitions" / f"{name}.json", lambda handle: handle.write(data))
    return marker


def run_events_dask(inputs, outdir, *, scheduler: str | None = None, resume: bool = False,
                    workers: int | None = None, gazetteer_path=None, blocksize: int = DEFAULT_BLOCKSIZE,
                    lang: str | None = None, published: str | None = None, text_field: str | None = None,
                    date_field: str | None = None,
                    progress: Callable[[int, int], None] | None = None, merge: bool = True) -> DaskRunSummary:
    """Run the events stage over JSON Lines / Parquet ``inputs`` on Dask.

    Parameters
    ----------
    inputs : list of str
        Files or globs of ``.jsonl`` / ``.parquet`` files (a ``text`` field
        or column; optional ``id``, ``title``, ``url``, ``source``,
        ``published``, ``lang``).
    outdir : str or Path
        Where the partitioned GeoParquet goes (see the module docstring); on
        a real cluster a path every worker and the client see.
    scheduler : str, optional
        ``tcp://HOST:PORT`` of a running ``dask scheduler``; None or
        ``"local"`` starts a LocalCluster of ``workers`` processes.
    resume : bool
        Keep the partitions a previous run over the same inputs wrote.
    gazetteer_path : str or Path, optional
        The gazetteer every worker opens (same path, same content hash).
    lang, published : str, optional
        Language and article date of records without one (as ``geomap events``).
    text_field, date_field : str, optional
        The field (column) holding the text / the date, instead of the usual names.
    merge : bool
        Merge reports of one occurrence across articles into
        ``OUTDIR/merged/events.parquet`` (:mod:`geomap.distributed.merge`)
        once every partition is written.

    Returns
    -------
    DaskRunSummary
        Raises :class:`PartitionsFailed` (carrying the summary) when a partition failed.
    """
    from .frames import gazetteer_identity

    started = time.monotonic()
    out = Path(outdir)
    paths = expand_inputs([str(p) for p in inputs])
    if not paths:
        raise InputError("no input files")
    gazetteer_file, content_hash = gazetteer_identity(gazetteer_path)
    parts = plan_partitions(paths, blocksize=blocksize, text_field=text_field)
    options = {"lang": lang, "published": published, "text_field": text_field, "date_field": date_field}
    manifest = _manifest(paths, blocksize, content_hash, len(parts), options)
    done = _prepare_outdir(out, manifest, resume)
    with _client(scheduler, workers) as client:
        n_workers = _check_workers(client, gazetteer_file, content_hash)
        parts = number_partitions(parts, client.gather(client.map(count_line_starts, parts, pure=False)))
        todo = [p for p in parts if p.index not in done]
        markers, failed = _run(client, todo, out, (gazetteer_file, content_hash, options),
                               len(parts) - len(todo), progress)
        merged = merge_outdir(out) if merge and not failed else None
    _remove_temporaries(out)
    markers += [_read_marker(out, i) for i in sorted(done)]
    summary = replace(_summary(out, parts, markers, failed, len(todo), n_workers, time.monotonic() - started),
                      merged=merged)
    if failed:
        raise PartitionsFailed(f"{len(failed)} of {len(parts)} partitions failed, the others are written "
                               f"(first: {failed[0]}); rerun with --resume", summary)
    return summary


def _run(client, todo, out: Path, task: tuple, skipped: int, progress):
    """Submit every partition, collect markers and one-line failures as they finish."""
    from distributed import as_completed

    gazetteer_file, content_hash, options = task
    token = uuid.uuid4().hex[:8]
    futures = client.map(run_partition, todo, outdir=str(out), gazetteer_path=gazetteer_file,
                         content_hash=content_hash, **options,
                         key=[f"geomap-{token}-{part_name(p.index)}" for p in todo], retries=0)
    by_key = {f.key: p for f, p in zip(futures, todo)}
    markers, failed = [], []
    total = skipped + len(todo)
    for n, future in enumerate(as_completed(futures), 1):
        if future.status == "finished":
            markers.append(future.result())
        else:
            error = future.exception()
            failed.append(f"{by_key[future.key]}: " + " ".join(f"{type(error).__name__}: {error}".split()))
        future.release()
        if progress:
            progress(skipped + n, total)
    return markers, failed


def _summary(out: Path, parts, markers, failed, ran: int, n_workers: int, seconds: float) -> DaskRunSummary:
    problems = [p for m in markers for p in m["problems"]]
    return DaskRunSummary(
        outdir=str(out), partitions=len(parts), written=len(markers) - (len(parts) - ran), skipped=len(parts) - ran,
        failed=tuple(failed), documents=sum(m["documents"] for m in markers),
        events=sum(m["events"] for m in markers), unresolved=sum(m["unresolved"] for m in markers),
        errors=tuple(f"{where}: {message}" for where, message, level in problems if level == "error"),
        warnings=sum(level != "error" for _, _, level in problems),
        undated=sum(m.get("undated", 0) for m in markers), workers=n_workers, seconds=round(seconds, 3))


def _manifest(paths: list[str], blocksize: int, content_hash: str, n_parts: int, options: dict) -> dict:
    files = [[p, os.stat(p).st_size, os.stat(p).st_mtime_ns] for p in paths]
    return {"format": MANIFEST_FORMAT, "inputs": files, "blocksize": blocksize, "gazetteer": content_hash,
            "partitions": n_parts, "options": options}


def _prepare_outdir(out: Path, manifest: dict, resume: bool) -> set[int]:
    """Indexes of the partitions already done (``resume``), after checking
    they come from the same run; a fresh run removes our old files first."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a directory")
    done = {int(p.stem.split("-")[1]) for p in out.glob("_partitions/part-*.json")}
    if resume and done:
        try:
            previous = json.loads((out / MANIFEST).read_text())
        except (OSError, ValueError) as exc:
            raise InputError(f"{out}: cannot resume, no readable {MANIFEST} ({exc})") from exc
        if previous != manifest:
            changed = [k for k in manifest if previous.get(k) != manifest[k]]
            raise InputError(f"{out}: cannot resume, the earlier run had other {', '.join(changed)}; "
                             "run without --resume to start over")
        return {i for i in done if i < manifest["partitions"]}
    if not resume:
        for pattern in _OUR_FILES:
            for old in out.glob(pattern):
                old.unlink()
    data = json.dumps(manifest, indent=1).encode()
    write_atomic(out / MANIFEST, lambda handle: handle.write(data))
    return set()


def _read_marker(out: Path, index: int) -> dict:
    return json.loads((out / "_partitions" / f"{part_name(index)}.json").read_text())


def _remove_temporaries(out: Path) -> None:
    """Temporary files of tasks that died mid-write (their retries wrote the real ones)."""
    for pattern in ("events/.*.tmp", "unresolved/.*.tmp", "_partitions/.*.tmp", "merged/.*.tmp"):
        for tmp in out.glob(pattern):
            tmp.unlink(missing_ok=True)


@contextmanager
def _client(scheduler: str | None, workers: int | None):
    """A Client of the scheduler at ``scheduler``, or of a LocalCluster sized to this machine."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler in (None, "", "local"):
        n = workers or os.cpu_count() or 1
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
    with client:
        yield client


def _check_workers(client, gazetteer_file: str, content_hash: str) -> int:
    """Every worker opens the gazetteer and proves it is the client's; returns the worker count."""
    import geomap

    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError as exc:
        raise SchedulerError(f"no Dask worker joined {client.scheduler.address} within 60 s") from exc
    answers = client.run(check_worker, gazetteer_file, content_hash, on_error="return")
    for address, answer in sorted(answers.items()):
        if isinstance(answer, GeomapError):
            raise answer
        if isinstance(answer, BaseException):
            raise SchedulerError(f"worker {address}: {type(answer).__name__}: {answer}")
        if answer != geomap.__version__:
            raise SchedulerError(f"worker {address} runs geomap {answer}, the client {geomap.__version__}")
    return len(answers)
