"""Helpers for the generative-model chapters (autoencoders/VAE and GANs).

Two things live here because two chapters need them:

- the **Fréchet distance** between two sets of images, measured on the
  features of a small classifier (the recipe of the Fréchet inception
  distance, with a classifier trained in the book instead of Inception);
- the **GAN training step**, once for TensorFlow (``tf.GradientTape``) and
  once for JAX (``jax.grad`` of Keras's stateless calls), because Keras 3
  has no backend-independent way to take gradients in a custom loop.
  :func:`make_gan_train_step` returns the one for the active backend.

Conventions: one sample per row; features ``F`` have shape
``(n_samples, n_features)``.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg

Array = np.ndarray


def frechet_distance(mu1: Array, cov1: Array, mu2: Array,
                     cov2: Array) -> float:
    """Squared Frechet distance between N(mu1, cov1) and N(mu2, cov2).

    mu: (k,) means; cov: (k, k) covariance matrices. ``sqrtm`` may return
    a complex matrix with tiny imaginary parts from rounding: we keep the
    real part.
    """
    covmean = scipy.linalg.sqrtm(cov1 @ cov2).real
    return float(np.sum((mu1 - mu2) ** 2)
                 + np.trace(cov1 + cov2 - 2 * covmean))


def features_of(feature_model, X: Array) -> Array:
    """The feature model's outputs for X, as a NumPy array (n, k)."""
    import keras

    return keras.ops.convert_to_numpy(feature_model(X, training=False))


def feature_distance(feature_model, X_a: Array, X_b: Array) -> float:
    """Frechet distance between the features of two image sets.

    X_a: (n_a, d) and X_b: (n_b, d) inputs of ``feature_model``; each set
    is summarised by the mean and covariance of its features.
    """
    F_a, F_b = features_of(feature_model, X_a), features_of(feature_model, X_b)
    return frechet_distance(F_a.mean(0), np.cov(F_a, rowvar=False),
                            F_b.mean(0), np.cov(F_b, rowvar=False))


def build_feature_classifier(n_inputs: int, n_classes: int = 10,
                             n_features: int = 32, hidden: int = 128):
    """A small classifier whose last hidden layer serves as features.

    n_inputs -> Dense(hidden, relu) -> Dense(n_features, tanh) -> softmax.
    ``tanh`` rather than ReLU for the features: a ReLU unit that is zero
    for every image would make their covariance matrix singular.
    Returns ``(classifier, feature_model)``, sharing their weights; compile
    and fit the classifier, then measure with the feature model.
    """
    import keras

    inputs = keras.Input(shape=(n_inputs,))
    h = keras.layers.Dense(hidden, activation="relu")(inputs)
    features = keras.layers.Dense(n_features, activation="tanh")(h)
    outputs = keras.layers.Dense(n_classes, activation="softmax")(features)
    return keras.Model(inputs, outputs), keras.Model(inputs, features)


def gan_train_step_tensorflow(G, D, lr):
    """A compiled GAN step for TensorFlow: ``train_step(x_real, z)``.

    Both players are updated at once, from the same forward pass.
    Returns the two losses (discriminator, generator).
    """
    import keras
    import tensorflow as tf

    bce = keras.losses.BinaryCrossentropy(from_logits=True)
    g_opt = keras.optimizers.Adam(lr, beta_1=0.5)
    d_opt = keras.optimizers.Adam(lr, beta_1=0.5)

    @tf.function
    def train_step(x_real, z):
        with tf.GradientTape() as d_tape, tf.GradientTape() as g_tape:
            x_fake = G(z, training=True)
            logits_real = D(x_real, training=True)
            logits_fake = D(x_fake, training=True)
            d_loss = (bce(tf.ones_like(logits_real), logits_real)
                      + bce(tf.zeros_like(logits_fake), logits_fake))
            g_loss = bce(tf.ones_like(logits_fake), logits_fake)  # -log D
        d_grads = d_tape.gradient(d_loss, D.trainable_variables)
        g_grads = g_tape.gradient(g_loss, G.trainable_variables)
        d_opt.apply_gradients(zip(d_grads, D.trainable_variables))
        g_opt.apply_gradients(zip(g_grads, G.trainable_variables))
        return d_loss, g_loss

    return train_step


def gan_train_step_jax(G, D, lr):
    """The same GAN step for JAX: ``train_step(x_real, z)``.

    JAX differentiates pure functions, so the models run through
    ``stateless_call`` with their variables passed in and returned.
    """
    import jax
    import keras
    from keras import ops

    bce = keras.losses.BinaryCrossentropy(from_logits=True)
    g_opt = keras.optimizers.Adam(lr, beta_1=0.5)
    d_opt = keras.optimizers.Adam(lr, beta_1=0.5)
    g_opt.build(G.trainable_variables)
    d_opt.build(D.trainable_variables)

    def losses(g_params, d_params, g_state, d_state, x_real, z):
        """Both losses from one forward pass; state: BN statistics, seeds."""
        x_fake, g_state = G.stateless_call(g_params, g_state, z,
                                           training=True)
        logits_real, d_state = D.stateless_call(d_params, d_state, x_real,
                                                training=True)
        logits_fake, d_state = D.stateless_call(d_params, d_state, x_fake,
                                                training=True)
        d_loss = (bce(ops.ones_like(logits_real), logits_real)
                  + bce(ops.zeros_like(logits_fake), logits_fake))
        g_loss = bce(ops.ones_like(logits_fake), logits_fake)  # -log D
        return d_loss, (g_loss, g_state, d_state)

    def g_loss_only(g_params, d_params, *rest):
        return losses(g_params, d_params, *rest)[1][0]

    @jax.jit
    def step(g_params, d_params, g_state, d_state, g_vars, d_vars,
             x_real, z):
        # D's gradient of d_loss and G's gradient of g_loss, both taken
        # at the current weights of both players.
        (d_loss, (g_loss, new_g_state, new_d_state)), d_grads = (
            jax.value_and_grad(losses, argnums=1, has_aux=True)(
                g_params, d_params, g_state, d_state, x_real, z))
        g_grads = jax.grad(g_loss_only)(g_params, d_params, g_state,
                                        d_state, x_real, z)
        d_params, d_vars = d_opt.stateless_apply(d_vars, d_grads, d_params)
        g_params, g_vars = g_opt.stateless_apply(g_vars, g_grads, g_params)
        return (d_loss, g_loss, g_params, d_params, new_g_state,
                new_d_state, g_vars, d_vars)

    models = [G.trainable_variables, D.trainable_variables,
              G.non_trainable_variables, D.non_trainable_variables,
              g_opt.variables, d_opt.variables]

    def train_step(x_real, z):
        values = [[v.value for v in group] for group in models]
        d_loss, g_loss, *new_values = step(*values, x_real, z)
        # Write the new values back, so G and D can be called as usual.
        for group, new in zip(models, new_values):
            for variable, value in zip(group, new):
                variable.assign(value)
        return d_loss, g_loss

    return train_step


def make_gan_train_step(G, D, lr):
    """The GAN training step for the active Keras backend.

    ``train_step(x_real, z)`` updates the discriminator D and the generator
    G once, on real images x_real: (batch, d) and latent vectors
    z: (batch, latent_dim); it returns (discriminator loss, generator loss).
    """
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        return gan_train_step_tensorflow(G, D, lr)
    if backend == "jax":
        return gan_train_step_jax(G, D, lr)
    raise NotImplementedError(
        f"no GAN training step for the Keras backend {backend!r}; "
        "set KERAS_BACKEND to 'tensorflow' or 'jax'")
