"""Helpers for *Deep Learning, Executed*.

Chapters start with one call::

    import dlbook
    dlbook.setup(seed=0)

which seeds every random number generator, silences TensorFlow's log noise and
applies the book's plot style. ``dlbook.glue`` puts a computed value into the
prose (myst-nb's ``glue`` on the site, a plain display elsewhere).
"""

from dlbook.notebook import glue, setup

__all__ = ["glue", "setup"]
__version__ = "0.1.0"
