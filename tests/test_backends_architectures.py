"""The Part III-IV chapters run on JAX and meet their targets.

The same check as tests/test_backends.py, for the architecture chapters.
make test's two workers (pytest --dist loadfile) take whole files, so the
JAX runs, the longest tests of the suite, are spread over three files of
similar length: Parts I-II in test_backends.py, and the architecture
chapters here, in two shares (FIRST_SHARE below and the rest, in
test_backends_architectures_more.py).
"""

from __future__ import annotations

import pytest

from test_backends import (CHAPTERS, PARTS_I_II, chapter_ids,
                           check_runs_on_jax)

ARCHITECTURES = [c for c in CHAPTERS if c not in PARTS_I_II]
# The CNN chapter alone takes about four minutes on JAX on 2 cores.
FIRST_SHARE = {"cnn", "modern-cnns", "gans", "rnn-lstm-gru"}
HERE = [c for c in ARCHITECTURES if c.stem in FIRST_SHARE]
REST = [c for c in ARCHITECTURES if c.stem not in FIRST_SHARE]


def test_the_files_share_out_every_backend_agnostic_chapter():
    assert FIRST_SHARE <= {c.stem for c in ARCHITECTURES}
    assert REST and PARTS_I_II
    assert sorted(HERE + REST + PARTS_I_II) == sorted(CHAPTERS)


@pytest.mark.build
@pytest.mark.parametrize("chapter", HERE, ids=chapter_ids(HERE))
def test_architecture_chapter_runs_on_jax_and_meets_its_target(chapter):
    check_runs_on_jax(chapter)
