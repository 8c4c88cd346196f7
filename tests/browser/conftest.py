"""Fixtures for testing the built site in a real browser (Debian chromium, headless).

The built site (``build/html/ko`` and, once it exists, ``build/html/en``) is served
from 127.0.0.1 on a free port by a threaded ``http.server`` running in this process;
Playwright drives ``/usr/bin/chromium`` (never a downloaded browser). No other host
resolves, so a request to the internet fails, and the tests record it.

Tests that take a ``page_path`` argument run once per built page ("ko/sigmoid.html");
tests that take ``edition`` run once per built edition ("ko", "en").

Accessibility is checked with axe-core from the npm registry, pinned in package.json
(``devDependencies``) and installed into node_modules by ``npm ci`` (``make docs``
runs it): :func:`axe_source` gives the script to inject, and :data:`AXE_RULES_JS` the
rules to run: every rule of axe that tests a WCAG 2.0, 2.1 or 2.2 success criterion
of level A or AA (:data:`WCAG_TAGS`), experimental ones included. Tests get them
through the fixtures ``axe`` (inject axe into a page, get the rule ids) and
``axe_version`` (the pinned version).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    sync_playwright,
)

REPO: Final = Path(__file__).resolve().parents[2]
#: Where ``make docs`` puts the site; AF_SITE_DIR points the tests at another copy.
SITE_ROOT: Final = Path(
    os.environ.get("AF_SITE_DIR", REPO / "build" / "html")
).resolve()
#: The editions in the order they are tested; Korean is the original.
EDITIONS: Final = ("ko", "en")
#: Folders of a Sphinx build that hold assets and sources, not pages.
NON_PAGE_DIRS: Final = frozenset({"_sources", "_static", "_images", "_downloads"})
CHROMIUM: Final = Path(os.environ.get("AF_CHROMIUM", "/usr/bin/chromium"))
#: Flags that keep chromium off the network (see FIELD-NOTES "Browser testing here").
CHROMIUM_ARGS: Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--no-default-browser-check",
    # Offline by construction: every host name but 127.0.0.1 fails to resolve, so a
    # page that needs the internet fails (tests record such requests by host).
    # Cheaper than routing every request through Playwright, which also turns
    # off the HTTP cache.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
#: Playwright's timeout for one action (ms); generous, as a busy 2-core machine is slow.
TIMEOUT_MS: Final = 60_000
#: axe-core as ``npm ci`` installs it from package-lock.json.
AXE_CORE: Final = REPO / "node_modules" / "axe-core"
#: axe's tags for the success criteria of WCAG 2.0, 2.1 and 2.2 at levels A and AA
#: (WCAG 2.2 added no level A criterion that axe tests; ``wcag2a-obsolete`` marks
#: 4.1.1 Parsing, which WCAG 2.2 removed).
WCAG_TAGS: Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
#: The ids of every axe rule with one of WCAG_TAGS; run them with
#: ``axe.run(context, {runOnly: {type: 'rule', values: ids}})``. Naming the rules
#: runs the experimental ones too, which a tag selection would leave out.
AXE_RULES_JS: Final = (
    f"() => axe.getRules({json.dumps(list(WCAG_TAGS))}).map((rule) => rule.ruleId)"
)
NOT_BUILT: Final = (
    "The site is not built: {missing} is missing. Run `make docs` first "
    "(it builds the Korean edition into build/html/ko)."
)


def pinned_axe_version() -> str:
    """Return the version of axe-core that package.json pins."""
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    return str(package["devDependencies"]["axe-core"])


@functools.cache
def axe_source() -> str:
    """Return ``axe.min.js`` of the pinned axe-core, failing if another one is installed."""
    installed = AXE_CORE / "package.json"
    if not installed.is_file():
        pytest.fail(
            f"{AXE_CORE} is missing: run `npm ci` (make docs runs it).", pytrace=False
        )
    version = json.loads(installed.read_text(encoding="utf-8"))["version"]
    if version != pinned_axe_version():
        pytest.fail(
            f"node_modules holds axe-core {version}, package.json pins "
            f"{pinned_axe_version()}: run `npm ci`.",
            pytrace=False,
        )
    return (AXE_CORE / "axe.min.js").read_text(encoding="utf-8")


def built_editions(root: Path = SITE_ROOT) -> list[str]:
    """Return the editions whose landing page exists under ``root``, Korean first."""
    return [lang for lang in EDITIONS if (root / lang / "index.html").is_file()]


def site_pages(root: Path = SITE_ROOT) -> list[str]:
    """Return every built HTML page as ``"<edition>/<path>"``, sorted within editions."""
    pages: list[str] = []
    for lang in built_editions(root):
        edition_dir = root / lang
        found = sorted(
            path.relative_to(edition_dir).as_posix()
            for path in edition_dir.rglob("*.html")
            if not NON_PAGE_DIRS.intersection(path.relative_to(edition_dir).parts[:-1])
        )
        pages.extend(f"{lang}/{page}" for page in found)
    return pages


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker for tests that need the English edition."""
    config.addinivalue_line(
        "markers",
        "english_edition: needs build/html/en (deselect with -m 'not english_edition' "
        "until the English edition is built by make docs)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``page_path`` over the built pages and ``edition`` over editions."""
    if "page_path" in metafunc.fixturenames:
        # Without a build, one placeholder keeps the test visible; it fails in
        # the site_root fixture with an instruction instead of silently vanishing.
        pages = site_pages() or ["ko/index.html"]
        metafunc.parametrize("page_path", pages, ids=pages)
    if "edition" in metafunc.fixturenames:
        editions = built_editions() or ["ko"]
        metafunc.parametrize("edition", editions, ids=editions)


@pytest.fixture(scope="session")
def site_root() -> Path:
    """Return the folder that holds the built editions, failing if Korean is missing."""
    landing = SITE_ROOT / "ko" / "index.html"
    if not landing.is_file():
        pytest.fail(NOT_BUILT.format(missing=landing), pytrace=False)
    return SITE_ROOT


@pytest.fixture(scope="session")
def axe_version() -> str:
    """Return the version of axe-core that package.json pins."""
    return pinned_axe_version()


@pytest.fixture(scope="session")
def axe() -> Callable[[Page], list[str]]:
    """Return a function that puts the pinned axe-core into a page.

    It returns the ids of the rules to run there: every WCAG 2.0-2.2 A/AA rule.
    """
    source = axe_source()

    def inject(page: Page) -> list[str]:
        page.evaluate(source)
        return [str(rule) for rule in page.evaluate(AXE_RULES_JS)]

    return inject


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that keeps the test output free of access logs."""

    def log_message(self, format: str, *args: object) -> None:
        """Drop the access log line."""


@pytest.fixture(scope="session")
def base_url(site_root: Path) -> Iterator[str]:
    """Serve ``site_root`` on 127.0.0.1 (free port) and yield its URL without a slash."""
    handler = functools.partial(_QuietHandler, directory=str(site_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, name="site-server", daemon=True
    )
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Start Playwright's driver once per session."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Launch Debian's chromium headless once per session."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} not found: run `make browser-deps` "
            "(installs the Debian packages chromium and fonts-nanum).",
            pytrace=False,
        )
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    """Return the shared desktop context (1280 x 900, light colour scheme)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="light"
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def dark(browser: Browser) -> Iterator[BrowserContext]:
    """Return a desktop context whose system prefers a dark colour scheme.

    Nothing is stored: the pages follow ``prefers-color-scheme`` as they do for
    a reader who never used the theme's switcher (tests that use the switcher
    make their own context, since its choice is kept in localStorage).
    """
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="dark"
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """Return a phone's context: 375 x 800, touch, light colour scheme."""
    context = browser.new_context(
        viewport={"width": 375, "height": 800},
        has_touch=True,
        is_mobile=True,
        color_scheme="light",
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()
