"""Search in a real browser: queries typed into each edition's search page.

Korean search must find a word whatever particle is attached to it on the
page (시그모이드는, 시그모이드의, 벡터라, ...), and two-syllable words such as
벡터 must work; the English edition keeps Sphinx's English search.

Each result shows the passage around the first word that starts with the
stemmed query (시그모이드는 -> 시그모이드, saturation -> satur), with those words
in ``<mark>``; no interface words of the theme, formulas once (as TeX); the
page whose title holds the query comes first (docs/_static/search-results.js).
The search field's magnifier never covers the text typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import pytest
from playwright.sync_api import BrowserContext, Page

#: (edition, query, pages that must be found). Each page was checked to hold
#: the word only with a particle or ending attached, or in a plain form.
QUERIES = [
    ("ko", "시그모이드", {"sigmoid.html", "tanh.html", "background.html"}),
    ("ko", "벡터", {"output-layer.html", "why-nonlinear.html"}),
    ("ko", "포화", {"background.html", "sigmoid.html", "tanh.html"}),
    ("ko", "소프트맥스", {"output-layer.html"}),
    ("ko", "ReLU", {"relu.html", "leaky-relu.html"}),
    ("en", "sigmoid", {"sigmoid.html", "tanh.html", "background.html"}),
    ("en", "saturation", {"background.html", "sigmoid.html"}),
    ("en", "softmax", {"output-layer.html"}),
]

#: Sphinx lists results one by one; the list is complete once it stops growing.
COUNT_RESULTS = "() => document.querySelectorAll('#search-results ul.search li').length"


#: The links of the results, in the order shown.
LINKS_JS = "() => [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.href)"


def search(
    context: BrowserContext,
    base_url: str,
    edition: str,
    query: str,
    *,
    collect_js: str,
    done_js: str = "() => true",
) -> Any:
    """Type ``query`` into the edition's search page; return ``collect_js`` on its results.

    The results are read once their list has stopped growing for 0.75 s and
    ``done_js`` holds (at most a minute).
    """
    page = context.new_page()
    try:
        page.goto(f"{base_url}/{edition}/search.html", wait_until="load")
        field = page.locator('article input[name="q"], main input[name="q"]').last
        field.fill(query)
        field.press("Enter")
        page.wait_for_selector("#search-results h2", state="attached")
        counts = [-1]
        for _ in range(240):
            page.wait_for_timeout(250)
            counts.append(page.evaluate(COUNT_RESULTS))
            if len(set(counts[-4:])) == 1 and page.evaluate(done_js):
                break
        return page.evaluate(collect_js)
    finally:
        page.close()


def found_pages(
    context: BrowserContext, base_url: str, edition: str, query: str
) -> set[str]:
    """Type ``query`` into the edition's search page and return the pages listed."""
    hrefs = search(context, base_url, edition, query, collect_js=LINKS_JS)
    return {re.sub(r"[?#].*$", "", href).rsplit("/", 1)[-1] for href in hrefs}


@dataclass(frozen=True)
class Result:
    """One search result as a reader sees it."""

    page: str
    snippet: str
    marks: tuple[str, ...]


#: Every result's link, snippet text and highlighted words, in the order shown.
RESULTS_JS: Final = """
() => [...document.querySelectorAll('#search-results ul.search li')].map((li) => ({
  page: li.querySelector('a').getAttribute('href'),
  snippet: (li.querySelector('p.context') || {textContent: ''}).textContent,
  marks: [...li.querySelectorAll('p.context mark, p.context span.highlighted')]
    .map((m) => m.textContent),
}))
"""
#: Every result that shows a snippet has it (they are fetched one by one).
SNIPPETS_DONE_JS: Final = """
() => [...document.querySelectorAll('#search-results ul.search li')]
  .every((li) => li.querySelector('p.context, span') !== null)
"""


def search_results(
    context: BrowserContext, base_url: str, edition: str, query: str
) -> list[Result]:
    """Type ``query`` into the edition's search page and return its results."""
    found = search(
        context,
        base_url,
        edition,
        query,
        collect_js=RESULTS_JS,
        done_js=SNIPPETS_DONE_JS,
    )
    return [
        Result(
            page=str(item["page"]),
            snippet=" ".join(str(item["snippet"]).split()),
            marks=tuple(str(mark) for mark in item["marks"]),
        )
        for item in found
    ]


