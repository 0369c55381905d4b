"""dlbook.losses: the NumPy losses agree with Keras, give the book's worked
numbers, and stay finite at extreme inputs."""

import math

import numpy as np
import pytest

from dlbook import losses
from dlbook.notebook import import_tensorflow

RTOL = 1e-6
N, K = 64, 5


@pytest.fixture(scope="module")
def keras():
    import_tensorflow()  # quietly, before Keras picks its backend
    import keras

    return keras


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def keras_value(loss, y_true, y_pred):
    return float(loss(y_true, y_pred))


# --- agreement with Keras on random inputs -----------------------------------

def test_mse_equals_keras_mean_squared_error(keras, rng):
    y_true, y_pred = rng.normal(size=(N, 3)), rng.normal(size=(N, 3))
    expected = keras_value(keras.losses.MeanSquaredError(), y_true, y_pred)
    assert losses.mse(y_true, y_pred) == pytest.approx(expected, rel=RTOL)


def test_binary_cross_entropy_equals_keras_on_probabilities(keras, rng):
    y_true = rng.integers(0, 2, size=(N, 1)).astype(float)
    p = rng.uniform(0.01, 0.99, size=(N, 1))
    expected = keras_value(keras.losses.BinaryCrossentropy(), y_true, p)
    assert losses.binary_cross_entropy(y_true, p) == pytest.approx(expected, rel=RTOL)


def test_binary_cross_entropy_equals_keras_from_logits(keras, rng):
    y_true = rng.integers(0, 2, size=(N, 1)).astype(float)
    z = rng.normal(scale=4.0, size=(N, 1))
    expected = keras_value(keras.losses.BinaryCrossentropy(from_logits=True), y_true, z)
    got = losses.binary_cross_entropy(y_true, z, from_logits=True)
    assert got == pytest.approx(expected, rel=RTOL)


def test_categorical_cross_entropy_equals_keras_on_probabilities(keras, rng):
    Y_true = np.eye(K)[rng.integers(0, K, size=N)]
    P = softmax(rng.normal(size=(N, K)))
    expected = keras_value(keras.losses.CategoricalCrossentropy(), Y_true, P)
    got = losses.categorical_cross_entropy(Y_true, P)
    assert got == pytest.approx(expected, rel=RTOL)


def test_categorical_cross_entropy_equals_keras_from_logits(keras, rng):
    Y_true = np.eye(K)[rng.integers(0, K, size=N)]
    Z = rng.normal(scale=3.0, size=(N, K))
    loss = keras.losses.CategoricalCrossentropy(from_logits=True)
    got = losses.categorical_cross_entropy(Y_true, Z, from_logits=True)
    assert got == pytest.approx(keras_value(loss, Y_true, Z), rel=RTOL)


def test_sparse_categorical_cross_entropy_equals_keras_on_probabilities(keras, rng):
    y_true = rng.integers(0, K, size=N)
    P = softmax(rng.normal(size=(N, K)))
    expected = keras_value(keras.losses.SparseCategoricalCrossentropy(), y_true, P)
    got = losses.sparse_categorical_cross_entropy(y_true, P)
    assert got == pytest.approx(expected, rel=RTOL)


def test_sparse_categorical_cross_entropy_equals_keras_from_logits(keras, rng):
    y_true = rng.integers(0, K, size=N)
    Z = rng.normal(scale=3.0, size=(N, K))
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    got = losses.sparse_categorical_cross_entropy(y_true, Z, from_logits=True)
    assert got == pytest.approx(keras_value(loss, y_true, Z), rel=RTOL)


# --- the chapter's worked numbers --------------------------------------------

def test_mse_of_prediction_0_92_against_truth_0_is_0_8464():
    assert losses.mse([0.0], [0.92]) == pytest.approx(0.8464, rel=1e-12)


def test_binary_cross_entropy_of_prediction_0_92_against_truth_0_is_minus_ln_0_08():
    got = losses.binary_cross_entropy([0.0], [0.92])
    assert got == pytest.approx(-math.log(0.08), rel=1e-12)
    assert round(got, 3) == 2.526


def test_sparse_labels_give_the_same_loss_as_one_hot_labels(rng):
    y_true = rng.integers(0, K, size=N)
    P = softmax(rng.normal(size=(N, K)))
    one_hot = losses.categorical_cross_entropy(np.eye(K)[y_true], P)
    assert losses.sparse_categorical_cross_entropy(y_true, P) == pytest.approx(one_hot)


def test_from_logits_equals_the_probability_version_on_moderate_inputs(rng):
    y_true = rng.integers(0, K, size=N)
    Z = rng.normal(size=(N, K))
    from_logits = losses.sparse_categorical_cross_entropy(y_true, Z, from_logits=True)
    from_probs = losses.sparse_categorical_cross_entropy(y_true, softmax(Z))
    assert from_logits == pytest.approx(from_probs, rel=1e-9)


def test_log_sum_exp_equals_the_naive_formula_where_that_is_finite(rng):
    Z = rng.normal(size=(N, K))
    assert np.allclose(losses.log_sum_exp(Z), np.log(np.exp(Z).sum(axis=1)))


# --- stability at extreme inputs ---------------------------------------------

def test_binary_cross_entropy_is_finite_for_probabilities_of_exactly_0_and_1():
    got = losses.binary_cross_entropy([0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0])
    assert np.isfinite(got)
    # Clipping caps a confidently wrong prediction at -log(eps).
    assert got == pytest.approx(2 * -math.log(losses.EPSILON) / 4, rel=1e-6)


def test_binary_cross_entropy_from_logits_is_finite_and_exact_for_huge_logits():
    z = np.array([1000.0, -1000.0, 1000.0, -1000.0])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        got = losses.binary_cross_entropy(y, z, from_logits=True)
    assert got == pytest.approx(1000.0 / 2)  # two wrong by 1000, two right by 1000


def test_categorical_cross_entropy_from_logits_is_finite_for_huge_logits():
    Z = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]])
    Y_true = np.eye(3)[[2, 0]]
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        got = losses.categorical_cross_entropy(Y_true, Z, from_logits=True)
        sparse = losses.sparse_categorical_cross_entropy([2, 0], Z, from_logits=True)
    expected = (np.log(1 + np.exp(-1) + np.exp(-2)) + 2000.0) / 2
    assert got == pytest.approx(expected) and sparse == pytest.approx(expected)


def test_categorical_cross_entropy_is_finite_for_a_zero_probability_on_the_true_class():
    P = np.array([[1.0, 0.0, 0.0]])
    got = losses.categorical_cross_entropy([[0.0, 1.0, 0.0]], P)
    assert np.isfinite(got) and got == pytest.approx(-math.log(losses.EPSILON))


def test_sparse_categorical_cross_entropy_says_what_is_wrong_with_mismatched_shapes():
    with pytest.raises(ValueError, match="one label per row"):
        losses.sparse_categorical_cross_entropy([0, 1, 2], np.full((2, 3), 1 / 3))
