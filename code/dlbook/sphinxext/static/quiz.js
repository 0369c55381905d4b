/*
 * Inline quizzes (dlbook.sphinxext.quiz): progressive enhancement.
 *
 * The page already holds a working no-JavaScript quiz: a lettered list and a
 * "Show answer" disclosure with every explanation. This script turns each
 * choice into a <button>, speaks "Correct." / "Not quite." plus that choice's
 * explanation in the quiz's live region, keeps results in localStorage and
 * shows the page's progress with a Reset button.
 *
 * Chapter text is never parsed as HTML here: choice contents are moved, and
 * explanations are cloned, as DOM nodes; our own strings go in textContent.
 */
(function () {
  "use strict";

  var STORAGE_PREFIX = "dlbook-quiz:v1:";

  /** localStorage that degrades to "no persistence" when it is unavailable. */
  var store = {
    load: function (key) {
      try {
        var raw = window.localStorage.getItem(key);
        return raw ? JSON.parse(raw) : null;
      } catch (err) {
        return null;
      }
    },
    save: function (key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
      } catch (err) { /* private mode or quota: keep going without saving */ }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(key);
      } catch (err) { /* see save */ }
    },
  };

  function emptyState() {
    // chosen: the choice now selected; tried: every choice picked so far;
    // solved: the correct choice has been picked; firstTry: the first pick was right.
    return { chosen: null, tried: [], solved: false, firstTry: null };
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /** One quiz on the page. `onChange` is called after every answer. */
  function Quiz(root, onChange) {
    this.root = root;
    this.onChange = onChange;
    this.correct = parseInt(root.getAttribute("data-quiz-correct"), 10);
    // Key by page (docname) and quiz id: stable across hosts and reloads.
    this.key = STORAGE_PREFIX + root.getAttribute("data-quiz-page") + "#" +
      root.getAttribute("data-quiz-id");
    this.feedback = root.querySelector(".dlbook-quiz-feedback");
    this.buttons = this.makeButtons();
    this.state = this.loadState();
    root.classList.add("dlbook-quiz--js");
    var summary = root.querySelector(".dlbook-quiz-answer > summary");
    if (summary) summary.textContent = "Show all explanations";
    this.render();
  }

  Quiz.prototype.makeButtons = function () {
    var self = this;
    var items = this.root.querySelectorAll(".dlbook-quiz-choice");
    return Array.prototype.map.call(items, function (item, index) {
      var button = element("button", "dlbook-quiz-button");
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      while (item.firstChild) button.appendChild(item.firstChild);
      item.appendChild(button);
      button.addEventListener("click", function () { self.choose(index); });
      return button;
    });
  };

  Quiz.prototype.loadState = function () {
    var saved = store.load(this.key);
    var n = this.buttons.length;
    if (!saved || !Array.isArray(saved.tried)) return emptyState();
    var valid = function (i) { return typeof i === "number" && i >= 0 && i < n; };
    return {
      chosen: valid(saved.chosen) ? saved.chosen : null,
      tried: saved.tried.filter(valid),
      solved: saved.solved === true,
      firstTry: typeof saved.firstTry === "boolean" ? saved.firstTry : null,
    };
  };

  Quiz.prototype.choose = function (index) {
    var right = index === this.correct;
    var state = this.state;
    if (state.tried.length === 0) state.firstTry = right;
    if (state.tried.indexOf(index) < 0) state.tried.push(index);
    state.chosen = index;
    if (right) state.solved = true;
    store.save(this.key, state);
    this.render();
    this.onChange();
  };

  Quiz.prototype.reset = function () {
    this.state = emptyState();
    store.remove(this.key);
    this.render();
  };

  Quiz.prototype.render = function () {
    var state = this.state;
    var correct = this.correct;
    this.buttons.forEach(function (button, i) {
      var tried = state.tried.indexOf(i) >= 0;
      button.setAttribute("aria-pressed", String(i === state.chosen));
      button.classList.toggle("is-correct", tried && i === correct);
      button.classList.toggle("is-wrong", tried && i !== correct);
    });
    this.root.classList.toggle("is-solved", state.solved);
    this.renderFeedback();
  };

  Quiz.prototype.renderFeedback = function () {
    var box = this.feedback;
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    var chosen = this.state.chosen;
    box.classList.remove("is-correct", "is-wrong");
    if (chosen === null) return;
    var right = chosen === this.correct;
    box.classList.add(right ? "is-correct" : "is-wrong");
    box.appendChild(element("p", "dlbook-quiz-verdict", right ? "Correct." : "Not quite."));
    var body = this.root.querySelector(
      '.dlbook-quiz-explanation[data-quiz-choice="' + chosen + '"] .dlbook-quiz-explanation-body');
    if (body) {
      var copy = body.cloneNode(true);
      // The original stays in the page: ids must stay unique.
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      box.appendChild(copy);
    }
    if (!right) box.appendChild(element("p", "dlbook-quiz-hint", "Choose another answer to try again."));
    // Typeset math the explanation may hold if MathJax had not reached it yet.
    if (window.MathJax && typeof window.MathJax.typesetPromise === "function") {
      window.MathJax.typesetPromise([box]).catch(function () {});
    }
  };

  /** The page-level "N of M answered correctly" panel with its Reset button. */
  function ProgressPanel(quizzes) {
    this.quizzes = quizzes;
    this.panel = element("div", "dlbook-quiz-progress");
    this.panel.setAttribute("role", "region");
    this.panel.setAttribute("aria-label", "Quiz progress on this page");
    this.text = element("p", "dlbook-quiz-progress-text");
    var reset = element("button", "dlbook-quiz-reset", "Reset");
    reset.type = "button";
    reset.setAttribute("aria-label", "Reset all quiz answers on this page");
    var self = this;
    reset.addEventListener("click", function () {
      quizzes.forEach(function (q) { q.reset(); });
      self.update();
    });
    this.panel.appendChild(this.text);
    this.panel.appendChild(reset);
    var last = quizzes[quizzes.length - 1].root;
    last.parentNode.insertBefore(this.panel, last.nextSibling);
    this.update();
  }

  ProgressPanel.prototype.update = function () {
    var solved = 0;
    var first = 0;
    this.quizzes.forEach(function (q) {
      if (q.state.solved) solved += 1;
      if (q.state.firstTry === true) first += 1;
    });
    var total = this.quizzes.length;
    var text = solved + " of " + total + " answered correctly";
    if (first > 0) text += " (" + first + " on the first try)";
    this.text.textContent = text;
  };

  function init() {
    var roots = document.querySelectorAll(".dlbook-quiz[data-quiz-id]");
    if (roots.length === 0) return;
    var panel = null;
    var quizzes = Array.prototype.map.call(roots, function (root) {
      return new Quiz(root, function () { if (panel) panel.update(); });
    });
    panel = new ProgressPanel(quizzes);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
