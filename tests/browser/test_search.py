"""Search in a real browser: queries typed into each edition's search page.

Korean search must find a word whatever particle is attached to it on the
page (시그모이드는, 시그모이드의, 벡터라, ...), and two-syllable words such as
벡터 must work; the English edition keeps Sphinx's English search.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext

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


def found_pages(
    context: BrowserContext, base_url: str, edition: str, query: str
) -> set[str]:
    """Type ``query`` into the edition's search page and return the pages listed."""
    page = context.new_page()
    try:
        page.goto(f"{base_url}/{edition}/search.html", wait_until="load")
        field = page.locator('article input[name="q"], main input[name="q"]').last
        field.fill(query)
        field.press("Enter")
        page.wait_for_selector("#search-results h2", state="attached")
        counts = [-1]
        for _ in range(240):  # at most a minute; stable for 0.75 s ends it
            page.wait_for_timeout(250)
            counts.append(page.evaluate(COUNT_RESULTS))
            if len(set(counts[-4:])) == 1:
                break
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search li a", "links => links.map(a => a.href)"
        )
    finally:
        page.close()
    return {re.sub(r"[?#].*$", "", href).rsplit("/", 1)[-1] for href in hrefs}


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
