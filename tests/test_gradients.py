"""dlbook.gradients.loss_gradients: the loss gradient on the active backend."""

from __future__ import annotations

import numpy as np

from dlbook import setup
from dlbook.gradients import loss_gradients

setup(seed=0)

import keras  # noqa: E402  (after setup, which picks the backend)


def softmax_regression(n_inputs=4, n_classes=3):
    return keras.Sequential([keras.Input(shape=(n_inputs,)),
                             keras.layers.Dense(n_classes, activation="softmax")])


def test_softmax_regression_gradient_matches_the_closed_form():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 4)).astype("float32")
    y = rng.integers(0, 3, size=8)
    model = softmax_regression()
    dW, db = loss_gradients(model, X, y)
    P = keras.ops.convert_to_numpy(model(X))
    residual = (P - np.eye(3)[y]) / len(y)       # dJ/dz for mean cross-entropy
    np.testing.assert_allclose(dW, X.T @ residual, atol=1e-6)
    np.testing.assert_allclose(db, residual.sum(axis=0), atol=1e-6)


def test_gradients_come_in_the_order_and_shapes_of_the_trainable_weights():
    model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(7),
                              keras.layers.Dense(2, activation="softmax")])
    grads = loss_gradients(model, np.ones((3, 5), "float32"), np.array([0, 1, 0]))
    assert [g.shape for g in grads] == [tuple(v.shape) for v in model.trainable_variables]


def test_batch_normalisation_statistics_are_left_unchanged():
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.BatchNormalization(),
                              keras.layers.Dense(2, activation="softmax")])
    before = [keras.ops.convert_to_numpy(v) for v in model.non_trainable_variables]
    X = np.random.default_rng(1).normal(5.0, 2.0, size=(16, 3)).astype("float32")
    loss_gradients(model, X, np.zeros(16, dtype=int))
    after = [keras.ops.convert_to_numpy(v) for v in model.non_trainable_variables]
    for b, a in zip(before, after):
        np.testing.assert_array_equal(a, b)
