"""Sequence data for the recurrent-networks chapter, and small helpers.

- :func:`load_air_passengers`: monthly airline passengers 1949-1960
  (Box & Jenkins' Series G), shipped as ``data/air_passengers.csv``.
- :func:`load_fine_food_reviews`: 5,000 Amazon fine-food reviews labelled
  "great" or "other" (R package modeldata), ``data/fine_foods.csv.gz``.
- :func:`make_windows`: cut a series into (look_back inputs, next value) pairs.
- :func:`make_adding_problem`: the adding problem of Hochreiter & Schmidhuber.

Both tables are verified by checksum and shape through
:func:`dlbook.data.load_table`; ``data/scripts/`` rebuilds them.
"""

from __future__ import annotations

import numpy as np

from dlbook.data import DataError, load_table

AIR_PASSENGERS_SHAPE = (144, 2)
FINE_FOODS_SHAPE = (5000, 4)
#: Label names of the review data, by class index (1 = five stars).
FINE_FOOD_CLASSES = ["other", "great"]


def load_air_passengers():
    """Monthly international airline passengers (thousands), Jan 1949 - Dec 1960.

    Returns a pandas DataFrame of 144 rows with columns ``month``
    (``datetime64``, first day of the month) and ``passengers`` (int).
    """
    import pandas as pd

    frame = load_table("air_passengers", AIR_PASSENGERS_SHAPE)
    frame["month"] = pd.to_datetime(frame["month"], format="%Y-%m")
    return frame


def load_fine_food_reviews(as_frame: bool = False):
    """Amazon fine-food reviews with a binary label: 1 = "great" (5 stars), 0 = "other".

    Returns ``(x_train, y_train), (x_test, y_test)``: ``x_*`` are object arrays
    of review strings (4,000 train, 1,000 test), ``y_*`` int arrays of 0/1.
    With ``as_frame=True`` returns the whole table instead (columns ``split``,
    ``product``, ``review``, ``score``).
    """
    frame = load_table("fine_foods", FINE_FOODS_SHAPE)
    if as_frame:
        return frame
    unknown = set(frame["score"]) - set(FINE_FOOD_CLASSES)
    if unknown:
        raise DataError(f"data/fine_foods.csv.gz: unexpected score labels {unknown}; "
                        f"expected only {FINE_FOOD_CLASSES}.")
    parts = []
    for split in ("train", "test"):
        part = frame[frame["split"] == split]
        x = part["review"].to_numpy(dtype=object)
        y = (part["score"] == "great").to_numpy(dtype=int)
        parts.append((x, y))
    return tuple(parts)


def make_windows(series, look_back: int):
    """Sliding windows for one-step-ahead forecasting.

    ``series``: shape ``(n,)``. Returns ``X`` of shape ``(n - look_back,
    look_back, 1)`` (samples, timesteps, features, as recurrent layers expect)
    and ``y`` of shape ``(n - look_back,)``, where ``X[i, :, 0]`` is
    ``series[i : i + look_back]`` and ``y[i]`` is ``series[i + look_back]``.
    """
    series = np.asarray(series, dtype="float32")
    if series.ndim != 1:
        raise ValueError(f"make_windows expects a 1-D series, got shape {series.shape}; "
                         f"pass one column, e.g. frame['passengers'].")
    if not 1 <= look_back < len(series):
        raise ValueError(f"look_back must be between 1 and len(series) - 1 = "
                         f"{len(series) - 1}, got {look_back}.")
    X = np.lib.stride_tricks.sliding_window_view(series[:-1], look_back)
    y = series[look_back:]
    return X[..., np.newaxis].copy(), y.copy()


def make_adding_problem(n_sequences: int, timesteps: int, seed: int = 0):
    """The adding problem (Hochreiter & Schmidhuber, 1997).

    Each sequence has ``timesteps`` steps of two features: a random number in
    [0, 1) and a marker that is 1 at exactly two steps (one in the first half,
    one in the second) and 0 elsewhere. The target is the sum of the two
    marked numbers. Returns ``X`` ``(n_sequences, timesteps, 2)`` float32 and
    ``y`` ``(n_sequences,)`` float32.
    """
    if timesteps < 2:
        raise ValueError(f"the adding problem needs at least 2 timesteps, got {timesteps}.")
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.0, 1.0, size=(n_sequences, timesteps))
    half = timesteps // 2
    first = rng.integers(0, half, size=n_sequences)
    second = rng.integers(half, timesteps, size=n_sequences)
    markers = np.zeros_like(values)
    rows = np.arange(n_sequences)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    X = np.stack([values, markers], axis=-1).astype("float32")
    y = (values[rows, first] + values[rows, second]).astype("float32")
    return X, y
