"""dlbook.data: Fashion-MNIST and shipped tables load verified, or fail clearly."""

from __future__ import annotations

import gzip
import shutil

import numpy as np
import pandas as pd
import pytest

from dlbook import data, paths
from dlbook.data import DataError


@pytest.fixture
def fashion_copy(tmp_path, monkeypatch):
    """A private copy of the Fashion-MNIST files that tests may damage."""
    source = data.find_fashion_mnist(download=False)
    for name in data.FASHION_MNIST_SHA256:
        shutil.copy(source / name, tmp_path / name)
    monkeypatch.setenv("DLBOOK_FASHION_MNIST_DIR", str(tmp_path))
    return tmp_path


def test_fashion_mnist_has_the_published_shapes_and_classes():
    (X_train, y_train), (X_test, y_test) = data.load_fashion_mnist(download=False)
    assert X_train.shape == (60000, 28, 28) and X_train.dtype == np.uint8
    assert X_test.shape == (10000, 28, 28)
    assert np.bincount(y_train).tolist() == [6000] * 10
    assert np.bincount(y_test).tolist() == [1000] * 10
    assert len(data.FASHION_MNIST_CLASSES) == 10


def test_the_environment_variable_folder_is_searched_first(fashion_copy):
    assert data.fashion_mnist_dirs()[0] == fashion_copy
    assert data.find_fashion_mnist(download=False) == fashion_copy


def test_a_missing_file_names_the_file_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("DLBOOK_FASHION_MNIST_DIR", str(tmp_path))
    monkeypatch.setattr(data, "DEBIAN_FASHION_MNIST_DIR", tmp_path / "nowhere")
    monkeypatch.setattr(data.Path, "home", lambda: tmp_path / "home")
    with pytest.raises(DataError) as caught:
        data.load_fashion_mnist(download=False)
    message = str(caught.value)
    assert "missing data file train-images-idx3-ubyte.gz" in message
    assert "sudo apt-get install dataset-fashion-mnist" in message


def test_a_corrupt_file_fails_its_checksum(fashion_copy):
    path = fashion_copy / "t10k-labels-idx1-ubyte.gz"
    raw = bytearray(gzip.decompress(path.read_bytes()))
    raw[100] ^= 0xFF  # one flipped label byte
    path.write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(DataError, match=r"checksum mismatch for .*t10k-labels-idx1-ubyte\.gz"):
        data.load_fashion_mnist(download=False)


def test_a_truncated_file_is_reported_as_corrupt(fashion_copy):
    path = fashion_copy / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:50])
    with pytest.raises(DataError, match=r"corrupt data file .*train-labels-idx1-ubyte\.gz"):
        data.load_fashion_mnist(download=False)


def test_a_recompressed_copy_still_verifies(fashion_copy):
    """Checksums cover the decoded bytes, so a repackaged copy is accepted."""
    path = fashion_copy / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes()), compresslevel=1))
    labels = data.read_idx_gz(path, data.FASHION_MNIST_SHA256[path.name])
    assert labels.shape == (10000,)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path)
    return tmp_path


def test_a_written_table_loads_back_identically(data_dir):
    frame = pd.DataFrame({"x": [1.5, 2.5], "label": ["a", "b"]})
    for compress in (False, True):
        path = data.write_table(frame, "tiny", compress=compress)
        assert path.exists() and (data_dir / "tiny.sha256").exists()
        pd.testing.assert_frame_equal(data.load_table("tiny", expected_shape=(2, 2)), frame)
        path.unlink()


def test_gzip_tables_are_byte_identical_when_rebuilt(data_dir):
    frame = pd.DataFrame({"x": range(100)})
    first = data.write_table(frame, "tiny", compress=True).read_bytes()
    assert data.write_table(frame, "tiny", compress=True).read_bytes() == first


def test_a_changed_table_fails_its_checksum_naming_file_and_fix(data_dir):
    data.write_table(pd.DataFrame({"x": [1, 2]}), "tiny")
    (data_dir / "tiny.csv").write_text("x\n1\n3\n")
    with pytest.raises(DataError, match=r"checksum mismatch for .*tiny\.csv.*"
                                        r"python data/scripts/make_tiny\.py"):
        data.load_table("tiny")


def test_a_missing_table_names_the_file(data_dir):
    with pytest.raises(DataError, match=r"missing data file .*absent\.csv"):
        data.load_table("absent")


def test_a_table_without_checksum_is_refused(data_dir):
    (data_dir / "tiny.csv").write_text("x\n1\n")
    with pytest.raises(DataError, match=r"missing checksum file .*tiny\.sha256"):
        data.load_table("tiny")


def test_a_table_of_the_wrong_shape_is_refused(data_dir):
    data.write_table(pd.DataFrame({"x": [1, 2]}), "tiny")
    with pytest.raises(DataError, match=r"has shape \(2, 1\), expected \(3, 1\)"):
        data.load_table("tiny", expected_shape=(3, 1))
