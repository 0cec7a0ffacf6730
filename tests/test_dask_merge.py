"""The Dask merge pass gives the same events as the single-machine merge (same rows, same order)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("dask")  # the test extra installs it; skipped only outside it
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

pytestmark = pytest.mark.integration


def test_dask_merge_equals_local_merge():
    import dask.dataframe as dd

    from bench_merge import reports
    from geomap.distributed.merge import merge_frame
    from geomap.events.merge import merge_reports

    frame = reports(3_000, seed=11)
    local = merge_reports(frame)[0]
    distributed = merge_frame(dd.from_pandas(frame, npartitions=5))
    assert len(local) < len(frame)  # the input really has repeated reports
    pd.testing.assert_frame_equal(local.reset_index(drop=True), distributed[local.columns].reset_index(drop=True),
                                  check_dtype=False)
