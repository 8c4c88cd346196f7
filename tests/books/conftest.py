"""Fixtures for the checks of the books: ``make pdf`` and ``make epub`` build them first.

The checks read the books that ``make`` built (``build/pdf/<edition>/``,
``build/epub/<edition>/``, LaTeX's log in ``build/latex/<edition>/``); they
build nothing. Every tool runs once per book (``pdftotext``, ``pdffonts``,
``pdfimages``, ``epubcheck``), whatever number of tests read its answer.
The HTML site of the same edition (``make docs``) is what a book is compared
with: its figures, its folded answers, its glossary's Korean names.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from functools import cache
from pathlib import Path
from typing import Final

import pytest
from bs4 import BeautifulSoup, Tag

REPO: Final = Path(__file__).resolve().parents[2]
#: Where ``make`` builds; AF_BUILD_DIR points the checks at another copy.
BUILD: Final = Path(os.environ.get("AF_BUILD_DIR", REPO / "build")).resolve()
EDITIONS: Final = ("ko", "en")
BASENAME: Final = "activation-functions"
HANGUL: Final = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+")
NOT_BUILT: Final = "{path} is missing: run `make {target}` first."


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run a test that takes ``edition`` once per edition."""
    if "edition" in metafunc.fixturenames:
        metafunc.parametrize("edition", EDITIONS, ids=EDITIONS)


def built(path: Path, target: str) -> Path:
    """Return ``path``, or fail the test with the command that makes it."""
    if not path.is_file():
        pytest.fail(NOT_BUILT.format(path=path, target=target), pytrace=False)
    return path


def run(*command: str | Path) -> str:
    """Run a command and return what it printed (stdout and stderr)."""
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    return result.stdout + result.stderr


def pdf_path(edition: str) -> Path:
    """Return the PDF of ``edition``."""
    return built(BUILD / "pdf" / edition / f"{BASENAME}.pdf", f"pdf-{edition}")


def latex_log(edition: str) -> str:
    """Return XeLaTeX's log of the last run that made the PDF of ``edition``."""
    log = built(BUILD / "latex" / edition / f"{BASENAME}.log", f"pdf-{edition}")
    return log.read_text(encoding="utf-8", errors="replace")


def epub_path(edition: str) -> Path:
    """Return the EPUB of ``edition``."""
    return built(BUILD / "epub" / edition / f"{BASENAME}.epub", f"epub-{edition}")


@cache
def pdf_text(edition: str) -> str:
    """Return the text of the PDF (``pdftotext -raw``).

    In the order TeX wrote it, line by line: a fraction's numerator and
    denominator stay inside their line instead of being placed on lines of
    their own between the prose, as the layout mode does.
    """
    return run("pdftotext", "-raw", "-enc", "UTF-8", pdf_path(edition), "-")


@cache
def pdf_pages(edition: str) -> list[str]:
    """Return the text of each page of the PDF (pdftotext separates them with \\f)."""
    return pdf_text(edition).split("\f")


@cache
def pdf_info(edition: str) -> dict[str, str]:
    """Return ``pdfinfo``'s fields of the PDF."""
    lines = run("pdfinfo", pdf_path(edition)).splitlines()
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in lines)
    }


@cache
def pdf_fonts(edition: str) -> list[list[str]]:
    """Return ``pdffonts``' rows of the PDF, split into columns, header left out."""
    lines = run("pdffonts", pdf_path(edition)).splitlines()
    return [line.split() for line in lines[2:] if line.strip()]


@cache
def pdf_images(edition: str) -> list[list[str]]:
    """Return ``pdfimages -list``'s image rows (not masks) of the PDF."""
    lines = run("pdfimages", "-list", pdf_path(edition)).splitlines()
    rows = [line.split() for line in lines[2:] if line.strip()]
    return [row for row in rows if row[2] == "image"]


