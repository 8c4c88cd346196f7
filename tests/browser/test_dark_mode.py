"""The site stays readable for a reader who chose the dark theme.

Here the choice is made the way a reader makes it: the theme's switcher stores
``localStorage.mode = "dark"`` (and the system asks for ``prefers-color-scheme: dark``),
and the page is loaded afresh. On the landing page and a function page of each
edition the theme must come up dark and axe's colour-contrast rule must pass; one
full-page screenshot per edition lands in ``test-artifacts/dark-mode/`` for a human
to look at, and must be dark. (Every page's text contrast in the dark theme is
measured in test_pages.py, ``TestDarkMode``.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Page

REPO: Final = Path(__file__).resolve().parents[2]
ARTIFACTS: Final = REPO / "test-artifacts" / "dark-mode"
#: The pages checked with axe in dark mode: the landing page and a function page.
TYPICAL_PAGES: Final = ("index.html", "sigmoid.html")
#: A dark page: the median pixel of its screenshot is darker than this (0-255).
DARK_MEDIAN_GREY: Final = 80

#: Runs only axe's colour-contrast rule, on the whole page.
AXE_CONTRAST_JS: Final = """
async () => {
  const result = await axe.run(document, { runOnly: ['color-contrast'] });
  return result.violations.flatMap((v) => v.nodes.slice(0, 5).map((n) =>
    `[${v.impact}] ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\\s+/g, ' ')}`));
}
"""


@dataclass(frozen=True)
class DarkPage:
    """A page as a dark-theme reader gets it: the theme applied, axe's contrast verdict."""

    theme: str
    contrast_violations: tuple[str, ...]


#: Pages loaded by a dark-theme reader, each once per session.
_DARK_PAGES: dict[str, DarkPage] = {}


@pytest.fixture
def dark_page(
    dark: BrowserContext,
    base_url: str,
    edition: str,
    name: str,
    axe: Callable[[Page], list[str]],
) -> DarkPage:
    """Return ``<edition>/<name>`` loaded by a dark-theme reader (once per page)."""
    key = f"{edition}/{name}"
    if key not in _DARK_PAGES:
        page = dark.new_page()
        try:
            page.goto(f"{base_url}/{key}", wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            theme = str(page.evaluate("document.documentElement.dataset.theme"))
            axe(page)
            violations = tuple(str(v) for v in page.evaluate(AXE_CONTRAST_JS))
        finally:
            page.close()
        _DARK_PAGES[key] = DarkPage(theme, violations)
    return _DARK_PAGES[key]


@pytest.mark.parametrize("name", TYPICAL_PAGES)
class TestDarkTheme:
    """The reader's choice of the dark theme holds, and text stays readable."""

    def test_theme_comes_up_dark(self, dark_page: DarkPage) -> None:
        """The theme applies the stored choice: ``<html data-theme="dark">``."""
        assert dark_page.theme == "dark"

    def test_axe_colour_contrast_passes(self, dark_page: DarkPage) -> None:
        """axe finds no text too faint on its background."""
        assert list(dark_page.contrast_violations) == []


def median_grey(path: Path) -> int:
    """Return the median grey level (0-255) of the image at ``path``."""
    with Image.open(path) as image:
        histogram = image.convert("L").histogram()
    half, seen = sum(histogram) / 2, 0
    for grey, count in enumerate(histogram):
        seen += count
        if seen >= half:
            return grey
    return 255


class TestDarkScreenshot:
    """A screenshot per edition shows a dark page (and is kept for review)."""

    def test_landing_page_screenshot_is_dark(
        self, dark: BrowserContext, base_url: str, edition: str
    ) -> None:
        """The landing page's median pixel is dark; the PNG goes to test-artifacts."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"{edition}-index.png"
        page = dark.new_page()
        try:
            page.goto(f"{base_url}/{edition}/index.html", wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.screenshot(path=shot, full_page=True)
        finally:
            page.close()
        grey = median_grey(shot)
        assert grey < DARK_MEDIAN_GREY, f"median grey {grey}; see {shot}"
