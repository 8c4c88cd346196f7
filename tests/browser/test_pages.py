"""Every built page, opened in headless chromium: offline, error-free, accessible, light.

Each page is loaded once (``visit``) and what the browser saw is recorded, in this
order: console errors, failed and off-site requests, the images, links, math and
language switcher; axe-core's verdict and the heading outline; the text contrast
once the theme is switched to dark; the visible text with every fold-away open;
and, resized to a 375 px wide viewport, how wide the document is. The test classes
below assert on that record, so a page costs one load however many concerns are
checked (axe dominates: about 5 s a page, 25 s for the API page, on 2 busy cores).

axe-core is the pinned copy from npm (``conftest.axe_source``), run on the whole
page with every rule that tests a WCAG 2.0, 2.1 or 2.2 success criterion of level A
or AA, experimental rules included; a violation of any impact fails the page, and
no rule or element is left out. axe's best-practice rules are not run (``region``
alone took 9 s on the API page); the outline rules among them (one h1, no skipped
level) are tested here directly.
"""

from __future__ import annotations

import gzip
import html.parser
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response
from playwright.sync_api import Error as PlaywrightError

#: Visible text that means a formula reached the reader as TeX source.
RAW_TEX: Final = (
    "$$",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "\\frac",
    "\\begin{",
    "\\end{",
    "\\left",
    "\\right",
    "\\sigma",
    "\\tanh",
    "\\partial",
    "\\mathbf",
    "\\sum",
    "\\max",
    "\\exp",
    "\\cdot",
    "\\odot",
    "\\quad",
    "\\text",
    "\\operatorname",
)

#: The course's pages (docs/<name>.md), which every edition must contain.
COURSE_PAGES: Final = (
    "index.html",
    "background.html",
    "sigmoid.html",
    "tanh.html",
    "relu.html",
    "leaky-relu.html",
    "output-layer.html",
    "why-nonlinear.html",
    "comparison.html",
    "glossary.html",
    "api.html",
)
#: How the page is judged loaded: no request in flight for 300 ms (polled every
#: 100 ms, for at most 10 s).
SETTLE_POLL_MS: Final = 100
SETTLE_QUIET_MS: Final = 300
SETTLE_POLLS: Final = 100
#: The narrowest phone the site must fit without horizontal scrolling (CSS px).
PHONE_WIDTH: Final = 375
#: Budget for everything a page loads except its figures, gzip-compressed (KiB).
PAGE_BUDGET_KIB: Final = 250
#: Figures: the page's own images, excluded from the page budget (their own
#: budget is tests/docs/test_page_weight.py).
FIGURE_DIRS: Final = ("_images/",)
#: Resource kinds by file suffix, for the weight breakdown.
KINDS: Final = {
    ".html": "html",
    ".css": "css",
    ".js": "js",
    ".mjs": "js",
    ".woff2": "font",
    ".woff": "font",
    ".ttf": "font",
    ".otf": "font",
    ".eot": "font",
    ".svg": "image",
    ".png": "image",
    ".ico": "image",
    ".jpg": "image",
    ".webp": "image",
}
LOG: Final = logging.getLogger(__name__)

#: Collects, in one round trip, everything the tests need from a loaded page.
COLLECT_JS: Final = """
async () => {
  const images = [...document.images];
  for (const img of images) img.loading = 'eager';
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  await document.fonts.ready;
  const katex = document.querySelector('.katex');
  const record = {
    lang: document.documentElement.lang,
    images: images.map((img) => ({
      src: img.currentSrc || img.src,
      alt: img.getAttribute('alt'),
      width: img.naturalWidth,
    })),
    // The language switcher (a[hreflang]) is checked on its own, below.
    links: [...document.querySelectorAll('a[href]:not([hreflang])')].map((a) => a.href),
    ids: [...document.querySelectorAll('[id]')].map((el) => el.id)
      .concat([...document.querySelectorAll('a[name]')].map((a) => a.name)),
    switchers: [...document.querySelectorAll('a[hreflang]')].map((a) => ({
      lang: a.hreflang, href: a.href, text: a.textContent.trim(),
    })),
    mathCount: document.querySelectorAll('span.math, div.math').length,
    unrenderedMath: [...document.querySelectorAll('span.math, div.math')]
      .filter((el) => !el.querySelector('.katex'))
      .map((el) => el.textContent.trim().slice(0, 80)),
    katexErrors: [...document.querySelectorAll('.katex-error')]
      .map((el) => el.getAttribute('title') || el.textContent),
    mathFont: katex ? getComputedStyle(katex).fontFamily : '',
  };
  return record;
}
"""

