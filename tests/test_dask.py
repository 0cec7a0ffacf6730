"""The events pipeline on Dask: the same rows as one machine, resumable,
and whole after a worker is killed. One real LocalCluster (2 worker
processes) for the module; documents are cut from the seed article."""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "serambinews_2020-10-01_karabakh.txt"
URL = "https://aceh.tribunnews.com/2020/10/01/perang-armenia-dan-azerbaijan-terus-berlanjut"


def seed_records() -> list[dict]:
    """30 documents from the seed article: whole (with and without a date),
    each body line alone, and every window of three lines."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines)
    records = [{"id": "seed", "text": text, "published": "2020-10-01", "url": URL, "title": lines[1]},
               {"id": "seed-undated", "text": text}]
    records += [{"id": f"line{n}", "text": line, "published": "2020-10-01", "lang": "id"}
                for n, line in enumerate(lines[3:], 3)]
    records += [{"id": f"window{n}", "text": "\n".join(lines[n:n + 3]), "source": "serambinews"}
                for n in range(3, len(lines) - 2)]
    return records


def write_jsonl(path: Path, records, extra_lines=()) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        for line in extra_lines:
            handle.write(line + "\n")
    return path


def rows(frame) -> list[tuple]:
    """Order-insensitive, type-insensitive rows: NA -> None, geometry -> WKB."""
    import pandas as pd

    frame = pd.DataFrame(frame).copy()
    if "geometry" in frame:
        frame["geometry"] = [g.wkb_hex for g in frame["geometry"]]
    cells = frame.astype(object).where(frame.notna(), None)
    return sorted(tuple(_cell(v) for v in row) for row in cells[sorted(cells.columns)].itertuples(index=False))


def _cell(value) -> str:
    """Dates compare as days whether a column holds dates or datetimes, counts
    whether a writer kept them as integers or floats."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    # dashboard_address=":0": the scheduler's HTTP server on a free port (None means 8787, which another
    # cluster on the machine may hold: a UserWarning, an error under filterwarnings=error)
    with LocalCluster(n_workers=2, processes=True, host="127.0.0.1", dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield cluster, client


@pytest.fixture(scope="module")
def reference(default_gazetteer_path):
    """The single-machine path on the same documents."""
    from geomap.events import extract_events_many
    from geomap.gazetteer import Gazetteer

    with Gazetteer.open(default_gazetteer_path) as gazetteer:
        frame = extract_events_many(seed_records(), gazetteer=gazetteer)
    assert len(frame) >= 10 and len(frame.attrs["unresolved"]) >= 1  # enough to compare
    return frame


@pytest.fixture
def seed_jsonl(tmp_path) -> Path:
    return write_jsonl(tmp_path / "seed.jsonl", seed_records())


def run(inputs, outdir, cluster, gazetteer_path, **options):
    from geomap.dask import run_events_dask

    return run_events_dask(inputs, outdir, scheduler=cluster[0].scheduler_address, gazetteer_path=gazetteer_path,
                           **options)


def read_output(outdir: Path):
    import geopandas as gpd
    import pandas as pd

    return gpd.read_parquet(outdir / "events"), pd.read_parquet(outdir / "unresolved")


# -- partitions (no cluster) ------------------------------------------------
@pytest.mark.unit
@pytest.mark.parametrize("blocksize", [1, 7, 333, 4096, 10**7])
def test_blocks_hold_every_line_once_with_its_number(tmp_path, blocksize):
    from geomap.distributed.inputs import count_line_starts, number_partitions, plan_partitions, read_partition

    records = seed_records()[:12]
    for record in records[::3]:
        del record["id"]
    path = write_jsonl(tmp_path / "docs.jsonl", records, extra_lines=["", "{not json", "[1, 2]"])
    parts = plan_partitions([str(path)], blocksize=blocksize)
    parts = number_partitions(parts, [count_line_starts(p) for p in parts])
    documents, problems = [], []
    for part in parts:
        docs, probs = read_partition(part)
        documents += docs
        problems += probs
    assert [d.text for d in documents] == [r["text"] for r in records]
    # no id: the url names the document (as geomap.documents reads any record), else file:line
    assert [d.doc_id for d in documents] == [r.get("id", r.get("url", f"docs:{n}")) for n, r in enumerate(records, 1)]
    assert [p.where for p in problems] == [f"{path}:14", f"{path}:15"]


@pytest.mark.unit
def test_parquet_row_groups_are_partitions(tmp_path):
    import pandas as pd

    from geomap.distributed.inputs import count_line_starts, number_partitions, plan_partitions, read_partition

    path = tmp_path / "docs.parquet"
    frame = pd.DataFrame(seed_records()[:9]).drop(columns=["id"])
    frame.to_parquet(path, row_group_size=4)
    parts = plan_partitions([str(path)])
    parts = number_partitions(parts, [count_line_starts(p) for p in parts])
    assert len(parts) == 3
    docs = [d for part in parts for d in read_partition(part)[0]]
    assert [d.doc_id for d in docs] == [URL] + [f"docs:{n}" for n in range(2, 10)]  # the url names one
    assert docs[0].published == "2020-10-01" and docs[0].url == URL


@pytest.mark.unit
def test_bad_inputs_are_one_line_errors(tmp_path):
    from geomap.distributed.inputs import expand_inputs, plan_partitions
    from geomap.errors import InputError

    with pytest.raises(InputError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.jsonl")])
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(InputError, match="JSON Lines"):
        expand_inputs([str(tmp_path / "a.txt")])
    (tmp_path / "b.parquet").write_bytes(b"not parquet")
    with pytest.raises(InputError, match="not a readable Parquet"):
        plan_partitions(expand_inputs([str(tmp_path / "*.parquet")]))


@pytest.mark.integration
def test_worker_refuses_another_gazetteer(default_gazetteer_path):
    from geomap.dask import GazetteerMismatch
    from geomap.distributed.worker import check_worker

    check_worker(str(default_gazetteer_path), _content_hash(default_gazetteer_path))
    with pytest.raises(GazetteerMismatch, match="content hash"):
        check_worker(str(default_gazetteer_path), "0" * 16)


@pytest.mark.integration
def test_a_document_that_trips_a_bug_does_not_drop_its_partition(default_gazetteer_path):
    """dateparser knows no Tajik ('tg'): today that raises ValueError inside
    the events stage; the partition's other documents must still come out."""
    from geomap.distributed.worker import extract_partition
    from geomap.events import Document, extract_events_many
    from geomap.gazetteer import Gazetteer

    good = [Document(doc_id=r["id"], text=r["text"], published="2020-10-01") for r in seed_records()[2:6]]
    odd = Document(doc_id="tg", text="Three people were killed in Baku yesterday.", lang="tg", published="2020-10-01")
    events, _, problems, n, _ = extract_partition([good[0], odd, *good[1:]], str(default_gazetteer_path),
                                               _content_hash(default_gazetteer_path))
    with Gazetteer.open(default_gazetteer_path) as gazetteer:
        expected = extract_events_many(good, gazetteer=gazetteer)
    assert n == 5 and len(expected) >= 1
    assert rows(events[events["doc_id"] != "tg"]) == rows(expected)
    errors = [p for p in problems if p.level == "error"]
    assert all(p.where == "tg" and p.message.startswith("internal error (") for p in errors)


def _content_hash(path) -> str:
    from geomap.dask import gazetteer_identity

    return gazetteer_identity(path)[1]


# -- on the cluster ---------------------------------------------------------
@pytest.mark.integration
def test_engine_gives_the_single_machine_rows(cluster, reference, seed_jsonl, tmp_path, default_gazetteer_path):
    out = tmp_path / "out"
    summary = run([str(tmp_path / "*.jsonl")], out, cluster, default_gazetteer_path, blocksize=2000)
    assert summary.partitions == len(list((out / "events").glob("part-*.parquet"))) > 2
    assert (summary.written, summary.skipped, summary.failed) == (summary.partitions, 0, ())
    assert summary.documents == len(seed_records()) and summary.events == len(reference)
    events, unresolved = read_output(out)
    assert events.crs.to_epsg() == 4326
    assert rows(events) == rows(reference)
    assert rows(unresolved) == rows(reference.attrs["unresolved"])


@pytest.mark.integration
def test_engine_merges_reports_as_the_single_machine_path_does(cluster, reference, seed_jsonl, tmp_path,
                                                               default_gazetteer_path):
    import geopandas as gpd
    import pandas as pd

    from geomap.events.merge import merge_reports

    out = tmp_path / "out"
    summary = run([str(seed_jsonl)], out, cluster, default_gazetteer_path, blocksize=2000)
    local = merge_reports(pd.DataFrame(reference.drop(columns="geometry")))[0]
    merged = gpd.read_parquet(out / "merged" / "events.parquet")
    assert summary.merged == len(local) == len(merged) < summary.events
    assert list(merged["event_id"]) == list(local["event_id"])
    assert list(merged["report_ids"]) == list(local["report_ids"])
    assert list(merged["n_sources"]) == list(local["n_sources"])


@pytest.mark.integration
def test_every_worker_checks_the_gazetteer_hash(cluster, default_gazetteer_path):
    from geomap.dask import GazetteerMismatch
    from geomap.distributed.run import _check_workers

    assert _check_workers(cluster[1], str(default_gazetteer_path), _content_hash(default_gazetteer_path)) == 2
    with pytest.raises(GazetteerMismatch, match="^worker tcp://127.0.0.1"):
        _check_workers(cluster[1], str(default_gazetteer_path), "0" * 16)


@pytest.mark.integration
def test_extract_events_on_bag_and_dataframe(cluster, reference, default_gazetteer_path):
    import dask.bag as db
    import dask.dataframe as dd
    import dask_geopandas
    import pandas as pd

    from geomap.dask import extract_events

    bag = db.from_sequence(seed_records(), npartitions=4)
    frame = dd.from_pandas(pd.DataFrame(seed_records()), npartitions=3)
    for collection in (bag, frame):
        events = extract_events(collection, gazetteer=default_gazetteer_path)
        assert isinstance(events, dask_geopandas.GeoDataFrame) and events.crs.to_epsg() == 4326
        assert events.npartitions == collection.npartitions
        assert rows(events.compute()) == rows(reference)


@pytest.mark.integration
def test_resume_after_a_failed_partition(cluster, reference, seed_jsonl, tmp_path, default_gazetteer_path):
    from geomap.dask import PartitionsFailed

    out = tmp_path / "out"
    blocker = out / "events" / "part-00002.parquet"
    blocker.mkdir(parents=True)  # the partition's output cannot be written: a real OS error
    with pytest.raises(PartitionsFailed, match=r"^1 of \d+ partitions failed.*OutputError: cannot write.*rerun with --resume$") as failure:
        run([seed_jsonl], out, cluster, default_gazetteer_path, blocksize=2000, resume=True)
    first = failure.value.summary
    assert len(first.failed) == 1 and "OutputError: cannot write" in first.failed[0]
    assert first.written == first.partitions - 1
    kept = {p.name: p.stat().st_mtime_ns for p in (out / "_partitions").glob("part-*.json")}
    assert len(kept) == first.partitions - 1 and "part-00002.json" not in kept

    blocker.rmdir()
    summary = run([seed_jsonl], out, cluster, default_gazetteer_path, blocksize=2000, resume=True)
    assert (summary.written, summary.skipped, summary.failed) == (1, first.partitions - 1, ())
    assert {p.name: p.stat().st_mtime_ns for p in (out / "_partitions").glob("part-*.json") if p.name in kept} == kept
    events, unresolved = read_output(out)
    assert rows(events) == rows(reference)
    assert rows(unresolved) == rows(reference.attrs["unresolved"])
    assert not list(out.rglob(".*.tmp"))


@pytest.mark.integration
def test_resume_refuses_other_inputs(cluster, seed_jsonl, tmp_path, default_gazetteer_path):
    from geomap.errors import InputError

    out = tmp_path / "out"
    run([seed_jsonl], out, cluster, default_gazetteer_path, blocksize=4000)
    with pytest.raises(InputError, match="cannot resume, the earlier run had other blocksize"):
        run([seed_jsonl], out, cluster, default_gazetteer_path, blocksize=3000, resume=True)
    write_jsonl(seed_jsonl, seed_records()[:5])
    with pytest.raises(InputError, match="cannot resume, the earlier run had other inputs"):
        run([seed_jsonl], out, cluster, default_gazetteer_path, blocksize=4000, resume=True)
    summary = run([seed_jsonl], out, cluster, default_gazetteer_path, blocksize=4000)  # a fresh run starts over
    assert summary.documents == 5 and summary.skipped == 0
    assert len(list((out / "events").glob("part-*.parquet"))) == summary.partitions


@pytest.mark.integration
def test_cli_dask_engine_writes_what_the_local_engine_writes(cluster, seed_jsonl, tmp_path, default_gazetteer_path,
                                                              capsys):
    import geopandas as gpd
    import pandas as pd

    from geomap.cli import main

    gazetteer = ["--gazetteer", str(default_gazetteer_path), "--quiet"]
    bad = write_jsonl(tmp_path / "bad.jsonl", seed_records()[:3], extra_lines=['{"text": 5}'])
    local = tmp_path / "local.parquet"
    assert main([*gazetteer, "events", str(seed_jsonl), str(bad), "-o", str(local), "--no-merge",
                 "--unresolved", str(tmp_path / "local-unresolved.parquet")]) == 1
    local_merged = tmp_path / "local-merged.parquet"
    assert main([*gazetteer, "events", str(seed_jsonl), str(bad), "-o", str(local_merged),
                 "--unresolved", str(tmp_path / "local-unresolved.parquet")]) == 1
    capsys.readouterr()
    out = tmp_path / "out"
    code = main([*gazetteer, "events", "--engine", "dask", "--scheduler", cluster[0].scheduler_address,
                 str(tmp_path / "*.jsonl"), "-o", str(out)])
    err = capsys.readouterr().err
    lines = err.splitlines()  # the bad line, and the documents without a date said once
    assert code == 1 and lines[0] == f"geomap: error: {bad}:4: field 'text' is int, not text"
    assert len(lines) == 2 and " documents have no article date " in lines[1]
    events, unresolved = read_output(out)
    assert rows(events) == rows(gpd.read_parquet(local))
    assert rows(unresolved) == rows(pd.read_parquet(tmp_path / "local-unresolved.parquet"))
    merged, local_events = gpd.read_parquet(out / "merged" / "events.parquet"), gpd.read_parquet(local_merged)
    assert len(merged) < len(events)
    for column in ("event_id", "report_ids", "n_sources", "fatalities"):
        assert list(merged[column].astype(str)) == list(local_events[column].astype(str))

    assert main([*gazetteer, "events", "--engine", "dask", str(seed_jsonl), "-o", str(out), "--unresolved",
                 "x.csv"]) == 2
    assert main([*gazetteer, "events", "--engine", "dask", str(tmp_path / "*.txt"), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"geomap: error: {tmp_path / '*.txt'}: no file matches"


@pytest.mark.integration
def test_killed_worker_is_retried_without_lost_or_doubled_rows(cluster, reference, seed_jsonl, tmp_path,
                                                               default_gazetteer_path):
    """Runs last: the killed worker's nanny starts a new process."""
    cluster_, client = cluster
    out, outcome = tmp_path / "out", {}

    def target():
        try:
            outcome["summary"] = run([seed_jsonl], out, cluster, default_gazetteer_path, blocksize=1500)
        except BaseException as exc:  # re-raised below, in the test's thread
            outcome["error"] = exc

    pids = client.run(os.getpid)
    thread = threading.Thread(target=target)
    thread.start()
    victim, deadline = None, time.monotonic() + 300
    while victim is None and time.monotonic() < deadline and thread.is_alive():
        for address, keys in client.processing().items():
            if any(str(key).startswith("geomap-") for key in keys):
                victim = address
                break
        time.sleep(0.005)
    assert victim is not None, "no partition task was seen running"
    os.kill(pids[victim], signal.SIGKILL)
    thread.join(timeout=600)
    assert "error" not in outcome, outcome.get("error")
    summary = outcome["summary"]
    assert summary.failed == () and summary.written == summary.partitions
    events, unresolved = read_output(out)
    assert events["event_id"].is_unique
    assert rows(events) == rows(reference)
    assert rows(unresolved) == rows(reference.attrs["unresolved"])
    assert not list(out.rglob(".*.tmp"))
    client.wait_for_workers(2, timeout=120)
    assert pids[victim] not in client.run(os.getpid).values()
