"""Run the backend-agnostic Keras chapters on another Keras backend.

Usage::

    python -m dlbook.tools.backends --backend jax [--out DIR] [CHAPTER ...]

Keras 3 runs the same model code on TensorFlow (the build's backend), JAX
and PyTorch. Each chapter listed by :func:`backend_agnostic_chapters` is
executed with ``KERAS_BACKEND`` set, timed, and its headline result (see
:mod:`dlbook.tools.headlines`) checked against its target: the same
targets, not the same digits. The chapter's own assertions run too, so a
claim that fails on the other backend fails here. Writes
``DIR/backend-<name>.json`` and ``.md`` (default DIR: bench/).

This is also the GPU check: on an NVIDIA machine with JAX or PyTorch but
no TensorFlow, ``bench/gpu-check.sh`` runs it and records the device.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from dlbook.environment import describe_environment
from dlbook.paths import REPO_ROOT
from dlbook.tools.headlines import HEADLINES, judge
from dlbook.tools.notebooks import chapters
from dlbook.tools.run import glued_values, run_chapter

#: Chapters that stay on TensorFlow, with the reason the book gives.
TENSORFLOW_ONLY: dict[str, str] = {}

#: A setup call that asks for Keras (the default) rather than keras=False.
KERAS_SETUP = re.compile(r"dlbook\.setup\((?![^)]*keras\s*=\s*False)")


def backend_agnostic_chapters(root: Path = REPO_ROOT) -> list[Path]:
    """Keras chapters (setup with Keras) not marked TensorFlow-only."""
    found = []
    for chapter in chapters(root):
        docname = chapter.relative_to(root).with_suffix("").as_posix()
        text = chapter.read_text(encoding="utf-8")
        if KERAS_SETUP.search(text) and docname not in TENSORFLOW_ONLY:
            found.append(chapter)
    return found


def run_on_backend(chapter: Path, backend: str,
                   root: Path = REPO_ROOT) -> dict[str, object]:
    """Execute one chapter on ``backend``: seconds, problems, headline."""
    # A cell's limit is the build's 600 s on TensorFlow; JAX's CPU
    # convolutions are several times slower, so allow it more here.
    notebook, seconds, problems = run_chapter(chapter, timeout=1800,
                                              backend=backend)
    docname = chapter.relative_to(root).with_suffix("").as_posix()
    row: dict[str, object] = {"chapter": docname, "backend": backend,
                              "seconds": round(seconds, 1),
                              "problems": problems}
    if docname in HEADLINES:
        row["headline"] = judge(docname, glued_values(notebook))
    return row


def markdown_table(rows: list[dict], environment: dict) -> str:
    lines = [f"Device: {environment['device']}; Python "
             f"{environment['python']}; "
             + ", ".join(f"{k} {v}" for k, v in
                         sorted(environment.get("versions", {}).items())),
             "", "| chapter | backend | seconds | ran cleanly | headline "
             "| value | reference | target met |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        head = row.get("headline") or {}
        value = head.get("value")
        ref = head.get("reference")
        met = {True: "yes", False: "NO", None: "not measured"}.get(
            head.get("met"), "-") if head else "-"
        lines.append(
            f"| {row['chapter']} | {row['backend']} | {row['seconds']} | "
            f"{'yes' if not row['problems'] else 'NO'} | "
            f"{head.get('metric', '-')} | "
            f"{'-' if value is None else f'{value:.4g}'} | "
            f"{'-' if ref is None else f'{ref:.4g}'} | {met} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="jax",
                        choices=["tensorflow", "jax", "torch"])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench")
    parser.add_argument("chapters", nargs="*", type=Path,
                        help="chapters to run (default: every "
                             "backend-agnostic chapter)")
    args = parser.parse_args(argv)
    os.environ["KERAS_BACKEND"] = args.backend
    selected = [c.resolve() for c in args.chapters] or \
        backend_agnostic_chapters()
    rows = []
    for chapter in selected:
        print(f"{chapter.relative_to(REPO_ROOT)} on {args.backend} ...",
              flush=True)
        rows.append(run_on_backend(chapter, args.backend))
        for problem in rows[-1]["problems"]:
            print("PROBLEM: " + problem[:2000], file=sys.stderr)
    import keras  # noqa: F401  (so the environment names the backend)

    environment = describe_environment()
    result = {"when": datetime.now(timezone.utc).strftime(
        "%Y-%m-%d %H:%M UTC"), "environment": environment, "rows": rows}
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"backend-{args.backend}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    table = markdown_table(rows, environment)
    stem.with_suffix(".md").write_text(table)
    print(table)
    failed = [r for r in rows if r["problems"] or
              (r.get("headline") or {}).get("met") is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
