"""Generate the Colab notebooks: one ``.ipynb`` per chapter, without outputs.

Usage (what ``make notebooks`` runs)::

    python -m dlbook.tools.notebooks          # write notebooks/<chapter path>.ipynb
    python -m dlbook.tools.notebooks --check  # exit 1 if any is stale or missing

Colab opens only ``.ipynb`` files, and it renders plain Markdown, not MyST.
So each chapter is converted with jupytext, then its MyST-only syntax is
rewritten as Markdown a notebook shows: quizzes become the question, lettered
choices and a collapsible answer; dropdowns become ``<details>``; admonitions
become block quotes; tabs become headed sections; cross-references become
links to the published site; citations become "Author (year)"; glossary
terms become their words. A glued value becomes the number the book's build
computed (read from ``_build/jupyter_execute``), marked with a dagger, so
the prose reads as on the site. A first cell installs the book's ``dlbook``
package when, and only when, the notebook runs in Colab.

The staleness check regenerates each notebook with the glued values the
committed notebook already holds (kept in its metadata), so it fails when a
chapter's text changes, never because another machine computed a last digit
differently.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

from dlbook.paths import REPO_ROOT
from dlbook.tools.citations import citation_text, read_bibliography
from dlbook.tools.run import glued_values
from dlbook.tools.toc import read_toc

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

#: Metadata key under which a notebook keeps the glued values it shows.
GLUE_METADATA = "dlbook_glue"
#: What follows a glued value in the notebook's prose.
GLUE_MARK = "†"
GLUE_NOTE = (
    f"*Numbers marked {GLUE_MARK} are the values this chapter computed when "
    "the book was built; run the cells and your numbers may differ in the "
    "last digit.*")

SETUP_CELL = '''\
# Setup for Colab: fetch the book's repository (its `dlbook` helpers and
# data files) and install what Colab lacks. Elsewhere this cell does nothing:
# on Binder and on your machine `make book` has installed everything.
import subprocess
import sys

if "google.colab" in sys.modules:
    REPOSITORY = "{repository}"
    subprocess.run(["git", "clone", "--depth", "1", REPOSITORY,
                    "/content/book"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "-e", "/content/book/code"], check=True)
    sys.path.insert(0, "/content/book/code")  # usable without a restart
'''

# ```` ```{quiz} ```` fences use four or more backticks; choices use three.
QUIZ_BLOCK = re.compile(r"^(`{4,})\{quiz\}[^\n]*\n(.*?)^\1[ \t]*$",
                        re.S | re.M)
CHOICE_BLOCK = re.compile(r"^```\{choice\}[ \t]*(.*?)\n(.*?)^```[ \t]*$",
                          re.S | re.M)
COLON_DIRECTIVE = re.compile(
    r"^(:{3,})\{([\w:-]+)\}[ \t]*(.*?)\n(.*?)^\1[ \t]*$", re.S | re.M)
BACKTICK_DIRECTIVE = re.compile(
    r"^(`{3,})\{([\w:-]+)\}[ \t]*(.*?)\n(.*?)^\1[ \t]*$", re.S | re.M)
GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([^`]+)`")
DOC_ROLE = re.compile(r"\{doc\}`(?:([^`<]*?)\s*<([^`>]+)>|([^`]+))`")
REF_ROLE = re.compile(r"\{(?:numref|ref)\}`(?:([^`<]*?)\s*<([^`>]+)>|([^`]+))`")
TERM_ROLE = re.compile(r"\{term\}`(?:([^`<]*?)\s*<[^`>]+>|([^`]+))`")
CITE_ROLE = re.compile(r"\{cite(?::(\w+))?\}`([^`]+)`")
OTHER_ROLE = re.compile(r"\{[\w:-]+\}`([^`]+)`")
OPTION_LINE = re.compile(r"^:([\w-]+):[ \t]*(.*)$", re.M)
#: A directive or role left in a notebook's Markdown: the test looks for it.
RAW_MYST = re.compile(r"\{[a-z][\w:-]*\}`|^[`:]{3,}\{[\w:-]+\}", re.M)
LETTERS = "ABCDEFGHIJ"
ADMONITIONS = {"admonition", "note", "tip", "warning", "important",
               "seealso", "hint", "caution", "attention", "danger", "error"}


class GlueMissing(Exception):
    """A chapter's prose glues a value its executed notebook does not hold."""


