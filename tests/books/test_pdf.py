"""The PDF of each edition (``make pdf``): complete, printable, in its language.

Each test reads one edition's book, its XeLaTeX log or ``pdftotext``'s text of
it, and compares it with the HTML site of the same edition where the site says
what the book must hold (figures, answers, the glossary's Korean names).

Tables and other wide material are checked through TeX's own report:
an ``Overfull \\hbox`` is a line, table row or box wider than the text block,
by the amount TeX names. Up to :data:`OVERFULL_LIMIT` (20pt, 7 mm) stays inside
the page's margin, where a reader barely sees it; a table that does not fit
the page sticks out by far more (a wide column of numbers, by one column).
The index is checked too: its two columns are narrow for the API's dotted
names, which conf.py's ``printindex`` sets smaller and ragged.
"""

from __future__ import annotations

import re
from typing import Final

import pytest

from tests.books.conftest import (
    BASENAME,
    BUILD,
    HANGUL,
    answer_phrases,
    article,
    chapters_prose,
    latex_log,
    pdf_fonts,
    pdf_images,
    pdf_info,
    pdf_pages,
    pdf_text,
    site_page,
    site_pages,
    squeeze,
)

#: How far a line or a table may overhang the text block (pt): see the module.
OVERFULL_LIMIT: Final = 20.0
_OVERFULL: Final = re.compile(r"^Overfull \\hbox \(([\d.]+)pt too wide\)", re.MULTILINE)
#: The names and the author of each edition, as conf.py's EDITION_NAMES has them.
COVERS: Final = {
    "ko": ("활성화 함수 (Activation Functions)", "activation-functions 강의 팀"),
    "en": ("Activation Functions", "the activation-functions course team"),
}
#: Fonts of TeX's math (Computer Modern math italic, extensible symbols).
MATH_FONTS: Final = ("CMMI10", "CMEX10", "CMSY10")


def test_fonts_embedded(edition: str) -> None:
    """Every font of the book is embedded (``pdffonts``' emb column)."""
    rows = pdf_fonts(edition)
    assert rows, "pdffonts found no font"
    loose = [row[0] for row in rows if row[-5] != "yes"]
    assert not loose, f"fonts not embedded: {loose}"


def test_no_missing_character(edition: str) -> None:
    """No character lacks a glyph in its font (XeLaTeX logs "Missing character")."""
    missing = [
        line for line in latex_log(edition).splitlines() if "Missing character" in line
    ]
    assert not missing, "\n".join(missing[:10])


def test_every_figure(edition: str) -> None:
    """Each figure of the edition's site is in the book, and in the PDF."""
    on_site = {
        str(img["src"]).rsplit("/", 1)[-1]
        for path in site_pages(edition)
        for img in article(edition, path.name).select("img[src^='_images/']")
    }
    tex = (BUILD / "latex" / edition / f"{BASENAME}.tex").read_text(encoding="utf-8")
    in_book = set(
        re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{([^}]+)\}(\.\w+)\}", tex)
    )
    assert on_site, "the site has no figure"
    assert {name + suffix for name, suffix in in_book} == on_site
    placed = {row[10] for row in pdf_images(edition)}  # the image's object number
    assert len(placed) == len(on_site), "not every figure became an image of the PDF"


def test_formulas_typeset_as_latex(edition: str) -> None:
    """Each formula of the site is TeX math in the book, set in TeX's math fonts.

    Sphinx writes an inline formula as ``\\(...\\)`` and a display formula as
    an ``equation*`` environment; the site writes them as ``span.math`` and
    ``div.math`` (KaTeX's HTML, which the book must not get).
    """
    tex = (BUILD / "latex" / edition / f"{BASENAME}.tex").read_text(encoding="utf-8")
    inline = sum(
        len(article(edition, p.name).select("span.math")) for p in site_pages(edition)
    )
    display = sum(
        len(article(edition, p.name).select("div.math")) for p in site_pages(edition)
    )
    assert inline > 100
    assert display > 10
    assert tex.count("\\(") == inline
    assert len(re.findall(r"\\begin\{equation\*?\}", tex)) == display
    assert "katex" not in tex.lower()
    fonts = {row[0].split("+")[-1] for row in pdf_fonts(edition)}
    assert set(MATH_FONTS) <= fonts, f"TeX math fonts missing: {fonts}"


def test_wide_material_fits(edition: str) -> None:
    """No line, table or index entry overhangs the text block by more than 20pt."""
    widths = [float(width) for width in _OVERFULL.findall(latex_log(edition))]
    assert max(widths, default=0.0) <= OVERFULL_LIMIT, sorted(widths)[-5:]


