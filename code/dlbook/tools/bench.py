"""Benchmark the book: build times, chapter times, headline metrics.

Usage (what ``make bench`` runs)::

    python -m dlbook.tools.bench [--repeat 3] [--cold-repeat 1] [--skip-test]

Measures on the current machine and writes ``bench/results.json`` and
``bench/results.md``:

- a cold build (execution cache and Sphinx environment deleted);
- a no-change rebuild, a prose-only edit rebuild and a one-cell code edit
  rebuild (each repeated; medians reported), with how many chapters each
  re-executed;
- every chapter's execution time (from the jupyter-cache records), and
  each backend-agnostic Keras chapter's time on JAX beside it, with the
  ratio (unless ``--skip-jax``);
- each model chapter's headline metric against its target (read from the
  values the chapter glued);
- the wall time of ``make test`` (unless ``--skip-test``);
- the machine: cores, CPU, memory, GPU. (The GPU figures come from
  ``bench/gpu-check.sh`` on a GPU machine; see bench/results.md.)

It reports and never fails because a machine is slow: there are no timed
tests. It exits non-zero only when a build it runs fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from dlbook.environment import cpu_model
from dlbook.paths import REPO_ROOT
from dlbook.tools.headlines import HEADLINES, judge

BUILD_DIR = REPO_ROOT / "_build"
OUT_DIR = REPO_ROOT / "bench"
EXECUTED = re.compile(r"Executed notebook in ([\d.]+) seconds")

#: The chapter whose prose and code the edit benchmarks touch (a fast one).
EDIT_CHAPTER = REPO_ROOT / "book" / "foundations" / "neurons.md"
#: Every chapter has this heading (the chapter contract): the edits go
#: just before it, so they never depend on the chapter's current text.
ANCHOR = "## Exercises"
PROSE_EDIT = "\nAn extra sentence added by the benchmark.\n"


def code_edit(run: int) -> tuple[str, str]:
    """A new code cell that differs per run, so each run misses the cache."""
    cell = (f"```{{code-cell}} ipython3\nbenchmark_edit = {run}  "
            f"# {time.time():.0f}\n```\n\n")
    return ANCHOR, cell + ANCHOR

def machine_facts() -> dict[str, object]:
    facts: dict[str, object] = {"cores": os.cpu_count(), "cpu": cpu_model()}
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        facts["memory_gib"] = round(kib / 2**20, 1)
    gpu = "none"
    if shutil.which("nvidia-smi"):
        listing = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True)
        gpu = listing.stdout.strip() or "none"
    facts["gpu"] = gpu
    return facts


def timed_build() -> dict[str, object]:
    """Run `python -m dlbook.tools.build .`; return seconds and chapters executed."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "dlbook.tools.build", "."], cwd=REPO_ROOT,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"bench: the build failed (exit {result.returncode})")
    return {"seconds": round(seconds, 1), "executed": len(EXECUTED.findall(result.stdout))}


def cold_build() -> dict[str, object]:
    for path in (BUILD_DIR / ".jupyter_cache", BUILD_DIR / ".doctrees",
                 BUILD_DIR / "html", BUILD_DIR / "jupyter_execute"):
        shutil.rmtree(path, ignore_errors=True)
    return timed_build()


def edited_build(old: str, new: str) -> dict[str, object]:
    """Build once with EDIT_CHAPTER edited (old -> new), then restore it."""
    original = EDIT_CHAPTER.read_text(encoding="utf-8")
    if old not in original:
        raise SystemExit(f"bench: cannot find the text to edit in {EDIT_CHAPTER}")
    try:
        EDIT_CHAPTER.write_text(original.replace(old, new, 1), encoding="utf-8")
        return timed_build()
    finally:
        EDIT_CHAPTER.write_text(original, encoding="utf-8")
        timed_build()  # back to the committed state (served from the cache)


def median_of(runs: list[dict[str, object]]) -> dict[str, object]:
    return {"median_seconds": round(statistics.median(r["seconds"] for r in runs), 1),
            "runs_seconds": [r["seconds"] for r in runs],
            "executed": [r["executed"] for r in runs]}


def chapter_times() -> dict[str, float]:
    """Execution seconds of every cached chapter, by chapter path."""
    from jupyter_cache import get_cache

    cache = get_cache(str(BUILD_DIR / ".jupyter_cache"))
    times = {}
    for record in cache.list_cache_records():
        path = Path(record.uri)
        try:
            name = path.resolve().relative_to(REPO_ROOT).with_suffix("").as_posix()
        except ValueError:
            continue
        times[name] = round(record.data.get("execution_seconds") or 0.0, 1)
    return dict(sorted(times.items()))


def glued_values(docname: str) -> dict[str, str]:
    """The values a built chapter glued (myst-nb's glue cache)."""
    path = BUILD_DIR / "jupyter_execute" / f"{docname}.glue.json"
    if not path.is_file():
        return {}
    return {key: entry["data"]["text/plain"]
            for key, entry in json.loads(path.read_text()).items()
            if "text/plain" in entry.get("data", {})}


def headline_metrics() -> list[dict[str, object]]:
    return [judge(docname, glued_values(docname)) for docname in HEADLINES]


def other_backend(backend: str) -> dict[str, dict]:
    """Run every backend-agnostic chapter on ``backend``: time, headline."""
    from dlbook.tools.backends import (backend_agnostic_chapters,
                                       run_on_backend)

    rows = {}
    for chapter in backend_agnostic_chapters():
        print(f"bench: {chapter.name} on {backend} ...", flush=True)
        row = run_on_backend(chapter, backend)
        rows[row["chapter"]] = row
    return rows


def timed_make_test() -> float:
    started = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=REPO_ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:])
        raise SystemExit("bench: make test failed")
    return round(seconds, 1)


