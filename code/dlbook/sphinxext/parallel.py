"""Let Sphinx read (and so execute) chapters in parallel processes.

Jupyter Book always loads two extensions that do not say whether they are
safe for parallel reading, so Sphinx falls back to a serial read and warns
(and ``-W`` turns that warning into a failed build). Both are safe:

- ``sphinx_multitoc_numbering`` only replaces
  ``TocTreeCollector.assign_section_numbers``, which Sphinx runs in the main
  process after every document has been read;
- ``sphinx_jupyterbook_latex`` adds transforms that act only for the LaTeX
  builder and keep no state in the build environment.

This extension records that, so the build executes chapters in parallel.
"""

from __future__ import annotations

from sphinx.application import Sphinx

READ_SAFE_WITHOUT_SAYING = ["sphinx_multitoc_numbering", "sphinx_jupyterbook_latex"]


def mark_parallel_safe(app: Sphinx, config) -> None:
    for name in READ_SAFE_WITHOUT_SAYING:
        extension = app.extensions.get(name)
        if extension is not None:
            extension.parallel_read_safe = True


def setup(app: Sphinx) -> dict:
    # config-inited runs after every extension is loaded, before reading.
    app.connect("config-inited", mark_parallel_safe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