def _strip_options(body: str) -> tuple[dict[str, str], str]:
    """Split a directive body into its leading ``:key: value`` lines and text."""
    options, lines = {}, body.splitlines()
    while lines and (match := OPTION_LINE.match(lines[0])):
        options[match.group(1)] = match.group(2)
        lines.pop(0)
    return options, "\n".join(lines).strip()


def quiz_to_markdown(match: re.Match) -> str:
    """One quiz directive as notebook Markdown with a collapsible answer."""
    body = match.group(2)
    first_choice = CHOICE_BLOCK.search(body)
    _, question = _strip_options(
        body[: first_choice.start()] if first_choice else body)
    choices = []
    for choice in CHOICE_BLOCK.finditer(body):
        options, explanation = _strip_options(choice.group(2))
        choices.append((choice.group(1).strip(), "correct" in options,
                        explanation))
    lettered = "\n".join(f"- **{LETTERS[i]}.** {text}"
                         for i, (text, _, _) in enumerate(choices))
    correct = [LETTERS[i] for i, (_, ok, _) in enumerate(choices) if ok]
    explained = "\n".join(f"- **{LETTERS[i]}.** {why}"
                          for i, (_, _, why) in enumerate(choices))
    return (f"**Quiz.** {question}\n\n{lettered}\n\n"
            f"<details><summary>Show answer</summary>\n\n"
            f"**Answer: {', '.join(correct)}.**\n\n{explained}\n\n</details>")


def directive_to_markdown(match: re.Match) -> str:
    """A MyST directive (colon or backtick fence) as plain Markdown."""
    name, argument = match.group(2), match.group(3).strip()
    options, text = _strip_options(match.group(4))
    if name == "dropdown":
        return (f"<details><summary>{argument or 'Show'}</summary>\n\n"
                f"{text}\n\n</details>")
    if name in ("grid", "tab-set", "card-carousel"):
        return text  # containers: keep what is inside
    if name == "grid-item-card":
        return f"- **{argument}**: {text}"
    if name == "tab-item":
        return f"**{argument}**\n\n{text}"
    if name == "math":
        return f"$$\n{text}\n$$"
    if name in ADMONITIONS or not text:
        title = argument or name.capitalize()
    else:
        title = argument or name.replace("-", " ").capitalize()
    quoted = "\n".join("> " + line if line else ">"
                       for line in text.splitlines())
    return f"> **{title}**\n>\n{quoted}"


def site_url(repository: str) -> str:
    """The published site: GitHub Pages of the configured repository."""
    owner_repo = repository.rstrip("/").split("github.com/", 1)[-1]
    owner, _, repo = owner_repo.partition("/")
    return f"https://{owner}.github.io/{repo}/"


