"""A lesson printed from the browser (print.css): answers open, no sidebars or buttons.

The sigmoid lesson of each edition is printed to PDF by chromium
(``page.pdf``, what "Save as PDF" does, with the print media type) and read
back with ``pdftotext``. Its folded answers (``<details>``,
course_site.answers) are printed opened: each answer's longest sentence of
prose is in the printed text, and occurs there as often as on the page
(so an answer still folded is missed even when a sentence like it stands
elsewhere). In the print layout, nothing that only works on screen takes
room: the sidebars, the header's buttons, the hidden code's toggles, the
previous/next links.

Two ways open them: course.js on ``beforeprint`` (which ``page.pdf`` fires
too), and print.css with ``::details-content`` (Chromium 131+), which is all
that works with JavaScript off. The page is printed once with scripts and
once without, so the stylesheet is tested alone.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Final

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from tests.browser.conftest import TIMEOUT_MS

PAGE: Final = "sigmoid.html"
#: What only works on screen, and must take no room on paper.
SCREEN_ONLY: Final = (
    ".bd-sidebar-primary",
    ".bd-sidebar-secondary",
    ".bd-header",
    ".article-header-buttons",
    "details.above-input",
    ".prev-next-area",
    "button",
)
#: Where a sentence ends.
_SENTENCE_END: Final = re.compile(r"(?<=[.?!])\s+")


def squeeze(text: str) -> str:
    """Return ``text`` without white space or hyphens (line breaks differ on paper)."""
    return re.sub(r"[\s\u00ad\u2010\u2011-]+", "", text)


def prose(html: str) -> str:
    """Return the text of ``html`` with formulas, code and titles cut out as NUL."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.select(".math, .katex, code, pre, summary"):
        hidden.replace_with("\x00")
    return soup.get_text()


def answer_sentences(page_html: str) -> list[str]:
    """Return the longest sentence of prose of each folded answer of a page."""
    soup = BeautifulSoup(page_html, "html.parser")
    sentences = []
    for answer in soup.select("article details.dropdown"):
        pieces = [
            sentence.strip(" \n,.;:")
            for run in prose(str(answer)).split("\x00")
            for sentence in _SENTENCE_END.split(run)
        ]
        sentences.append(max(pieces, key=len))
    return sentences


class Printed:
    """What chromium printed of a page: its text, and what took room on paper."""

    def __init__(self, text: str, article: str, shown: list[str]) -> None:
        self.text = text
        self.article = article
        self.shown = shown


@pytest.fixture(scope="module")
def printed_pages() -> dict[tuple[str, bool], Printed]:
    """Return the module's cache of printed pages."""
    return {}


@pytest.fixture(params=[True, False], ids=["scripts", "no-scripts"])
def printed(
    request: pytest.FixtureRequest,
    printed_pages: dict[tuple[str, bool], Printed],
    browser: Browser,
    base_url: str,
    edition: str,
) -> Printed:
    """Print the sigmoid lesson of ``edition`` to PDF (once) and read it back."""
    scripts = bool(request.param)
    key = f"{edition}/{PAGE}"
    if (key, scripts) not in printed_pages:
        pdf = request.getfixturevalue("tmp_path_factory").mktemp("print") / "page.pdf"
        context = browser.new_context(java_script_enabled=scripts)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            page.goto(f"{base_url}/{key}", wait_until="load")
            page.pdf(path=str(pdf), format="A4", print_background=True)
            page.emulate_media(media="print")
            shown = page.evaluate(
                """selectors => selectors.filter(selector =>
                    [...document.querySelectorAll(selector)].some(
                        element => element.getClientRects().length > 0))""",
                list(SCREEN_ONLY),
            )
            article = str(page.inner_html("article"))
        finally:
            context.close()
        text = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        printed_pages[key, scripts] = Printed(
            text, article, [str(name) for name in shown]
        )
    return printed_pages[key, scripts]


def test_answers_printed_open(printed: Printed, site_root: Path, edition: str) -> None:
    """Each answer's text is on paper, as often as on the page."""
    page_html = (site_root / edition / PAGE).read_text(encoding="utf-8")
    sentences = answer_sentences(page_html)
    assert len(sentences) >= 3, "the sigmoid lesson has fewer answers than expected"
    on_paper = squeeze(printed.text)
    on_page = squeeze(prose(printed.article))
    for sentence in sentences:
        wanted = squeeze(sentence)
        assert on_paper.count(wanted) >= max(1, on_page.count(wanted)), sentence


def test_nothing_screen_only_printed(printed: Printed) -> None:
    """No sidebar, header, button, code toggle or page link takes room on paper."""
    assert printed.shown == []
