"""The runtime requirements (requirements.txt, what Binder installs) hold
everything the chapters need; the dev file holds only tools around them."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jupytext
import pytest

from dlbook.paths import REPO_ROOT
from dlbook.sphinxext.stamp import imported_modules
from dlbook.tools.notebooks import chapters

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==", re.M)


def pinned(*files: str) -> set[str]:
    """Normalised distribution names pinned in requirement files."""
    names = set()
    for name in files:
        text = (REPO_ROOT / name).read_text(encoding="utf-8")
        names |= {normalise(m.split("[")[0]) for m in PIN.findall(text)}
    return names


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


RUNTIME = pinned("requirements.txt", "requirements-common.txt")
DEV_ONLY = pinned("requirements-dev.txt") - RUNTIME


def chapter_imports(chapter: Path) -> set[str]:
    """Top-level modules a chapter's code cells import."""
    code = "\n".join(cell.source for cell in jupytext.read(chapter).cells
                     if cell.cell_type == "code")
    return imported_modules(code)


def test_dev_and_runtime_sets_do_not_overlap_and_mlxtend_is_gone():
    assert pinned("requirements-dev.txt") & RUNTIME == set()
    assert "mlxtend" not in RUNTIME | DEV_ONLY


def test_every_module_a_chapter_imports_comes_from_the_runtime_set():
    owners = importlib.metadata.packages_distributions()
    problems = []
    for chapter in chapters():
        for module in sorted(chapter_imports(chapter)):
            if module in sys.stdlib_module_names or module == "dlbook":
                continue
            dists = {normalise(d) for d in owners.get(module, [])}
            if not dists & RUNTIME:
                problems.append(f"{chapter.relative_to(REPO_ROOT)} imports "
                                f"{module} ({', '.join(dists) or 'unknown'}),"
                                " not pinned in requirements(-common).txt")
    assert not problems, "\n".join(problems)


BLOCKER = '''
import importlib.abc, sys
BLOCKED = {blocked!r}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(
                f"{{name}} is a dev-only package", name=name)
sys.meta_path.insert(0, Block())
'''


def dev_only_modules() -> set[str]:
    owners = importlib.metadata.packages_distributions()
    return {module for module, dists in owners.items()
            if {normalise(d) for d in dists} <= DEV_ONLY}


@pytest.mark.build
def test_a_keras_chapter_runs_with_the_dev_packages_hidden(tmp_path):
    """What Binder has: the chapter executes with every package that only
    requirements-dev.txt installs made unimportable (a sitecustomize
    blocker that the notebook's kernel inherits)."""
    blocked = dev_only_modules()
    assert {"pytest", "playwright", "nbval"} <= blocked
    (tmp_path / "sitecustomize.py").write_text(
        textwrap.dedent(BLOCKER.format(blocked=sorted(blocked))))
    env = dict(os.environ, PYTHONPATH=str(tmp_path),
               KERAS_BACKEND="tensorflow")
    chapter = REPO_ROOT / "book" / "foundations" / "neurons.md"
    runner = textwrap.dedent(f'''
        import jupytext, sys
        from nbclient import NotebookClient
        notebook = jupytext.read({str(chapter)!r})
        NotebookClient(notebook, timeout=300, kernel_name="python3",
                       resources={{"metadata": {{"path":
                           {str(chapter.parent)!r}}}}}).execute()
        print("ran", sum(c.cell_type == "code" for c in notebook.cells))
        ''')
    probe = subprocess.run([sys.executable, "-c", "import pytest"],
                           env=env, capture_output=True, text=True)
    assert "dev-only package" in probe.stderr, probe.stderr
    done = subprocess.run([sys.executable, "-c", runner], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ran ")
