"""The two editions of the built site (build/html/ko, build/html/en) and its root page.

``make docs`` builds both editions and copies the root page before these run;
AF_SITE_DIR points them at another build. What is checked:

- The English edition has every page, declares English and shows no Hangul.
  Korean may appear in the English edition only where it is marked
  ``lang="ko"``, and that mark is allowed in two places: the language switcher
  ("한국어", on every page) and the glossary's Korean names (``{korean}`...```
  in glossary.po, ``<span lang="ko">``). Code is text too: the code cells and
  the API's examples are written to show no Hangul.
- Every page of both editions has one language switcher that leads to the
  same page in the other edition, and the ids (section, figure, equation,
  glossary term) are the same in both, so the #anchor that the switcher
  carries over lands on the same place.
- The root page sends a reader to the edition of their choice or language.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from pathlib import Path
from typing import Final

import pytest
from bs4 import BeautifulSoup, Tag

from course_site.editions import EDITION_STORAGE_KEY, EDITIONS

REPO: Final = Path(__file__).resolve().parents[2]

SITE_ROOT: Final = Path(os.environ.get("AF_SITE_DIR", REPO / "build" / "html"))
DOCS: Final = REPO / "docs"
ROOT_TEMPLATE: Final = DOCS / "_templates" / "root-index.html"
NOT_PAGES: Final = frozenset({"_ext", "_static", "_templates"})
#: Folders of a Sphinx build that hold assets and sources, not pages.
NOT_PAGE_DIRS: Final = frozenset({"_static", "_sources", "_images", "_downloads"})
HANGUL: Final = re.compile(
    "[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]"
)
#: Attributes whose text a reader meets (tooltips, screen readers, image text).
TEXT_ATTRIBUTES: Final = ("alt", "title", "aria-label", "placeholder")
NOT_BUILT: Final = (
    "The {edition} edition is not built: {missing} is missing. Run `make docs` "
    "(it builds every edition in DOCS_LANGUAGES into build/html/<language>)."
)


def pages() -> list[str]:
    """Return the pages of the site (docs/**/*.md, as Sphinx names them)."""
    return sorted(
        path.relative_to(DOCS).with_suffix("").as_posix()
        for path in DOCS.rglob("*.md")
        if not NOT_PAGES & set(path.relative_to(DOCS).parts)
    )


def edition_dir(edition: str) -> Path:
    """Return the folder of an edition, failing clearly when it was not built."""
    folder = SITE_ROOT / edition
    if not (folder / "index.html").is_file():
        pytest.fail(NOT_BUILT.format(edition=edition, missing=folder / "index.html"))
    return folder


def html_pages(edition: str) -> list[str]:
    """Return every HTML page of an edition ("sigmoid.html", "search.html"...)."""
    folder = edition_dir(edition)
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*.html")
        if path.relative_to(folder).parts[0] not in NOT_PAGE_DIRS
    )


@functools.cache
def soup(edition: str, page: str) -> BeautifulSoup:
    """Parse a built page once per session."""
    path = edition_dir(edition) / page
    if not path.is_file():
        pytest.fail(f"{path.relative_to(SITE_ROOT)} was not built")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def in_korean(element: Tag) -> bool:
    """Tell whether an element is, or is inside, an element marked lang="ko"."""
    return any(
        str(node.get("lang", "")).split("-")[0] == "ko"
        for node in [element, *element.parents]
    )


def hangul_shown(page: str) -> list[str]:
    """Return the Hangul that the English page shows outside lang="ko" marks."""
    tree = BeautifulSoup(str(soup("en", page)), "html.parser")
    for element in tree.select("script, style, template"):
        element.decompose()
    found = []
    for text in tree.find_all(string=HANGUL):
        parent = text.parent
        if isinstance(parent, Tag) and not in_korean(parent):
            found.append(f"<{parent.name}> {' '.join(text.split())[:80]!r}")
    for element in tree.find_all(True):
        if in_korean(element):
            continue
        for attribute in TEXT_ATTRIBUTES:
            value = str(element.get(attribute) or "")
            if HANGUL.search(value):
                found.append(f"<{element.name} {attribute}={value[:80]!r}>")
    return found


def switchers(edition: str, page: str) -> list[Tag]:
    """Return the language switcher links of a page (links with hreflang)."""
    return list(soup(edition, page).select("a[hreflang]"))


def content_ids(edition: str, page: str) -> set[str]:
    """Return the ids inside the article of a page (sections, figures, terms...)."""
    article = soup(edition, page).select_one("article.bd-article")
    assert article is not None, f"{edition}/{page} has no article"
    return {str(element["id"]) for element in article.find_all(id=True)}


class TestEnglishEdition:
    """The English edition has every page, in English."""

    @pytest.mark.parametrize("page", pages())
    def test_page_is_built(self, page: str) -> None:
        """Each page of docs/ is built in the English edition."""
        assert (edition_dir("en") / f"{page}.html").is_file()

    @pytest.mark.parametrize("edition", ["ko", "en"])
    def test_language_attribute(self, edition: str) -> None:
        """Every page declares its edition's language on <html>."""
        wrong = []
        for page in html_pages(edition):
            html = soup(edition, page).find("html")
            lang = html.get("lang") if isinstance(html, Tag) else None
            if lang != edition:
                wrong.append(f"{page}: lang={lang!r}")
        assert wrong == []

    @pytest.mark.parametrize("page", [f"{p}.html" for p in pages()])
    def test_no_hangul_shown(self, page: str) -> None:
        """No Hangul on the page (text, alt text, tooltips) outside lang="ko" marks."""
        assert hangul_shown(page) == []

    def test_no_hangul_on_generated_pages(self) -> None:
        """The index, search and module pages show no Hangul either."""
        generated = [
            p for p in html_pages("en") if p.removesuffix(".html") not in pages()
        ]
        assert len(generated) >= 2
        found = {page: hangul_shown(page) for page in generated}
        assert {page: words for page, words in found.items() if words} == {}

    def test_korean_marks_only_where_allowed(self) -> None:
        """lang="ko" marks only the switcher and, on the glossary, Korean names."""
        wrong = []
        for page in html_pages("en"):
            for element in soup("en", page).select('[lang="ko"], [lang^="ko-"]'):
                classes = element.get_attribute_list("class")
                switcher = element.name == "a" and "edition-switcher" in classes
                glossary_name = page == "glossary.html" and element.name == "span"
                if not (switcher or glossary_name):
                    wrong.append(
                        f"{page}: <{element.name}> {element.get_text()[:40]!r}"
                    )
        assert wrong == []

    def test_glossary_shows_korean_names(self) -> None:
        """The English glossary gives the Korean name of its terms (marked lang="ko")."""
        names = soup("en", "glossary.html").select('dl.glossary span[lang="ko"]')
        terms = soup("en", "glossary.html").select("dl.glossary > dt")
        assert len(terms) > 0
        assert len(names) >= len(terms)


