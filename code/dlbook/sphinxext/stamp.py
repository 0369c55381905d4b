"""Execution stamp: when, on what and how fast each chapter was executed.

Appends to every executed chapter a short note such as

    Executed 2026-11-22 02:10 UTC on CPU: Intel Xeon (2 cores) in 5.9 s,
    with Python 3.11.7, NumPy 2.4.6, Matplotlib 3.11.2, Keras 3.15.1 on
    the TensorFlow 2.21.0 backend.

The time and duration come from myst-nb's execution record (the cache keeps
them, so a chapter served from the cache shows when it really ran); the
device, backend and versions are glued by ``dlbook.setup()`` from inside
the kernel. The stamp names the libraries the chapter's code imports.
"""

from __future__ import annotations

import ast
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from docutils import nodes
from myst_nb.ext.glue.crossref import read_glue_cache
from myst_nb.sphinx_ import NbMetadataCollector
from sphinx.application import Sphinx

from dlbook.environment import LIBRARIES
from dlbook.notebook import ENVIRONMENT_GLUE_KEY


def chapter_environment(app: Sphinx, docname: str) -> dict[str, str]:
    """The device/versions dict the chapter glued, or {} if it did not."""
    folder = str(Path(app.outdir).parent / "jupyter_execute")
    read_glue_cache.cache_clear()  # the file is rewritten when a chapter re-runs
    entry = read_glue_cache(folder, docname).get(ENVIRONMENT_GLUE_KEY)
    if not entry:
        return {}
    return json.loads(ast.literal_eval(entry["data"]["text/plain"]))


#: ``import x``/``from x import`` at the start of a line of code.
IMPORT = re.compile(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", re.M)


def imported_modules(code: str) -> set[str]:
    """Top-level modules that ``code`` imports."""
    return set(IMPORT.findall(code))


def library_versions(environment: dict, modules: set[str]) -> list[str]:
    """"NumPy 2.4.6", ... for the libraries in ``modules``, book order."""
    versions = environment.get("versions", {})
    shown = []
    for module, (_, name) in LIBRARIES.items():
        if module in modules and module in versions and module != "keras":
            shown.append(f"{name} {versions[module]}")
    backend = environment.get("backend")
    if "keras" in versions and ("keras" in modules or backend):
        keras = f"Keras {versions['keras']}"
        if backend:
            module = backend if backend != "torch" else "torch"
            label = LIBRARIES.get(module, ((), backend))[1]
            version = versions.get(module)
            keras += f" on the {label}{' ' + version if version else ''}" \
                " backend"
            shown = [v for v in shown if not v.startswith(label + " ")]
        shown.append(keras)
    return shown


def stamp_text(exec_data: dict, environment: dict,
               modules: set[str] = frozenset()) -> str:
    when = datetime.fromtimestamp(exec_data["mtime"], tz=timezone.utc)
    text = f"Executed {when:%Y-%m-%d %H:%M} UTC"
    if environment.get("device"):
        text += f" on {environment['device']}"
    if exec_data.get("runtime") is not None:
        text += f" in {exec_data['runtime']:.1f} s"
    versions = [f"Python {environment['python']}"] \
        if "python" in environment else []
    versions += library_versions(environment, modules)
    if versions:
        text += ", with " + ", ".join(versions)
    return text + "."


def chapter_code(app: Sphinx, docname: str) -> str:
    """The source of the chapter's code cells (what the kernel ran)."""
    import jupytext

    path = Path(app.env.doc2path(docname))
    if not path.is_file():
        return ""
    notebook = jupytext.read(path)
    return "\n".join(c.source for c in notebook.cells
                     if c.cell_type == "code")


def add_stamp(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    exec_data = NbMetadataCollector.get_exec_data(app.env, docname)
    if not exec_data or not exec_data.get("succeeded"):
        return
    stamp = nodes.container(classes=["execution-stamp"])
    modules = imported_modules(chapter_code(app, docname))
    stamp += nodes.paragraph(text=stamp_text(
        exec_data, chapter_environment(app, docname), modules))
    doctree += stamp


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", add_stamp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
