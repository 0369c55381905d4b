"""Keep every chapter's executed notebook complete, outputs included.

myst-nb 1.4 writes each chapter's executed notebook to
``_build/jupyter_execute/<chapter>.ipynb``; the theme copies it to the page's
download menu and ``make test`` runs nbval against it. When a chapter comes
from the jupyter-cache (nothing in its code changed), myst-nb merges the
cached outputs into a *new* notebook object but writes the *old* one, so the
file has no outputs at all; and for a freshly executed chapter it writes the
notebook after removing the glue outputs, so nbval's re-run sees outputs the
file lacks. Both make the download wrong and nbval's comparison hollow.

After myst-nb has read a chapter, this extension rewrites that file from the
cache record: the notebook exactly as the kernel executed it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def executed_notebook_path(app: Sphinx, docname: str) -> Path:
    return Path(app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"


def restore_outputs(app: Sphinx, doctree) -> None:
    docname = app.env.docname
    path = executed_notebook_path(app, docname)
    cache_path = app.config.nb_execution_cache_path
    if app.config.nb_execution_mode != "cache" or not path.is_file() or not cache_path:
        return
    notebook = nbformat.read(path, as_version=4)
    try:
        _, merged = get_cache(cache_path).merge_match_into_notebook(notebook)
    except KeyError:  # not in the cache: the chapter failed to execute
        return
    nbformat.write(merged, path)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", restore_outputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
