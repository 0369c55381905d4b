"""Gradients of a Keras model's loss on any backend (used by *Deeper CNNs*).

Keras 3 trains with the backend's own automatic differentiation, and has no
backend-neutral "give me the gradient" call. ``loss_gradients`` hides the two
spellings of the same computation:

- TensorFlow: record the forward pass on a ``tf.GradientTape``, then
  ``tape.gradient(loss, model.trainable_variables)``;
- JAX: write the loss as a pure function of the weights with
  ``model.stateless_call`` and differentiate it with ``jax.grad``.
"""

from __future__ import annotations

import numpy as np


def loss_gradients(model, X, y, loss=None, training: bool = True) -> list[np.ndarray]:
    """Gradient of the mean loss on (X, y) with respect to every trainable weight.

    model: a built Keras model; X: (n_samples, ...) inputs; y: (n_samples, ...)
    targets; loss: a Keras loss (default: sparse categorical cross-entropy on
    probabilities). ``training=True`` runs layers such as BatchNormalization
    in training mode, as in a training step; their moving statistics are left
    unchanged. Returns NumPy arrays in the order of
    ``model.trainable_variables`` (same shapes).
    """
    import keras

    if loss is None:
        loss = keras.losses.SparseCategoricalCrossentropy()
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        variables = model.trainable_variables
        moving = [v.numpy() for v in model.non_trainable_variables]
        with tf.GradientTape() as tape:
            value = loss(y, model(X, training=training))
        grads = tape.gradient(value, variables)
        for variable, saved in zip(model.non_trainable_variables, moving):
            variable.assign(saved)      # undo any moving-statistics update
        return [np.asarray(g) for g in grads]
    if backend == "jax":
        import jax

        trainable = [v.value for v in model.trainable_variables]
        non_trainable = [v.value for v in model.non_trainable_variables]

        def cost(weights):
            y_pred, _ = model.stateless_call(weights, non_trainable, X,
                                             training=training)
            return loss(y, y_pred)

        return [np.asarray(g) for g in jax.grad(cost)(trainable)]
    raise NotImplementedError(
        f"loss_gradients supports the tensorflow and jax backends, not "
        f"{backend!r}. Fix: set KERAS_BACKEND=tensorflow or jax before "
        f"importing keras")
