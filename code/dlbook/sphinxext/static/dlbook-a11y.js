/* Accessibility fixes for stock theme widgets (WCAG 2.5.3, "label in name":
 * a control's accessible name must contain the text it shows). Loaded on
 * every page by dlbook.sphinxext.a11y; it reads no chapter content. */
(function () {
  "use strict";
  function fix() {
    // sphinxcontrib-bibtex's reference list has role="list", but its entries
    // carry role="doc-biblioentry", which a list may not contain: make them
    // list items (axe: aria-required-children).
    document.querySelectorAll('.citation-list[role="list"] > .citation')
      .forEach(function (el) { el.setAttribute("role", "listitem"); });
    // myst-nb's "Show code cell source" toggles are labelled "Toggle hidden
    // content": let the visible text name them instead.
    document.querySelectorAll('summary[aria-label="Toggle hidden content"]')
      .forEach(function (el) { el.removeAttribute("aria-label"); });
    // The search field shows "Search Ctrl+K" but is labelled "Search".
    document.querySelectorAll(".search-button-field[aria-label]")
      .forEach(function (el) { el.removeAttribute("aria-label"); });
    // Icon-only buttons (colour mode, search): the icons carry titles and
    // glyphs that do not match the aria-label. Hide the icons from assistive
    // technology and name the button with visually hidden text instead.
    document.querySelectorAll(".theme-switch-button, .search-button__button")
      .forEach(function (button) {
        // Font Awesome turns each <i title="Light"> into an <svg> with a
        // <title>, possibly after this runs (see the observer below).
        button.querySelectorAll("i, svg").forEach(function (icon) {
          icon.setAttribute("aria-hidden", "true");
          icon.removeAttribute("title");
          icon.removeAttribute("aria-labelledby");
          icon.querySelectorAll("title").forEach(function (t) { t.remove(); });
        });
        var label = button.getAttribute("aria-label");
        if (label && !button.textContent.trim()) {
          var text = document.createElement("span");
          text.className = "visually-hidden";
          text.textContent = label;
          button.appendChild(text);
          button.removeAttribute("aria-label");
        }
      });
    // Wide code and output blocks scroll sideways: keyboard users must be
    // able to focus them to scroll (WCAG 2.1.1). The theme does this too, but
    // only after a delay; doing it at load leaves no window without it.
    document.querySelectorAll("pre").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
      }
    });
  }
  function start() {
    fix();
    // Re-apply when the theme's scripts replace icons inside those buttons.
    var observer = new MutationObserver(function (mutations) {
      var touched = mutations.some(function (m) {
        return m.target.closest && m.target.closest(".theme-switch-button, .search-button__button");
      });
      if (touched) fix();
    });
    observer.observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
