"""Each model chapter's headline result and the target it must meet.

One table, read by ``make bench`` (TensorFlow and JAX side by side), by the
JAX test run (tests/test_backends.py) and by the GPU check: a chapter's
headline is a value it glues, compared with a fixed target or with another
value it glues (a baseline, or a seed spread).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Headline:
    key: str            # the glue key of the value
    rule: str           # "min": value ≥ target; "below": value < reference;
    #                     "above": value > reference
    target: float | str  # a number, or the glue key of the reference
    wording: str


HEADLINES: dict[str, Headline] = {
    "book/keras/regression": Headline(
        "test_deep_r2", "min", 0.85,
        "test R² of the network chosen on validation ≥ 0.85"),
    "book/keras/classification": Headline(
        "fashion_gain", "above", "fashion_gain_sd",
        "Fashion-MNIST: the hidden layer's test-accuracy gain over softmax "
        "regression (points, 3 seeds) exceeds its sd"),
    "book/architectures/cnn": Headline(
        "cnn_accuracy", "min", 0.88,
        "Fashion-MNIST CNN mean test accuracy over 3 seeds ≥ 0.88"),
    "book/architectures/modern-cnns": Headline(
        "residual_gain", "above", "residual_gain_spread",
        "residual beats plain at equal depth beyond twice the seed spread"),
    "book/architectures/attention-transformers": Headline(
        "acc_transformer_8", "min", 0.97,
        "transformer test accuracy at 8 key-value pairs ≥ 0.97"),
    "book/architectures/rnn-lstm-gru": Headline(
        "rmse_lstm", "below", "rmse_naive",
        "LSTM test RMSE below seasonal naive"),
    "book/architectures/transfer-learning": Headline(
        "transfer_gain_small", "above", "transfer_spread_small",
        "transfer beats scratch beyond the paired seed spread at the "
        "smallest budget, 1 label per class"),
    "book/architectures/gans": Headline(
        "gan_fd", "below", "gaussian_fd",
        "GAN feature distance below the Gaussian baseline's"),
}


def as_number(text: str) -> float | None:
    """A glued text/plain value as a float (None if it is not a number)."""
    try:
        return float(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError):
        return None


def judge(docname: str, values: dict[str, str]) -> dict[str, object]:
    """The chapter's headline against its target, from its glued values.

    ``values`` maps glue keys to their text/plain form. Returns a row with
    the value, the reference (when the target is another glued value) and
    ``met``: True, False, or None when a value is missing.
    """
    headline = HEADLINES[docname]
    value = as_number(values.get(headline.key, ""))
    row: dict[str, object] = {"chapter": docname, "metric": headline.key,
                              "value": value, "target": headline.wording}
    if isinstance(headline.target, str):
        reference = as_number(values.get(headline.target, ""))
        row["reference"] = reference
    else:
        reference = headline.target
    if value is None or reference is None:
        row["met"] = None
    elif headline.rule == "min":
        row["met"] = value >= reference
    elif headline.rule == "below":
        row["met"] = value < reference
    else:
        row["met"] = value > reference
    return row
