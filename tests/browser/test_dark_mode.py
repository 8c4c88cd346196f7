"""The reader's colour scheme: the system's preference by default, the reader's choice kept.

The pages follow ``prefers-color-scheme`` (pydata-sphinx-theme's ``default_mode``
is ``auto``), which the ``dark`` context sets as a reader's system would, with
nothing stored; the ``desktop`` context prefers light. A reader who picks a
scheme with the theme's switcher keeps it on the next page and after a reload,
whatever the system prefers.

On the landing page and a function page of each edition, a dark system gives
the dark theme and axe's colour-contrast rule passes; one full-page screenshot
per edition lands in ``test-artifacts/dark-mode/`` for a human to look at, and
must be dark. (Every page's text contrast in the dark theme is measured in
test_pages.py, ``TestDarkMode``.)

Figures are PNGs drawn on white. In the dark theme the theme shows them through
a CSS filter (``brightness(.8) contrast(1.2)``) on a light card; each line
colour of each figure (the library's ``plotting.PALETTE``) is measured against
the figure's background as the reader sees both, in both schemes, and must
reach WCAG's 3:1 for graphical objects (1.4.11).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page

from activation_functions.plotting import PALETTE

LOG: Final = logging.getLogger(__name__)
REPO: Final = Path(__file__).resolve().parents[2]
ARTIFACTS: Final = REPO / "test-artifacts" / "dark-mode"
#: The pages checked with axe in dark mode: the landing page and a function page.
TYPICAL_PAGES: Final = ("index.html", "sigmoid.html")
#: The pages with figures, whose line colours are measured.
FIGURE_PAGES: Final = (
    "background.html",
    "comparison.html",
    "sigmoid.html",
    "tanh.html",
    "relu.html",
    "leaky-relu.html",
    "why-nonlinear.html",
)
#: A dark page: the median pixel of its screenshot is darker than this (0-255).
DARK_MEDIAN_GREY: Final = 80
#: WCAG 2.1 success criterion 1.4.11: graphical objects against adjacent colours.
GRAPHICS_CONTRAST: Final = 3.0
#: A palette colour counts as a line of a figure from this many exact pixels on.
MIN_LINE_PIXELS: Final = 20

#: Runs only axe's colour-contrast rule, on the whole page.
AXE_CONTRAST_JS: Final = """
async () => {
  const result = await axe.run(document, { runOnly: ['color-contrast'] });
  return result.violations.flatMap((v) => v.nodes.slice(0, 5).map((n) =>
    `[${v.impact}] ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\\s+/g, ' ')}`));
}
"""

#: For every image of the article: each palette colour drawn in it (at least
#: MIN_LINE_PIXELS exact pixels) as the reader sees it, against the image's
#: background as the reader sees it. "As the reader sees it" is the pixel
#: drawn through the image's computed CSS filter over its CSS background (the
#: theme's card), on a canvas at the image's own resolution.
FIGURE_CONTRAST_JS: Final = """
async ([palette, minPixels]) => {
  const luminance = (r, g, b) => {
    const lin = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(...a), luminance(...b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (data, i) => '#' + [0, 1, 2]
    .map((k) => data[i + k].toString(16).padStart(2, '0')).join('').toUpperCase();
  const wanted = new Set(palette.map((colour) => colour.toUpperCase()));
  const found = [];
  for (const img of document.querySelectorAll('.bd-article img')) {
    img.loading = 'eager';
    await img.decode();
    const [w, h] = [img.naturalWidth, img.naturalHeight];
    const plain = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
    plain.drawImage(img, 0, 0);
    const source = plain.getImageData(0, 0, w, h).data;
    const style = getComputedStyle(img);
    const seen = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
    seen.filter = style.filter === 'none' ? 'none' : style.filter;
    seen.fillStyle = style.backgroundColor;
    seen.fillRect(0, 0, w, h);
    seen.drawImage(img, 0, 0);
    const shown = seen.getImageData(0, 0, w, h).data;
    const counts = new Map();
    const first = new Map();
    for (let i = 0; i < source.length; i += 4) {
      if (source[i + 3] !== 255) continue;
      const colour = hex(source, i);
      counts.set(colour, (counts.get(colour) || 0) + 1);
      if (!first.has(colour)) first.set(colour, i);
    }
    const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const at = (i) => [shown[i], shown[i + 1], shown[i + 2]];
    const back = at(first.get(background));
    for (const [colour, count] of counts) {
      if (!wanted.has(colour) || count < minPixels) continue;
      const line = at(first.get(colour));
      found.push({
        image: img.getAttribute('src').split('/').pop().slice(0, 12),
        colour, shown: hex(shown, first.get(colour)),
        background: hex(shown, first.get(background)),
        ratio: ratio(line, back),
      });
    }
  }
  return found;
}
"""


@dataclass(frozen=True)
class DarkPage:
    """A page as a reader whose system prefers dark gets it."""

    theme: str
    contrast_violations: tuple[str, ...]


@dataclass(frozen=True)
class LineContrast:
    """One colour of a figure, as shown, against the figure's background as shown."""

    image: str
    colour: str
    shown: str
    background: str
    ratio: float

    def __str__(self) -> str:
        """Describe the measurement for a failure message."""
        return (
            f"{self.image}: line {self.colour} shown as {self.shown} on "
            f"{self.background}: {self.ratio:.2f}"
        )


#: Pages loaded by a reader whose system prefers dark, each once per session.
_DARK_PAGES: dict[str, DarkPage] = {}


@pytest.fixture
def dark_page(
    dark: BrowserContext,
    base_url: str,
    edition: str,
    name: str,
    axe: Callable[[Page], list[str]],
) -> DarkPage:
    """Return ``<edition>/<name>`` loaded with a dark system preference (once per page)."""
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


@pytest.fixture
def browser_dark_context(browser: Browser) -> Iterator[BrowserContext]:
    """Return a fresh context on a dark system, whose storage no other test shares."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="dark"
    )
    try:
        yield context
    finally:
        context.close()


def theme_of(page: Page) -> tuple[str, str]:
    """Return the page's (mode, theme): the reader's setting and what it resolves to."""
    mode, theme = page.evaluate(
        "[document.documentElement.dataset.mode, document.documentElement.dataset.theme]"
    )
    return str(mode), str(theme)


@pytest.mark.parametrize("name", TYPICAL_PAGES)
class TestSystemPreference:
    """A reader who never touched the switcher gets the scheme their system prefers."""

    def test_dark_system_gives_the_dark_theme(self, dark_page: DarkPage) -> None:
        """``prefers-color-scheme: dark``, nothing stored: ``<html data-theme="dark">``."""
        assert dark_page.theme == "dark"

    def test_axe_colour_contrast_passes(self, dark_page: DarkPage) -> None:
        """axe finds no text too faint on its background in the dark theme."""
        assert list(dark_page.contrast_violations) == []

    def test_light_system_gives_the_light_theme(
        self, desktop: BrowserContext, base_url: str, edition: str, name: str
    ) -> None:
        """``prefers-color-scheme: light``, nothing stored: the light theme, mode auto."""
        page = desktop.new_page()
        try:
            page.goto(f"{base_url}/{edition}/{name}", wait_until="load")
            found = theme_of(page)
        finally:
            page.close()
        assert found == ("auto", "light")


class TestReaderChoice:
    """The scheme a reader picks wins over the system's, and stays."""

    def test_choice_survives_reload_and_other_pages(
        self, browser_dark_context: BrowserContext, base_url: str, edition: str
    ) -> None:
        """On a dark system, picking light keeps light after a reload and on the next page."""
        page = browser_dark_context.new_page()
        try:
            page.goto(f"{base_url}/{edition}/sigmoid.html", wait_until="load")
            before = theme_of(page)
            page.locator(".theme-switch-button").first.click()
            page.locator(".theme-change-button[data-mode='light']").first.click()
            chosen = theme_of(page)
            page.reload(wait_until="load")
            reloaded = theme_of(page)
            page.goto(f"{base_url}/{edition}/tanh.html", wait_until="load")
            elsewhere = theme_of(page)
        finally:
            page.close()
        assert [before, chosen, reloaded, elsewhere] == [
            ("auto", "dark"),
            ("light", "light"),
            ("light", "light"),
            ("light", "light"),
        ]

    def test_system_change_is_followed_until_a_choice(
        self, desktop: BrowserContext, base_url: str, edition: str
    ) -> None:
        """With no choice stored, the page turns dark when the system does."""
        page = desktop.new_page()
        try:
            page.goto(f"{base_url}/{edition}/index.html", wait_until="load")
            page.emulate_media(color_scheme="dark")
            page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
            found = theme_of(page)
        finally:
            page.close()
        assert found == ("auto", "dark")


@pytest.fixture(params=["light", "dark"])
def scheme(
    request: pytest.FixtureRequest, desktop: BrowserContext, dark: BrowserContext
) -> tuple[str, BrowserContext]:
    """Return a colour scheme the system prefers and a context that prefers it."""
    name = str(request.param)
    return name, dark if name == "dark" else desktop


@pytest.mark.parametrize("name", FIGURE_PAGES)
class TestFigures:
    """Every line of every figure keeps 3:1 against the figure's background, as shown."""

    def test_line_colours_contrast_with_the_background(
        self,
        scheme: tuple[str, BrowserContext],
        base_url: str,
        edition: str,
        name: str,
    ) -> None:
        """Each palette colour a figure draws reaches 3:1 (WCAG 1.4.11) as shown."""
        wanted, context = scheme
        page = context.new_page()
        try:
            page.goto(f"{base_url}/{edition}/{name}", wait_until="load")
            theme = theme_of(page)[1]
            measured = [
                LineContrast(**found)
                for found in page.evaluate(
                    FIGURE_CONTRAST_JS, [list(PALETTE), MIN_LINE_PIXELS]
                )
            ]
        finally:
            page.close()
        for line in measured:
            LOG.info("%s/%s, %s: %s", edition, name, wanted, line)
        too_faint = [str(m) for m in measured if m.ratio < GRAPHICS_CONTRAST]
        assert (theme, bool(measured), too_faint) == (wanted, True, [])


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
