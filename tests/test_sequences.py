"""Tests for dlbook.sequences: the two shipped tables and the helpers."""

import numpy as np
import pytest

from dlbook import data as dldata
from dlbook.sequences import (load_air_passengers, load_fine_food_reviews,
                              make_adding_problem, make_windows)


def test_air_passengers_has_144_months_from_1949_to_1960():
    frame = load_air_passengers()
    assert frame.shape == (144, 2)
    assert str(frame["month"].iloc[0].date()) == "1949-01-01"
    assert str(frame["month"].iloc[-1].date()) == "1960-12-01"
    # Box & Jenkins' Series G starts 112, 118, 132 and ends with 432.
    assert frame["passengers"].iloc[:3].tolist() == [112, 118, 132]
    assert frame["passengers"].iloc[-1] == 432


def test_fine_food_reviews_split_into_4000_train_and_1000_test():
    (x_train, y_train), (x_test, y_test) = load_fine_food_reviews()
    assert len(x_train) == len(y_train) == 4000
    assert len(x_test) == len(y_test) == 1000
    assert set(np.unique(y_train)) == {0, 1}
    assert all(isinstance(text, str) and text for text in x_train[:50])
    # modeldata's documented class balance: 2,600 "great" in training.
    assert y_train.sum() == 2600 and y_test.sum() == 658


def test_fine_food_reviews_as_frame_has_the_documented_columns():
    frame = load_fine_food_reviews(as_frame=True)
    assert list(frame.columns) == ["split", "product", "review", "score"]


def test_a_corrupted_table_is_refused_with_a_fix(tmp_path, monkeypatch):
    import dlbook.paths

    (tmp_path / "air_passengers.csv").write_text("month,passengers\n1949-01,1\n")
    (tmp_path / "air_passengers.sha256").write_text("0" * 64 + "\n")
    monkeypatch.setattr(dlbook.paths, "DATA_DIR", tmp_path)
    with pytest.raises(dldata.DataError, match="checksum mismatch.*make_air_passengers"):
        load_air_passengers()


def test_a_missing_table_names_the_file_and_the_script(tmp_path, monkeypatch):
    import dlbook.paths

    monkeypatch.setattr(dlbook.paths, "DATA_DIR", tmp_path)
    with pytest.raises(dldata.DataError, match="missing data file.*make_fine_foods"):
        load_fine_food_reviews()


def test_make_windows_pairs_each_window_with_the_next_value():
    X, y = make_windows(np.arange(10), look_back=3)
    assert X.shape == (7, 3, 1) and y.shape == (7,)
    assert X[0, :, 0].tolist() == [0, 1, 2] and y[0] == 3
    assert X[-1, :, 0].tolist() == [6, 7, 8] and y[-1] == 9


def test_make_windows_rejects_a_look_back_longer_than_the_series():
    with pytest.raises(ValueError, match="look_back"):
        make_windows(np.arange(5), look_back=5)


def test_make_windows_rejects_a_table_instead_of_a_series():
    with pytest.raises(ValueError, match="1-D"):
        make_windows(np.zeros((5, 2)), look_back=2)


def test_adding_problem_target_is_the_sum_of_the_two_marked_values():
    X, y = make_adding_problem(200, timesteps=20, seed=1)
    assert X.shape == (200, 20, 2) and y.shape == (200,)
    assert np.all(X[:, :, 1].sum(axis=1) == 2)
    # One marker in each half of the sequence.
    assert np.all(X[:, :10, 1].sum(axis=1) == 1)
    np.testing.assert_allclose((X[:, :, 0] * X[:, :, 1]).sum(axis=1), y, rtol=1e-6)


def test_adding_problem_is_reproducible_from_its_seed():
    a, _ = make_adding_problem(5, 8, seed=3)
    b, _ = make_adding_problem(5, 8, seed=3)
    np.testing.assert_array_equal(a, b)