def printed(text: str, phrase: str) -> int:
    """Count the times ``phrase`` is in ``text``, also when a page break splits it.

    A page's running footer and the next page's header can fall inside a
    sentence; they split it once, so one of its halves stays whole. Counting
    the more frequent half counts each occurrence, whole or split, once.

    >>> printed("ab cd", "abcd"), printed("a Exercises 27 bcd", "abcd")
    (1, 1)
    >>> printed("abcd ... abcd", "abcd"), printed("xyzw", "abcd")
    (2, 0)
    """
    middle = len(phrase) // 2
    return max(text.count(phrase[:middle]), text.count(phrase[middle:]))


def test_answers_printed(edition: str) -> None:
    """Each folded answer of each lesson is printed in the book.

    An answer is found by its longest sentence of prose; a sentence that
    occurs elsewhere too ("...과 같습니다") must occur in the book at least
    as often as in the chapters of the site, so an answer left out is missed.
    """
    text = squeeze(pdf_text(edition))
    checked = 0
    for path in site_pages(edition):
        for phrase in answer_phrases(edition, path.name):
            wanted = squeeze(phrase)
            assert printed(text, wanted) >= chapters_prose(edition).count(wanted), (
                f"{path.name}: answer not printed: {phrase!r}"
            )
            checked += 1
    assert checked >= 10, f"only {checked} answers found on the site"


def test_cover(edition: str) -> None:
    """The title page and the PDF's metadata name the book and its author in its language."""
    title, author = COVERS[edition]
    info = pdf_info(edition)
    assert info["Title"] == title
    assert info["Author"] == author
    cover = squeeze(pdf_pages(edition)[0])
    assert squeeze(title) in cover
    assert squeeze(author) in cover


def test_korean_text_extractable() -> None:
    """The Korean book's text comes out as Hangul: a sentence of the sigmoid lesson."""
    soup = site_page("ko", "sigmoid.html")
    paragraph = next(
        p.get_text()
        for p in soup.select("main p")
        if len(HANGUL.findall(p.get_text())) > 5 and not p.select(".math, code")
    )
    assert squeeze(paragraph) in squeeze(pdf_text("ko"))
    assert len(HANGUL.findall(pdf_text("ko"))) > 5000


def test_no_hangul_in_english_book() -> None:
    """The English book's only Hangul are the glossary's Korean names ({korean})."""
    names = {
        word
        for path in site_pages("en")
        for span in site_page("en", path.name).select("span[lang='ko']")
        for word in HANGUL.findall(span.get_text())
    }
    assert names, "the English glossary shows no Korean name"
    words = set(HANGUL.findall(pdf_text("en")))
    assert words <= names, (
        f"Hangul outside the glossary's names: {sorted(words - names)[:20]}"
    )


@pytest.mark.parametrize("page", ["sigmoid.html"])
def test_sigmoid_answers_under_exercises(edition: str, page: str) -> None:
    """The sigmoid lesson's answers come right after its exercises, titled as on the web."""
    answers = answer_phrases(edition, page)
    assert answers
    title = "정답" if edition == "ko" else "Answer"
    pages = [squeeze(text) for text in pdf_pages(edition)]
    holding = [
        number for number, text in enumerate(pages) if squeeze(answers[0]) in text
    ]
    assert holding, "the first answer is not printed"
    assert title in pages[holding[0]] or title in pages[holding[0] - 1]


#: The heading that ends each page of the site ("참고 문헌"), in each edition.
REFERENCES_HEADING: Final = {"ko": "참고 문헌", "en": "References"}


def test_references_once_at_the_end(edition: str) -> None:
    """The book lists each cited work once, at its end, and no chapter keeps an empty heading.

    LaTeX gathers every citation into one bibliography, so the pages' own
    reference sections would stay behind as headings over nothing.
    """
    tex = (BUILD / "latex" / edition / f"{BASENAME}.tex").read_text(encoding="utf-8")
    labels = re.findall(r"\\bibitem\[([^\]]*)\]", tex)
    assert len(labels) >= 15, labels
    assert len(labels) == len(set(labels)), sorted(labels)
    heading = re.escape(REFERENCES_HEADING[edition])
    bodies = re.findall(
        rf"\\section\{{{heading}\}}(.*?)(?=\\section\{{|\\chapter\{{|\\begin\{{sphinxthebibliography\}}|\\end\{{document\}})",
        tex,
        flags=re.DOTALL,
    )
    empty = [
        body
        for body in bodies
        if not re.sub(r"\\label\{[^}]*\}\}?|\\sphinxstepscope|\s", "", body)
    ]
    assert empty == [], (
        f"{len(empty)} of {len(bodies)} reference headings stand over nothing"
    )