#: The reader's text: fold-aways opened (exercise answers hold formulas too), code
#: hidden (code may legitimately contain backslashes and dollars).
TEXT_JS: Final = """
() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const style = document.createElement('style');
  style.textContent = 'pre, code, kbd, samp, .highlight { display: none !important; }';
  document.head.append(style);
  const text = document.body.innerText;
  style.remove();
  return text;
}
"""

#: Runs axe with the given rules and reads the outline. Headings count when a reader
#: (or a screen reader) can reach them: not inside display:none or aria-hidden.
AUDIT_JS: Final = """
async (rules) => {
  const result = await axe.run(document, {
    runOnly: { type: 'rule', values: rules },
    resultTypes: ['violations'],
  });
  const hidden = (el) => {
    for (let node = el; node; node = node.parentElement) {
      if (getComputedStyle(node).display === 'none') return true;
      if (node.getAttribute('aria-hidden') === 'true') return true;
    }
    return false;
  };
  return {
    version: axe.version,
    rules,
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((h) => !hidden(h))
      .map((h) => [Number(h.tagName[1]), h.textContent.trim().replace(/#$/, '')]),
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact || 'unknown',
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': '
        + (n.failureSummary || '').replace(/\\s+/g, ' ')),
      count: v.nodes.length,
    })),
  };
}
"""

#: WCAG 2 AA: 4.5 for body text, 3 for large text (headings).
BODY_TEXT_CONTRAST: Final = 4.5
LARGE_TEXT_CONTRAST: Final = 3.0
#: Switches the theme to dark as its switcher does (pydata-sphinx-theme styles
#: ``html[data-theme=dark]``), without touching localStorage, which the next pages
#: of the shared context would inherit.
DARK_JS: Final = """
() => {
  document.documentElement.dataset.mode = 'dark';
  document.documentElement.dataset.theme = 'dark';
  return document.fonts.ready.then(() => true);
}
"""
#: Samples text colours against their effective backgrounds (alpha-composited over
#: the ancestors' backgrounds) and returns WCAG contrast ratios.
CONTRAST_JS: Final = """
() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, under) => [0, 1, 2].map(
    (i) => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      layers.push(rgba(getComputedStyle(node).backgroundColor));
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const visible = (el) => el && el.getClientRects().length > 0
    && el.textContent.trim() !== '';
  const first = (selector) => [...document.querySelectorAll(selector)].find(visible);
  const samples = {
    body: document.body,
    paragraph: first('main article p'),
    link: first('main article a.reference'),
    heading: first('main article h1'),
    navigation: first('.bd-sidebar-primary a, .bd-header a'),
  };
  const result = [];
  for (const [what, el] of Object.entries(samples)) {
    if (!el) continue;
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    result.push({
      what, ratio: (hi + 0.05) / (lo + 0.05),
      color: getComputedStyle(el).color, background: `rgb(${bg.slice(0, 3).join(', ')})`,
    });
  }
  return result;
}
"""


#: Lists the outermost elements that stick out of the viewport on the right.
OVERFLOW_JS: Final = """
() => {
  const width = document.documentElement.clientWidth;
  const contained = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX !== 'visible' || style.position === 'fixed') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (getComputedStyle(el).position === 'fixed') continue;
    const right = el.getBoundingClientRect().right;
    const parent = el.parentElement;
    if (right > width + 0.5 && parent.getBoundingClientRect().right <= width + 0.5
        && !contained(el)) {
      const name = el.tagName.toLowerCase()
        + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '');
      out.push(`${name} (right edge ${Math.round(right)} px)`);
    }
  }
  return out.slice(0, 10);
}
"""


