"""The book's own CSS and JS reach the site even when no page changed."""

from __future__ import annotations

from types import SimpleNamespace

from dlbook.sphinxext.launch import STATIC_DIR, refresh_static_files


def test_an_edited_stylesheet_is_copied_without_a_page_rebuild(tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "dlbook.css").write_text("/* the old rules */")
    refresh_static_files(SimpleNamespace(outdir=str(tmp_path)), None)
    for source in STATIC_DIR.iterdir():
        assert (static / source.name).read_bytes() == source.read_bytes()


def test_a_failed_build_leaves_the_site_alone(tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "dlbook.css").write_text("/* the old rules */")
    refresh_static_files(SimpleNamespace(outdir=str(tmp_path)),
                         RuntimeError("build failed"))
    assert (static / "dlbook.css").read_text() == "/* the old rules */"
