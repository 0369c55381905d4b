"""A small multilayer perceptron in NumPy, written to be read.

The chapters on backpropagation and vanishing gradients build on this module.
Everything is plain NumPy in float64, one sample per row::

    from dlbook.mlp import MLP
    model = MLP([2, 8, 1], activation="tanh", output_activation="sigmoid")
    history = model.fit(X, y, loss="binary_crossentropy", lr=0.5, epochs=500)

Conventions (the book's notation, see the notation appendix): layer ``l``
holds a weight matrix ``W[l]`` of shape ``(n_out, n_in)`` (units, inputs) and
a bias ``b[l]`` of shape ``(n_out,)``, and computes, one example per row,

    Z[l] = A[l-1] @ W[l].T + b[l],      A[l] = f(Z[l]),

with ``A[0] = X`` of shape ``(n_samples, n_features)``. A Keras ``Dense``
layer stores the transpose, its kernel ``W[l].T`` of shape ``(n_in, n_out)``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

Array = np.ndarray


# --- activations: each is (function of z, derivative as a function of z) -------

def sigmoid(z: Array) -> Array:
    """The logistic function 1 / (1 + exp(-z)), elementwise."""
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z: Array) -> Array:
    """sigma'(z) = sigma(z) (1 - sigma(z)); never larger than 0.25."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_prime(z: Array) -> Array:
    """tanh'(z) = 1 - tanh(z)^2; equal to 1 at z = 0."""
    return 1.0 - np.tanh(z) ** 2


def relu(z: Array) -> Array:
    """max(0, z), elementwise."""
    return np.maximum(z, 0.0)


def relu_prime(z: Array) -> Array:
    """1 where z > 0, else 0 (we take the derivative at exactly 0 to be 0)."""
    return (z > 0).astype(z.dtype)


ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (np.tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "identity": (lambda z: z, np.ones_like),
}


# --- losses: each is (loss E(A, Y), dE/dA), averaged over the samples ----------

def mse(A: Array, Y: Array) -> float:
    """Half mean squared error: E = (1/n) sum_i 1/2 ||a_i - y_i||^2.

    The 1/2 makes the derivative simply (A - Y) / n. (Keras' ``"mse"`` has no
    1/2 and also averages over the outputs; it differs by a constant factor.)
    """
    return 0.5 * np.sum((A - Y) ** 2) / len(A)


def mse_grad(A: Array, Y: Array) -> Array:
    """dE/dA for :func:`mse`, shape (n_samples, n_outputs)."""
    return (A - Y) / len(A)


def binary_crossentropy(A: Array, Y: Array) -> float:
    """E = -(1/n) sum [y log a + (1 - y) log(1 - a)]; A must lie in (0, 1).

    A is clipped to [1e-12, 1 - 1e-12] so that a saturated output gives a
    large but finite loss instead of inf.
    """
    A = np.clip(A, 1e-12, 1.0 - 1e-12)
    return -np.sum(Y * np.log(A) + (1.0 - Y) * np.log(1.0 - A)) / len(A)


def binary_crossentropy_grad(A: Array, Y: Array) -> Array:
    """dE/dA for :func:`binary_crossentropy`, shape (n_samples, n_outputs)."""
    return (A - Y) / (A * (1.0 - A)) / len(A)


LOSSES: dict[str, tuple[Callable[[Array, Array], float], Callable[[Array, Array], Array]]] = {
    "mse": (mse, mse_grad),
    "binary_crossentropy": (binary_crossentropy, binary_crossentropy_grad),
}


def _lookup(table: dict, name: str, kind: str):
    if name not in table:
        raise ValueError(f"unknown {kind} {name!r}; expected one of {sorted(table)}")
    return table[name]


# --- the network -----------------------------------------------------------------

