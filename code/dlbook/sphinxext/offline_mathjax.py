"""Serve MathJax 3 from an installed Python package instead of a CDN.

The PyPI package ``django-static-mathjax`` ships MathJax's ``es5`` build
(Apache 2.0). This extension points Sphinx's ``mathjax_path`` at a local copy
and, after an HTML build, copies the files the page needs into
``_static/mathjax/``. Nothing is committed to git and nothing is fetched from
another host when a reader opens a page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

#: The combined TeX-input, CommonHTML-output component, plus what it loads
#: lazily: fonts, TeX extensions (\boldsymbol, ...), the menu and a11y tools.
MATHJAX_ENTRY = "tex-chtml.js"
MATHJAX_PARTS = [MATHJAX_ENTRY, "output/chtml/fonts/woff-v2", "input/tex/extensions",
                 "ui", "a11y", "sre", "adaptors"]
LOCAL_MATHJAX_PATH = "mathjax/" + MATHJAX_ENTRY  # relative to _static/


def mathjax_source() -> Path:
    """Folder holding MathJax's es5 build inside the installed package."""
    try:
        import mathjax  # provided by django-static-mathjax
    except ImportError:
        raise ExtensionError(
            "offline MathJax needs the package django-static-mathjax. "
            "Fix: `pip install -r requirements.txt` (or run `make book`, which does)."
        ) from None
    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def use_local_mathjax(app: Sphinx, config) -> None:
    config.mathjax_path = LOCAL_MATHJAX_PATH


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src, dst = source / part, target / part
        if not src.exists() or dst.exists():
            continue  # `adaptors` is absent in some releases; copied earlier
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def setup(app: Sphinx) -> dict:
    mathjax_source()  # fail at start-up, not after a long build
    app.connect("config-inited", use_local_mathjax)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
