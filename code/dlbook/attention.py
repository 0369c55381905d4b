"""Synthetic data for the attention-and-transformers chapter.

- :func:`make_key_value_retrieval`: the associative-recall task. A sequence
  of (key, value) pairs ends with a query key; the target is the value that
  was paired with it. A network must keep every pair until the query arrives,
  because it cannot know in advance which one will be asked for.

The attention mechanics themselves (scaled dot-product attention, multi-head
attention, positional encodings) are written out in the chapter, where the
reader sees them.
"""

from __future__ import annotations

import numpy as np


def make_key_value_retrieval(n_sequences: int, n_pairs: int,
                             n_keys: int = 24, n_values: int = 10,
                             seed: int = 0):
    """Associative-recall sequences, one-hot encoded.

    Each sequence has ``n_pairs + 1`` steps. Steps ``0 .. n_pairs - 1`` hold
    a pair: a key drawn *without replacement* from ``n_keys`` symbols (so no
    key repeats within a sequence) and a value drawn uniformly from
    ``n_values`` symbols. The last step holds the query: one of the
    sequence's keys, chosen uniformly, with the blank value symbol
    ``n_values`` in place of a value.

    Every step is the concatenation of a one-hot key (``n_keys`` features)
    and a one-hot value (``n_values + 1`` features, the last one the blank).

    Returns ``X`` of shape ``(n_sequences, n_pairs + 1, n_keys + n_values +
    1)`` float32, ``y`` of shape ``(n_sequences,)`` int (the value paired
    with the query key) and ``where`` of shape ``(n_sequences,)`` int (the
    step that holds the answer, in ``0 .. n_pairs - 1``).
    """
    if not 1 <= n_pairs <= n_keys:
        raise ValueError(f"n_pairs must be between 1 and n_keys = {n_keys} "
                         f"(keys do not repeat within a sequence), got "
                         f"{n_pairs}; raise n_keys or lower n_pairs.")
    if n_values < 2:
        raise ValueError(f"n_values must be at least 2, got {n_values}.")
    rng = np.random.default_rng(seed)
    # n_pairs distinct keys per row: the first columns of a random permutation
    keys = np.argsort(rng.random((n_sequences, n_keys)), axis=1)[:, :n_pairs]
    values = rng.integers(0, n_values, size=(n_sequences, n_pairs))
    where = rng.integers(0, n_pairs, size=n_sequences)
    rows = np.arange(n_sequences)
    query_key = keys[rows, where]
    y = values[rows, where]

    all_keys = np.concatenate([keys, query_key[:, np.newaxis]], axis=1)
    blank = np.full((n_sequences, 1), n_values)
    all_values = np.concatenate([values, blank], axis=1)
    eye_keys = np.eye(n_keys, dtype="float32")
    eye_values = np.eye(n_values + 1, dtype="float32")
    X = np.concatenate([eye_keys[all_keys], eye_values[all_values]], axis=-1)
    return X, y.astype(int), where.astype(int)


def decode_retrieval(X, n_keys: int = 24):
    """Keys and values of sequences from :func:`make_key_value_retrieval`.

    Returns two int arrays of shape ``(n_sequences, n_pairs + 1)``; in the
    values, the blank symbol of the query step is ``n_values``.
    """
    X = np.asarray(X)
    return X[..., :n_keys].argmax(-1), X[..., n_keys:].argmax(-1)