@dataclass
class Image:
    """One ``<img>`` as the browser loaded it."""

    src: str
    alt: str | None
    natural_width: int


@dataclass
class Switcher:
    """One ``<a hreflang>`` link: the language switcher."""

    lang: str
    href: str
    text: str


@dataclass(frozen=True)
class Violation:
    """One axe rule a page breaks, with up to five of the offending elements."""

    rule: str
    impact: str
    help: str
    count: int
    nodes: tuple[str, ...]

    def __str__(self) -> str:
        """Describe the violation on a few lines for a failure message."""
        where = "".join(f"\n    {node}" for node in self.nodes)
        return f"[{self.impact}] {self.rule}: {self.help} ({self.count}x){where}"


@dataclass(frozen=True)
class Contrast:
    """The contrast of one sampled text element with its effective background."""

    what: str
    ratio: float
    color: str
    background: str

    @property
    def required(self) -> float:
        """Return the WCAG AA minimum for this sample (headings are large text)."""
        return LARGE_TEXT_CONTRAST if self.what == "heading" else BODY_TEXT_CONTRAST

    def __str__(self) -> str:
        """Describe the sample for a failure message."""
        return f"{self.what}: {self.ratio:.2f} ({self.color} on {self.background})"


@dataclass(repr=False)
class Visit:
    """What the browser saw while loading one page."""

    page_path: str
    url: str
    lang: str = ""
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    off_site_requests: list[str] = field(default_factory=list)
    text: str = ""
    math_count: int = 0
    unrendered_math: list[str] = field(default_factory=list)
    katex_errors: list[str] = field(default_factory=list)
    math_font: str = ""
    images: list[Image] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    switchers: list[Switcher] = field(default_factory=list)
    local_paths: list[str] = field(default_factory=list)
    phone_scroll_width: int = 0
    sticking_out: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    axe_version: str = ""
    axe_rules: tuple[str, ...] = ()
    violations: list[Violation] = field(default_factory=list)
    dark_theme: str = ""
    dark_contrasts: list[Contrast] = field(default_factory=list)

    def __repr__(self) -> str:
        """Name the page only: the record is long and the assertion says the rest."""
        return f"Visit({self.page_path!r})"

    @property
    def edition(self) -> str:
        """Return the page's edition, the first part of its path ("ko")."""
        return self.page_path.split("/", 1)[0]

    @property
    def path_in_edition(self) -> str:
        """Return the page's path inside its edition ("sigmoid.html")."""
        return self.page_path.split("/", 1)[1]


def settle(page: Page, in_flight: set[Request]) -> None:
    """Wait until fonts are ready and no request of the page has run for 0.3 s.

    Playwright's "networkidle" also waits for requests the page never sees (the
    browser's own /favicon.ico) and timed out now and then on a busy machine.
    """
    page.evaluate("document.fonts.ready.then(() => true)")
    quiet = 0
    for _ in range(SETTLE_POLLS):
        page.wait_for_timeout(SETTLE_POLL_MS)
        quiet = 0 if in_flight else quiet + SETTLE_POLL_MS
        if quiet >= SETTLE_QUIET_MS:
            return
    pending = ", ".join(sorted(request.url for request in in_flight))
    pytest.fail(f"{page.url} still loading after 10 s: {pending}", pytrace=False)


