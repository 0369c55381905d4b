"""The rest of the Part III-IV chapters on JAX (see
test_backends_architectures.py for why the checks are split over files)."""

from __future__ import annotations

import pytest

from test_backends import chapter_ids, check_runs_on_jax
from test_backends_architectures import REST


@pytest.mark.build
@pytest.mark.parametrize("chapter", REST, ids=chapter_ids(REST))
def test_architecture_chapter_runs_on_jax_and_meets_its_target(chapter):
    check_runs_on_jax(chapter)
