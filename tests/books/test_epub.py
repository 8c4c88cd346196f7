"""The EPUB of each edition (``make epub``): valid, with its formulas and figures.

A reading system displays what the book holds, so "formulas and figures
display" is checked as: every formula of the site is MathML in the book
(EPUB 3 reading systems render MathML themselves; no script, stylesheet or
web font is needed), and every figure of the site is an image file of the
book that a page links and the package lists.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Final

from bs4 import BeautifulSoup

from tests.books.conftest import (
    answer_phrases,
    article,
    epub_files,
    epubcheck,
    site_pages,
    squeeze,
)

_SUMMARY: Final = re.compile(
    r"Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?"
)


def pages(edition: str) -> dict[str, BeautifulSoup]:
    """Return the book's content documents by their name (``sigmoid.xhtml``)."""
    return {
        PurePosixPath(name).name: BeautifulSoup(data.decode("utf-8"), "html.parser")
        for name, data in epub_files(edition).items()
        if name.endswith(".xhtml") and not name.endswith("nav.xhtml")
    }


def test_epubcheck_passes(edition: str) -> None:
    """``epubcheck`` finds no fatal error, no error and no warning."""
    report = epubcheck(edition)
    summary = _SUMMARY.search(report)
    if summary is None and "No errors or warnings detected" in report:
        return
    assert summary is not None, report[-2000:]
    assert summary.groups() == ("0", "0", "0"), report[-4000:]


def test_formulas_are_mathml(edition: str) -> None:
    """Each formula of each chapter is MathML in the book, without KaTeX's HTML."""
    book = pages(edition)
    for path in site_pages(edition):
        # One MathML <math> per formula KaTeX typeset on the site (a display
        # formula set as a pair is two: course_site.katex_math.split_pairs).
        on_site = len(article(edition, path.name).select(".katex-mathml math"))
        page = book[path.with_suffix(".xhtml").name]
        assert len(page.find_all("math")) == on_site, path.name
        assert not page.select(".katex-html"), (
            f"{path.name}: KaTeX's HTML needs web fonts"
        )


def test_figures_in_book(edition: str) -> None:
    """Each figure of the site is a PNG of the book, linked by its page and listed."""
    files = epub_files(edition)
    opf = next(data for name, data in files.items() if name.endswith(".opf")).decode(
        "utf-8"
    )
    book = pages(edition)
    for path in site_pages(edition):
        on_site = sorted(
            str(img["src"])
            for img in article(edition, path.name).select("img[src^='_images/']")
        )
        in_book = sorted(
            str(img["src"])
            for img in book[path.with_suffix(".xhtml").name].find_all("img")
            if str(img["src"]).startswith("_images/")
        )
        assert in_book == on_site, path.name
        for src in in_book:
            assert files[src].startswith(b"\x89PNG"), src
            assert f'href="{src}"' in opf, f"{src} is not in the package's manifest"


def test_answers_in_book(edition: str) -> None:
    """Each folded answer of the site is in the book's text, open."""
    book = pages(edition)
    for path in site_pages(edition):
        page = book[path.with_suffix(".xhtml").name]
        assert not page.select("details"), f"{path.name}: an answer is still folded"
        text = squeeze(page.get_text())
        for phrase in answer_phrases(edition, path.name):
            assert squeeze(phrase) in text, f"{path.name}: {phrase!r}"
