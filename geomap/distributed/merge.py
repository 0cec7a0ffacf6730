"""Cross-article merging on Dask: the second pass over per-partition report rows.

Merging compares reports only inside a block (a country, or a 5° cell; see
:mod:`geomap.events.merge`), so a shuffle on the block key puts every report
a merged event can hold into one partition, and running the single-machine
:func:`~geomap.events.merge.merge_reports` on each partition gives exactly
the events it gives on the whole input. Output: ``OUTDIR/merged/events.parquet``
(GeoParquet), each event naming its reports (``report_ids``), which stay in
``OUTDIR/events/`` untouched.
"""
from __future__ import annotations

from pathlib import Path

MERGED = "merged/events.parquet"


def merge_frame(reports):
    """Merged events of a Dask DataFrame of report rows, as one pandas DataFrame (sorted like the local path)."""
    import dask
    import pandas as pd

    from ..events.merge import block_key, merge_reports

    def with_block(part):
        part = part.copy()
        part["_block"] = [block_key(c, la, lo) for c, la, lo in zip(part["country_code"], part["lat"], part["lon"])]
        return part

    def merge_part(part):
        return merge_reports(part.drop(columns=["_block"]).reset_index(drop=True))[0]

    blocked = reports.map_partitions(with_block).shuffle(on="_block")
    parts = dask.compute(*[dask.delayed(merge_part)(p) for p in blocked.to_delayed()])
    merged = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[0]
    if len(merged):
        merged = merged.sort_values(["date", "event_id"], na_position="last", kind="stable").reset_index(drop=True)
    return merged


def merge_outdir(outdir) -> int:
    """Merge the ``events/part-*.parquet`` files of a ``geomap events --engine dask`` run; returns the event count.

    Runs on the current Dask client (the one the run used)."""
    import dask.dataframe as dd
    import geopandas as gpd

    from ..atomic import atomic_path

    out = Path(outdir)
    parts = sorted((out / "events").glob("part-*.parquet"))
    if not parts:
        return 0
    reports = dd.read_parquet([str(p) for p in parts])
    if "geometry" in reports.columns:
        reports = reports.drop(columns=["geometry"])
    merged = merge_frame(reports)
    frame = gpd.GeoDataFrame(merged, geometry=gpd.points_from_xy(merged["lon"].astype(float), merged["lat"].astype(float)),
                             crs="EPSG:4326")
    target = out / MERGED
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target, suffix=".tmp") as tmp:
        frame.to_parquet(tmp, index=False)
    return len(frame)
