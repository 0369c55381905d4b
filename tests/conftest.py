"""Shared pytest fixtures for the book's tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"

NOTEBOOK_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def run_build(root: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run `python -m dlbook.tools.build ROOT` as `make book` does; capture output."""
    return subprocess.run([sys.executable, "-m", "dlbook.tools.build", str(root), *extra],
                          capture_output=True, text=True, cwd=root)


@pytest.fixture
def fixture_book(tmp_path: Path):
    """Factory: copy a fixture book from tests/fixtures/<name> into tmp_path."""
    def make(name: str) -> Path:
        root = tmp_path / name
        shutil.copytree(FIXTURES / name, root)
        return root
    return make


# One Chromium for the whole session, shared by every browser test module
# (a fixture imported into two modules would start Playwright twice).
from browser_support import chromium  # noqa: E402,F401
