"""A Bernoulli restricted Boltzmann machine in NumPy, written to be read.

The chapter on autoencoders and RBMs builds on this module. An RBM is an
energy-based generative model with binary visible units ``v`` and binary
hidden units ``h``, joined only across the two layers::

    E(v, h) = -a @ v - b @ h - v @ W @ h
    p(v, h) = exp(-E(v, h)) / Z

Because no two hidden units (and no two visible units) are connected, the
conditionals factorise into independent sigmoids::

    p(h_j = 1 | v) = sigmoid(b_j + v @ W[:, j])
    p(v_i = 1 | h) = sigmoid(a_i + W[i, :] @ h)

Training maximises the log-likelihood of the data approximately with
contrastive divergence (CD-1, Hinton 2002)::

    from dlbook.rbm import BernoulliRBM
    rbm = BernoulliRBM(n_hidden=64, learning_rate=0.05, n_epochs=20, seed=0)
    rbm.fit(V_train)                  # V_train: (n_samples, n_visible), 0/1
    H = rbm.transform(V_test)         # hidden probabilities, (n, n_hidden)

Conventions: one sample per row, float64; ``W`` has shape
``(n_visible, n_hidden)`` (scikit-learn's ``components_`` is ``W.T``),
``a`` is the visible bias ``(n_visible,)`` and ``b`` the hidden bias
``(n_hidden,)``.
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


def sigmoid(z: Array) -> Array:
    """The logistic function 1 / (1 + exp(-z)), elementwise, without overflow."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def softplus(z: Array) -> Array:
    """log(1 + exp(z)), elementwise, stable for large |z|."""
    return np.logaddexp(0.0, z)


