"""The events pipeline on Dask (``pip install geomap[dask]``).

``extract_events(bag_or_ddf)`` turns a Dask Bag or DataFrame of documents
into a ``dask_geopandas.GeoDataFrame`` of events, lazily;
``run_events_dask(inputs, outdir)`` is the batch engine behind
``geomap events --engine dask``: JSON Lines / Parquet in, one GeoParquet
file per input partition out, resumable. Both run the same per-document
function as the single-machine path, so both give the same rows. See
docs/scaling.md for running on a real cluster.

This module is ``geomap.dask``; ``import dask`` in it still means the
library (imports are absolute).
"""
from __future__ import annotations

from .distributed.frames import extract_events, gazetteer_identity
from .distributed.inputs import DEFAULT_BLOCKSIZE, InputPartition
from .distributed.run import DaskRunSummary, PartitionsFailed, SchedulerError, run_events_dask
from .distributed.worker import GazetteerMismatch

__all__ = ["DEFAULT_BLOCKSIZE", "DaskRunSummary", "GazetteerMismatch", "InputPartition", "PartitionsFailed",
           "SchedulerError", "extract_events", "gazetteer_identity", "run_events_dask"]
