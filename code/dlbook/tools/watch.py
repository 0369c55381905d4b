"""Live preview while you edit: rebuild on save, reload the browser.

Usage (what ``make watch`` runs)::

    python -m dlbook.tools.watch [--port 8000]

Serves the whole book on http://127.0.0.1:8000 with sphinx-autobuild. A
saved chapter is re-read and its page reloads in the browser. Chapters
execute through the same jupyter-cache as ``make book``, so a prose edit
re-executes nothing and a code edit re-executes that chapter only. Links
between chapters work, because the whole book is built. Warnings are
printed, not fatal: ``make book`` remains the strict check.

Jupyter Book 1 keeps its settings in ``_config.yml``; sphinx-autobuild
needs a ``conf.py``. This module has Jupyter Book write one
(``jupyter-book config sphinx``) into ``_build/watch``, never into the
repository, and builds into ``_build/watch/html``, so ``_build/html``
stays as ``make book`` left it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from dlbook.paths import REPO_ROOT

#: The book's Sphinx extensions: an edit there rebuilds too.
SPHINXEXT = Path(__file__).resolve().parents[1] / "sphinxext"
JUPYTER_BOOK = [sys.executable, "-c",
                "from jupyter_book.cli.main import main; main()"]


def write_sphinx_config(root: Path) -> Path:
    """Jupyter Book's Sphinx configuration as ``_build/watch/conf.py``."""
    folder = root / "_build" / "watch"
    folder.mkdir(parents=True, exist_ok=True)
    written = root / "conf.py"
    if written.exists():
        raise SystemExit(f"{written} exists; the book keeps its settings in "
                         "_config.yml. Move conf.py away and run again.")
    subprocess.run([*JUPYTER_BOOK, "config", "sphinx", str(root)],
                   check=True, capture_output=True, text=True)
    target = folder / "conf.py"
    shutil.move(written, target)
    return target


def autobuild_command(root: Path, conf_dir: Path, port: int) -> list[str]:
    """sphinx-autobuild over the whole book, on 127.0.0.1 only."""
    return [sys.executable, "-m", "sphinx_autobuild", str(root),
            str(root / "_build" / "watch" / "html"), "-c", str(conf_dir),
            "--host", "127.0.0.1", "--port", str(port),
            "--ignore", str(root / "_build"),
            "--ignore", str(root / ".venv"),
            "--ignore", str(root / "notebooks"),
            "--ignore", "*.ipynb_checkpoints*",
            "--watch", str(SPHINXEXT)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--root", type=Path, default=REPO_ROOT,
                        help="folder holding _config.yml and _toc.yml")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    conf = write_sphinx_config(root)
    print(f"Live preview on http://127.0.0.1:{args.port} (Ctrl-C to stop)",
          flush=True)
    return subprocess.call(autobuild_command(root, conf.parent, args.port),
                           cwd=root)


if __name__ == "__main__":
    sys.exit(main())
