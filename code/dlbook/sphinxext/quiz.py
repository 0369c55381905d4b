"""Inline multiple-choice quizzes: the ``quiz`` and ``choice`` directives.

Authoring (MyST Markdown)::

    ````{quiz}
    :name: relu-negative
    Which activation is exactly zero for every negative input?
    ```{choice} ReLU
    :correct:
    Right: ReLU(x) = max(0, x).
    ```
    ```{choice} tanh
    No: tanh(x) < 0 for x < 0.
    ```
    ````

The quiz body (minus the choices) is the question; each choice has its text as
the directive argument, its explanation as body, and exactly one is
``:correct:``.

HTML gets static markup that works without JavaScript (a lettered list and a
"Show answer" disclosure holding every explanation); ``static/quiz.js`` then
turns the choices into buttons with spoken feedback and per-page progress.
Every other builder (LaTeX, text, ...) gets the question and lettered choices
inline and an "Answer key" section at the end of the chapter.

Authoring mistakes are recorded while a page is read and reported, one line per
problem with file and line, when Sphinx checks consistency. Reporting from the
environment (rather than while parsing) means a problem is reported again by
every build until it is fixed, and is gone as soon as the file is fixed.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

#: Per-document state kept in the (pickled) build environment.
PROBLEMS_ATTR = "dlbook_quiz_problems"  # {docname: [(lineno, message), ...]}
NAMES_ATTR = "dlbook_quiz_names"  # {docname: [(name, lineno), ...]} (explicit only)
ENV_ATTRS = (PROBLEMS_ATTR, NAMES_ATTR)


# --------------------------------------------------------------------------
# Nodes
# --------------------------------------------------------------------------

class quiz(nodes.General, nodes.Element):
    """Root of one quiz. Attributes: quiz_id, docname, number, correct."""


class quiz_choices(nodes.General, nodes.Element):
    """The lettered list of choices. Attribute: question_id."""


class quiz_choice(nodes.General, nodes.Element):
    """One choice's text (inline nodes). Attributes: index, letter, correct."""


class quiz_feedback(nodes.General, nodes.Element):
    """Empty live region that the script fills with right/wrong feedback."""


class quiz_answer(nodes.General, nodes.Element):
    """The "Show answer" disclosure: answer line plus every explanation."""


class quiz_explanation(nodes.General, nodes.Element):
    """One choice's explanation. Attributes: index, letter, correct."""


class quiz_choice_source(nodes.General, nodes.Element):
    """What a ``choice`` directive produces, before its ``quiz`` takes it apart.

    Children: a ``nodes.inline`` holding the choice text and a
    ``nodes.container`` holding the explanation. Attributes: correct, text,
    lineno.
    """


# --------------------------------------------------------------------------
# Problem bookkeeping (stored in the environment, reported at consistency check)
# --------------------------------------------------------------------------

def _env_dict(env: BuildEnvironment, attr: str) -> dict[str, list]:
    """The per-document dict ``attr`` on ``env``, created on first use."""
    if not hasattr(env, attr):
        setattr(env, attr, {})
    return getattr(env, attr)


def note_problem(env: BuildEnvironment, lineno: int, message: str) -> None:
    """Record an authoring problem in the document being read."""
    docname = env.docname
    _env_dict(env, PROBLEMS_ATTR).setdefault(docname, []).append((lineno, message))


