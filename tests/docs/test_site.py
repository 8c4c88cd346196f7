"""Checks on the built Korean site (build/html/ko) that need no browser.

``make test`` builds the site (``make docs``) before these run; AF_SITE_DIR
points them at another build (its ``ko/`` folder is tested). Every page is
parsed once; the checks cover what a reader without a network would notice:
pages that are missing, TeX that was never typeset, images without alt text,
assets fetched from other hosts, and English or wrong Korean interface text.
"""

from __future__ import annotations

import functools
import os
import re
import time
from pathlib import Path
from typing import Final

import pytest
from bs4 import BeautifulSoup, Tag
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

import activation_functions as af
from course_site.theme_assets import fontawesome_icons

REPO: Final = Path(__file__).resolve().parents[2]
SITE: Final = Path(os.environ.get("AF_SITE_DIR", REPO / "build" / "html")) / "ko"
#: The pages of the course in the notes' order, then the reference pages.
PAGES: Final = (
    "index",
    "background",
    "sigmoid",
    "tanh",
    "relu",
    "leaky-relu",
    "output-layer",
    "why-nonlinear",
    "comparison",
    "glossary",
    "api",
)
#: TeX control words that must never reach a reader as text.
RAW_TEX: Final = re.compile(
    r"\\(frac|dfrac|begin|end|left|right|text|mathrm|mathbf|operatorname|sum|prod"
    r"|cdot|partial|sigma|delta|alpha|infty|quad|qquad|approx|times|leq|geq|le|ge"
    r"|longrightarrow|rightarrow|downarrow|sqrt|exp|tanh|max|min)(?![A-Za-z])"
)
#: $...$ or $$ left in prose means a formula that MyST did not see as math.
RAW_DOLLARS: Final = re.compile(r"\$\$|\$[^$\s][^$]{0,80}\$")
EXTERNAL: Final = re.compile(r"^(https?:)?//", re.IGNORECASE)
#: Attributes that make the browser fetch something, per tag.
FETCHING_ATTRIBUTES: Final = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
#: English interface strings of Sphinx and the themes that must be Korean here.
ENGLISH_UI: Final = (
    "Skip to main content",
    "Back to top",
    "Color mode",
    "System Settings",
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Toggle hidden content",
    "Link to this heading",
    "On this page",
    "previous page",
    "next page",
    "Show code cell",
    "Hide code cell",
    "Fullscreen mode",
    "Search...",
    "© Copyright",
)
MAX_FIGURE_BYTES: Final = 150 * 1024
NOT_BUILT: Final = (
    "The site is not built: {missing} is missing. Run `make docs` first "
    "(it builds the Korean edition into build/html/ko)."
)


def page_file(name: str) -> Path:
    """Return the HTML file of page ``name``, failing clearly when it was not built."""
    path = SITE / f"{name}.html"
    if not path.is_file():
        pytest.fail(NOT_BUILT.format(missing=path))
    return path


@functools.cache
def soup(name: str) -> BeautifulSoup:
    """Parse page ``name`` once per test session."""
    return BeautifulSoup(page_file(name).read_text(encoding="utf-8"), "html.parser")


@functools.cache
def prose_text(name: str) -> str:
    """Return the text a reader sees on the page, without math, code and scripts."""
    tree = BeautifulSoup(str(soup(name)), "html.parser")
    code = ".katex, script, style, pre, code, .highlight, .sig, span.pre, .literal"
    for element in tree.select(code):
        element.decompose()
    return tree.get_text(" ")


def icon_font_codepoints() -> set[int]:
    """Return the code points of the cut-down icon font (read with fontTools)."""
    font = TTFont(SITE / "_static" / "icons" / "fa-solid-900.subset.woff2")
    return set(font.getBestCmap())


def all_pages() -> list[str]:
    """Return every HTML page of the build (content pages, indices, module code)."""
    if not SITE.is_dir():
        pytest.fail(NOT_BUILT.format(missing=SITE))
    return sorted(
        path.relative_to(SITE).with_suffix("").as_posix()
        for path in SITE.rglob("*.html")
        if not path.relative_to(SITE).parts[0].startswith("_static")
    )


