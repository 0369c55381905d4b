"""Typed loaders for the small tables in ``data/``, split into features and target.

Each loader calls :func:`dlbook.data.load_table`, so the file's checksum and
shape are verified first; a missing or altered file raises
:class:`dlbook.data.DataError` naming the file and how to restore it. Where
each table comes from is written up in ``data/README.md``.
"""

from __future__ import annotations

import pandas as pd

from dlbook.data import load_table

#: The concrete table's eight inputs: seven ingredients in kg per m^3 of
#: mixture, then the age at testing in days (modeldata's column names).
CONCRETE_FEATURES = ["cement", "blast_furnace_slag", "fly_ash", "water",
                     "superplasticizer", "coarse_aggregate", "fine_aggregate", "age"]
#: The target: compressive strength in megapascals (MPa).
CONCRETE_TARGET = "compressive_strength"

#: The HPC job table's seven inputs. ``protocol`` (14 letters) and ``day``
#: (Mon-Sun) are categorical; the other five are numbers.
HPC_FEATURES = ["protocol", "compounds", "input_fields", "iterations",
                "num_pending", "hour", "day"]
HPC_CATEGORICAL = ["protocol", "day"]
HPC_NUMERIC = ["compounds", "input_fields", "iterations", "num_pending", "hour"]
#: The four run-time classes, in order: very fast, fast, moderate, long.
HPC_CLASSES = ["VF", "F", "M", "L"]
#: Every value the categorical columns take, in a fixed order, so that a
#: one-hot encoding has the same columns whatever rows a split holds.
HPC_PROTOCOLS = list("ACDEFGHIJKLMNO")
HPC_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def load_concrete() -> tuple[pd.DataFrame, pd.Series]:
    """Yeh's concrete compressive-strength data (``data/concrete.csv``).

    Returns ``X``, a float DataFrame of shape ``(1030, 8)`` with the columns
    :data:`CONCRETE_FEATURES`, and ``y``, the strength in MPa, shape ``(1030,)``.
    """
    frame = load_table("concrete", expected_shape=(1030, 9))
    X = frame[CONCRETE_FEATURES].astype("float64")
    y = frame[CONCRETE_TARGET].astype("float64")
    return X, y


def load_hpc_jobs() -> tuple[pd.DataFrame, pd.Series]:
    """Kuhn & Johnson's HPC job run-time classes (``data/hpc_jobs.csv``).

    Returns ``X``, a DataFrame of shape ``(4331, 7)`` with the columns
    :data:`HPC_FEATURES` (``protocol`` and ``day`` as strings), and ``y``, the
    class as an *ordered* pandas Categorical ``VF < F < M < L``, shape
    ``(4331,)``; ``y.cat.codes`` gives the integer labels 0-3.
    """
    frame = load_table("hpc_jobs", expected_shape=(4331, 8))
    X = frame[HPC_FEATURES].copy()
    y = pd.Series(pd.Categorical(frame["class"], categories=HPC_CLASSES, ordered=True),
                  name="class")
    if y.isna().any():  # a label outside VF/F/M/L: the file is not ours
        raise ValueError(f"unexpected class labels in data/hpc_jobs.csv: "
                         f"{sorted(set(frame['class']) - set(HPC_CLASSES))}")
    return X, y