def load_and_record(
    context: BrowserContext,
    base_url: str,
    page_path: str,
    axe: Callable[[Page], list[str]],
) -> Visit:
    """Open ``page_path`` in ``context``, wait until it is idle, and record it."""
    visit = Visit(page_path=page_path, url=f"{base_url}/{page_path}")
    local = urlsplit(base_url).netloc
    page = context.new_page()
    # Errors and requests count while the page loads itself; what the tests do
    # afterwards (axe fetches stylesheets again, and resolves one @import wrongly)
    # is not the page's doing.
    recording = True

    def on_console(message: ConsoleMessage) -> None:
        where = message.location.get("url", "")
        # The browser itself asks for /favicon.ico when a page names no icon, at
        # an unpredictable moment after "load": not the page's request, and
        # reported only now and then. Left out so the test does not flicker.
        if recording and message.type == "error" and where != f"{base_url}/favicon.ico":
            visit.console_errors.append(f"{message.text} ({where})")

    def on_page_error(error: Exception) -> None:
        if recording:
            visit.console_errors.append(f"uncaught: {error}")

    def on_request(request: Request) -> None:
        url = urlsplit(request.url)
        off_site = url.scheme in {"http", "https", "ws", "wss"} and url.netloc != local
        if recording and off_site:
            visit.off_site_requests.append(request.url)

    def on_failed(request: Request) -> None:
        if recording:
            visit.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if not recording:
            return
        if response.status >= 400:
            visit.failed_requests.append(f"{response.url}: HTTP {response.status}")
        url = urlsplit(response.url)
        if url.netloc == local and url.path not in visit.local_paths:
            visit.local_paths.append(url.path)

    in_flight: set[Request] = set()

    def started(request: Request) -> None:
        in_flight.add(request)

    def ended(request: Request) -> None:
        in_flight.discard(request)

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("request", on_request)
    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", on_failed)
    page.on("requestfailed", ended)
    page.on("response", on_response)
    try:
        response = page.goto(visit.url, wait_until="load")
        if response is None or not response.ok:
            status = "no response" if response is None else f"HTTP {response.status}"
            visit.failed_requests.append(f"{visit.url}: {status}")
        settle(page, in_flight)
        record: dict[str, Any] = page.evaluate(COLLECT_JS)
        recording = False
        audit: dict[str, Any] = page.evaluate(AUDIT_JS, axe(page))
        page.evaluate(DARK_JS)
        visit.dark_theme = str(page.evaluate("document.documentElement.dataset.theme"))
        contrasts: list[dict[str, Any]] = page.evaluate(CONTRAST_JS)
        visit.text = str(page.evaluate(TEXT_JS))
        # Last, with every fold-away open: the page at a phone's width.
        page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
        page.evaluate("document.fonts.ready.then(() => true)")
        visit.phone_scroll_width = int(
            page.evaluate("document.documentElement.scrollWidth")
        )
        if visit.phone_scroll_width > PHONE_WIDTH:
            visit.sticking_out = [str(el) for el in page.evaluate(OVERFLOW_JS)]
    finally:
        page.close()
    visit.lang = str(record["lang"])
    visit.math_count = int(record["mathCount"])
    visit.unrendered_math = [str(tex) for tex in record["unrenderedMath"]]
    visit.katex_errors = [str(error) for error in record["katexErrors"]]
    visit.math_font = str(record["mathFont"])
    visit.images = [
        Image(src=str(img["src"]), alt=img["alt"], natural_width=int(img["width"]))
        for img in record["images"]
    ]
    visit.links = [str(link) for link in record["links"]]
    visit.ids = {str(ident) for ident in record["ids"]}
    visit.switchers = [
        Switcher(lang=str(s["lang"]), href=str(s["href"]), text=str(s["text"]))
        for s in record["switchers"]
    ]
    visit.headings = [(int(level), str(text)) for level, text in audit["headings"]]
    visit.axe_version = str(audit["version"])
    visit.axe_rules = tuple(str(rule) for rule in audit["rules"])
    visit.violations = [
        Violation(
            rule=str(v["id"]),
            impact=str(v["impact"]),
            help=str(v["help"]),
            count=int(v["count"]),
            nodes=tuple(str(node) for node in v["nodes"]),
        )
        for v in audit["violations"]
    ]
    visit.dark_contrasts = [
        Contrast(
            what=str(c["what"]),
            ratio=float(c["ratio"]),
            color=str(c["color"]),
            background=str(c["background"]),
        )
        for c in contrasts
    ]
    return visit


