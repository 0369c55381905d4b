"""Run one chapter as a notebook, fast, without building the site.

Usage::

    python -m dlbook.tools.run book/foundations/neurons.md [--save out.ipynb]
    python -m dlbook.tools.run book/keras/regression.md --backend jax

Executes every cell (from the chapter's folder, as the book build does),
then checks what the build would reject: a cell that raises, output on
stderr (log noise), and a ``{glue:...}`name``` in the prose whose name no cell
glued. Prints the execution time. Exit status 1 on any problem.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

GLUE_REFERENCE = re.compile(r"\{glue(?::\w+)?\}`([^`:]+)")
GLUE_MIME = "application/papermill.record/"


def glue_references(notebook) -> set[str]:
    """Names used by ``{glue}`` roles in the notebook's Markdown cells."""
    return {m.group(1).strip() for cell in notebook.cells if cell.cell_type == "markdown"
            for m in GLUE_REFERENCE.finditer(cell.source)}


def glued_names(notebook) -> set[str]:
    """Names the executed code cells glued (myst-nb records them as outputs)."""
    names = set()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if any(k.startswith(GLUE_MIME) for k in output.get("data", {})):
                names.add(output.get("metadata", {}).get("scrapbook", {}).get("name"))
    return names


def stderr_outputs(notebook) -> list[tuple[int, str]]:
    """(code cell number, text) of every stderr stream output."""
    found = []
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append((number, output["text"].strip()))
    return found


def glued_values(notebook) -> dict[str, str]:
    """``{name: text/plain}`` of every value the executed cells glued."""
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            data = output.get("data", {})
            # myst-nb stores the value under its own MIME prefix only.
            text = data.get(GLUE_MIME + "text/plain", data.get("text/plain"))
            if name and text is not None:
                values[name] = text
    return values


def run_chapter(chapter: Path, timeout: int = 600,
                backend: str | None = None):
    """Execute ``chapter``; return (notebook, seconds, problems).

    ``backend`` sets KERAS_BACKEND for the chapter's kernel (the kernel
    inherits this process's environment); None keeps the current one.
    """
    notebook = jupytext.read(chapter)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(chapter.parent)}})
    problems = []
    saved = os.environ.get("KERAS_BACKEND")
    if backend:
        os.environ["KERAS_BACKEND"] = backend
    started = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as err:
        problems.append(f"{chapter}: a cell raised:\n{err}")
    finally:
        if saved is None:
            os.environ.pop("KERAS_BACKEND", None)
        else:
            os.environ["KERAS_BACKEND"] = saved
    seconds = time.perf_counter() - started
    for number, text in stderr_outputs(notebook):
        problems.append(f"{chapter}: code cell {number} wrote to stderr "
                        f"(the build rejects it): {text[:300]}")
    missing = glue_references(notebook) - glued_names(notebook)
    for name in sorted(missing):
        problems.append(f"{chapter}: the prose uses {{glue}}`{name}` but no cell glues "
                        f"'{name}'. Fix: add glue(\"{name}\", value) to a code cell")
    return notebook, seconds, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapter", type=Path)
    parser.add_argument("--save", type=Path, help="write the executed .ipynb here")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--backend", choices=["tensorflow", "jax", "torch"],
                        help="Keras backend for the chapter (KERAS_BACKEND)")
    args = parser.parse_args(argv)
    if not args.chapter.is_file():
        print(f"{args.chapter}: no such chapter file", file=sys.stderr)
        return 1
    notebook, seconds, problems = run_chapter(args.chapter, args.timeout,
                                             args.backend)
    if args.save:
        nbformat.write(notebook, args.save)
    print(f"{args.chapter}: executed in {seconds:.1f} s")
    for problem in problems:
        print("PROBLEM: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