@dataclass(frozen=True)
class SnippetCase:
    """A query, the page whose snippet is checked, and what that snippet must show."""

    lang: str
    query: str
    #: What every highlighted word starts with: the query's stem.
    stem: str
    page: str
    #: Words of the passage around the page's first match.
    passage: str
    #: The page's title holds the query, so it must come first.
    title_match: bool = False


#: Three Korean queries carry a particle that the page does not put after the
#: word where it first occurs; the formulas in the sigmoid passages read once.
SNIPPET_CASES: Final = (
    SnippetCase(
        "ko",
        "시그모이드는",
        "시그모이드",
        "sigmoid.html",
        r"정의와 도함수 g(z) = \frac{1}{1 + e^{-z}} z 가 아주 크면",
        title_match=True,
    ),
    SnippetCase(
        "ko", "포화가", "포화", "background.html", "weight의 update가 잘 일어나지 않는"
    ),
    SnippetCase(
        "ko", "벡터를", "벡터", "why-nonlinear.html", "특성이 n_x 개인 벡터이므로"
    ),
    SnippetCase(
        "en",
        "sigmoid",
        "sigmoid",
        "sigmoid.html",
        r"Definition and derivative g(z) = \frac{1}{1 + e^{-z}} When z",
        title_match=True,
    ),
    SnippetCase(
        "en", "saturation", "satur", "background.html", "the weights are hardly updated"
    ),
)
#: The theme's interface words, which are not a page's text (as whole words:
#: the index page's prose speaks of "왼쪽 목차의 순서").
INTERFACE_WORDS: Final = {
    "ko": ("시스템 설정", "밝게", "어둡게", "목차", "코드 보기", "검색"),
    "en": ("System Settings", "Light", "Dark", "Contents", "Show code cell", "Search"),
}
#: KaTeX writes a formula three times (MathML, TeX annotation, HTML); only the
#: TeX may be shown, and the MathML and the HTML write a prime as U+2032
#: (``g′(z)``) where the TeX writes ``g'(z)``.
RENDERED_PRIME: Final = "\u2032"


def interface_words(lang: str, snippet: str) -> list[str]:
    """Return the interface words that stand as words of ``snippet``."""
    return [
        word
        for word in INTERFACE_WORDS[lang]
        if re.search(rf"(?<!\S){re.escape(word)}(?!\S)", snippet)
    ]


@pytest.mark.parametrize(
    "case", SNIPPET_CASES, ids=[f"{case.lang}-{case.query}" for case in SNIPPET_CASES]
)
def test_snippet_shows_the_passage_that_matched(
    desktop: BrowserContext, base_url: str, case: SnippetCase
) -> None:
    """The page's snippet is the passage of its first match, highlighted, and clean."""
    lang = case.lang
    results = search_results(desktop, base_url, lang, case.query)
    pages = [result.page for result in results]
    assert case.page in pages, pages
    result = results[pages.index(case.page)]
    print(f"{lang} {case.query!r} -> {case.page}: {result.snippet} {result.marks}")
    assert case.passage in result.snippet
    assert result.marks, f"nothing highlighted in {result.snippet!r}"
    assert all(mark.lower().startswith(case.stem) for mark in result.marks)
    shown = [r.snippet for r in results if r.snippet]
    assert [
        (interface_words(lang, s), s) for s in shown if interface_words(lang, s)
    ] == []
    assert [snippet for snippet in shown if RENDERED_PRIME in snippet] == []
    if case.title_match:
        assert pages[0] == case.page, pages[:3]


#: The magnifier's right edge and where the input's text starts, in px.
ICON_AND_TEXT_JS: Final = """
(form) => {
  const icon = form.querySelector('.fa-magnifying-glass').getBoundingClientRect();
  const input = form.querySelector('input[name="q"]');
  const box = input.getBoundingClientRect();
  const style = getComputedStyle(input);
  return [icon.right, box.left + parseFloat(style.borderLeftWidth)
    + parseFloat(style.paddingLeft)];
}
"""


