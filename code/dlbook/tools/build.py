"""Build the book: check the toc, run Jupyter Book strictly, explain failures.

Usage (what ``make book`` runs)::

    python -m dlbook.tools.build [BOOK_ROOT] [--builder html]

Exit status 0 means every chapter executed and Sphinx emitted no warning.
On failure the last lines printed are one line per problem, for example::

    book/foundations/neurons.md:88: cell 4 raised ZeroDivisionError: division by zero
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import jupytext

from dlbook.tools.toc import TocError, check_toc, read_toc

CELL_ERROR_HEADER = "An error occurred while executing the following cell:"
SEPARATOR = "------------------"


#: Sphinx reads (and so myst-nb executes) chapters in this many processes.
#: The `jupyter-book` command line has no option for it, so the wrapper
#: passes it to Jupyter Book's `build_sphinx`. Override with DLBOOK_JOBS.
DEFAULT_JOBS = max(1, min(2, os.cpu_count() or 1))

JUPYTER_BOOK_MAIN = (
    "import functools, sys, jupyter_book.sphinx as jbs; "
    "jbs.build_sphinx = functools.partial(jbs.build_sphinx, jobs=int(sys.argv.pop(1))); "
    "from jupyter_book.cli.main import main; main()"
)


def build_jobs() -> int:
    value = os.environ.get("DLBOOK_JOBS", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_JOBS


def jupyter_book_command(root: Path, builder: str, jobs: int = 1) -> list[str]:
    """`jupyter-book build` with every warning an error, all reported at once."""
    # jupyter_book has no __main__ module, so call its click entry point.
    if builder not in ("html", "latex", "pdflatex", "dirhtml", "singlehtml", "linkcheck"):
        builder_args = ["--builder", "custom", "--custom-builder", builder]
    else:
        builder_args = ["--builder", builder]
    return [sys.executable, "-c", JUPYTER_BOOK_MAIN, str(jobs), "build", str(root),
            *builder_args,
            "--warningiserror", "--keep-going"]


def failing_cell(err_log: str) -> tuple[str, str]:
    """Split a myst-nb error log into (cell source, last exception line)."""
    source = ""
    if CELL_ERROR_HEADER in err_log:
        after = err_log.split(CELL_ERROR_HEADER, 1)[1]
        parts = after.split(SEPARATOR)
        if len(parts) >= 3:
            source = parts[1].strip("\n")
    # The exception is the last line that looks like `SomeError: message`.
    clean = re.sub(r"\x1b\[[0-9;]*m", "", err_log)  # drop ANSI colours
    matches = re.findall(r"^(\w+(?:Error|Exception|Interrupt)\b.*)$", clean, re.MULTILINE)
    exception = matches[-1].strip() if matches else "the cell raised an exception"
    return source, exception


def locate_cell(chapter: Path, source: str) -> tuple[int | None, int | None]:
    """Return (cell number counting code cells from 1, line in the .md file)."""
    if not source or not chapter.is_file():
        return None, None
    notebook = jupytext.read(chapter)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    number = next((i for i, c in enumerate(code_cells, 1)
                   if c.source.strip() == source.strip()), None)
    first_line = source.strip().splitlines()[0]
    text_lines = chapter.read_text(encoding="utf-8").splitlines()
    line = next((i for i, t in enumerate(text_lines, 1) if t.strip() == first_line.strip()), None)
    return number, line


def explain_execution_failures(root: Path, since: float) -> list[str]:
    """One line per chapter whose execution failed during this build."""
    lines = []
    reports = root / "_build" / "html" / "reports"
    for log in sorted(reports.rglob("*.err.log")) if reports.is_dir() else []:
        if log.stat().st_mtime < since:
            continue  # left over from an earlier build
        docname = log.relative_to(reports).as_posix()[: -len(".err.log")]
        chapter = next((root / (docname + s) for s in (".md", ".ipynb")
                        if (root / (docname + s)).is_file()), root / (docname + ".md"))
        source, exception = failing_cell(log.read_text(encoding="utf-8", errors="replace"))
        number, line = locate_cell(chapter, source)
        where = f"{chapter.relative_to(root).as_posix()}:{line}" if line else \
            chapter.relative_to(root).as_posix()
        cell = f"cell {number}" if number else "a cell"
        lines.append(f"{where}: {cell} raised {exception} "
                     f"(full traceback: {log.relative_to(root).as_posix()})")
    return lines


def warning_lines(output: str) -> list[str]:
    """Sphinx's warnings and errors in ``output``, one clean line each.

    Colours are dropped, and so is the progress text Sphinx sometimes prints
    before a warning ("checking consistency... "). The execution failures
    are left out: explain_execution_failures() reports them better.
    """
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    return [re.sub(r"^[a-z ]+\.\.\. ", "", line.strip())
            for line in plain.splitlines()
            if re.search(r"(WARNING|ERROR|CRITICAL):", line)
            and "Executing notebook failed" not in line
            and "Notebook exception traceback" not in line]


def mark_for_reread(root: Path, problems: list[str]) -> None:
    """Touch every file a problem names, so the next build reads it again.

    Sphinx re-reads only changed files and does not repeat the warnings of
    files it skips; without this, running `make book` twice would pass the
    second time with the problem still there. The execution cache is keyed on
    code, not on timestamps, so touching re-executes nothing.
    """
    for problem in problems:
        match = re.search(r"(\S+\.(?:md|ipynb)):", problem)
        path = Path(match.group(1)) if match else None
        if path is not None and not path.is_absolute():
            path = root / path
        if path is not None and path.is_file():
            path.touch()


def build(root: Path, builder: str = "html", check_all_chapters: bool = True) -> int:
    """Build the book at ``root``; return the exit status (0 = clean build)."""
    root = root.resolve()
    try:
        if check_all_chapters:
            check_toc(root)
        else:
            read_toc(root)
    except TocError as err:
        print(f"BUILD FAILED: the table of contents is broken\n{err}", file=sys.stderr)
        return 2
    started = time.time()
    completed = subprocess.run(jupyter_book_command(root, builder, build_jobs()), cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(completed.stdout, end="")
    if completed.returncode == 0:
        print(f"Book built in {time.time() - started:.1f} s: "
              f"{(root / '_build' / builder / 'index.html').as_posix()}")
        return 0
    problems = explain_execution_failures(root, started)
    problems += warning_lines(completed.stdout)
    mark_for_reread(root, problems)
    print("\nBUILD FAILED. Problems (file:line: what):", file=sys.stderr)
    for problem in problems or ["see the output above"]:
        print("  " + problem, file=sys.stderr)
    return completed.returncode or 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", type=Path,
                        help="folder holding _config.yml and _toc.yml")
    parser.add_argument("--builder", default="html", help="html, latex, text, ...")
    parser.add_argument("--allow-unlisted", action="store_true",
                        help="do not fail on chapters under book/ missing from _toc.yml "
                             "(while drafting a chapter)")
    args = parser.parse_args(argv)
    return build(args.root, args.builder, check_all_chapters=not args.allow_unlisted)


if __name__ == "__main__":
    sys.exit(main())
