"""Tests for dlbook.attention: the key-value retrieval task."""

import numpy as np
import pytest

from dlbook.attention import decode_retrieval, make_key_value_retrieval


def test_retrieval_shapes_and_one_hot_steps():
    X, y, where = make_key_value_retrieval(50, n_pairs=6, n_keys=24,
                                           n_values=10, seed=0)
    assert X.shape == (50, 7, 24 + 10 + 1) and X.dtype == np.float32
    assert y.shape == where.shape == (50,)
    # every step is one key and one value symbol, nothing else
    assert np.all(X[..., :24].sum(-1) == 1)
    assert np.all(X[..., 24:].sum(-1) == 1)


def test_the_target_is_the_value_paired_with_the_query_key():
    X, y, where = make_key_value_retrieval(200, n_pairs=8, seed=1)
    keys, values = decode_retrieval(X)
    rows = np.arange(len(y))
    assert np.all(keys[rows, where] == keys[:, -1])      # query key matches
    assert np.all(values[rows, where] == y)               # ... its value
    assert np.all(values[:, -1] == 10)                    # query has blank
    assert np.all(values[:, :-1] < 10)                    # pairs do not


def test_keys_never_repeat_within_a_sequence():
    X, _, _ = make_key_value_retrieval(300, n_pairs=12, n_keys=12, seed=2)
    keys, _ = decode_retrieval(X, n_keys=12)
    pair_keys = np.sort(keys[:, :-1], axis=1)
    assert np.all(pair_keys == np.arange(12))   # all 12 keys, once each


def test_answers_are_spread_over_all_positions_and_values():
    _, y, where = make_key_value_retrieval(4000, n_pairs=8, seed=3)
    assert set(where) == set(range(8))
    assert set(y) == set(range(10))
    assert abs(np.mean(where) - 3.5) < 0.2


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    a = make_key_value_retrieval(20, n_pairs=4, seed=5)
    b = make_key_value_retrieval(20, n_pairs=4, seed=5)
    c = make_key_value_retrieval(20, n_pairs=4, seed=6)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert not np.array_equal(a[0], c[0])


def test_more_pairs_than_keys_is_refused_with_a_fix():
    with pytest.raises(ValueError, match="raise n_keys or lower n_pairs"):
        make_key_value_retrieval(10, n_pairs=25, n_keys=24)
