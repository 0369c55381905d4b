"""One-call setup for a chapter notebook: seeds, quiet TensorFlow, plot style."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import random
import sys
from typing import Any

import numpy as np

from dlbook.plotting import apply_style

#: Environment TensorFlow reads at import time. Set before the first import,
#: or the C++ logger has already started printing.
QUIET_TF_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3"}


@contextlib.contextmanager
def _stderr_to_devnull():
    """Point the process's stderr file descriptor at /dev/null for a moment.

    TensorFlow's C++ code writes a oneDNN banner straight to file descriptor 2
    while it is imported; Python-level redirection cannot catch it. We do not
    set TF_ENABLE_ONEDNN_OPTS=0 instead, because oneDNN makes CNNs ~2x faster.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real stderr (some notebook frontends)
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(devnull)
        os.close(saved)


def import_tensorflow():
    """Import and return TensorFlow without any of its start-up log noise."""
    os.environ.update(QUIET_TF_ENV)
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    with _stderr_to_devnull():
        import tensorflow as tf
    tf.get_logger().setLevel("ERROR")
    return tf


def keras_backend() -> str:
    """The Keras backend this process will use (``KERAS_BACKEND``).

    Keras reads the variable once, at its first import; the build's default
    is TensorFlow. ``jax`` and ``torch`` run the backend-agnostic chapters.
    """
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def setup(seed: int = 0, keras: bool = True,
          deterministic: bool = True) -> None:
    """Prepare a chapter: call once, in the first code cell.

    - seeds Python's ``random``, NumPy's global generator and (if used)
      Keras, so every execution gives the same numbers;
    - with ``keras=True`` imports Keras on the backend named by
      ``KERAS_BACKEND`` (TensorFlow unless set), silencing TensorFlow's
      start-up noise; ``keras=False`` skips it for the NumPy-only
      chapters, which then start about 2 s faster;
    - with ``deterministic=True`` asks TensorFlow for deterministic kernels,
      so two runs of a chapter on the same machine agree exactly;
    - applies the book's matplotlib style (readable in light and dark mode).
    """
    random.seed(seed)
    np.random.seed(seed)
    if keras:
        backend = keras_backend()
        os.environ["KERAS_BACKEND"] = backend
        # keras.utils.set_random_seed imports TensorFlow whenever it is
        # installed, whatever the backend: import it first, quietly.
        if importlib.util.find_spec("tensorflow") is not None:
            tf = import_tensorflow()
            if backend == "tensorflow" and deterministic:
                tf.config.experimental.enable_op_determinism()
        import keras as keras_module

        keras_module.utils.set_random_seed(seed)
    apply_style()
    _record_environment()


#: Glue key under which setup() records the executing machine; the
#: execution-stamp extension (dlbook.sphinxext.stamp) reads it back.
ENVIRONMENT_GLUE_KEY = "dlbook_environment"


def _record_environment() -> None:
    """Glue the device and versions for the page's execution stamp.

    Only where myst-nb is installed (the book build); in a bare notebook the
    stamp has no reader, so nothing is printed.
    """
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        return
    from dlbook.environment import environment_json

    myst_glue(ENVIRONMENT_GLUE_KEY, environment_json(), display=False)


def glue(name: str, value: Any, display: bool = False) -> None:
    """Make ``value`` available to the prose as ``{glue:text}`name```.

    On the book's site this is myst-nb's ``glue``. Where myst-nb is not
    installed (a bare Colab runtime) the value is printed instead, so the
    reader still sees every number the prose refers to.
    """
    if isinstance(value, np.generic):
        # NumPy 2 scalars repr as `np.float64(0.6)`, which myst-nb cannot
        # format with `{glue:text}`name:.3f``; a Python float can.
        value = value.item()
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        print(f"{name} = {value!r}")
        return
    myst_glue(name, value, display=display)