@pytest.fixture(scope="module")
def visits() -> dict[str, Visit | str]:
    """Return the module's cache of visits (or why loading failed), one per page."""
    return {}


@pytest.fixture
def visit(
    visits: dict[str, Visit | str],
    desktop: BrowserContext,
    base_url: str,
    page_path: str,
    axe: Callable[[Page], list[str]],
) -> Visit:
    """Return the record of ``page_path``, loading the page on first use.

    A page that fails to load fails every test of it with the same message,
    without being loaded again for each.
    """
    if page_path not in visits:
        try:
            visits[page_path] = load_and_record(desktop, base_url, page_path, axe)
        except (PlaywrightError, pytest.fail.Exception) as error:
            visits[page_path] = f"{type(error).__name__}: {error}"
    found = visits[page_path]
    if isinstance(found, str):
        pytest.fail(f"{page_path} did not load: {found}", pytrace=False)
    return found


class _IdCollector(html.parser.HTMLParser):
    """Collects every ``id`` (and ``<a name>``) of an HTML file."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)


_ID_CACHE: dict[Path, frozenset[str]] = {}


def ids_in(path: Path) -> frozenset[str]:
    """Return the ids defined in the HTML file ``path`` (parsed once)."""
    if path not in _ID_CACHE:
        collector = _IdCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        collector.close()
        _ID_CACHE[path] = frozenset(collector.ids)
    return _ID_CACHE[path]


def local_file(site_root: Path, url_path: str) -> Path:
    """Return the file the local server sends for ``url_path``."""
    target = site_root / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target /= "index.html"
    return target


def other_edition_path(href: str, lang: str, path_in_edition: str) -> str | None:
    """Return the local path an edition switcher link points to, or None if foreign.

    A relative link resolves on the local server already ("/en/sigmoid.html"); an
    absolute link to the hosted site ("https://.../en/latest/sigmoid.html") is mapped
    to the local edition when its path holds the language and ends with the page.
    """
    path = unquote(urlsplit(href).path)
    if path.endswith("/"):
        path += "index.html"
    segments = path.strip("/").split("/")
    if lang not in segments:
        return None
    page = "/".join(segments[segments.index(lang) + 1 :])
    if page == path_in_edition or page.endswith("/" + path_in_edition):
        return f"{lang}/{path_in_edition}"
    return f"{lang}/{page}"


class TestErrors:
    """The page loads without errors."""

    def test_no_console_errors(self, visit: Visit) -> None:
        """The browser console shows no errors and no uncaught exceptions."""
        assert visit.console_errors == []

    def test_no_failed_requests(self, visit: Visit) -> None:
        """Every request the page makes succeeds (no 404, no aborted request)."""
        assert visit.failed_requests == []


class TestOffline:
    """The page needs nothing from the internet."""

    def test_requests_only_the_local_server(self, visit: Visit) -> None:
        """No request goes to a host other than the local server."""
        assert visit.off_site_requests == []


class TestMath:
    """Formulas reach the reader typeset, never as TeX source."""

    def test_every_formula_is_rendered(self, visit: Visit) -> None:
        """Every math element holds KaTeX output and none is a KaTeX error."""
        assert (visit.unrendered_math, visit.katex_errors) == ([], [])

    def test_no_raw_tex_in_visible_text(self, visit: Visit) -> None:
        """The visible text outside code contains no TeX delimiters or commands."""
        found = {
            tex: visit.text[max(0, i - 40) : i + 40].replace("\n", " ")
            for tex in RAW_TEX
            if (i := visit.text.find(tex)) >= 0
        }
        assert found == {}

    def test_katex_stylesheet_applies(self, visit: Visit) -> None:
        """Typeset formulas use KaTeX's fonts, so its stylesheet was loaded."""
        expected = "KaTeX_Main" if visit.math_count else ""
        assert expected in visit.math_font