class MarkdownRewriter:
    """Rewrites one chapter's Markdown cells; knows its glue and figures."""

    def __init__(self, chapter: Path, repository: str,
                 glue: dict[str, str], figures: dict[str, int],
                 bibliography: dict, root: Path = REPO_ROOT):
        self.docname = chapter.relative_to(root).with_suffix("").as_posix()
        self.site = site_url(repository)
        self.glue = glue
        self.figures = figures
        self.bibliography = bibliography
        self.used_glue: dict[str, str] = {}

    def page_url(self, target: str) -> str:
        """The site URL of a ``{doc}`` target, relative or absolute."""
        parts = [] if target.startswith("/") else \
            list(Path(self.docname).parent.parts)
        for part in Path(target.lstrip("/")).parts:
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        return self.site + "/".join(parts) + ".html"

    def doc(self, match: re.Match) -> str:
        target = match.group(2) or match.group(3)
        words = match.group(1) or Path(target).name.replace("-", " ")
        return f"[{words}]({self.page_url(target)})"

    def ref(self, match: re.Match) -> str:
        label = match.group(2) or match.group(3)
        if label in self.figures:
            number = self.figures[label]
            words = match.group(1) or "Figure {number}"
            return words.replace("{number}", str(number)) \
                .replace("%s", str(number))
        words = match.group(1) or label.replace("-", " ")
        return f"[{words}]({self.page_url('/' + self.docname)}#{label})"

    def term(self, match: re.Match) -> str:
        return (match.group(1) or match.group(2)).strip()

    def cite(self, match: re.Match) -> str:
        textual = match.group(1) == "t"
        keys = [k.strip() for k in match.group(2).split(",")]
        return citation_text(self.bibliography, keys, textual)

    def glue_value(self, match: re.Match) -> str:
        key, _, spec = match.group(1).partition(":")
        key = key.strip()
        if "::" in match.group(1):
            raise GlueMissing(f"{self.docname}: glue from another page "
                              f"({match.group(1)}) is not supported in "
                              "notebooks")
        if key not in self.glue:
            raise GlueMissing(
                f"{self.docname}: the prose glues '{key}' but the executed "
                "notebook holds no such value. Fix: run `make book`, then "
                "`make notebooks`")
        from myst_nb.core.variables import format_plain_text

        self.used_glue[key] = self.glue[key]
        return format_plain_text(self.glue[key], spec) + GLUE_MARK

    def rewrite(self, text: str) -> str:
        """The MyST-only syntax of one Markdown cell as plain Markdown."""
        text = QUIZ_BLOCK.sub(quiz_to_markdown, text)
        previous = None
        while previous != text:  # nested directives, from outside in
            previous = text
            text = COLON_DIRECTIVE.sub(directive_to_markdown, text)
            text = BACKTICK_DIRECTIVE.sub(directive_to_markdown, text)
        text = GLUE_ROLE.sub(self.glue_value, text)
        text = DOC_ROLE.sub(self.doc, text)
        text = REF_ROLE.sub(self.ref, text)
        text = TERM_ROLE.sub(self.term, text)
        text = CITE_ROLE.sub(self.cite, text)
        return OTHER_ROLE.sub(lambda m: m.group(1), text)


def myst_to_notebook_markdown(text: str, glue: dict | None = None) -> str:
    """Rewrite one Markdown cell outside any chapter (tests, snippets)."""
    rewriter = MarkdownRewriter(REPO_ROOT / "book" / "part" / "snippet.md",
                                repository_url(), glue or {}, {},
                                read_bibliography())
    return rewriter.rewrite(text)


def repository_url(root: Path = REPO_ROOT) -> str:
    config = yaml.safe_load((root / "_config.yml").read_text())
    return config["repository"]["url"]


def executed_glue(chapter: Path, root: Path = REPO_ROOT) -> dict[str, str]:
    """``{key: text/plain}`` of every value the built chapter glued."""
    executed = (root / "_build" / "jupyter_execute"
                / chapter.relative_to(root).with_suffix(".ipynb"))
    if not executed.is_file():
        return {}
    return glued_values(nbformat.read(executed, as_version=4))


def figure_numbers(notebook) -> dict[str, int]:
    """Figure labels (code-cell ``mystnb.figure.name``) numbered in order."""
    numbers = {}
    for cell in notebook.cells:
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        if cell.cell_type == "code" and figure.get("name"):
            numbers[figure["name"]] = len(numbers) + 1
    return numbers


