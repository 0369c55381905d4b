"""Tests for dlbook.mlp: the backward pass is right, and training learns."""

import numpy as np
import pytest

from dlbook.mlp import (MLP, clip_by_global_norm, global_norm, gradient_check,
                        sigmoid)

# (layer sizes, hidden activation, output activation, loss): several depths,
# every activation, both losses.
CASES = [
    ([3, 1], "sigmoid", "sigmoid", "mse"),
    ([3, 4, 1], "sigmoid", "sigmoid", "mse"),
    ([3, 5, 4, 2], "tanh", "identity", "mse"),
    ([3, 5, 5, 5, 1], "relu", "sigmoid", "binary_crossentropy"),
    ([3, 4, 4, 1], "tanh", "sigmoid", "binary_crossentropy"),
    ([3, 6, 2], "identity", "identity", "mse"),
]
IDS = ["-".join([str(len(s) - 1) + "layers", h, o, loss]) for s, h, o, loss in CASES]


def make_data(n_outputs, loss, n_samples=7, seed=1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, 3))
    if loss == "binary_crossentropy":
        Y = rng.integers(0, 2, size=(n_samples, n_outputs)).astype(float)
    else:
        Y = rng.normal(size=(n_samples, n_outputs))
    return X, Y


def tf_gradients(model, X, Y, loss):
    """The same network and loss written in TensorFlow, differentiated by GradientTape."""
    from dlbook.notebook import import_tensorflow
    tf = import_tensorflow()
    functions = {"sigmoid": tf.sigmoid, "tanh": tf.tanh, "relu": tf.nn.relu,
                 "identity": tf.identity}
    W = [tf.Variable(w, dtype=tf.float64) for w in model.W]
    b = [tf.Variable(v, dtype=tf.float64) for v in model.b]
    with tf.GradientTape() as tape:
        A = tf.constant(X, dtype=tf.float64)
        for l, name in enumerate(model.activations):
            A = functions[name](A @ tf.transpose(W[l]) + b[l])
        n = X.shape[0]
        if loss == "mse":
            E = 0.5 * tf.reduce_sum((A - Y) ** 2) / n
        else:
            E = -tf.reduce_sum(Y * tf.math.log(A) + (1 - Y) * tf.math.log(1 - A)) / n
    dW, db = tape.gradient(E, [W, b])
    return [g.numpy() for g in dW], [g.numpy() for g in db]


def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


@pytest.mark.parametrize("sizes, hidden, output, loss", CASES, ids=IDS)
def test_backward_pass_matches_finite_differences(sizes, hidden, output, loss):
    model = MLP(sizes, activation=hidden, output_activation=output, init="glorot", seed=3)
    X, Y = make_data(sizes[-1], loss)
    assert gradient_check(model, X, Y, loss) < 1e-6


@pytest.mark.parametrize("sizes, hidden, output, loss", CASES, ids=IDS)
def test_backward_pass_matches_tensorflow_gradient_tape(sizes, hidden, output, loss):
    model = MLP(sizes, activation=hidden, output_activation=output, init="he", seed=4)
    X, Y = make_data(sizes[-1], loss)
    dW, db = model.gradients(X, Y, loss)
    dW_tf, db_tf = tf_gradients(model, X, Y, loss)
    for ours, theirs in zip(dW + db, dW_tf + db_tf):
        assert ours.shape == theirs.shape
        assert relative_error(ours, theirs) < 1e-6


def test_two_neuron_chain_gradient_keeps_the_sigmoid_factor_of_the_output():
    model = MLP([1, 1, 1], activation="sigmoid", output_activation="sigmoid")
    model.W = [np.array([[0.15]]), np.array([[0.45]])]
    model.b = [np.array([0.4]), np.array([0.65])]
    X, T = np.array([[0.1]]), np.array([[0.25]])
    dW, db = model.gradients(X, T, "mse")
    a1 = sigmoid(0.15 * 0.1 + 0.4)
    a2 = sigmoid(0.45 * a1 + 0.65)
    assert np.isclose(db[1][0], (a2 - T[0, 0]) * a2 * (1 - a2))
    assert np.isclose(dW[1][0, 0], (a2 - T[0, 0]) * a2 * (1 - a2) * a1)
    assert np.isclose(dW[0][0, 0],
                      (a2 - T[0, 0]) * a2 * (1 - a2) * 0.45 * a1 * (1 - a1) * 0.1)


def test_forward_pass_returns_one_row_per_sample_and_caches_every_layer():
    model = MLP([4, 8, 3, 2], activation="relu", output_activation="identity")
    X = np.ones((5, 4))
    assert model.forward(X).shape == (5, 2)
    assert [Z.shape for Z in model.Z] == [(5, 8), (5, 3), (5, 2)]
    assert [A.shape for A in model.A] == [(5, 4), (5, 8), (5, 3), (5, 2)]


def test_gradients_have_the_shapes_of_the_weights_and_biases():
    model = MLP([4, 8, 3, 2], activation="tanh", output_activation="identity")
    dW, db = model.gradients(np.ones((5, 4)), np.zeros((5, 2)))
    assert [g.shape for g in dW] == [W.shape for W in model.W]
    assert [g.shape for g in db] == [b.shape for b in model.b]


def test_weights_have_shape_units_by_inputs_as_in_the_book():
    model = MLP([4, 8, 3, 2])
    assert [W.shape for W in model.W] == [(8, 4), (3, 8), (2, 3)]
    X = np.arange(8.0).reshape(2, 4)
    model.forward(X)
    assert np.allclose(model.Z[0], X @ model.W[0].T + model.b[0])


def test_a_one_dimensional_target_is_treated_as_one_column():
    model = MLP([2, 3, 1])
    X = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert model.loss(X, np.array([1.0, 0.0])) == model.loss(X, np.array([[1.0], [0.0]]))


@pytest.mark.parametrize("init", ["glorot", "he", "normal"])
def test_initialisations_draw_weights_of_the_expected_spread(init):
    model = MLP([400, 300, 1], init=init, std=0.05, seed=0)
    expected = {"glorot": np.sqrt(2.0 / 700), "he": np.sqrt(2.0 / 400), "normal": 0.05}
    assert np.isclose(model.W[0].std(), expected[init], rtol=0.02)
    assert not model.b[0].any()


def test_training_on_xor_reduces_the_loss_and_classifies_all_four_points():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0], dtype=float)
    model = MLP([2, 4, 1], activation="tanh", output_activation="sigmoid", seed=0)
    losses = model.fit(X, y, lr=1.0, epochs=1000, loss="binary_crossentropy")
    assert losses[-1] < 0.1 * losses[0]
    assert np.array_equal(model.predict(X)[:, 0] > 0.5, y == 1)


def test_clipping_caps_the_global_norm_and_keeps_the_direction():
    dW, db = [np.array([[3.0, 0.0]])], [np.array([4.0])]
    clipped_W, clipped_b = clip_by_global_norm(dW, db, max_norm=1.0)
    assert np.isclose(global_norm(clipped_W, clipped_b), 1.0)
    assert np.allclose(clipped_W[0], dW[0] / 5) and np.allclose(clipped_b[0], db[0] / 5)
    small_W, small_b = clip_by_global_norm(dW, db, max_norm=10.0)
    assert np.array_equal(small_W[0], dW[0])


def test_unknown_names_raise_errors_that_list_the_choices():
    with pytest.raises(ValueError, match="expected one of"):
        MLP([2, 3, 1], activation="swish")
    with pytest.raises(ValueError, match="glorot"):
        MLP([2, 1], init="lecun")
