"""Small training helpers shared by the Keras chapters.

Each is written out in full, with its explanation, in the chapter that first
needs it (``as_dataset``: *Regression with Keras*); later chapters import it.
"""

from __future__ import annotations


def as_dataset(X, y, batch_size: int = 64, seed: int = 0):
    """(X, y) as a ``tf.data.Dataset`` of shuffled minibatches.

    X: (n_samples, ...) and y: (n_samples, ...) arrays. The order is
    reshuffled every epoch (seeded), so pass ``shuffle=False`` to ``fit``.
    """
    import tensorflow as tf

    data = tf.data.Dataset.from_tensor_slices((X, y))
    return data.shuffle(len(X), seed=seed).batch(batch_size)