class TestPages:
    """The site has every page of the course, at clean URLs."""

    @pytest.mark.parametrize("name", PAGES)
    def test_page_exists(self, name: str) -> None:
        """Each page of the course is built at the top of the site (sigmoid.html)."""
        assert page_file(name).stat().st_size > 0

    def test_no_docs_prefix(self) -> None:
        """Pages are not nested under docs/ (the URLs are clean)."""
        assert not (SITE / "docs").exists()

    @pytest.mark.parametrize("name", PAGES)
    def test_language_is_korean(self, name: str) -> None:
        """Every page declares Korean as its language."""
        html = soup(name).find("html")
        assert isinstance(html, Tag)
        assert html.get("lang") == "ko"

    def test_toctree_in_notes_order(self) -> None:
        """The navigation lists the pages in the notes' order."""
        nav = soup("index").select_one("nav.bd-docs-nav")
        assert nav is not None
        hrefs = [
            str(a.get("href", "")).removesuffix(".html")
            for a in nav.select("a.reference.internal")
        ]
        assert [p for p in PAGES if p != "index"] == [h for h in hrefs if h in PAGES]


class TestMath:
    """Formulas are typeset at build time; the reader never sees TeX."""

    @pytest.mark.parametrize("name", PAGES)
    def test_no_raw_tex(self, name: str) -> None:
        """No TeX control word is left in the page's prose."""
        text = prose_text(name)
        assert RAW_TEX.findall(text) == []

    @pytest.mark.parametrize("name", PAGES)
    def test_no_raw_dollars(self, name: str) -> None:
        """No $...$ pair is left in the page's prose."""
        assert RAW_DOLLARS.findall(prose_text(name)) == []

    @pytest.mark.parametrize("name", PAGES)
    def test_no_katex_errors(self, name: str) -> None:
        """No formula failed to render (KaTeX marks those katex-error)."""
        assert soup(name).select(".katex-error") == []

    def test_math_is_prerendered(self) -> None:
        """The pages carry KaTeX's HTML and no math script (MathJax, KaTeX JS)."""
        page = soup("sigmoid")
        assert len(page.select("span.katex")) > 0
        scripts = [str(s.get("src", "")) for s in page.find_all("script")]
        assert [
            s for s in scripts if re.search(r"mathjax|katex", s, re.IGNORECASE)
        ] == []

    def test_katex_fonts_are_served(self) -> None:
        """Every font that katex.min.css names is in _static/katex/fonts."""
        css_file = SITE / "_static" / "katex" / "katex.min.css"
        css = css_file.read_text(encoding="utf-8")
        fonts = re.findall(r"url\((fonts/[^)]+)\)", css)
        assert len(fonts) >= 20
        missing = [f for f in fonts if not (css_file.parent / f).is_file()]
        assert missing == []


