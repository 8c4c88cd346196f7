// Search results that show the passage that matched (search.html only; the
// template docs/_templates/search.html loads this after Sphinx's
// searchtools.js, language_data.js and searchindex.js, before the search runs).
//
// Sphinx's snippet (Search.makeSearchSummary) starts at the last query word it
// finds in the whole <main>: the theme's buttons ("시스템 설정 밝게 어둡게"),
// the page's table of contents ("목차") and KaTeX's formulas, whose text is
// there twice (MathML and HTML) and a third time as the TeX annotation. For a
// query with a particle (시그모이드는) it highlights nothing, since it looks
// for the word as typed. Here:
//
// - a page's text is its article only, without the interface (headers,
//   tables of contents, buttons, folded cells, the page title that the
//   result's link already shows), and each formula reads once, as its TeX;
// - the snippet is the passage around the first word that starts with a
//   stemmed query word (the stem the index uses: 시그모이드는 -> 시그모이드,
//   saturation -> satur), and every such word in it is a <mark>;
// - a page whose title holds a query word ranks above the pages that only
//   mention it.
(() => {
  "use strict";
  if (typeof Search === "undefined" || typeof Stemmer === "undefined") return;

  const BEFORE = 100; // characters of context before the first match
  const LENGTH = 260; // characters in a snippet
  const TITLE_BOOST = 100; // added to a page whose title holds a query word
  // What is not the page's text: interface, navigation, repeated math.
  const NOT_TEXT = [
    ".headerlink",
    "script",
    "style",
    "button",
    "nav",
    "dialog",
    "summary",
    "details.hide",
    ".header-article",
    ".bd-sidebar-secondary",
    ".prev-next-area",
    ".bd-footer-article",
    ".visually-hidden",
    ".sr-only",
  ].join(", ");
  const BLOCKS = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, div, td, th, pre, figcaption";
  const stemmer = new Stemmer();
  let stems = [];

  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  // Words that start with a stem, the rest of a Latin word included
  // (satur -> saturation), Korean particles not (시그모이드는 -> 시그모이드).
  const matcher = () =>
    stems.length === 0
      ? null
      : new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${stems.map(escape).join("|")})[a-z0-9]*`,
          "giu",
        );

  const wordStems = (text) =>
    splitQuery(text.toLowerCase()).map((word) => stemmer.stemWord(word));

  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = parseQuery(query);
    stems = [...parsed[1]].filter((stem) => stem.length > 0);
    return parsed;
  };

  Scorer.score = (result) => {
    const [, title, , , score, , kind] = result;
    if (kind !== "text" && kind !== "title") return score;
    const pageTitle = String(title).split(" > ")[0];
    const inTitle = wordStems(pageTitle).some((stem) => stems.includes(stem));
    return inTitle ? score + TITLE_BOOST : score;
  };

  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const main = doc.querySelector('[role="main"]');
    const article = main && (main.querySelector("article.bd-article") || main);
    if (!article) return "";
    article.querySelectorAll(NOT_TEXT).forEach((el) => el.remove());
    // A formula reads once, as its TeX source.
    article.querySelectorAll(".katex").forEach((el) => {
      const tex = el.querySelector('annotation[encoding="application/x-tex"]');
      el.replaceWith(doc.createTextNode(tex ? ` ${tex.textContent.trim()} ` : ""));
    });
    // Blocks end with a space, so that a term and its definition stay two words.
    article.querySelectorAll(BLOCKS).forEach((el) => el.append(" "));
    const title = article.querySelector("h1");
    if (title) title.remove();
    let root = article;
    if (anchor) {
      const target = article.querySelector(anchor);
      if (target) root = target;
    }
    return root.textContent.replace(/\s+/g, " ").trim();
  };

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    const pattern = matcher();
    const first = pattern ? pattern.exec(text) : null;
    let start = first ? Math.max(first.index - BEFORE, 0) : 0;
    // Start and end between words.
    if (start > 0) {
      const space = text.indexOf(" ", start);
      start = space > -1 && space < (first ? first.index : start + 20) ? space + 1 : start;
    }
    let end = Math.min(start + LENGTH, text.length);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > (first ? first.index + first[0].length : start)) end = space;
    }
    const passage = text.slice(start, end);
    const summary = document.createElement("p");
    summary.classList.add("context");
    if (start > 0) summary.append("… ");
    let done = 0;
    if (pattern) {
      pattern.lastIndex = 0;
      for (const match of passage.matchAll(pattern)) {
        summary.append(passage.slice(done, match.index));
        const mark = document.createElement("mark");
        mark.className = "highlighted";
        mark.textContent = match[0];
        summary.append(mark);
        done = match.index + match[0].length;
      }
    }
    summary.append(passage.slice(done));
    if (end < text.length) summary.append(" …");
    return summary;
  };
})();
