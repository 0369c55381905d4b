"""Loss functions in plain NumPy, written to be read.

Each function returns the *mean* loss over the samples, as a Python float,
which is what Keras's loss objects return with their default reduction
(``"sum_over_batch_size"``). Shapes in the docstrings use ``n`` for the number
of samples and ``k`` for the number of classes.

The versions that take probabilities clip them into ``[eps, 1 - eps]`` before
taking logarithms, so that a prediction of exactly 0 or 1 gives a large but
finite loss instead of ``inf`` or ``nan``. The ``from_logits=True`` versions
never form the probabilities at all: they work on the pre-activations ``z``
with the log-sum-exp trick, which is both exact and stable. The chapter
*Loss functions* derives every formula used here.
"""

from __future__ import annotations

import numpy as np

#: Keras's default fuzz factor, ``keras.config.epsilon()``.
EPSILON = 1e-7


def mse(y_true, y_pred) -> float:
    """Mean squared error: the average of ``(y_pred - y_true) ** 2``.

    y_true, y_pred: arrays of the same shape, ``(n,)`` or ``(n, d)``.
    """
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.mean((y_pred - y_true) ** 2))


def log_sum_exp(Z, axis: int = -1):
    """``log(sum(exp(Z)))`` along ``axis`` without overflow.

    Subtracting the row maximum ``m`` first leaves the result unchanged,
    ``log sum exp(z) = m + log sum exp(z - m)``, and keeps every ``exp`` <= 1.
    Z: ``(n, k)``; returns ``(n,)`` for the default ``axis=-1``.
    """
    Z = np.asarray(Z, dtype=float)
    m = np.max(Z, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(Z - m), axis=axis))


def log_softmax(Z, axis: int = -1):
    """Logarithm of the softmax of ``Z``, computed stably: ``Z - log_sum_exp(Z)``.

    Z: ``(n, k)`` logits; returns ``(n, k)`` log-probabilities.
    """
    Z = np.asarray(Z, dtype=float)
    return Z - np.expand_dims(log_sum_exp(Z, axis=axis), axis)


def binary_cross_entropy(y_true, y_pred, from_logits: bool = False,
                         eps: float = EPSILON) -> float:
    """Binary cross-entropy ``-[y log p + (1 - y) log(1 - p)]``, averaged.

    y_true: ``(n,)`` or ``(n, 1)`` labels in {0, 1} (values in [0, 1] work too).
    y_pred: same shape; probabilities ``p`` or, with ``from_logits=True``,
        pre-activations ``z`` with ``p = sigmoid(z)``.
    eps: probabilities are clipped into ``[eps, 1 - eps]`` (probability input only).

    From logits the loss is rewritten as ``max(z, 0) - z y + log(1 + exp(-|z|))``,
    which equals the formula above but never exponentiates a large number.
    """
    y = np.asarray(y_true, dtype=float)
    if from_logits:
        z = np.asarray(y_pred, dtype=float)
        losses = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    else:
        p = np.clip(np.asarray(y_pred, dtype=float), eps, 1 - eps)
        losses = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    return float(np.mean(losses))


def categorical_cross_entropy(Y_true, Y_pred, from_logits: bool = False,
                              eps: float = EPSILON) -> float:
    """Categorical cross-entropy ``-sum_j y_j log p_j`` with one-hot labels, averaged.

    Y_true: ``(n, k)`` one-hot rows (any rows that sum to 1 work).
    Y_pred: ``(n, k)`` probabilities whose rows sum to 1 or, with
        ``from_logits=True``, logits ``Z`` with ``P = softmax(Z)``.
    eps: probabilities are clipped into ``[eps, 1 - eps]`` (probability input only).
    """
    Y = np.asarray(Y_true, dtype=float)
    if from_logits:
        log_P = log_softmax(Y_pred)
    else:
        log_P = np.log(np.clip(np.asarray(Y_pred, dtype=float), eps, 1 - eps))
    return float(np.mean(-np.sum(Y * log_P, axis=-1)))


def sparse_categorical_cross_entropy(y_true, Y_pred, from_logits: bool = False,
                                     eps: float = EPSILON) -> float:
    """Categorical cross-entropy with integer labels: ``-log p[y]``, averaged.

    y_true: ``(n,)`` integer class indices in ``0 .. k-1``.
    Y_pred: ``(n, k)`` probabilities or, with ``from_logits=True``, logits.
    eps: probabilities are clipped into ``[eps, 1 - eps]`` (probability input only).

    Gives the same number as :func:`categorical_cross_entropy` on the one-hot
    version of ``y_true``: the one-hot sum only keeps the true class's term.
    """
    y = np.asarray(y_true).astype(int).reshape(-1)
    if from_logits:
        log_P = log_softmax(Y_pred)
    else:
        log_P = np.log(np.clip(np.asarray(Y_pred, dtype=float), eps, 1 - eps))
    if log_P.shape[0] != y.shape[0]:
        raise ValueError(f"y_true has {y.shape[0]} labels but Y_pred has "
                         f"{log_P.shape[0]} rows; pass one label per row.")
    return float(np.mean(-log_P[np.arange(y.shape[0]), y]))
