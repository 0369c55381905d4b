"""Colab links that work: point them at generated .ipynb files, add a badge.

Colab cannot open a MyST ``.md`` file (Jupyter Book issue 752), so
``make notebooks`` writes an ``.ipynb`` for every chapter into
``notebooks/<same path>.ipynb``. This extension rewrites the theme's Colab
launch button to that file on GitHub and puts an "Open in Colab" badge at the
top of each chapter. The badge image is a local SVG: the page loads nothing
from Colab's servers until the reader clicks. Every page's download menu
also offers the whole book as one PDF (``make pdf`` puts it at the site's
root).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx

NOTEBOOKS_DIR = "notebooks"
STATIC_DIR = Path(__file__).parent / "static"


def colab_url(app: Sphinx, pagename: str) -> str | None:
    """Colab URL of the generated notebook for ``pagename``, if configured."""
    options = app.config.html_theme_options
    launch = options.get("launch_buttons", {})
    base = launch.get("colab_url", "").strip("/")
    repo_url = options.get("repository_url", "").rstrip("/")
    if not base or "github.com/" not in repo_url:
        return None
    org_repo = repo_url.split("github.com/", 1)[1]
    branch = options.get("repository_branch", "main") or "main"
    return f"{base}/github/{org_repo}/blob/{branch}/{NOTEBOOKS_DIR}/{pagename}.ipynb"


def rewrite_colab_button(app: Sphinx, pagename: str, templatename: str,
                         context: dict, doctree) -> None:
    url = colab_url(app, pagename)
    if url is None or doctree is None:
        return
    found = False
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []):
            if button.get("text") == "Colab":
                button["url"] = url
                found = True
    if found:  # only chapters (notebooks) have launch buttons
        badge_src = context["pathto"]("_static/dlbook-colab-badge.svg", 1)
        badge = (f'<p class="colab-badge"><a href="{escape(url)}" rel="noopener">'
                 f'<img src="{escape(badge_src)}" alt="Open this chapter in Colab" '
                 f'width="117" height="20"></a></p>\n')
        context["body"] = badge + context.get("body", "")


#: The whole book printed by ``make pdf`` (dlbook.tools.pdf), copied to the
#: site's root; every page's download menu links it.
BOOK_PDF = "deep-learning-executed.pdf"


def add_book_pdf_button(app: Sphinx, pagename: str, templatename: str,
                        context: dict, doctree) -> None:
    """Add "Whole book (.pdf)" to the page's download menu."""
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append({
                "type": "link",
                "url": context["pathto"](BOOK_PDF, 1),
                "text": "book .pdf",
                "tooltip": "Download the whole book as a PDF",
                "icon": "fas fa-book",
                "label": "download-book-pdf-button",
            })


def add_static_dir(app: Sphinx, config) -> None:
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def refresh_static_files(app: Sphinx, exception) -> None:
    """Copy the book's CSS and JS into _static when they changed.

    Sphinx copies static files only when some page is rebuilt, so an edit
    to dlbook.css alone would never reach the site on `make book`.
    """
    target = Path(app.outdir) / "_static"
    if exception is not None or not target.is_dir():
        return
    for source in STATIC_DIR.iterdir():
        copy = target / source.name
        if not copy.is_file() or copy.read_bytes() != source.read_bytes():
            copy.write_bytes(source.read_bytes())


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_static_dir)
    app.connect("build-finished", refresh_static_files)
    # after sphinx-book-theme builds its launch buttons (priority 501)
    app.connect("html-page-context", rewrite_colab_button, priority=502)
    app.connect("html-page-context", add_book_pdf_button, priority=502)
    app.add_css_file("dlbook.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