@cache
def epubcheck(edition: str) -> str:
    """Return the report of ``epubcheck`` (Debian's jar) on the EPUB."""
    return run("java", "-jar", "/usr/share/java/epubcheck.jar", epub_path(edition))


@cache
def epub_files(edition: str) -> dict[str, bytes]:
    """Return every file of the EPUB by its path in the archive."""
    with zipfile.ZipFile(epub_path(edition)) as book:
        return {name: book.read(name) for name in book.namelist()}


@cache
def site_page(edition: str, page: str) -> BeautifulSoup:
    """Return a built HTML page of ``edition`` (``make docs``)."""
    path = built(BUILD / "html" / edition / page, f"docs-{edition}")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_pages(edition: str) -> list[Path]:
    """Return the pages of the built site of ``edition`` that are the book's chapters.

    The root page is left out: its own text is about the web site, and the
    book holds only the pages of its tables of contents (conf.py's
    ``latex_documents``, ``toctree_only``).
    """
    root = BUILD / "html" / edition
    built(root / "index.html", f"docs-{edition}")
    return sorted(
        path
        for path in root.glob("*.html")
        if path.name
        not in {"index.html", "genindex.html", "search.html", "py-modindex.html"}
    )


@cache
def article(edition: str, page: str) -> Tag:
    """Return the article of a built page: its text, without the sidebars' copies."""
    found = site_page(edition, page).select_one("article.bd-article")
    assert found is not None, f"{edition}/{page} has no article"
    return found


#: Dingbat circled digits (U+2780...) read as the circled digits (U+2460...).
_CIRCLED_DIGITS: Final = {0x2780 + i: 0x2460 + i for i in range(10)}


def squeeze(text: str) -> str:
    """Return ``text`` without white space or hyphens, for comparing layouts.

    A line of a book may end in a hyphen that the text has not
    (``deriva-`` ``tive``), and a hyphen may be typeset as another
    character (U+2011, the non-breaking hyphen): both sides of a comparison
    lose them all.

    >>> squeeze("a b\\n c\\u00ad d\\u2011e-\\nf")
    'abcdef'

    The circled digits that name formulas (①, ②) come out of the PDF as their
    dingbat twins (➀, ➁: the font maps one glyph to both), so they count as
    the same:

    >>> squeeze("식 \\u2780") == squeeze("식 ①")
    True
    """
    return re.sub(r"[\s\u00ad\u2010\u2011-]+", "", text).translate(_CIRCLED_DIGITS)


#: Where a sentence ends: a full stop, question or exclamation mark and a space.
_SENTENCE_END: Final = re.compile(r"(?<=[.?!])\s+")


@cache
def answer_phrases(edition: str, page: str) -> tuple[str, ...]:
    """Return, for each folded answer of a page, its longest sentence of plain prose.

    The longest piece of an answer's text between its formulas and code,
    cut at sentence ends and stripped of punctuation: what any rendering of
    the answer, a browser's printout or a book, shows as one run of text
    (a display formula beside it would interleave its lines with the prose).
    """
    soup = site_page(edition, page)
    phrases = []
    for folded in soup.select("article details.dropdown"):
        pieces = [
            sentence.strip(" \n,.;:")
            for run in prose(folded, "summary").split("\x00")
            for sentence in _SENTENCE_END.split(run)
        ]
        phrases.append(max(pieces, key=len))
    return tuple(phrases)


def prose(element: Tag, *left_out: str) -> str:
    """Return the text of ``element`` with each formula and code cut out as ``\\x00``."""
    copy = BeautifulSoup(str(element), "html.parser")  # the page is cached: no edits
    for hidden in copy.select(", ".join((".math", ".katex", "code", "pre", *left_out))):
        hidden.replace_with("\x00")
    return copy.get_text()


@cache
def chapters_prose(edition: str) -> str:
    """Return the prose of every chapter of the site, squeezed (see :func:`squeeze`)."""
    return "\x00".join(
        squeeze(prose(article(edition, path.name))) for path in site_pages(edition)
    )
