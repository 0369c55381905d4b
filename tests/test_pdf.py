"""The printed book: one PDF of every chapter, readable, no raw markup.

``make test`` prints it first (``python -m dlbook.tools.pdf``). Checked
through its text layer (pypdf): every chapter's title, the first glued
number of every chapter as its prose formats it, an answer key per
chapter with quizzes, and none of the markup a reader should never see
(TeX commands, MyST roles, directive fences).
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from dlbook.paths import BUILD_DIR, REPO_ROOT
from dlbook.tools.chromium import CHROMIUM
from dlbook.tools.notebooks import chapters, executed_glue
from dlbook.tools.pdf import PDF_NAME

PDF = BUILD_DIR / "pdf" / PDF_NAME
GLUE = re.compile(r"\{glue:text\}`([^`:]+):([^`]*)`")
RAW = re.compile(r"\\(?:frac|mathbf|mathrm|sum|hat|left|right|begin)\b|"
                 r"\{(?:glue|doc|term|cite|numref|ref)[:}]|^```|^:::",
                 re.M)
MATHTEXT_STRING = re.compile(r"""[rf]?["'][^"']*\$[^"']*\$""")


@pytest.fixture(scope="module")
def pdf_text() -> str:
    if not PDF.is_file():
        if not CHROMIUM.exists():
            pytest.skip("the PDF needs Chromium (make test skipped it)")
        pytest.fail(f"{PDF} missing: run `make pdf` (make test does)")
    from pypdf import PdfReader

    reader = PdfReader(PDF)
    assert len(reader.pages) > 100
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Whitespace- and ligature-insensitive form (the PDF wraps lines
    anywhere and prints "fi" as one glyph)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def title(chapter) -> str:
    return re.search(r"^# (.+)$", chapter.read_text(encoding="utf-8"),
                     re.M).group(1).strip()


def test_every_chapter_title_is_in_the_pdf(pdf_text):
    text = squash(pdf_text)
    missing = [title(c) for c in chapters() if squash(title(c)) not in text]
    assert not missing, f"chapters missing from the PDF: {missing}"


def test_glued_numbers_are_printed_as_the_prose_formats_them(pdf_text):
    from myst_nb.core.variables import format_plain_text

    text = squash(pdf_text)
    checked = 0
    for chapter in chapters():
        match = GLUE.search(chapter.read_text(encoding="utf-8"))
        values = executed_glue(chapter)
        if not match or match.group(1) not in values:
            continue
        shown = format_plain_text(values[match.group(1)], match.group(2))
        assert squash(shown) in text, (
            f"{chapter.relative_to(REPO_ROOT)}: {match.group(1)} = {shown} "
            "not in the PDF")
        checked += 1
    assert checked >= 10


def test_each_chapter_with_quizzes_ends_with_an_answer_key(pdf_text):
    with_quizzes = [c for c in chapters()
                    if "{quiz}" in c.read_text(encoding="utf-8")]
    assert pdf_text.count("Answer key to the quizzes") == len(with_quizzes)


def test_no_raw_tex_or_myst_markup_reaches_the_page(pdf_text):
    # The contributing guide, printed last, shows MyST syntax on purpose.
    headings = [m.start() for m in
                re.finditer(r"^Contributing\s*$", pdf_text, re.M)]
    book = pdf_text[:headings[-1]] if headings else pdf_text
    # Printed code may hold Matplotlib mathtext in a string literal, e.g.
    # ax.set_ylabel(r"$\hat{y}$"): that TeX is code, not failed rendering.
    book = "\n".join(line for line in book.splitlines()
                     if not (MATHTEXT_STRING.search(line)))
    found = sorted({m.group(0) for m in RAW.finditer(book)})
    assert not found, f"raw markup in the PDF: {found}"