class TestImages:
    """Images load and describe themselves."""

    def test_every_image_loaded(self, visit: Visit) -> None:
        """Every image has a natural width above zero after loading."""
        broken = [img.src for img in visit.images if img.natural_width <= 0]
        assert broken == []

    def test_every_image_has_alt_text(self, visit: Visit) -> None:
        """Every image has a non-empty alt attribute."""
        missing = [img.src for img in visit.images if not (img.alt or "").strip()]
        assert missing == []


class TestLinks:
    """Internal links lead somewhere."""

    def test_internal_links_resolve(
        self, visit: Visit, site_root: Path, base_url: str
    ) -> None:
        """Every link to the local site names an existing file and an existing id."""
        local = urlsplit(base_url).netloc
        broken: list[str] = []
        for href in sorted(set(visit.links)):
            url = urlsplit(href)
            if url.scheme not in {"http", "https"} or url.netloc != local:
                continue
            target = local_file(site_root, url.path)
            if not target.is_file():
                broken.append(f"{href}: no file {target.relative_to(site_root)}")
                continue
            anchor = unquote(url.fragment)
            if not anchor:
                continue
            same_page = target == local_file(site_root, urlsplit(visit.url).path)
            ids = visit.ids if same_page else ids_in(target)
            if anchor not in ids:
                broken.append(f"{href}: no id {anchor!r} in {target.name}")
        assert broken == []


class TestLanguageSwitcher:
    """The language switcher leads to the same page in the other edition."""

    def test_switcher_is_present(self, visit: Visit) -> None:
        """The page links to the other edition with an ``<a hreflang>`` link."""
        other = {"ko": "en", "en": "ko"}[visit.edition]
        assert other in {s.lang.split("-")[0] for s in visit.switchers}

    def test_switcher_targets_the_same_page(
        self, visit: Visit, desktop: BrowserContext, base_url: str, site_root: Path
    ) -> None:
        """Following the switcher lands on this page in the other edition."""
        other = {"ko": "en", "en": "ko"}[visit.edition]
        expected = f"{other}/{visit.path_in_edition}"
        targets = [
            other_edition_path(s.href, other, visit.path_in_edition)
            for s in visit.switchers
            if s.lang.split("-")[0] == other
        ]
        assert [expected] == sorted(set(targets), key=str)
        if (site_root / other / "index.html").is_file():
            # The other edition is built: the link must land on a real page of it.
            page = desktop.new_page()
            try:
                response = page.goto(f"{base_url}/{expected}", wait_until="load")
                landed = (
                    response.status if response else None,
                    page.evaluate("document.documentElement.lang"),
                )
            finally:
                page.close()
            assert (200, other) == landed


