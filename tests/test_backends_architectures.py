"""The Part III-IV chapters run on JAX and meet their targets.

The same check as tests/test_backends.py, for the architecture chapters, in
a file of its own so that `make test`'s two workers (pytest --dist
loadfile) share the JAX runs, the longest tests of the suite.
"""

from __future__ import annotations

import pytest

from test_backends import (CHAPTERS, PARTS_I_II, chapter_ids,
                           check_runs_on_jax)

ARCHITECTURES = [c for c in CHAPTERS if c not in PARTS_I_II]


def test_the_two_files_share_out_every_backend_agnostic_chapter():
    assert ARCHITECTURES and PARTS_I_II
    assert sorted(ARCHITECTURES + PARTS_I_II) == sorted(CHAPTERS)


@pytest.mark.build
@pytest.mark.parametrize("chapter", ARCHITECTURES,
                         ids=chapter_ids(ARCHITECTURES))
def test_architecture_chapter_runs_on_jax_and_meets_its_target(chapter):
    check_runs_on_jax(chapter)
