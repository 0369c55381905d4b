"""dlbook.training.as_dataset: every example once per epoch, in batches."""

from __future__ import annotations

import numpy as np

from dlbook.notebook import import_tensorflow
from dlbook.training import as_dataset

import_tensorflow()


def test_as_dataset_yields_every_example_once_in_batches_of_the_given_size():
    X = np.arange(10, dtype="float32").reshape(10, 1)
    y = np.arange(10, dtype="float32")
    batches = [(xb.numpy(), yb.numpy()) for xb, yb in as_dataset(X, y, batch_size=4)]
    assert [len(yb) for _, yb in batches] == [4, 4, 2]
    seen = np.concatenate([yb for _, yb in batches])
    assert sorted(seen.tolist()) == list(range(10))
    for xb, yb in batches:  # rows stay paired with their targets
        np.testing.assert_array_equal(xb[:, 0], yb)


def test_as_dataset_is_repeatable_with_the_same_seed():
    X, y = np.arange(20.0).reshape(20, 1), np.arange(20.0)
    first = [b[1].numpy().tolist() for b in as_dataset(X, y, batch_size=5, seed=3)]
    again = [b[1].numpy().tolist() for b in as_dataset(X, y, batch_size=5, seed=3)]
    assert first == again