class BernoulliRBM:
    """A restricted Boltzmann machine with binary visible and hidden units.

    Parameters
    ----------
    n_hidden : number of hidden units.
    learning_rate : step size of each CD-1 update (the gradient is averaged
        over the minibatch, so it does not grow with ``batch_size``).
    n_epochs : passes over the training data in :meth:`fit`.
    batch_size : samples per CD-1 update.
    seed : seeds the weight initialisation, the shuffling and the Gibbs
        sampling, so two fits with the same seed give identical weights.
    """

    def __init__(self, n_hidden: int = 64, learning_rate: float = 0.05,
                 n_epochs: int = 20, batch_size: int = 10, seed: int = 0):
        self.n_hidden = n_hidden
        self.learning_rate = learning_rate
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.rng = np.random.default_rng(seed)
        self.W: Array | None = None
        self.a: Array | None = None
        self.b: Array | None = None
        #: mean reconstruction error on the training data after each epoch
        self.history: list[float] = []

    # --- the model ------------------------------------------------------------

    def init_params(self, n_visible: int) -> None:
        """Small random weights N(0, 0.01^2) and zero biases (as scikit-learn)."""
        self.W = self.rng.normal(0.0, 0.01, size=(n_visible, self.n_hidden))
        self.a = np.zeros(n_visible)
        self.b = np.zeros(self.n_hidden)

    def energy(self, V: Array, H: Array) -> Array:
        """E(v, h) = -a.v - b.h - v.W.h for each row pair; V: (n, n_visible),
        H: (n, n_hidden) -> (n,)."""
        return -V @ self.a - H @ self.b - np.sum((V @ self.W) * H, axis=1)

    def free_energy(self, V: Array) -> Array:
        """F(v) = -log sum_h exp(-E(v, h)) = -a.v - sum_j softplus(b_j + v.W[:, j]).

        V: (n, n_visible) -> (n,). Lower free energy means higher p(v).
        """
        return -V @ self.a - softplus(V @ self.W + self.b).sum(axis=1)

    def hidden_probabilities(self, V: Array) -> Array:
        """p(h_j = 1 | v) = sigmoid(b_j + v.W[:, j]); V: (n, n_visible) -> (n, n_hidden)."""
        return sigmoid(V @ self.W + self.b)

    def visible_probabilities(self, H: Array) -> Array:
        """p(v_i = 1 | h) = sigmoid(a_i + W[i, :].h); H: (n, n_hidden) -> (n, n_visible)."""
        return sigmoid(H @ self.W.T + self.a)

    def sample(self, P: Array) -> Array:
        """Draw 0/1 values with the given probabilities P (any shape)."""
        return (self.rng.random(P.shape) < P).astype(float)

    # --- learning ---------------------------------------------------------------

    def cd1_gradients(self, V: Array) -> tuple[Array, Array, Array]:
        """One-step contrastive-divergence estimates of d log p(v) / d(W, a, b).

        V: (n, n_visible) minibatch of 0/1 rows. Returns ``(dW, da, db)`` with
        shapes ``(n_visible, n_hidden)``, ``(n_visible,)``, ``(n_hidden,)``,
        averaged over the batch. Each is (data statistic) - (statistic after
        one Gibbs step); follow them uphill (add them) to raise the likelihood.
        """
        P_h0 = self.hidden_probabilities(V)               # positive phase
        V1 = self.sample(self.visible_probabilities(self.sample(P_h0)))
        P_h1 = self.hidden_probabilities(V1)              # negative phase
        n = V.shape[0]
        dW = (V.T @ P_h0 - V1.T @ P_h1) / n
        da = (V - V1).mean(axis=0)
        db = (P_h0 - P_h1).mean(axis=0)
        return dW, da, db

    def partial_fit(self, V: Array) -> "BernoulliRBM":
        """One CD-1 update on the minibatch V: (n, n_visible)."""
        if self.W is None:
            self.init_params(V.shape[1])
        dW, da, db = self.cd1_gradients(V)
        self.W += self.learning_rate * dW
        self.a += self.learning_rate * da
        self.b += self.learning_rate * db
        return self

    def fit(self, V: Array) -> "BernoulliRBM":
        """Train on V: (n_samples, n_visible) of 0/1 values for ``n_epochs``."""
        V = self._check(V)
        if self.W is None:
            self.init_params(V.shape[1])
        for _ in range(self.n_epochs):
            order = self.rng.permutation(len(V))
            for start in range(0, len(V), self.batch_size):
                self.partial_fit(V[order[start:start + self.batch_size]])
            self.history.append(self.reconstruction_error(V))
        return self

    # --- using a trained RBM ----------------------------------------------------

    def transform(self, V: Array) -> Array:
        """Features for another model: p(h = 1 | v), shape (n, n_hidden)."""
        return self.hidden_probabilities(self._check(V))

    def reconstruction_error(self, V: Array) -> float:
        """Mean squared difference between V and its mean-field reconstruction
        p(v | h = p(h | v)); deterministic. V: (n, n_visible)."""
        V_hat = self.visible_probabilities(self.hidden_probabilities(V))
        return float(np.mean((V - V_hat) ** 2))

    def gibbs(self, V: Array, n_steps: int = 1) -> Array:
        """Run ``n_steps`` of block Gibbs sampling v -> h -> v from each row of V.

        V: (n, n_visible). Returns the visible *probabilities* of the last step
        (n, n_visible), which show a sample's shape better than its 0/1 draw.
        """
        if n_steps < 1:
            raise ValueError(f"expected n_steps >= 1, got {n_steps}")
        V = np.asarray(V, dtype=float)
        for _ in range(n_steps):
            P_v = self.visible_probabilities(self.sample(self.hidden_probabilities(V)))
            V = self.sample(P_v)
        return P_v

    def pseudo_log_likelihood(self, V: Array) -> Array:
        """sum_i log p(v_i | v_{-i}) for each row, over *every* visible unit.

        p(v_i | v_{-i}) = sigmoid(F(v with bit i flipped) - F(v)), so no
        partition function is needed. V: (n, n_visible) of 0/1 -> (n,).
        (scikit-learn's ``score_samples`` estimates the same sum from one
        randomly chosen bit per row.)
        """
        V = np.asarray(V, dtype=float)
        F = self.free_energy(V)
        total = np.zeros(len(V))
        for i in range(V.shape[1]):
            V_flip = V.copy()
            V_flip[:, i] = 1.0 - V_flip[:, i]
            total += -softplus(-(self.free_energy(V_flip) - F))  # log sigmoid
        return total

    def _check(self, V: Array) -> Array:
        V = np.asarray(V, dtype=float)
        if V.ndim != 2:
            raise ValueError(f"expected V of shape (n_samples, n_visible), got shape "
                             f"{V.shape}; reshape single samples with V[None, :]")
        if self.W is not None and V.shape[1] != self.W.shape[0]:
            raise ValueError(f"expected {self.W.shape[0]} visible units per row, got "
                             f"{V.shape[1]}; use the same features as in fit()")
        return V
