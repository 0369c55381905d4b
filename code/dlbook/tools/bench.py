"""Benchmark the book: build times, chapter times, headline metrics.

Usage (what ``make bench`` runs)::

    python -m dlbook.tools.bench [--repeat 3] [--cold-repeat 1] [--skip-test]

Measures on the current machine and writes ``bench/results.json`` and
``bench/results.md``:

- a cold build (execution cache and Sphinx environment deleted);
- a no-change rebuild, a prose-only edit rebuild and a one-cell code edit
  rebuild (each repeated; medians reported), with how many chapters each
  re-executed;
- every chapter's execution time (from the jupyter-cache records);
- each model chapter's headline metric against its target (read from the
  values the chapter glued);
- the wall time of ``make test`` (unless ``--skip-test``);
- the machine: cores, CPU, memory, GPU.

It reports and never fails because a machine is slow: there are no timed
tests. It exits non-zero only when a build it runs fails.
"""

from __future__ import annotations

import argparse
import ast
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

BUILD_DIR = REPO_ROOT / "_build"
OUT_DIR = REPO_ROOT / "bench"
EXECUTED = re.compile(r"Executed notebook in ([\d.]+) seconds")

#: The chapter whose prose and code the edit benchmarks touch (a fast one).
EDIT_CHAPTER = REPO_ROOT / "book" / "foundations" / "neurons.md"
PROSE_EDIT = "\nAn extra sentence added by the benchmark.\n"
CODE_CELL = "```{code-cell} ipython3\nx, w1, b1 = 0.1, 0.15, 0.4"


def code_edit(run: int) -> tuple[str, str]:
    """A one-cell code edit that differs per run, so each run misses the cache."""
    return CODE_CELL, f"{CODE_CELL}  # benchmark edit {run} {time.time():.0f}"

#: Headline metric of each model chapter: (glue key, target, "min" when the
#: value must reach the target, "max" when it must stay below it, or a second
#: glue key to compare against), with the issue's wording.
METRICS = {
    "book/keras/regression": ("deep_r2", 0.85, "min", "test R² of the best network ≥ 0.85"),
    "book/keras/classification": ("fashion_accuracy", 0.85, "min",
                                  "Fashion-MNIST dense network test accuracy ≥ 0.85"),
    "book/architectures/cnn": ("cnn_accuracy", 0.90, "min",
                               "Fashion-MNIST CNN test accuracy ≥ 0.90"),
    "book/architectures/rnn-lstm-gru": ("rmse_lstm", "rmse_naive", "below",
                                        "LSTM test RMSE below seasonal naive"),
    "book/architectures/transfer-learning": ("transfer_gain_small", 0.0, "above-spread",
                                             "transfer beats scratch beyond the paired seed spread "
                                             "at the smallest budget, 1 label per class"),
    "book/architectures/gans": ("gan_fd", "gaussian_fd", "below",
                                "GAN feature distance below the Gaussian baseline's"),
}


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


def glued_value(docname: str, key: str) -> float | None:
    path = BUILD_DIR / "jupyter_execute" / f"{docname}.glue.json"
    if not path.is_file():
        return None
    entry = json.loads(path.read_text()).get(key)
    if entry is None:
        return None
    try:
        return float(ast.literal_eval(entry["data"]["text/plain"]))
    except (ValueError, SyntaxError):
        return None


def headline_metrics() -> list[dict[str, object]]:
    rows = []
    for docname, (key, target, rule, wording) in METRICS.items():
        value = glued_value(docname, key)
        row = {"chapter": docname, "metric": key, "value": value, "target": wording}
        if value is None:
            row["met"] = None
        elif rule == "min":
            row["met"] = value >= target
        elif rule == "below":
            reference = glued_value(docname, target)
            row["reference"] = reference
            row["met"] = reference is not None and value < reference
        else:  # "above-spread": the chapter glues gain and spread
            spread = glued_value(docname, "transfer_spread_small")
            row["reference"] = spread
            row["met"] = spread is not None and value > spread
        rows.append(row)
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
        lines += ["", f"`make test`: {results['make_test_seconds']} s (target ≤ 900 s)."]
    lines += ["", "## Chapter execution times", "", "| chapter | seconds |", "| --- | --- |"]
    lines += [f"| {name} | {sec} |" for name, sec in results["chapters"].items()]
    total = sum(results["chapters"].values())
    lines += [f"| **sum (serial)** | **{total:.1f}** |"]
    lines += ["", "## Headline metrics", "", "| chapter | metric | value | reference | target | met |",
              "| --- | --- | --- | --- | --- | --- |"]
    for row in results["metrics"]:
        value = "missing" if row["value"] is None else f"{row['value']:.4g}"
        ref = row.get("reference")
        ref = "" if ref is None else f"{ref:.4g}"
        met = {True: "yes", False: "NO", None: "not measured"}[row["met"]]
        lines.append(f"| {row['chapter']} | {row['metric']} | {value} | {ref} | "
                     f"{row['target']} | {met} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each rebuild")
    parser.add_argument("--cold-repeat", type=int, default=1, help="runs of the cold build")
    parser.add_argument("--skip-test", action="store_true", help="do not time `make test`")
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
    print("bench: rebuilds ...", flush=True)
    results["builds"]["no_change"] = median_of([timed_build() for _ in range(args.repeat)])
    results["builds"]["prose_edit"] = median_of(
        [edited_build("## Exercises", PROSE_EDIT + "\n## Exercises") for _ in range(args.repeat)])
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