def write_markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {results['when']} by `make bench` on: {m['cores']} cores, {m['cpu']}, "
        f"{m.get('memory_gib', '?')} GiB memory, GPU: {m['gpu']}. "
        f"Build processes: {results['jobs']}.",
        "",
        "## Builds",
        "",
        "| build | median seconds | runs | chapters executed | target |",
        "| --- | --- | --- | --- | --- |",
    ]
    targets = {"cold": "≤ 480 s", "no_change": "-", "prose_edit": "≤ 10 s",
               "code_edit": "≤ chapter time + 15 s",
               "cold_one_process": "lever: DLBOOK_JOBS=1"}
    for name, row in results["builds"].items():
        lines.append(f"| {name.replace('_', ' ')} | {row['median_seconds']} | "
                     f"{', '.join(map(str, row['runs_seconds']))} | "
                     f"{', '.join(map(str, row['executed']))} | {targets.get(name, '')} |")
    if results.get("make_test_seconds") is not None:
        lines += ["", f"`make test`: {results['make_test_seconds']} s (target ≤ 1500 s)."]
    jax = results.get("jax") or {}
    lines += ["", "## Chapter execution times: TensorFlow and JAX", "",
              "TensorFlow: the cold build's execution (the book's backend). "
              "JAX: the same chapter run again with `KERAS_BACKEND=jax`, "
              "alone, right after; its headline checked against the same "
              "target.", "",
              "| chapter | TensorFlow s | JAX s | JAX / TF | ran on JAX | "
              "JAX headline met |", "| --- | --- | --- | --- | --- | --- |"]
    for name, sec in results["chapters"].items():
        row = jax.get(name)
        if row is None:
            lines.append(f"| {name} | {sec} | - | - | - | - |")
            continue
        ratio = f"{row['seconds'] / sec:.2f}" if sec else "-"
        head = row.get("headline") or {}
        met = {True: "yes", False: "NO", None: "not measured"}.get(
            head.get("met"), "-") if head else "-"
        ran = "yes" if not row["problems"] else "NO"
        lines.append(f"| {name} | {sec} | {row['seconds']} | {ratio} | "
                     f"{ran} | {met} |")
    total = sum(results["chapters"].values())
    jax_total = sum(r["seconds"] for r in jax.values())
    lines += [f"| **sum (serial)** | **{total:.1f}** | **{jax_total:.1f}** "
              "| | | |"]
    lines += ["", "## Headline metrics", "", "| chapter | metric | value | reference | target | met |",
              "| --- | --- | --- | --- | --- | --- |"]
    for row in results["metrics"]:
        value = "missing" if row["value"] is None else f"{row['value']:.4g}"
        ref = row.get("reference")
        ref = "" if ref is None else f"{ref:.4g}"
        met = {True: "yes", False: "NO", None: "not measured"}[row["met"]]
        lines.append(f"| {row['chapter']} | {row['metric']} | {value} | {ref} | "
                     f"{row['target']} | {met} |")
    lines += ["", "## On a GPU", ""] + gpu_section()
    return "\n".join(lines) + "\n"


def gpu_section() -> list[str]:
    """The GPU check's table (bench/gpu-check.sh), or a plain 'not yet'."""
    found = sorted((OUT_DIR / "gpu").glob("backend-*.md"))
    if not found:
        return ["The book has not run on a GPU yet: no GPU machine has been "
                "available. `bash bench/gpu-check.sh jax` on one writes its "
                "device, per-chapter times and headline metrics to "
                "`bench/gpu/`, and this section then shows them."]
    return [line for path in found
            for line in path.read_text().splitlines()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each rebuild")
    parser.add_argument("--cold-repeat", type=int, default=1, help="runs of the cold build")
    parser.add_argument("--skip-test", action="store_true", help="do not time `make test`")
    parser.add_argument("--skip-jax", action="store_true",
                        help="do not run the Keras chapters on JAX")
    parser.add_argument("--compare-jobs", action="store_true",
                        help="also time a cold build in one process (the parallel lever)")
    args = parser.parse_args(argv)

    from dlbook.tools.build import build_jobs

    results: dict[str, object] = {
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_facts(), "jobs": build_jobs(), "builds": {}}
    print("bench: cold build ...", flush=True)
    results["builds"]["cold"] = median_of([cold_build() for _ in range(args.cold_repeat)])
    results["chapters"] = chapter_times()
    results["metrics"] = headline_metrics()
    if not args.skip_jax:
        results["jax"] = other_backend("jax")
    # Keep what took longest to measure, should a later step fail.
    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / "results.json").write_text(
        json.dumps({**results, "incomplete": "rebuilds not yet timed"},
                   indent=2) + "\n")
    print("bench: rebuilds ...", flush=True)
    results["builds"]["no_change"] = median_of([timed_build() for _ in range(args.repeat)])
    results["builds"]["prose_edit"] = median_of(
        [edited_build(ANCHOR, PROSE_EDIT + "\n" + ANCHOR)
         for _ in range(args.repeat)])
    results["builds"]["code_edit"] = median_of(
        [edited_build(*code_edit(run)) for run in range(args.repeat)])
    if args.compare_jobs:
        print("bench: cold build with one process ...", flush=True)
        os.environ["DLBOOK_JOBS"] = "1"
        results["builds"]["cold_one_process"] = median_of([cold_build()])
        del os.environ["DLBOOK_JOBS"]
        timed_build()  # leave a cache built the usual way
    results["make_test_seconds"] = None if args.skip_test else timed_make_test()

    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    markdown = write_markdown(results)
    levers = OUT_DIR / "levers.md"
    if levers.is_file():
        markdown += "\n" + levers.read_text()
    (OUT_DIR / "results.md").write_text(markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
