"""The backend-agnostic Keras chapters run on JAX and meet their targets.

Keras 3 runs the same model code on TensorFlow (the build) and on JAX.
Each chapter is executed again with KERAS_BACKEND=jax: every cell must run
(the chapter's own assertions included) and its headline result must meet
the same target as on TensorFlow; the digits may differ.
"""

from __future__ import annotations

import pytest

from dlbook.paths import REPO_ROOT
from dlbook.tools.backends import (TENSORFLOW_ONLY,
                                   backend_agnostic_chapters, run_on_backend)
from dlbook.tools.headlines import HEADLINES

CHAPTERS = backend_agnostic_chapters()


def test_the_keras_chapters_of_parts_two_to_four_are_backend_agnostic():
    names = {c.relative_to(REPO_ROOT).with_suffix("").as_posix()
             for c in CHAPTERS}
    assert {"book/keras/regression", "book/architectures/cnn"} <= names
    assert set(HEADLINES) <= names | set(TENSORFLOW_ONLY)


@pytest.mark.build
@pytest.mark.parametrize(
    "chapter", CHAPTERS,
    ids=[c.relative_to(REPO_ROOT / "book").with_suffix("").as_posix()
         for c in CHAPTERS])
def test_chapter_runs_on_jax_and_meets_its_target(chapter):
    row = run_on_backend(chapter, "jax")
    assert not row["problems"], "\n".join(row["problems"])[-4000:]
    headline = row.get("headline")
    if headline:
        assert headline["met"], (f"{headline['metric']} = "
                                 f"{headline['value']} on JAX misses "
                                 f"'{headline['target']}'")