def gzip_size(path: Path) -> int:
    """Return the size in bytes of ``path`` gzip-compressed (level 6, as servers do)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def weight_table(sizes: dict[str, int]) -> str:
    """Return the resources and their gzip sizes, heaviest first, with totals by kind."""
    by_kind: defaultdict[str, int] = defaultdict(int)
    for url_path, size in sizes.items():
        by_kind[KINDS.get(Path(url_path).suffix, "other")] += size
    lines = [
        f"{size / 1024:8.1f} KiB  {url_path}"
        for url_path, size in sorted(sizes.items(), key=lambda item: -item[1])
    ]
    lines += [
        f"{size / 1024:8.1f} KiB  all {kind}"
        for kind, size in sorted(by_kind.items(), key=lambda item: -item[1])
    ]
    lines.append(f"{sum(sizes.values()) / 1024:8.1f} KiB  in all")
    return "\n".join(lines)


class TestPageWeight:
    """Pages stay light on a phone connection."""

    def test_page_without_figures_fits_the_budget(
        self, visit: Visit, site_root: Path
    ) -> None:
        """HTML, CSS, JavaScript and fonts the page loads total <= 250 KiB gzipped."""
        sizes = {
            url_path: gzip_size(local_file(site_root, url_path))
            for url_path in visit.local_paths
            if not any(f"/{folder}" in url_path for folder in FIGURE_DIRS)
            and local_file(site_root, url_path).is_file()
        }
        table = weight_table(sizes)
        LOG.info("%s loads (gzip):\n%s", visit.page_path, table)
        total = sum(sizes.values())
        assert total <= PAGE_BUDGET_KIB * 1024, table


class TestPhoneWidth:
    """Pages fit a 375 px wide phone screen."""

    def test_no_horizontal_scrolling(self, visit: Visit) -> None:
        """At a 375 px wide viewport the document is no wider than the viewport."""
        sticking_out = "\n".join(["sticking out:", *visit.sticking_out])
        assert visit.phone_scroll_width <= PHONE_WIDTH, sticking_out


class TestAxe:
    """axe-core, the pinned release, finds no WCAG 2.0-2.2 A/AA violation at all."""

    def test_axe_is_the_pinned_release(self, visit: Visit, axe_version: str) -> None:
        """The axe that ran is the pinned one, and it ran the newer WCAG rules too."""
        newer = {"label-content-name-mismatch", "target-size"}  # WCAG 2.5.3, 2.5.8
        assert (axe_version, newer) == (
            visit.axe_version,
            newer.intersection(visit.axe_rules),
        )

    def test_no_violations(self, visit: Visit) -> None:
        """axe reports no violation of any impact (minor ones included)."""
        assert not visit.violations, "\n".join(str(v) for v in visit.violations)


class TestHeadings:
    """Headings form an outline a screen reader can follow."""

    def test_one_h1(self, visit: Visit) -> None:
        """The page has exactly one visible h1."""
        h1s = [text for level, text in visit.headings if level == 1]
        assert len(h1s) == 1, h1s

    def test_first_heading_is_h1(self, visit: Visit) -> None:
        """The first heading of the page is its h1."""
        assert [level for level, _ in visit.headings[:1]] == [1], visit.headings

    def test_no_level_skipped_going_down(self, visit: Visit) -> None:
        """Each heading is at most one level deeper than the heading before it."""
        skips = [
            f"h{before} {before_text!r} -> h{after} {after_text!r}"
            for (before, before_text), (after, after_text) in zip(
                visit.headings, visit.headings[1:], strict=False
            )
            if after > before + 1
        ]
        assert skips == []


class TestLanguage:
    """The page declares its language, so screen readers pronounce it right."""

    def test_html_lang_is_the_edition(self, visit: Visit) -> None:
        """``<html lang>`` is the edition's language code (ko or en)."""
        assert visit.edition == visit.lang


class TestDarkMode:
    """In the dark theme, text keeps a WCAG AA contrast with its background."""

    def test_theme_turns_dark(self, visit: Visit) -> None:
        """The page's theme attribute reads dark after the switch."""
        assert visit.dark_theme == "dark"

    def test_body_text_is_sampled(self, visit: Visit) -> None:
        """The contrast measurement found the body text to measure."""
        assert "body" in {c.what for c in visit.dark_contrasts}

    def test_text_contrast_meets_wcag_aa(self, visit: Visit) -> None:
        """Body text, links and navigation reach 4.5:1 and headings 3:1."""
        too_faint = [str(c) for c in visit.dark_contrasts if c.ratio < c.required]
        assert too_faint == []


def built_pages(edition_dir: Path) -> set[str]:
    """Return the HTML pages of one edition, as paths relative to its folder."""
    return {
        path.relative_to(edition_dir).as_posix()
        for path in edition_dir.rglob("*.html")
        if not {"_sources", "_static", "_images"}.intersection(
            path.relative_to(edition_dir).parts
        )
    }


class TestEditions:
    """Both editions are built, each with every page of the course."""

    def test_korean_edition_has_every_course_page(self, site_root: Path) -> None:
        """build/html/ko holds every course page."""
        missing = set(COURSE_PAGES) - built_pages(site_root / "ko")
        assert sorted(missing) == []

    @pytest.mark.english_edition
    def test_english_edition_mirrors_the_korean_one(self, site_root: Path) -> None:
        """build/html/en exists and holds exactly the pages of build/html/ko."""
        english = built_pages(site_root / "en")
        korean = built_pages(site_root / "ko")
        assert (sorted(korean - english), sorted(english - korean)) == ([], [])
