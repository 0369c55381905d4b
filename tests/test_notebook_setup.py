"""dlbook.setup: seeded, quiet, styled."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import matplotlib as mpl
import numpy as np

import dlbook
from dlbook.plotting import BOOK_STYLE


def test_setup_makes_numpy_and_python_random_repeatable():
    dlbook.setup(seed=3, keras=False)
    first = (random.random(), np.random.rand())
    dlbook.setup(seed=3, keras=False)
    assert (random.random(), np.random.rand()) == first


def test_setup_makes_keras_weight_initialisation_repeatable():
    import keras

    def initial_weights():
        dlbook.setup(seed=1)
        layer = keras.layers.Dense(4)
        layer.build((None, 3))
        return layer.get_weights()[0]

    np.testing.assert_array_equal(initial_weights(), initial_weights())


def test_setup_applies_the_book_plot_style():
    mpl.rcParams["figure.facecolor"] = "black"
    dlbook.setup(seed=0, keras=False)
    assert mpl.rcParams["figure.facecolor"] == BOOK_STYLE["figure.facecolor"]


def test_importing_tensorflow_through_setup_prints_nothing():
    """The oneDNN banner and C++ logs must not reach a notebook's stderr."""
    code = "import dlbook; dlbook.setup(seed=0); import keras; keras.layers.Dense(2)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_glue_turns_numpy_scalars_into_python_numbers(monkeypatch):
    seen = {}
    import myst_nb

    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display: seen.update({name: value}))
    dlbook.glue("x", np.float64(0.25))
    assert type(seen["x"]) is float and seen["x"] == 0.25


def test_glue_prints_the_value_where_myst_nb_is_missing(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "myst_nb", None)  # import now fails
    dlbook.glue("accuracy", 0.9)
    assert capsys.readouterr().out == "accuracy = 0.9\n"


def test_setup_on_the_jax_backend_prints_nothing_and_uses_jax():
    """Keras imports TensorFlow to seed it even on JAX: quietly."""
    code = ("import dlbook; dlbook.setup(seed=0); import keras; "
            "keras.layers.Dense(2); print(keras.backend.backend())")
    env = dict(os.environ, KERAS_BACKEND="jax")
    result = subprocess.run([sys.executable, "-c", code], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "jax\n" and result.stderr == ""
