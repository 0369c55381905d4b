"""Small accessibility fixes for stock Jupyter Book widgets (see the JS)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"


def add_static_dir(app: Sphinx, config) -> None:
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_static_dir)
    app.add_js_file("dlbook-a11y.js")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