class MLP:
    """A fully connected network trained with plain gradient descent.

    Parameters
    ----------
    layer_sizes:
        ``[n_features, hidden_1, ..., n_outputs]``; ``len(layer_sizes) - 1``
        layers of weights.
    activation:
        hidden-layer activation: ``"sigmoid"``, ``"tanh"``, ``"relu"`` or
        ``"identity"``.
    output_activation:
        activation of the last layer (``"sigmoid"`` for binary
        cross-entropy, ``"identity"`` for regression).
    init:
        ``"glorot"`` (uniform, limit sqrt(6 / (n_in + n_out)), Keras' default),
        ``"he"`` (normal, std sqrt(2 / n_in), for ReLU) or ``"normal"``
        (normal with standard deviation ``std``). Biases start at zero.
    std:
        standard deviation for ``init="normal"``.
    seed:
        seed of the random generator that draws the initial weights.
    """

    def __init__(self, layer_sizes: list[int], activation: str = "sigmoid",
                 output_activation: str = "sigmoid", init: str = "glorot",
                 std: float = 0.01, seed: int = 0):
        if len(layer_sizes) < 2:
            raise ValueError(f"layer_sizes needs at least an input and an output size, "
                             f"got {layer_sizes}")
        self.layer_sizes = list(layer_sizes)
        n_layers = len(layer_sizes) - 1
        self.activations = [activation] * (n_layers - 1) + [output_activation]
        for name in self.activations:
            _lookup(ACTIVATIONS, name, "activation")
        rng = np.random.default_rng(seed)
        self.W = [self._initial_weights(rng, n_in, n_out, init, std)
                  for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
        self.b = [np.zeros(n_out) for n_out in layer_sizes[1:]]
        self.Z: list[Array] = []
        self.A: list[Array] = []

    @staticmethod
    def _initial_weights(rng, n_in: int, n_out: int, init: str, std: float) -> Array:
        if init == "glorot":
            limit = np.sqrt(6.0 / (n_in + n_out))
            return rng.uniform(-limit, limit, size=(n_out, n_in))
        if init == "he":
            return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
        if init == "normal":
            return rng.normal(0.0, std, size=(n_out, n_in))
        raise ValueError(f"unknown init {init!r}; expected 'glorot', 'he' or 'normal'")

    @property
    def n_layers(self) -> int:
        """Number of weight layers (hidden layers + the output layer)."""
        return len(self.W)

    def forward(self, X: Array) -> Array:
        """Output of the network for X: (n_samples, n_features).

        Caches every pre-activation ``self.Z[l]`` (for l = 0..L-1) and
        activation ``self.A[l]`` (for l = 0..L, with ``A[0] = X``) for the
        backward pass. Returns ``A[L]``, shape (n_samples, n_outputs).
        """
        A = np.asarray(X, dtype=float)
        self.A, self.Z = [A], []
        for W, b, name in zip(self.W, self.b, self.activations):
            Z = A @ W.T + b
            A = ACTIVATIONS[name][0](Z)
            self.Z.append(Z)
            self.A.append(A)
        return A

    predict = forward

    def loss(self, X: Array, Y: Array, loss: str = "mse") -> float:
        """The loss of the current weights on (X, Y); Y: (n_samples, n_outputs)."""
        return float(_lookup(LOSSES, loss, "loss")[0](self.forward(X), _as_2d(Y)))

    def backward(self, Y: Array, loss: str = "mse") -> tuple[list[Array], list[Array]]:
        """Gradients of the loss for the inputs of the last :meth:`forward` call.

        Runs the delta recursion, from the output layer L down to layer 1
        (layers numbered 1..L as in the book; layer l is index l - 1 here):

            delta[L] = dE/dA[L] * f'(Z[L])
            dW[l] = delta[l].T @ A[l-1],   db[l] = sum of delta[l] over samples
            delta[l-1] = (delta[l] @ W[l]) * f'(Z[l-1])

        Returns ``(dW, db)``: lists with the shapes of ``self.W`` and ``self.b``.
        """
        if not self.A:
            raise RuntimeError("call forward(X) before backward(Y)")
        dW, db = [None] * self.n_layers, [None] * self.n_layers
        delta = self._output_delta(_as_2d(Y), loss)
        for l in reversed(range(self.n_layers)):
            dW[l] = delta.T @ self.A[l]          # A[l] is this layer's input
            db[l] = delta.sum(axis=0)
            if l > 0:                            # pass the error one layer down
                f_prime = ACTIVATIONS[self.activations[l - 1]][1]
                delta = (delta @ self.W[l]) * f_prime(self.Z[l - 1])
        return dW, db

    def _output_delta(self, Y: Array, loss: str) -> Array:
        """delta[L] = dE/dZ[L] = dE/dA[L] * f'(Z[L]), shape (n_samples, n_outputs)."""
        loss_grad = _lookup(LOSSES, loss, "loss")[1]
        A, Z, name = self.A[-1], self.Z[-1], self.activations[-1]
        if (loss, name) == ("binary_crossentropy", "sigmoid"):
            # f'(Z) = A (1 - A) cancels the denominator of dE/dA exactly. The
            # simplified form (A - Y) / n also survives a saturated output (A = 1).
            return (A - Y) / len(Y)
        return loss_grad(A, Y) * ACTIVATIONS[name][1](Z)

    def gradients(self, X: Array, Y: Array, loss: str = "mse"):
        """Forward then backward: ``(dW, db)`` for the batch (X, Y)."""
        self.forward(X)
        return self.backward(Y, loss)

    def train_step(self, X: Array, Y: Array, lr: float, loss: str = "mse",
                   clip_norm: float | None = None) -> float:
        """One step of gradient descent on the batch (X, Y).

        With ``clip_norm`` the gradient is first rescaled so that its global
        norm (over all weights and biases) is at most ``clip_norm``.
        Returns the loss *before* the step.
        """
        A = self.forward(X)
        value = float(LOSSES[loss][0](A, _as_2d(Y)))
        dW, db = self.backward(Y, loss)
        if clip_norm is not None:
            dW, db = clip_by_global_norm(dW, db, clip_norm)
        for l in range(self.n_layers):
            self.W[l] -= lr * dW[l]
            self.b[l] -= lr * db[l]
        return value

    def fit(self, X: Array, Y: Array, lr: float = 0.1, epochs: int = 100,
            loss: str = "mse", clip_norm: float | None = None) -> list[float]:
        """Full-batch gradient descent for ``epochs`` steps; returns the loss per step."""
        return [self.train_step(X, Y, lr, loss, clip_norm) for _ in range(epochs)]


def _as_2d(Y: Array) -> Array:
    """Targets as (n_samples, n_outputs): a 1-D y becomes one column."""
    Y = np.asarray(Y, dtype=float)
    return Y.reshape(-1, 1) if Y.ndim == 1 else Y


def global_norm(dW: list[Array], db: list[Array]) -> float:
    """sqrt of the sum of squares of every gradient entry, all layers together."""
    return float(np.sqrt(sum(np.sum(g ** 2) for g in [*dW, *db])))


def clip_by_global_norm(dW: list[Array], db: list[Array], max_norm: float):
    """Rescale all gradients by min(1, max_norm / norm): direction kept, length capped."""
    scale = min(1.0, max_norm / (global_norm(dW, db) + 1e-12))
    return [g * scale for g in dW], [g * scale for g in db]


def gradient_check(model: MLP, X: Array, Y: Array, loss: str = "mse",
                   h: float = 1e-6) -> float:
    """Relative error between backprop and central finite differences.

    Every weight and bias ``p`` is nudged by +h and -h; the numerical slope is
    ``(E(p + h) - E(p - h)) / (2 h)``. Returns

        ||g_backprop - g_numeric|| / (||g_backprop|| + ||g_numeric||)

    over all parameters together: about 1e-8 or less in float64 when the
    backward pass is right, near 1 when it is wrong. The model's parameters
    are left as they were.
    """
    dW, db = model.gradients(X, Y, loss)
    analytic, numeric = [], []
    for params, grads in [(model.W, dW), (model.b, db)]:
        for p, g in zip(params, grads):
            for index in np.ndindex(p.shape):
                saved = p[index]
                p[index] = saved + h
                e_plus = model.loss(X, Y, loss)
                p[index] = saved - h
                e_minus = model.loss(X, Y, loss)
                p[index] = saved
                numeric.append((e_plus - e_minus) / (2 * h))
                analytic.append(g[index])
    analytic, numeric = np.array(analytic), np.array(numeric)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / denominator)
