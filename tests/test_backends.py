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
# make test spreads test files over two workers (pytest -n 2 --dist
# loadfile): Parts I-II run here, the Part III-IV chapters in two sibling
# files, test_backends_architectures*.py, so the shares run side by side.
PARTS_I_II = [c for c in CHAPTERS if c.parent.name != "architectures"]


def test_the_keras_chapters_of_parts_two_to_four_are_backend_agnostic():
    names = {c.relative_to(REPO_ROOT).with_suffix("").as_posix()
             for c in CHAPTERS}
    assert {"book/keras/regression", "book/architectures/cnn"} <= names
    assert set(HEADLINES) <= names | set(TENSORFLOW_ONLY)


def chapter_ids(chapters):
    return [c.relative_to(REPO_ROOT / "book").with_suffix("").as_posix()
            for c in chapters]


def check_runs_on_jax(chapter):
    """Every cell runs under KERAS_BACKEND=jax; the headline meets its target."""
    row = run_on_backend(chapter, "jax")
    assert not row["problems"], "\n".join(row["problems"])[-4000:]
    headline = row.get("headline")
    if headline:
        assert headline["met"], (f"{headline['metric']} = "
                                 f"{headline['value']} on JAX misses "
                                 f"'{headline['target']}'")


@pytest.mark.build
@pytest.mark.parametrize("chapter", PARTS_I_II, ids=chapter_ids(PARTS_I_II))
def test_chapter_runs_on_jax_and_meets_its_target(chapter):
    check_runs_on_jax(chapter)
