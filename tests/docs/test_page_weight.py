"""The built site stays light: small figures, and a small page shell, in every edition.

The browser test (tests/browser/test_pages.py, ``TestPageWeight``) weighs what a page
really loads, fonts included. This file needs no browser: it weighs each figure file,
and each page's HTML with the stylesheets and scripts it links, gzip-compressed.
"""

from __future__ import annotations

import gzip
import html.parser
import os
from functools import cache
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlsplit

import pytest

REPO: Final = Path(__file__).resolve().parents[2]
SITE_ROOT: Final = Path(
    os.environ.get("AF_SITE_DIR", REPO / "build" / "html")
).resolve()
EDITIONS: Final = ("ko", "en")
#: Each figure (a PNG under _images) at most this many KiB on disk.
FIGURE_BUDGET_KIB: Final = 150
#: A page's HTML + linked CSS + linked JS, gzip-compressed, at most this many KiB.
#: (The browser test holds the same 250 KiB budget with fonts added.)
SHELL_BUDGET_KIB: Final = 250
NOT_BUILT: Final = (
    "The site is not built ({missing} is missing): run `make docs` first."
)


def editions() -> list[Path]:
    """Return the built editions' folders, Korean first."""
    return [
        SITE_ROOT / lang
        for lang in EDITIONS
        if (SITE_ROOT / lang / "index.html").is_file()
    ]


def figures() -> list[str]:
    """Return every figure of every edition as "<edition>/_images/<file>"."""
    return sorted(
        path.relative_to(SITE_ROOT).as_posix()
        for edition in editions()
        for path in (edition / "_images").glob("*")
        if path.is_file()
    )


def pages() -> list[str]:
    """Return every page of every edition as "<edition>/<path>.html"."""
    return sorted(
        path.relative_to(SITE_ROOT).as_posix()
        for edition in editions()
        for path in edition.rglob("*.html")
        if not {"_sources", "_static", "_images"}.intersection(
            path.relative_to(edition).parts
        )
    )


def site_file(relative: str) -> Path:
    """Return the built file ``relative`` to the site root, failing if unbuilt."""
    landing = SITE_ROOT / "ko" / "index.html"
    if not landing.is_file():
        pytest.fail(NOT_BUILT.format(missing=landing), pytrace=False)
    return SITE_ROOT / relative


@cache
def gzip_size(path: Path) -> int:
    """Return the size in bytes of ``path`` gzip-compressed (level 6, as servers do)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


class _Assets(html.parser.HTMLParser):
    """Collects the stylesheets and scripts an HTML page links."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(str(found["src"]))
        rel = (found.get("rel") or "").split()
        if tag == "link" and found.get("href") and "stylesheet" in rel:
            self.urls.append(str(found["href"]))


def linked_assets(page: Path) -> list[Path]:
    """Return the local CSS and JS files that ``page`` links, each once."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    assets: list[Path] = []
    for url in parser.urls:
        split = urlsplit(url)
        if split.scheme or split.netloc:
            continue  # another host: tests/browser fails the page for that
        path = (page.parent / unquote(split.path)).resolve()
        if path not in assets:
            assets.append(path)
    return assets


FIGURES: Final = figures() or ["ko/_images/(site not built)"]
PAGES: Final = pages() or ["ko/index.html"]


class TestFigureWeight:
    """Figures are light enough for a phone connection."""

    @pytest.mark.parametrize("figure", FIGURES, ids=FIGURES)
    def test_figure_fits_the_budget(self, figure: str) -> None:
        """Each figure file is at most 150 KiB."""
        size = site_file(figure).stat().st_size
        assert size <= FIGURE_BUDGET_KIB * 1024, f"{size / 1024:.1f} KiB"


class TestShellWeight:
    """A page with the stylesheets and scripts it links stays under budget."""

    @pytest.mark.parametrize("page", PAGES, ids=PAGES)
    def test_html_css_js_fit_the_budget(self, page: str) -> None:
        """The page's HTML, CSS and JS total at most 250 KiB gzip-compressed."""
        html_file = site_file(page)
        parts = [html_file, *linked_assets(html_file)]
        missing = [str(path) for path in parts if not path.is_file()]
        sizes = {path: gzip_size(path) for path in parts if path.is_file()}
        table = "\n".join(
            f"{size / 1024:8.1f} KiB  {path.relative_to(SITE_ROOT)}"
            for path, size in sorted(sizes.items(), key=lambda item: -item[1])
        )
        total = sum(sizes.values())
        assert missing == []
        assert total <= SHELL_BUDGET_KIB * 1024, table