def note_name(env: BuildEnvironment, name: str, lineno: int) -> None:
    """Record an explicit ``:name:`` so duplicates across the book are found."""
    _env_dict(env, NAMES_ATTR).setdefault(env.docname, []).append((name, lineno))


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget what a document recorded; it is about to be re-read or removed."""
    for attr in ENV_ATTRS:
        _env_dict(env, attr).pop(docname, None)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str],
               other: BuildEnvironment) -> None:
    """Bring back what parallel reader processes recorded."""
    for attr in ENV_ATTRS:
        mine, theirs = _env_dict(env, attr), _env_dict(other, attr)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]


def duplicate_names(env: BuildEnvironment) -> list[tuple[str, int, str]]:
    """``(docname, lineno, message)`` for each re-use of an earlier quiz name."""
    first_use: dict[str, tuple[str, int]] = {}
    found = []
    names = _env_dict(env, NAMES_ATTR)
    for docname in sorted(names):
        for name, lineno in sorted(names[docname], key=lambda item: item[1]):
            if name not in first_use:
                first_use[name] = (docname, lineno)
                continue
            first_doc, first_line = first_use[name]
            where = f"{env.doc2path(first_doc, False)}:{first_line}"
            found.append((docname, lineno,
                          f"duplicate quiz name '{name}' (also used at {where}); "
                          "give every quiz a unique :name:"))
    return found


def all_problems(env: BuildEnvironment) -> list[tuple[str, int, str]]:
    """Every recorded problem in the book, sorted by file and line."""
    problems = [(docname, lineno, message)
                for docname, items in _env_dict(env, PROBLEMS_ATTR).items()
                for lineno, message in items]
    problems += duplicate_names(env)
    # Stable sort: problems on one line keep the order they were found in.
    return sorted(problems, key=lambda problem: problem[:2])


def report_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """Log one error per problem, as ``file:line: ERROR: message``."""
    for docname, lineno, message in all_problems(env):
        logger.error(message, location=(docname, lineno))


def reread_broken_docs(app: Sphinx, env: BuildEnvironment, added: set[str],
                       changed: set[str], removed: set[str]) -> list[str]:
    """Re-read documents with quiz problems, so an unchanged broken book keeps
    failing (Sphinx would otherwise skip them, and their errors, next time)."""
    broken = {docname for docname, _, _ in all_problems(env)}
    return sorted((broken & env.found_docs) - removed - added - changed)


# --------------------------------------------------------------------------
# Directives
# --------------------------------------------------------------------------

def neutralise_raw_html(tree: nodes.Element) -> None:
    """Show raw HTML written inside a quiz as text instead of injecting it.

    MyST passes inline/block HTML through as ``raw`` nodes; in a quiz that
    would let a choice such as ``<img onerror=...>`` run code.
    """
    for raw in list(tree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        text = nodes.Text(raw.astext())
        if isinstance(raw.parent, nodes.TextElement):
            raw.replace_self(text)
        else:
            raw.replace_self(nodes.paragraph("", "", text))


def is_question_content(node: nodes.Node) -> bool:
    """Whether a body node counts as question text (comments do not)."""
    return not isinstance(node, (nodes.comment, nodes.target, nodes.system_message))


class ChoiceDirective(SphinxDirective):
    """``{choice} TEXT`` with optional ``:correct:`` and an explanation body."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"correct": directives.flag}

    def run(self) -> list[nodes.Node]:
        text = self.arguments[0].strip() if self.arguments else ""
        label = nodes.inline(classes=["dlbook-quiz-choice-text"])
        if text:
            inline_nodes, messages = self.state.inline_text(text, self.lineno)
            label.extend(inline_nodes)
            label.extend(messages)
        body = nodes.container(classes=["dlbook-quiz-explanation-body"])
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, body)
        source = quiz_choice_source("", label, body, correct="correct" in self.options,
                                    text=text, lineno=self.lineno)
        self.set_source_info(source)
        return [source]