def chapter_notebook(chapter: Path, repository: str,
                     glue: dict[str, str] | None = None,
                     root: Path = REPO_ROOT):
    """The Colab notebook for ``chapter`` (a MyST .md file), outputs empty.

    ``glue`` maps glue keys to the values to show; by default the values of
    the chapter's last build (``_build/jupyter_execute``).
    """
    notebook = jupytext.read(chapter)
    rewriter = MarkdownRewriter(
        chapter, repository,
        executed_glue(chapter, root) if glue is None else glue,
        figure_numbers(notebook), read_bibliography(root), root)
    cells = []
    for cell in notebook.cells:
        cell.pop("id", None)
        if cell.cell_type == "markdown":
            cell.source = rewriter.rewrite(cell.source)
        cells.append(cell)
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        if cell.cell_type == "code" and figure.get("caption"):
            number = rewriter.figures.get(figure.get("name"), "")
            caption = rewriter.rewrite(figure["caption"])
            cells.append(nbformat.v4.new_markdown_cell(
                f"*Figure {number}. {caption}*"))
    setup = nbformat.v4.new_code_cell(
        SETUP_CELL.format(repository=repository).rstrip())
    setup.metadata["tags"] = ["colab-setup"]
    cells.insert(0, setup)
    if rewriter.used_glue:
        cells.insert(1, nbformat.v4.new_markdown_cell(GLUE_NOTE))
    for cell in cells:
        cell.pop("id", None)
    notebook.cells = cells
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
        "colab": {"provenance": []},
        GLUE_METADATA: dict(sorted(rewriter.used_glue.items())),
    }
    notebook.nbformat, notebook.nbformat_minor = 4, 4
    return notebook


def notebook_text(notebook) -> str:
    return nbformat.writes(notebook, version=4) + "\n"


def chapters(root: Path = REPO_ROOT) -> list[Path]:
    """Every chapter in the toc that is a notebook (has a kernelspec)."""
    found = []
    for entry in read_toc(root):
        path = root / f"{entry.path}.md"
        head = path.read_text(encoding="utf-8")[:800] if path.is_file() else ""
        if "kernelspec:" in head:
            found.append(path)
    return found


def target_for(chapter: Path, root: Path = REPO_ROOT) -> Path:
    return root / "notebooks" / chapter.relative_to(root).with_suffix(".ipynb")


def committed_glue(target: Path) -> dict[str, str]:
    """The glued values a committed notebook shows (from its metadata)."""
    notebook = json.loads(target.read_text(encoding="utf-8"))
    return notebook.get("metadata", {}).get(GLUE_METADATA, {})


def stale_notebooks(root: Path = REPO_ROOT) -> list[str]:
    """Chapters whose committed notebook is missing or out of date.

    Each is regenerated with the values it already shows, so only a change
    to the chapter (its text, code or the set of glued keys) makes it stale.
    """
    repository = repository_url(root)
    problems = []
    expected = set()
    for chapter in chapters(root):
        target = target_for(chapter, root)
        expected.add(target)
        name = target.relative_to(root)
        if not target.is_file():
            problems.append(f"{name}: missing. Fix: run `make notebooks`")
            continue
        try:
            fresh = notebook_text(chapter_notebook(
                chapter, repository, committed_glue(target), root))
        except GlueMissing as err:
            problems.append(f"{name}: stale ({err})")
            continue
        if target.read_text(encoding="utf-8") != fresh:
            problems.append(f"{name}: stale (differs from "
                            f"{chapter.relative_to(root)}). "
                            "Fix: run `make notebooks`")
    for extra in sorted((root / "notebooks").rglob("*.ipynb")):
        if extra not in expected:
            problems.append(f"{extra.relative_to(root)}: no chapter in "
                            "_toc.yml produces it. Fix: run `make notebooks` "
                            "(it deletes leftovers)")
    return problems


def write_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    repository = repository_url(root)
    written = []
    for chapter in chapters(root):
        target = target_for(chapter, root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(notebook_text(chapter_notebook(chapter, repository,
                                                         root=root)),
                          encoding="utf-8")
        written.append(target)
    for extra in (root / "notebooks").rglob("*.ipynb"):
        if extra not in written:
            extra.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report stale or missing notebooks")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_notebooks()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    try:
        paths = write_notebooks()
    except GlueMissing as err:
        print(f"make notebooks: {err}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
