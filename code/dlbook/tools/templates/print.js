// Prepare the single-page book for paper (run by dlbook.tools.pdf before
// printing). Returns the number of chapters found.
() => {
  const article = document.querySelector("article.bd-article") ||
    document.querySelector("main") || document.body;
  // Every toggle open: solutions, hidden inputs, dropdowns.
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  document.querySelectorAll(".toggle-hidden").forEach((e) =>
    e.classList.remove("toggle-hidden"));
  document.querySelectorAll("button.toggle-button").forEach((b) =>
    b.remove());
  // Chapters: the root page's section, then each included document's
  // section (Sphinx's singlehtml marks it with a span#document-<name>).
  const first = article.querySelector("section");
  const included = [...article.querySelectorAll(
    'span[id^="document-"] + section')];
  const chapters = (first && !included.includes(first) ? [first] : [])
    .concat(included);
  const contents = [];
  chapters.forEach((chapter, index) => {
    chapter.classList.add("dlbook-print-chapter");
    const heading = chapter.querySelector(":scope > h1, :scope > h2");
    heading.querySelectorAll("a.headerlink").forEach((a) => a.remove());
    if (!heading.id) heading.id = `dlbook-chapter-${index}`;
    contents.push([heading.textContent.trim(), heading.id]);
    const quizzes = [...chapter.querySelectorAll(".dlbook-quiz")].filter(
      (q) => q.closest("section.dlbook-print-chapter, " +
        'span[id^="document-"] + section') === chapter);
    if (!quizzes.length) return;
    const key = document.createElement("section");
    key.className = "dlbook-answer-key";
    key.innerHTML = "<h2>Answer key to the quizzes</h2>";
    quizzes.forEach((quiz, n) => {
      const label = `Quiz ${n + 1}`;
      quiz.querySelector(".dlbook-quiz-kicker").textContent = label;
      const correct = Number(quiz.dataset.quizCorrect);
      const choice = quiz.querySelector(
        `.dlbook-quiz-choice[data-quiz-choice="${correct}"]`);
      const letter = choice ?
        choice.querySelector(".dlbook-quiz-letter").textContent : "?";
      const entry = document.createElement("div");
      entry.className = "dlbook-answer";
      entry.innerHTML = `<p><strong>${label}: ${letter}</strong></p>`;
      const answer = quiz.querySelector("details.dlbook-quiz-answer");
      if (answer) {
        answer.querySelectorAll(".dlbook-quiz-explanation").forEach((e) => {
          const l = quiz.querySelector(`.dlbook-quiz-choice[data-quiz-choice="${e.dataset.quizChoice}"] .dlbook-quiz-letter`);
          const p = document.createElement("div");
          p.innerHTML = `<strong>${l ? l.textContent : ""}</strong> `;
          p.append(...e.childNodes);
          entry.append(p);
        });
        answer.remove();
      }
      quiz.querySelectorAll(".dlbook-quiz-feedback, button").forEach((e) =>
        e.remove());
      key.append(entry);
    });
    // The root page's section holds the included chapters (in a
    // toctree wrapper): its key goes before them.
    chapter.insertBefore(key,
      chapter.querySelector(":scope > .toctree-wrapper"));
  });
  // Title page and table of contents, before the first chapter.
  const front = document.createElement("section");
  front.className = "dlbook-print-front";
  const title = document.title.split("|").pop().trim() ||
    "Deep Learning, Executed";
  front.innerHTML = `<p class="dlbook-print-title">${title}</p>` +
    `<p class="dlbook-print-subtitle">An executable textbook. Every ` +
    `number, table and figure in it was computed by the code it shows ` +
    `when this copy was built.</p><h2>Contents</h2><ul class="dlbook-toc">` +
    contents.map(([text, id]) =>
      `<li><a href="#${id}">${text}</a></li>`).join("") + "</ul>";
  article.prepend(front);
  return chapters.length;
}