class TestAssets:
    """Nothing is fetched from another host, and images are accessible and light."""

    def test_no_external_fetches(self) -> None:
        """No script, stylesheet, image or frame on any page comes from another host."""
        found = []
        for name in all_pages():
            for tag, attributes in FETCHING_ATTRIBUTES.items():
                for element in soup(name).find_all(tag):
                    for attribute in attributes:
                        value = str(element.get(attribute) or "")
                        if tag == "link" and "canonical" in str(element.get("rel")):
                            continue
                        if EXTERNAL.match(value):
                            found.append(f"{name}: <{tag} {attribute}={value!r}>")
        assert found == []

    def test_no_external_urls_in_css(self) -> None:
        """No stylesheet imports a font or sheet from another host."""
        pattern = re.compile(r"(@import\s+|url\(\s*)['\"]?(https?:)?//", re.IGNORECASE)
        found = [
            str(path.relative_to(SITE))
            for path in (SITE / "_static").rglob("*.css")
            if pattern.search(path.read_text(encoding="utf-8"))
        ]
        assert found == []

    def test_no_fontawesome_script(self) -> None:
        """The FontAwesome script (538 KB gzipped) is neither linked nor shipped."""
        scripts = [str(s.get("src", "")) for s in soup("index").find_all("script")]
        assert [s for s in scripts if "fontawesome" in s] == []
        assert not (SITE / "_static" / "scripts" / "fontawesome.js").exists()

    def test_icons_have_glyphs(self) -> None:
        """Every FontAwesome icon on the pages is in the cut-down icon font."""
        points = icon_font_codepoints()
        css = "".join(
            path.read_text(encoding="utf-8")
            for path in (SITE / "_static" / "styles").glob("pydata-sphinx-theme*.css")
        )
        rules = fontawesome_icons(css)
        used = {
            name
            for page in PAGES
            for element in soup(page).select("i[class*='fa-'], span[class*='fa-']")
            for name in re.findall(r"\bfa-([a-z0-9-]+)", " ".join(element["class"]))
        }
        icons = {name: rules[name] for name in used if name in rules}
        assert len(icons) >= 10
        assert (
            sorted(name for name, point in icons.items() if point not in points) == []
        )

    @pytest.mark.parametrize("name", PAGES)
    def test_images_have_alt_text(self, name: str) -> None:
        """Every image on the page has a non-empty alt text."""
        missing = [
            str(img.get("src"))
            for img in soup(name).find_all("img")
            if not str(img.get("alt") or "").strip()
        ]
        assert missing == []

    def test_figures_are_light_pngs(self) -> None:
        """Every figure is a PNG of at most 150 KB."""
        images = list((SITE / "_images").glob("*"))
        heavy = [p.name for p in images if p.stat().st_size > MAX_FIGURE_BYTES]
        assert heavy == []
        assert [p.name for p in images if p.suffix.lower() not in {".png"}] == []


class TestInterface:
    """The theme speaks Korean, and the answers to exercises start folded."""

    @pytest.mark.parametrize("name", ["index", "sigmoid", "api"])
    def test_no_english_interface_strings(self, name: str) -> None:
        """Known English interface strings are translated on the page."""
        html = page_file(name).read_text(encoding="utf-8")
        assert [s for s in ENGLISH_UI if s in html] == []

    @pytest.mark.parametrize("name", ["index", "sigmoid"])
    def test_one_prev_next_bar(self, name: str) -> None:
        """The previous/next links appear once at the end of a page, not twice."""
        assert len(soup(name).select(".prev-next-area")) == 1

    def test_author_line(self) -> None:
        """The footer names the author as 지은이, not with the theme's "으로"."""
        author = soup("index").select_one(".component-author")
        assert author is not None
        assert author.get_text(" ", strip=True).startswith("지은이:")

    def test_copyright_year(self, source_date_epoch: str) -> None:
        """The footer's year is the build's: SOURCE_DATE_EPOCH's, never in the future."""
        footer = soup("index").select_one("p.copyright")
        assert footer is not None
        year = min(
            time.gmtime(int(source_date_epoch)).tm_year, time.localtime().tm_year
        )
        author = "activation-functions 강의 팀"
        assert (
            " ".join(footer.get_text(" ", strip=True).split()) == f"© {year}, {author}."
        )

    def test_table_of_contents_title(self) -> None:
        """The page's own table of contents is titled 목차."""
        title = soup("sigmoid").select_one(".page-toc .onthispage, .onthispage")
        assert title is not None
        assert "목차" in title.get_text()

    @pytest.mark.parametrize("name", PAGES)
    def test_dropdowns_are_details(self, name: str) -> None:
        """Every dropdown admonition is a <details> element with a <summary>."""
        dropdowns = soup(name).select(".admonition.dropdown")
        assert [d.name for d in dropdowns if d.name != "details"] == []
        assert [d for d in dropdowns if d.find("summary") is None] == []


class TestApiReference:
    """The API reference documents the whole public API."""

    @pytest.mark.parametrize("name", af.__all__)
    def test_public_name_documented(self, name: str) -> None:
        """Each name in activation_functions.__all__ has an entry in api.html."""
        assert soup("api").find(id=f"activation_functions.{name}") is not None

    @pytest.mark.parametrize("module", ["network", "datasets", "plotting", "tables"])
    def test_submodule_documented(self, module: str) -> None:
        """Each submodule has its section in api.html."""
        assert soup("api").find(id=f"module-activation_functions.{module}") is not None
