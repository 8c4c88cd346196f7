"""Display formulas on a phone: they fit, or they say that they scroll.

At 375 px (the ``phone`` context) a display formula wider than the column
breaks after a relation or an operator at its top level, and a pair of
statements set side by side with ``\\qquad`` (the two-case definitions of ReLU
and Leaky ReLU and their derivatives) stacks; on a desktop the pair stays side
by side. What still does not fit (formula ① of the background page and its
like) scrolls sideways: at most :data:`MAX_SCROLLING_PER_PAGE` such formulas
on a lesson page and :data:`MAX_SCROLLING_LESSONS` on all lesson pages
together, each focusable, named and shaded on the side that hides more.
"""

from __future__ import annotations

import logging
from typing import Final

import pytest
from playwright.sync_api import BrowserContext

LOG: Final = logging.getLogger(__name__)
#: The lesson pages: the course's text, in the order of the lecture notes.
LESSON_PAGES: Final = (
    "background.html",
    "sigmoid.html",
    "tanh.html",
    "relu.html",
    "leaky-relu.html",
    "output-layer.html",
    "why-nonlinear.html",
    "comparison.html",
)
#: Display formulas that may still need sideways scrolling, per lesson page.
MAX_SCROLLING_PER_PAGE: Final = 4
#: ... and on all lesson pages of an edition together.
MAX_SCROLLING_LESSONS: Final = 4
#: Pages with two-case definitions set side by side.
PAIR_PAGES: Final = ("relu.html", "leaky-relu.html")

#: Every display formula of the article that is wider than its box: its TeX
#: (first part), tabindex, role, name and background (the scroll cue).
SCROLLING_JS: Final = """
async () => {
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return [...document.querySelectorAll('.bd-article div.math')]
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => ({
      tex: (box.querySelector('annotation') || {textContent: ''}).textContent.slice(0, 60),
      tabindex: box.getAttribute('tabindex'),
      role: box.getAttribute('role'),
      label: box.getAttribute('aria-label'),
      cue: getComputedStyle(box).backgroundImage,
    }));
}
"""
#: For every pair: the top and the right edge of each part, and the box's right edge.
PAIRS_JS: Final = """
async () => {
  await document.fonts.ready;
  return [...document.querySelectorAll('.bd-article div.math.math-pair')].map((box) => ({
    tops: [...box.children].map((part) => Math.round(part.getBoundingClientRect().top)),
    overflow: box.scrollWidth > box.clientWidth + 1,
  }));
}
"""

_SCROLLING: dict[str, list[dict[str, str | None]]] = {}


def scrolling_formulas(
    phone: BrowserContext, base_url: str, edition: str, name: str
) -> list[dict[str, str | None]]:
    """Return the display formulas of ``<edition>/<name>`` that scroll at 375 px."""
    key = f"{edition}/{name}"
    if key not in _SCROLLING:
        page = phone.new_page()
        try:
            page.goto(f"{base_url}/{key}", wait_until="load")
            _SCROLLING[key] = page.evaluate(SCROLLING_JS)
        finally:
            page.close()
        LOG.info("%s: %d formulas scroll at 375 px", key, len(_SCROLLING[key]))
    return _SCROLLING[key]


@pytest.mark.parametrize("name", LESSON_PAGES)
def test_few_formulas_scroll_on_a_lesson_page(
    phone: BrowserContext, base_url: str, edition: str, name: str
) -> None:
    """At 375 px at most MAX_SCROLLING_PER_PAGE display formulas are wider than the column."""
    wide = scrolling_formulas(phone, base_url, edition, name)
    assert len(wide) <= MAX_SCROLLING_PER_PAGE, [formula["tex"] for formula in wide]


def test_few_formulas_scroll_on_all_lesson_pages(
    phone: BrowserContext, base_url: str, edition: str
) -> None:
    """At 375 px at most MAX_SCROLLING_LESSONS display formulas scroll on all lessons."""
    wide = {
        name: [
            formula["tex"]
            for formula in scrolling_formulas(phone, base_url, edition, name)
        ]
        for name in LESSON_PAGES
    }
    count = sum(len(formulas) for formulas in wide.values())
    assert count <= MAX_SCROLLING_LESSONS, {
        name: tex for name, tex in wide.items() if tex
    }


@pytest.mark.parametrize("name", [*LESSON_PAGES, "api.html"])
def test_scrolling_formulas_are_focusable_named_and_cued(
    phone: BrowserContext, base_url: str, edition: str, name: str
) -> None:
    """A formula that scrolls is in the tab order, a named group, and shaded."""
    wide = scrolling_formulas(phone, base_url, edition, name)
    faulty = [
        formula
        for formula in wide
        if formula["tabindex"] != "0"
        or formula["role"] != "group"
        or not formula["label"]
        or "radial-gradient" not in str(formula["cue"])
    ]
    assert faulty == []


@pytest.mark.parametrize("name", PAIR_PAGES)
def test_pairs_stack_on_a_phone(
    phone: BrowserContext, base_url: str, edition: str, name: str
) -> None:
    """At 375 px each part of a pair has its own line, and the pair fits."""
    page = phone.new_page()
    try:
        page.goto(f"{base_url}/{edition}/{name}", wait_until="load")
        pairs = page.evaluate(PAIRS_JS)
    finally:
        page.close()
    assert pairs, "no pair of formulas on the page"
    assert [
        pair for pair in pairs if len(set(pair["tops"])) < 2 or pair["overflow"]
    ] == []


@pytest.mark.parametrize("name", PAIR_PAGES)
def test_pairs_stay_side_by_side_on_a_desktop(
    desktop: BrowserContext, base_url: str, edition: str, name: str
) -> None:
    """At 1280 px the parts of a pair share one line."""
    page = desktop.new_page()
    try:
        page.goto(f"{base_url}/{edition}/{name}", wait_until="load")
        pairs = page.evaluate(PAIRS_JS)
    finally:
        page.close()
    assert pairs, "no pair of formulas on the page"
    assert [pair for pair in pairs if len(set(pair["tops"])) != 1] == []
