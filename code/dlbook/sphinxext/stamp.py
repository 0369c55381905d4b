"""Execution stamp: when, on what and how fast each chapter was executed.

Appends to every executed chapter a short note such as

    Executed 2026-11-22 02:10 UTC on CPU: Intel Xeon (2 cores) in 5.9 s,
    with Python 3.11.7, TensorFlow 2.21.0, Keras 3.15.1.

The time and duration come from myst-nb's execution record (the cache keeps
them, so a chapter served from the cache shows when it really ran); the
device and versions are glued by ``dlbook.setup()`` from inside the kernel.
"""

from __future__ import annotations

import ast
import json
from datetime import datetime, timezone
from pathlib import Path

from docutils import nodes
from myst_nb.ext.glue.crossref import read_glue_cache
from myst_nb.sphinx_ import NbMetadataCollector
from sphinx.application import Sphinx

from dlbook.notebook import ENVIRONMENT_GLUE_KEY


def chapter_environment(app: Sphinx, docname: str) -> dict[str, str]:
    """The device/versions dict the chapter glued, or {} if it did not."""
    folder = str(Path(app.outdir).parent / "jupyter_execute")
    read_glue_cache.cache_clear()  # the file is rewritten when a chapter re-runs
    entry = read_glue_cache(folder, docname).get(ENVIRONMENT_GLUE_KEY)
    if not entry:
        return {}
    return json.loads(ast.literal_eval(entry["data"]["text/plain"]))


def stamp_text(exec_data: dict, environment: dict[str, str]) -> str:
    when = datetime.fromtimestamp(exec_data["mtime"], tz=timezone.utc)
    text = f"Executed {when:%Y-%m-%d %H:%M} UTC"
    if environment.get("device"):
        text += f" on {environment['device']}"
    if exec_data.get("runtime") is not None:
        text += f" in {exec_data['runtime']:.1f} s"
    versions = [f"Python {environment['python']}"] if "python" in environment else []
    versions += [f"TensorFlow {environment['tensorflow']}"] if "tensorflow" in environment else []
    versions += [f"Keras {environment['keras']}"] if "keras" in environment else []
    if versions:
        text += ", with " + ", ".join(versions)
    return text + "."


def add_stamp(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    exec_data = NbMetadataCollector.get_exec_data(app.env, docname)
    if not exec_data or not exec_data.get("succeeded"):
        return
    stamp = nodes.container(classes=["execution-stamp"])
    stamp += nodes.paragraph(text=stamp_text(exec_data, chapter_environment(app, docname)))
    doctree += stamp


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", add_stamp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
