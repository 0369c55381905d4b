"""Citations as plain text, for the places Sphinx does not render them.

The site renders ``{cite}`` roles through sphinxcontrib-bibtex. The Colab
notebooks are plain Markdown, so they need the same citation as words:
"Glorot and Bengio (2010)" for ``{cite:t}``, "(Glorot and Bengio, 2010)"
otherwise. Entries come from ``book/references.bib`` (parsed by pybtex,
which sphinxcontrib-bibtex already installs).
"""

from __future__ import annotations

from pathlib import Path

from pybtex.database import parse_file

from dlbook.paths import REPO_ROOT

BIBLIOGRAPHY = Path("book") / "references.bib"


class UnknownCitation(KeyError):
    """A ``{cite}`` names a key that references.bib does not hold."""


def read_bibliography(root: Path = REPO_ROOT) -> dict:
    """``{key: (authors, year)}`` for every entry of references.bib."""
    path = root / BIBLIOGRAPHY
    if not path.is_file():
        return {}
    entries = {}
    for key, entry in parse_file(str(path)).entries.items():
        people = entry.persons.get("author", [])
        last = [" ".join(p.last_names).replace("{", "").replace("}", "")
                for p in people]
        if len(last) > 2:
            authors = f"{last[0]} et al."
        else:
            authors = " and ".join(last) or entry.fields.get("title", key)
        entries[key] = (authors, entry.fields.get("year", "n.d."))
    return entries


def citation_text(bibliography: dict, keys: list[str],
                  textual: bool) -> str:
    """The citation of ``keys`` as words, textual or parenthetical."""
    missing = [key for key in keys if key not in bibliography]
    if missing:
        raise UnknownCitation(
            f"{', '.join(missing)}: not in {BIBLIOGRAPHY}. Fix: add the "
            "entry there or correct the key")
    if textual:
        return "; ".join(f"{bibliography[k][0]} ({bibliography[k][1]})"
                         for k in keys)
    return "(" + "; ".join(f"{bibliography[k][0]}, {bibliography[k][1]}"
                           for k in keys) + ")"
