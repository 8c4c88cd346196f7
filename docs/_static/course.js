// Display math wider than its box scrolls sideways (course.css). A box that
// scrolls must be reachable with the keyboard (WCAG 2.1.1): such a formula
// gets tabindex="0", so Tab reaches it and the arrow keys scroll it, and a
// name that says what it is and that it scrolls (role="group", aria-label, in
// the page's language); course.css shades the side that hides more of it.
// Formulas that fit keep out of the tab order; the check runs again when the
// window (a phone turned sideways) or the fonts change the widths.
(() => {
  "use strict";
  const LABELS = {
    ko: "수식, 옆으로 스크롤",
    en: "Formula, scrolls sideways",
  };
  const lang = document.documentElement.lang.split("-")[0];
  const label = LABELS[lang] || LABELS.en;
  const mark = () => {
    for (const box of document.querySelectorAll("div.math")) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", label);
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  };
  let pending = false;
  const later = () => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      mark();
    });
  };
  mark();
  document.fonts.ready.then(later);
  window.addEventListener("resize", later);
})();

// A printed page shows every exercise's answer (print.css). A closed <details>
// prints only its summary, and not every browser lets a stylesheet show its
// content, so the folded answers (and hidden outputs) are opened before the
// page is printed and folded again afterwards; those the reader had opened
// stay open.
(() => {
  "use strict";
  const folded = "details.dropdown, details.below-input, details.above-output";
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll(folded)].filter((box) => !box.open);
    for (const box of opened) box.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const box of opened) box.open = false;
    opened = [];
  });
})();
