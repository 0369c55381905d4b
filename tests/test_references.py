"""Citations and glossary links: one bibliography, every term reachable.

Every entry of book/references.bib is cited by some chapter ({cite}), no
chapter writes an "Author et al. (2016)" citation by hand, and every
glossary entry is linked ({term}) from at least one chapter. (Sphinx
itself fails the build on a {cite} or {term} that names nothing.)
"""

from __future__ import annotations

import re

from dlbook.paths import BOOK_DIR
from dlbook.tools.citations import read_bibliography

GLOSSARY = BOOK_DIR / "appendix" / "glossary.md"
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
TERM = re.compile(r"\{term\}`(?:[^`<]*<([^`>]+)>|([^`]+))`")
#: "Glorot and Bengio (2010)", "He et al., 2016": a citation typed by hand.
TYPED_CITATION = re.compile(
    r"\b[A-Z][A-Za-z'-]+(?: et al\.| and [A-Z][A-Za-z'-]+)"
    r",? \(?(?:1[89]|20)\d{2}\)?")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def chapter_texts() -> dict[str, str]:
    return {p.relative_to(BOOK_DIR).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(BOOK_DIR.rglob("*.md"))
            if p != GLOSSARY and p.name != "references.md"}


def glossary_entries() -> list[str]:
    body = GLOSSARY.read_text(encoding="utf-8").split("```{glossary}", 1)[1]
    body = body.split("\n```", 1)[0]
    return [line.strip() for line in body.splitlines()
            if line.strip() and not line.startswith((" ", "\t"))]


def test_every_bibliography_entry_is_cited_somewhere():
    cited = set()
    for text in chapter_texts().values():
        for match in CITE.finditer(text):
            cited |= {key.strip() for key in match.group(1).split(",")}
    uncited = sorted(set(read_bibliography()) - cited)
    assert not uncited, ("references.bib entries no chapter cites: "
                         f"{uncited}. Cite them or delete them")


def test_no_chapter_types_a_citation_by_hand():
    problems = []
    for name, text in chapter_texts().items():
        prose = CODE.sub("", text)
        for match in TYPED_CITATION.finditer(prose):
            problems.append(f"{name}: '{match.group(0)}': use "
                            "{cite:t}`key` (entry in book/references.bib)")
    assert not problems, "\n".join(problems)


def test_every_glossary_entry_is_linked_from_a_chapter():
    linked = set()
    for text in chapter_texts().values():
        for match in TERM.finditer(text):
            linked.add((match.group(1) or match.group(2)).strip().lower())
    entries = glossary_entries()
    assert len(entries) >= 20
    unlinked = [e for e in entries if e.lower() not in linked]
    assert not unlinked, ("glossary entries no chapter links with {term}: "
                          f"{unlinked}")
