"""Build one chapter as a tiny book of its own, to see it rendered quickly.

Usage::

    python -m dlbook.tools.preview book/foundations/neurons.md [--out DIR]

Copies the chapter and the repository's ``_config.yml`` into a scratch
folder (default: ``_build/preview/<slug>``) with a one-entry ``_toc.yml``,
then builds it with the same strict settings as ``make book``. The main
site's ``_build/html`` is left alone. Open ``<DIR>/_build/html/index.html``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from dlbook.tools.build import build
from dlbook.paths import REPO_ROOT


def make_preview_book(chapter: Path, out: Path) -> Path:
    """Lay out a one-chapter book in ``out`` and return its root."""
    relative = chapter.resolve().relative_to(REPO_ROOT)
    out.mkdir(parents=True, exist_ok=True)
    target = out / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(chapter, target)
    shutil.copy2(REPO_ROOT / "_config.yml", out / "_config.yml")
    (out / "_toc.yml").write_text(
        f"format: jb-book\nroot: {relative.with_suffix('').as_posix()}\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapter", type=Path)
    parser.add_argument("--out", type=Path, help="scratch folder for the preview book")
    args = parser.parse_args(argv)
    if not args.chapter.is_file():
        print(f"{args.chapter}: no such chapter file", file=sys.stderr)
        return 1
    out = args.out or REPO_ROOT / "_build" / "preview" / args.chapter.stem
    root = make_preview_book(args.chapter, out)
    return build(root, check_all_chapters=False)


if __name__ == "__main__":
    sys.exit(main())