def output_table_headers(edition: str, page: str) -> list[str]:
    """Return the header row of each table that a code cell printed on the page."""
    return [
        " | ".join(th.get_text(" ", strip=True) for th in table.select("thead th"))
        for table in soup(edition, page).select("div.cell_output table")
    ]


class TestCellOutputLanguage:
    """The tables that the pages' code cells print are in the edition's language."""

    def test_tables_follow_the_edition(self) -> None:
        """Where the editions' column labels differ, Korean ones are Korean, English ones English."""
        differing, wrong = 0, []
        for page in [f"{p}.html" for p in pages()]:
            korean, english = (output_table_headers(e, page) for e in ("ko", "en"))
            assert len(korean) == len(english), page
            for ko, en in zip(korean, english, strict=True):
                if ko == en:
                    continue  # only symbols and names (z, g(z), Sigmoid)
                differing += 1
                if not HANGUL.search(ko) or HANGUL.search(en):
                    wrong.append(f"{page}: {ko[:40]!r} / {en[:40]!r}")
        assert wrong == []
        assert differing >= 4, "the editions' printed tables should differ in words"


class TestEnglishInterface:
    """The theme's interface reads in English on the English pages."""

    def test_title(self) -> None:
        """The window title ends with the English project name."""
        title = soup("en", "sigmoid.html").title
        assert title is not None
        assert title.get_text().endswith("Activation Functions")

    def test_author_line(self) -> None:
        """The footer names the course team in English."""
        author = soup("en", "index.html").select_one(".component-author")
        assert author is not None
        assert (
            " ".join(author.get_text(" ", strip=True).split())
            == "By the activation-functions course team"
        )

    def test_contents_and_navigation(self) -> None:
        """The page's table of contents and the previous/next links are in English."""
        page = soup("en", "sigmoid.html")
        toc = page.select_one(".onthispage")
        labels = [e.get_text(strip=True) for e in page.select(".prev-next-subtitle")]
        assert toc is not None
        assert (toc.get_text(strip=True), labels) == ("Contents", ["previous", "next"])

    def test_search_field(self) -> None:
        """The search field asks in English."""
        field = soup("en", "sigmoid.html").select_one("input[name=q]")
        assert field is not None
        assert field.get("placeholder") == "Search..."

    def test_code_cell_toggles(self) -> None:
        """Folded code cells offer "Show code cell source" in English."""
        text = soup("en", "sigmoid.html").get_text(" ")
        assert "Show code cell source" in text