class QuizDirective(SphinxDirective):
    """``{quiz}``: question text followed by ``{choice}`` blocks."""

    has_content = True
    option_spec = {"name": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        number = self.env.temp_data.get("dlbook_quiz_count", 0) + 1
        self.env.temp_data["dlbook_quiz_count"] = number
        explicit_name = (self.options.get("name") or "").strip()
        auto_id = f"{nodes.make_id(self.env.docname)}-{number}"
        quiz_id = explicit_name or auto_id
        title = f"quiz '{explicit_name}'" if explicit_name else f"quiz #{number} in this file"
        if explicit_name:
            note_name(self.env, explicit_name, self.lineno)

        parsed = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        neutralise_raw_html(parsed)
        sources = [n for n in parsed.children if isinstance(n, quiz_choice_source)]
        question = [n for n in parsed.children if not isinstance(n, quiz_choice_source)]
        self.validate(title, question, sources)
        self.warn_about_swallowed_choices(title, sources)

        # make_id keeps [a-z0-9-]; a name made only of other characters falls back.
        html_id = "quiz-" + (nodes.make_id(quiz_id) or auto_id)
        correct = next((i for i, s in enumerate(sources) if s["correct"]), -1)
        root = quiz("", ids=[html_id], classes=["dlbook-quiz"] + self.options.get("class", []),
                    quiz_id=quiz_id, docname=self.env.docname, number=number, correct=correct)
        self.set_source_info(root)
        question_id = html_id + "-question"
        root += nodes.container("", *question, ids=[question_id],
                                classes=["dlbook-quiz-question"])
        root += build_choices(sources, question_id)
        root += quiz_feedback()
        root += build_answer(sources, correct)
        return [root]

    def warn_about_swallowed_choices(self, title: str,
                                     sources: list[quiz_choice_source]) -> None:
        """Name the usual cause when fewer choices parsed than were written.

        A code fence's first line may not contain backticks, so a choice
        written as ```{choice} the `W` matrix is not a fence at all: it and
        the choices after it are swallowed into text.
        """
        written = [line for line in self.content if line.lstrip().startswith("```{choice}")]
        if len(written) > len(sources) and any("`" in line.split("{choice}", 1)[1]
                                               for line in written):
            note_problem(self.env, self.lineno,
                         f"{title}: a {{choice}} line contains backticks, which ends "
                         "its fence early; remove the backticks from the choice text "
                         "(use plain words or $math$)")

    def validate(self, title: str, question: list[nodes.Node],
                 sources: list[quiz_choice_source]) -> None:
        """Record every authoring problem of this quiz (do not stop at one)."""
        problem = lambda message, line=self.lineno: note_problem(self.env, line, message)
        if not any(is_question_content(n) for n in question):
            problem(f"{title} has no question; write the question as text "
                    "before the first {choice}")
        if len(sources) < 2:
            problem(f"{title} has {len(sources)} choice{'s' if len(sources) != 1 else ''}; "
                    "give it at least two {choice} blocks")
        n_correct = sum(1 for s in sources if s["correct"])
        if sources and n_correct == 0:
            problem(f"{title} has no choice marked :correct:; mark exactly one")
        elif n_correct > 1:
            problem(f"{title} has {n_correct} choices marked :correct:; mark exactly one")
        for index, source in enumerate(sources):
            name = f"choice {LETTERS[index % 26]}" + (f" '{source['text']}'" if source["text"] else "")
            if not source["text"]:
                problem(f"{name} in {title} has no text; write it after {{choice}}",
                        source["lineno"])
            if not source.children[1].children:
                problem(f"{name} in {title} has no explanation; write one in the "
                        "choice body saying why it is right or wrong", source["lineno"])


def build_choices(sources: list[quiz_choice_source], question_id: str) -> quiz_choices:
    """The lettered list of choice texts."""
    group = quiz_choices(question_id=question_id)
    for index, source in enumerate(sources):
        label = source.children[0]
        group += quiz_choice("", *label.children, index=index,
                             letter=LETTERS[index % 26], correct=source["correct"])
    return group


def build_answer(sources: list[quiz_choice_source], correct: int) -> quiz_answer:
    """The answer line and every choice's explanation, headed by its letter."""
    answer = quiz_answer()
    letter = LETTERS[correct % 26] if correct >= 0 else "?"
    answer += nodes.paragraph("", "", nodes.Text("Correct answer: "), nodes.strong(letter, letter),
                              classes=["dlbook-quiz-answer-key"])
    for index, source in enumerate(sources):
        label, body = source.children
        is_correct = bool(source["correct"])
        head = nodes.paragraph(classes=["dlbook-quiz-explanation-head"])
        head += nodes.strong(f"{LETTERS[index % 26]}.", f"{LETTERS[index % 26]}.")
        head += nodes.Text(" ")
        head += [child.deepcopy() for child in label.children]
        head += nodes.Text(" — ")
        verdict = "correct" if is_correct else "not correct"
        head += nodes.emphasis(verdict, verdict)
        answer += quiz_explanation("", head, body, index=index, letter=LETTERS[index % 26],
                                   correct=is_correct,
                                   classes=["is-correct" if is_correct else "is-wrong"])
    return answer


def check_stray_choices(app: Sphinx, doctree: nodes.document) -> None:
    """Report (and drop) ``choice`` blocks that are not directly inside a quiz."""
    for source in list(doctree.findall(quiz_choice_source)):
        label = f" '{source['text']}'" if source["text"] else ""
        note_problem(app.env, source["lineno"],
                     f"{{choice}}{label} is outside a {{quiz}}; put every choice "
                     "directly inside a quiz block")
        source.parent.remove(source)


# --------------------------------------------------------------------------
# HTML output
# --------------------------------------------------------------------------

def visit_quiz_html(self, node: quiz) -> None:
    self.body.append(self.starttag(node, "div", **{
        "data-quiz-id": node["quiz_id"], "data-quiz-page": node["docname"],
        "data-quiz-correct": str(node["correct"])}))
    self.body.append('<p class="dlbook-quiz-kicker">Quiz</p>\n')


def visit_quiz_choices_html(self, node: quiz_choices) -> None:
    self.body.append(self.starttag(node, "div", CLASS="dlbook-quiz-choices", role="group",
                                   **{"aria-labelledby": node["question_id"]}))
    self.body.append('<ol class="dlbook-quiz-choice-list">\n')


def depart_quiz_choices_html(self, node: quiz_choices) -> None:
    self.body.append("</ol>\n</div>\n")


def visit_quiz_choice_html(self, node: quiz_choice) -> None:
    self.body.append(self.starttag(node, "li", "", CLASS="dlbook-quiz-choice",
                                   **{"data-quiz-choice": str(node["index"])}))
    self.body.append(f'<span class="dlbook-quiz-letter">{node["letter"]}.</span> '
                     '<span class="dlbook-quiz-choice-text">')


def depart_quiz_choice_html(self, node: quiz_choice) -> None:
    self.body.append("</span></li>\n")


def visit_quiz_feedback_html(self, node: quiz_feedback) -> None:
    # Present (and empty) from the start: screen readers only announce
    # changes to live regions that already exist.
    self.body.append(self.starttag(node, "div", "", CLASS="dlbook-quiz-feedback",
                                   **{"aria-live": "polite", "aria-atomic": "true"}))


def visit_quiz_answer_html(self, node: quiz_answer) -> None:
    self.body.append(self.starttag(node, "details", CLASS="dlbook-quiz-answer"))
    self.body.append('<summary>Show answer</summary>\n')


def visit_quiz_explanation_html(self, node: quiz_explanation) -> None:
    self.body.append(self.starttag(node, "div", CLASS="dlbook-quiz-explanation",
                                   **{"data-quiz-choice": str(node["index"])}))


def closing(tag: str):
    """A depart function that closes ``tag``."""
    def depart(self, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>\n")
    return depart


def visit_passthrough(self, node: nodes.Element) -> None:
    """Non-HTML builders never see quiz nodes (see ``flatten_for_print``)."""


def depart_passthrough(self, node: nodes.Element) -> None:
    pass


# --------------------------------------------------------------------------
# Non-HTML output (LaTeX, text, man, ...): inline quiz + chapter answer key
# --------------------------------------------------------------------------

def lettered(items: list[list[nodes.Node]], compact: bool, native: bool) -> list[nodes.Node]:
    """Items lettered A, B, C...: a native upper-alpha list where the writer
    letters lists itself (LaTeX), else an explicit "A. " prefix (the text
    writer numbers every enumerated list). ``compact`` items are one line."""
    if native:
        listing = nodes.enumerated_list(enumtype="upperalpha", prefix="", suffix=".")
        for item in items:
            first, rest = split_first_paragraph(item)
            listing += nodes.list_item("", first, *rest)
        return [listing]
    if compact:
        return [nodes.line_block("", *(nodes.line("", "", nodes.Text(f"{LETTERS[i % 26]}. "), *item)
                                       for i, item in enumerate(items)))]
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        first, rest = split_first_paragraph(item)
        first.insert(0, nodes.Text(f"{LETTERS[i % 26]}. "))
        out += [first, *rest]
    return out


def split_first_paragraph(item: list[nodes.Node]) -> tuple[nodes.paragraph, list[nodes.Node]]:
    """A paragraph holding the item's leading inline content, and the rest."""
    if item and isinstance(item[0], nodes.paragraph):
        return item[0], list(item[1:])
    if item and all(isinstance(n, (nodes.Text, nodes.Inline)) for n in item):
        return nodes.paragraph("", "", *item), []
    return nodes.paragraph(), list(item)


def printable_quiz(node: quiz, native: bool) -> list[nodes.Node]:
    """Plain docutils nodes: "Quiz N", the question and lettered choices."""
    question = node.children[0]
    labels = [list(choice.children) for choice in node.next_node(quiz_choices).children]
    heading = f"Quiz {node['number']}"
    return [nodes.rubric(heading, heading), *question.children,
            *lettered(labels, compact=True, native=native)]


def printable_key(node: quiz, native: bool) -> list[nodes.Node]:
    """The answer-key entry of one quiz: correct letter and every explanation."""
    letter = LETTERS[node["correct"] % 26] if node["correct"] >= 0 else "?"
    heading = f"Quiz {node['number']}: {letter}"
    items = []
    for explanation in node.next_node(quiz_answer).findall(quiz_explanation):
        verdict = "Correct." if explanation["correct"] else "Not quite."
        first, rest = split_first_paragraph(list(explanation.children[-1].children))
        first.insert(0, nodes.emphasis(verdict, verdict))
        first.insert(1, nodes.Text(" "))
        items.append([first, *rest])
    return [nodes.paragraph("", "", nodes.strong(heading, heading)),
            *lettered(items, compact=False, native=native)]


def chapter_of(node: quiz) -> nodes.Element:
    """The outermost section of the quiz's own document that holds it.

    Builders that merge documents (LaTeX, with or without
    sphinx-jupyterbook-latex) nest each document under ``start_of_file`` or
    under a section tagged with another ``docname``; stop there.
    """
    chapter, parent = node.parent, node.parent
    while parent is not None and not isinstance(parent, (addnodes.start_of_file, nodes.document)):
        if isinstance(parent, nodes.section):
            if parent.get("docname", node["docname"]) != node["docname"]:
                break
            chapter = parent
        parent = parent.parent
    return chapter


def answer_key_section(docname: str, entries: list[nodes.Node]) -> nodes.section:
    """An "Answer key" section holding the entries of one document's quizzes."""
    section = nodes.section(ids=[f"dlbook-answer-key-{nodes.make_id(docname)}"],
                            classes=["dlbook-answer-key"])
    section += nodes.title("Answer key", "Answer key")
    section += entries
    return section


def flatten_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """For non-HTML builders, turn quizzes into plain nodes plus an answer key
    at the end of each chapter (the section holding its last quiz)."""
    if app.builder.format == "html":
        return
    native = app.builder.format == "latex"
    keys: dict[str, list[nodes.Node]] = defaultdict(list)
    chapters: dict[str, nodes.Element] = {}
    for node in list(doctree.findall(quiz)):
        chapters[node["docname"]] = chapter_of(node)
        keys[node["docname"]] += printable_key(node, native)
        node.replace_self(printable_quiz(node, native))
    for quiz_doc, entries in keys.items():
        chapters[quiz_doc].append(answer_key_section(quiz_doc, entries))


# --------------------------------------------------------------------------
# Setup
# --------------------------------------------------------------------------

def add_static_path(app: Sphinx, config: Any) -> None:
    """Ship ``static/quiz.{js,css}`` with the HTML output."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> dict:
    passthrough = (visit_passthrough, depart_passthrough)
    others = {fmt: passthrough for fmt in ("latex", "text", "man", "texinfo")}
    app.add_node(quiz, html=(visit_quiz_html, closing("div")), **others)
    app.add_node(quiz_choices, html=(visit_quiz_choices_html, depart_quiz_choices_html), **others)
    app.add_node(quiz_choice, html=(visit_quiz_choice_html, depart_quiz_choice_html), **others)
    app.add_node(quiz_feedback, html=(visit_quiz_feedback_html, closing("div")), **others)
    app.add_node(quiz_answer, html=(visit_quiz_answer_html, closing("details")), **others)
    app.add_node(quiz_explanation, html=(visit_quiz_explanation_html, closing("div")), **others)
    app.add_node(quiz_choice_source)
    app.add_directive("quiz", QuizDirective)
    app.add_directive("choice", ChoiceDirective)

    app.connect("config-inited", add_static_path)
    app.add_css_file("quiz.css")
    app.add_js_file("quiz.js", loading_method="defer")

    app.connect("doctree-read", check_stray_choices)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-get-outdated", reread_broken_docs)
    app.connect("env-check-consistency", report_problems)
    app.connect("doctree-resolved", flatten_for_print)
    return {"version": "1.0", "env_version": 1,
            "parallel_read_safe": True, "parallel_write_safe": True}
