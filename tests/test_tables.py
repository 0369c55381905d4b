"""The table loaders return the documented shapes and refuse bad files."""

import shutil

import pandas as pd
import pytest

import dlbook.paths
from dlbook.data import DataError
from dlbook.tables import (CONCRETE_FEATURES, HPC_CLASSES, HPC_DAYS, HPC_FEATURES,
                           HPC_PROTOCOLS, load_concrete, load_hpc_jobs)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that the loaders read instead of the real one."""
    for name in ("concrete", "hpc_jobs"):
        for suffix in (".csv", ".sha256"):
            shutil.copy(dlbook.paths.DATA_DIR / f"{name}{suffix}", tmp_path)
    monkeypatch.setattr(dlbook.paths, "DATA_DIR", tmp_path)
    return tmp_path


def test_concrete_has_eight_numeric_features_and_a_strength():
    X, y = load_concrete()
    assert X.shape == (1030, 8) and y.shape == (1030,)
    assert list(X.columns) == CONCRETE_FEATURES
    assert all(dtype == "float64" for dtype in X.dtypes)
    assert y.between(2, 83).all()  # strengths in MPa, 2.3 to 82.6


def test_hpc_jobs_has_seven_features_and_four_ordered_classes():
    X, y = load_hpc_jobs()
    assert X.shape == (4331, 7) and y.shape == (4331,)
    assert list(X.columns) == HPC_FEATURES
    assert list(y.cat.categories) == HPC_CLASSES and y.cat.ordered
    assert set(y.cat.codes) == {0, 1, 2, 3}
    assert set(X["protocol"]) == set(HPC_PROTOCOLS)
    assert set(X["day"]) == set(HPC_DAYS)


@pytest.mark.parametrize("loader, name", [(load_concrete, "concrete"),
                                          (load_hpc_jobs, "hpc_jobs")])
def test_a_corrupted_copy_raises_data_error_naming_the_file(data_copy, loader, name):
    path = data_copy / f"{name}.csv"
    raw = bytearray(path.read_bytes())
    raw[100] ^= 0x01  # flip one bit: still a readable CSV, but not ours
    path.write_bytes(bytes(raw))
    with pytest.raises(DataError, match=rf"checksum mismatch for .*{name}\.csv"):
        loader()


@pytest.mark.parametrize("loader, name", [(load_concrete, "concrete"),
                                          (load_hpc_jobs, "hpc_jobs")])
def test_a_missing_file_raises_naming_the_file_and_the_fix(data_copy, loader, name):
    (data_copy / f"{name}.csv").unlink()
    with pytest.raises(DataError) as err:
        loader()
    message = str(err.value)
    assert f"{name}.csv" in message
    assert "git checkout -- data/" in message and f"make_{name}.py" in message


def test_a_table_with_the_wrong_shape_raises_data_error(data_copy):
    # A consistent file (checksum rewritten) that lost rows must still fail.
    from dlbook.data import write_table

    frame = pd.read_csv(data_copy / "concrete.csv").iloc[:-5]
    write_table(frame, "concrete")
    with pytest.raises(DataError, match=r"shape \(1025, 9\), expected \(1030, 9\)"):
        load_concrete()