@pytest.mark.parametrize("width", [1280, 375])
def test_magnifier_leaves_the_text_free(
    desktop: BrowserContext, base_url: str, edition: str, width: int
) -> None:
    """On the search page, the input's text starts right of its magnifier icon."""
    page = desktop.new_page()
    try:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base_url}/{edition}/search.html", wait_until="load")
        form = page.locator("article form.bd-search, main form.bd-search").last
        form.locator('input[name="q"]').fill("시그모이드 sigmoid")
        icon_right, text_left = form.evaluate(ICON_AND_TEXT_JS)
    finally:
        page.close()
    assert icon_right <= text_left, (icon_right, text_left)


class TestSearch:
    """The search page of each edition finds the pages where a word occurs."""

    @pytest.mark.parametrize(
        ("lang", "query", "expected"),
        QUERIES,
        ids=[f"{lang}-{query}" for lang, query, _ in QUERIES],
    )
    def test_query_finds_pages(
        self,
        desktop: BrowserContext,
        base_url: str,
        lang: str,
        query: str,
        expected: set[str],
    ) -> None:
        """Every expected page is among the results of the typed query."""
        found = found_pages(desktop, base_url, lang, query)
        assert expected - found == set(), f"{query!r} found {sorted(found)}"

    def test_particles_do_not_hide_a_page(
        self, desktop: BrowserContext, base_url: str
    ) -> None:
        """A query with a particle attached finds what the bare word finds."""
        bare = found_pages(desktop, base_url, "ko", "시그모이드")
        with_particle = found_pages(desktop, base_url, "ko", "시그모이드는")
        assert bare == with_particle


#: Lists the search controls a reader can see (the search dialog is closed).
VISIBLE_SEARCH_JS = """
() => [...document.querySelectorAll('.search-button__button, form.bd-search')]
  .filter((el) => !el.closest('dialog') && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden')
  .map((el) => el.className)
"""


class TestEntryPoint:
    """Search has one entry point on a wide screen, and is one tap away on a phone."""

    def test_one_search_control_on_a_wide_screen(
        self, desktop: BrowserContext, base_url: str, edition: str
    ) -> None:
        """At 1280 px a page shows one search control and no empty header bar."""
        page = desktop.new_page()
        try:
            page.goto(f"{base_url}/{edition}/sigmoid.html", wait_until="load")
            controls = page.evaluate(VISIBLE_SEARCH_JS)
            header = page.evaluate(
                "document.querySelector('#pst-header').getBoundingClientRect().height"
            )
        finally:
            page.close()
        assert (len(controls), header) == (1, 0), controls

    def test_search_is_one_tap_away_on_a_phone(
        self, phone: BrowserContext, base_url: str, edition: str
    ) -> None:
        """At 375 px a visible search button opens the search field, focused."""
        page = phone.new_page()
        try:
            page.goto(f"{base_url}/{edition}/sigmoid.html", wait_until="load")
            button = page.locator(".search-button__button:visible").first
            box = button.bounding_box()
            button.tap()
            field = page.locator("#pst-search-dialog input[name='q']")
            field.wait_for(state="visible")
            focused = field.evaluate("(el) => el === document.activeElement")
        finally:
            page.close()
        assert box is not None
        assert (box["y"] + box["height"] <= 800, focused) == (True, True)


#: axe's violations on the page, as "rule (impact): html of the first node".
AXE_VIOLATIONS_JS: Final = """
async (ids) => (await axe.run(document, {runOnly: {type: 'rule', values: ids}}))
  .violations.map((v) => `${v.id} (${v.impact}): ${v.nodes[0].html.slice(0, 120)}`)
"""


@pytest.fixture(params=["light", "dark"])
def scheme_context(
    request: pytest.FixtureRequest, desktop: BrowserContext, dark: BrowserContext
) -> BrowserContext:
    """Return a desktop context whose system prefers a light, then a dark scheme."""
    return dark if request.param == "dark" else desktop


def test_results_pass_axe(
    scheme_context: BrowserContext,
    base_url: str,
    axe: Callable[[Page], list[str]],
    edition: str,
) -> None:
    """A results page with highlighted words has no axe violation, in either scheme."""
    query = {"ko": "시그모이드는", "en": "saturation"}[edition]
    page = scheme_context.new_page()
    try:
        page.goto(f"{base_url}/{edition}/search.html?q={query}", wait_until="load")
        page.wait_for_selector("#search-results p.context mark")
        page.wait_for_function(SNIPPETS_DONE_JS)
        violations = page.evaluate(AXE_VIOLATIONS_JS, axe(page))
    finally:
        page.close()
    assert violations == []