class TestLanguageSwitcher:
    """Every page links to the same page in the other edition."""

    @pytest.mark.parametrize("edition", ["ko", "en"])
    def test_one_switcher_per_page(self, edition: str) -> None:
        """Each page has exactly one hreflang link, to the other edition, labelled in its language."""
        edition_info = EDITIONS[edition]
        wrong = []
        for page in html_pages(edition):
            found = [
                (a.get("hreflang"), a.get("lang"), a.get_text(strip=True))
                for a in switchers(edition, page)
            ]
            expected = [(edition_info.other, edition_info.other, edition_info.label)]
            if found != expected:
                wrong.append(f"{page}: {found}")
        assert wrong == []

    @pytest.mark.parametrize("edition", ["ko", "en"])
    def test_switcher_leads_to_the_same_page(self, edition: str) -> None:
        """The switcher's link resolves to the same page, built, in the other edition."""
        other = EDITIONS[edition].other
        wrong = []
        for page in html_pages(edition):
            for link in switchers(edition, page):
                here = posixpath.dirname(f"{edition}/{page}")
                target = posixpath.normpath(posixpath.join(here, str(link["href"])))
                if target != f"{other}/{page}" or not (SITE_ROOT / target).is_file():
                    wrong.append(f"{edition}/{page} -> {target}")
        assert wrong == []

    @pytest.mark.parametrize("page", [f"{p}.html" for p in pages()])
    def test_anchors_are_the_same(self, page: str) -> None:
        """The page's ids are the same in both editions, so #anchors carry over."""
        assert content_ids("ko", page) == content_ids("en", page)

    def test_switcher_remembers_the_choice(self) -> None:
        """The switcher's script stores the chosen edition under the root page's key."""
        scripts = [
            script.get_text()
            for script in soup("ko", "index.html").select(".header-article-item script")
        ]
        assert any(
            EDITION_STORAGE_KEY in s and "location.hash" in s for s in scripts
        ), scripts


class TestRootPage:
    """build/html/index.html sends readers to their edition."""

    @staticmethod
    def root() -> str:
        """Return the root page's HTML."""
        path = SITE_ROOT / "index.html"
        if not path.is_file():
            pytest.fail(f"{path} is missing: run `make docs`")
        return path.read_text(encoding="utf-8")

    def test_root_is_the_template(self) -> None:
        """The root page is the current docs/_templates/root-index.html."""
        assert ROOT_TEMPLATE.read_text(encoding="utf-8") == self.root()

    def test_redirect_logic(self) -> None:
        """The script reads the stored choice, then the browser's languages, and redirects."""
        scripts = " ".join(
            s.get_text() for s in BeautifulSoup(self.root(), "html.parser")("script")
        )
        needed = [EDITION_STORAGE_KEY, "navigator.languages", "location.replace"]
        assert [n for n in needed if n not in scripts] == []

    def test_links_without_javascript(self) -> None:
        """Without JavaScript the page links to both editions' home pages."""
        links = {
            str(a.get("hreflang")): str(a.get("href"))
            for a in BeautifulSoup(self.root(), "html.parser").select("a[hreflang]")
        }
        assert links == {"ko": "ko/index.html", "en": "en/index.html"}
        missing = [h for h in links.values() if not (SITE_ROOT / h).is_file()]
        assert missing == []
