"""Build machinery of the course site that is more than a setting in conf.py.

- **Per-language notebook cache.** ``nb_execution_cache_path`` becomes
  ``build/.jupyter_cache/<language>`` unless given with ``-D``, so the English
  edition never reuses the Korean outputs; the language is exported as
  ``ACTIVATION_FUNCTIONS_LANGUAGE`` for the kernels, so the library's tables
  label their columns in the edition's language
  (``activation_functions.tables.LANGUAGE_VARIABLE``).
- **The kernels' environment.** ``MATPLOTLIBRC`` points at
  ``docs/_ext/matplotlibrc`` (fixed size and resolution); ``MPLBACKEND`` is
  removed so that ipykernel picks its inline backend; ``PYTHONHASHSEED`` and
  ``SOURCE_DATE_EPOCH`` are fixed. Kernels inherit the Sphinx process's
  environment, which is set here before any notebook runs.
- **Offline KaTeX.** The math renderer ``katex_checked`` renders every formula
  with sphinxcontrib-katex's node server, with ``throwOnError`` on: TeX that
  KaTeX cannot typeset, or Hangul typed in math mode outside ``\\text{}``, is
  a Sphinx warning at its source line instead of red text on the page. Display
  math is wrapped as Sphinx's MathJax renderer wraps it (``split`` around
  ``\\\\``), so docstrings written for Sphinx render unchanged. The KaTeX
  stylesheet and its woff2 fonts are copied from ``node_modules/katex``
  (``npm ci``) into ``_static/katex/``; the stylesheet is rewritten to name
  only the woff2 files, the only ones shipped.
- **Korean interface strings.** Some Korean strings of sphinx-book-theme,
  pydata-sphinx-theme and Sphinx are missing or wrong (the footer's
  ``By <author>`` became ``으로 <author>``): ``UI_MESSAGES`` replaces them in
  the loaded message catalogs, ``UI_HTML`` replaces the English that templates
  and myst-nb write without gettext (tooltips, ARIA labels, "Show code cell
  source").
- **Folding answers without JavaScript.** An ``{admonition}`` with
  ``:class: dropdown`` (the pages' exercise answers) is written as
  ``<details>``/``<summary>``, so it starts folded and opens with a click, with
  no extension (sphinx-togglebutton, sphinx-design) and no script.
- **Two editions.** Every page links to the same page in the other edition
  (``_templates/edition-switcher.html``, in the article header): ``../en/``
  locally, and on Read the Docs, where each edition is its own project under
  one domain (``/ko/latest/``, ``/en/latest/``), the path computed from
  ``READTHEDOCS_CANONICAL_URL``. Anchors need no mapping: Sphinx keeps the
  ids that a section, figure or glossary term got from the Korean source when
  it translates the title, so ``#id3`` or ``#term-saturation`` name the same
  place in both editions (tests/docs/test_editions.py checks it). The role
  ``{korean}`` marks Korean words kept in the English edition (the glossary's
  Korean names) as ``<span lang="ko">``.
- **Light icons.** ``fontawesome.js`` (538 KB gzipped) is not linked (see
  ``_templates/static/webpack-macros.html``) and is removed from the output:
  the theme's CSS draws the same icons with its web font, which is cut down
  (fontTools) to the twenty-odd icons the themes use, 115 KB to a few KB.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from docutils import nodes  # type: ignore[import-untyped]
from docutils import utils as docutils_utils
from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import woff2  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.locale import _ as sphinx_gettext
from sphinx.locale import translators
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator
from sphinxcontrib import katex  # type: ignore[import-untyped]

logger = logging.getLogger(__name__)

HERE: Final = Path(__file__).resolve().parent
ROOT: Final = HERE.parent.parent
BUILD: Final = ROOT / "build"
MATPLOTLIBRC: Final = HERE / "matplotlibrc"
#: The variable that activation_functions.tables reads for its default language
#: (tables.LANGUAGE_VARIABLE; tests/docs/test_editions.py checks they agree).
TABLES_LANGUAGE_VARIABLE: Final = "ACTIVATION_FUNCTIONS_LANGUAGE"

#: KaTeX options for every formula (merged over sphinxcontrib-katex's own).
KATEX_OPTIONS: Final[dict[str, Any]] = {
    "throwOnError": True,
    # KaTeX's strict mode would reject symbols such as ① in \text{} as well;
    # Hangul typed in math mode is caught by _hangul_in_math_mode instead.
    "strict": "ignore",
    "output": "htmlAndMathml",  # MathML for screen readers
}
_TEXT_GROUP = re.compile(r"\\(?:text\w*|mbox|mathrm|operatorname)\s*\{[^{}]*\}")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def _hangul_in_math_mode(latex: str) -> bool:
    """Tell whether Hangul appears outside ``\\text{...}`` (it renders badly)."""
    return _HANGUL.search(_TEXT_GROUP.sub("", latex)) is not None


#: Interface strings replaced per language: {language: {catalog: {msgid: msgstr}}}.
#: "booktheme" is sphinx-book-theme's catalog; "sphinx" holds Sphinx's own
#: strings and pydata-sphinx-theme's (it adds its messages to Sphinx's catalog).
#: Sphinx, pydata-sphinx-theme and sphinx-book-theme left these untranslated,
#: or translated them wrongly ("By" became "으로", "Contents" "내용").
UI_MESSAGES: Final[dict[str, dict[str, dict[str, str]]]] = {
    "ko": {
        "booktheme": {
            "By": "지은이:",
            "By the": "만든 곳:",
            "Contents": "목차",
            "Download notebook file": "노트북 파일 다운로드",
            "Download source file": "원본 파일 다운로드",
            "Fullscreen mode": "전체 화면",
            "Launch": "실행",
            "Search": "검색",
            "Source repository": "소스 저장소",
            "Theme by the": "테마:",
            "Toggle navigation": "탐색 메뉴 열기/닫기",
            "open issue": "이슈 열기",
            "suggest edit": "수정 제안",
        },
        "sphinx": {
            "© Copyright %(copyright)s.": "© %(copyright)s.",
            "Alias of": "다음의 별칭:",
            "Announcement": "알림",
            "Attributes": "속성",
            "Back to top": "맨 위로",
            "Breadcrumb": "현재 위치",
            "Collapse Sidebar": "사이드바 접기",
            "Color mode": "색상 모드",
            "Dark": "어둡게",
            "Edit": "편집",
            "Expand Sidebar": "사이드바 펼치기",
            "Home": "처음으로",
            "Indices": "색인",
            "Light": "밝게",
            "Link to this code": "이 코드를 가리키는 링크",
            "Link to this definition": "이 정의를 가리키는 링크",
            "Link to this heading": "이 제목을 가리키는 링크",
            "Link to this image": "이 그림을 가리키는 링크",
            "Link to this table": "이 표를 가리키는 링크",
            "Link to this term": "이 용어를 가리키는 링크",
            "Link to this toctree": "이 목차를 가리키는 링크",
            "Keyword-only parameters separator (PEP 3102)": (
                "키워드 전용 매개변수 구분자 (PEP 3102)"
            ),
            "Methods": "메서드",
            "On this page": "이 페이지의 내용",
            "Permalink to this equation": "이 수식을 가리키는 링크",
            "Positional-only parameter separator (PEP 570)": (
                "위치 전용 매개변수 구분자 (PEP 570)"
            ),
            "Please activate JavaScript to enable the search functionality.": (
                "검색 기능을 쓰려면 JavaScript를 켜 주세요."
            ),
            "Section Navigation": "이 단원의 목차",
            "Site navigation": "사이트 목차",
            "Skip to main content": "본문으로 건너뛰기",
            "System Settings": "시스템 설정",
            "Version warning": "버전 경고",
            "next page": "다음 페이지",
            "previous page": "이전 페이지",
        },
    },
}

#: English that the templates and myst-nb write without gettext, replaced in
#: every rendered page: {language: {exact HTML: replacement}}.
UI_HTML: Final[dict[str, dict[str, str]]] = {
    "ko": {
        'title="Toggle primary sidebar"': 'title="사이트 목차 열기/닫기"',
        'title="Toggle secondary sidebar"': 'title="이 페이지의 목차 열기/닫기"',
        'aria-label="Toggle hidden content"': 'aria-label="숨긴 내용 펼치기/접기"',
        'aria-label="Main"': 'aria-label="사이트 목차"',
        'aria-label="Page"': 'aria-label="페이지"',
        **{
            f'admonition-title">{verb} code cell {what}</p>': (
                f'admonition-title">{korean} {action}</p>'
            )
            for what, korean in (
                ("source", "코드"),
                ("outputs", "출력"),
                ("output", "출력"),
                ("content", "셀"),
            )
            for verb, action in (("Show", "보기"), ("Hide", "숨기기"))
        },
    },
}


def _setup_language(app: Sphinx, config: Config) -> None:
    """Give each language its notebook cache and set up the kernels' environment."""
    language = str(config.language or "ko")
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(BUILD / ".jupyter_cache" / language)
    os.environ[TABLES_LANGUAGE_VARIABLE] = language
    os.environ["MATPLOTLIBRC"] = str(MATPLOTLIBRC)
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")


# -- KaTeX -----------------------------------------------------------------------


def _render(self: Any, node: Any, latex: str, *, display: bool) -> str:
    """Render ``latex`` to HTML; on a KaTeX error, warn and show the TeX as text."""
    options = {**KATEX_OPTIONS, "displayMode": display}
    if _hangul_in_math_mode(latex):
        logger.warning(
            "Hangul in math mode (write it inside \\text{...}): %r",
            latex,
            location=node,
            type="katex",
        )
    try:
        return str(katex.render_latex(latex, options))
    except katex.KaTeXError as error:
        message = str(error).removeprefix("ParseError: ")
        logger.warning(
            "KaTeX cannot render %r: %s", latex, message, location=node, type="katex"
        )
        return f'<span class="katex-error">{self.encode(latex)}</span>'


def _visit_math(self: Any, node: Any) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math"))
    self.body.append(_render(self, node, katex.get_latex(node), display=False))
    self.body.append("</span>")
    raise nodes.SkipNode


def wrap_display_math(latex: str) -> str:
    r"""Wrap a ``math`` directive's body as Sphinx's MathJax renderer does.

    Sphinx wraps each blank-line separated part that contains a line break
    (``\\``) in ``split`` and stacks several parts, so docstrings and pages
    write aligned equations (``&=``) without an environment. KaTeX receives the
    bare text from sphinxcontrib-katex and would reject them.
    """
    parts = [part.strip() for part in latex.split("\n\n") if part.strip()]
    wrapped = [
        f"\\begin{{split}}{part}\\end{{split}}"
        if "\\\\" in part and "\\begin{" not in part
        else part
        for part in parts
    ]
    if len(wrapped) > 1:
        return "\\begin{gathered}" + "\\\\".join(wrapped) + "\\end{gathered}"
    return wrapped[0] if wrapped else latex


def _visit_displaymath(self: Any, node: Any) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math"))
    if node["number"]:
        number = katex.get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, sphinx_gettext("Permalink to this equation"))
        self.body.append("</span>")
    latex = katex.get_latex(node)
    if not node.get("nowrap"):
        latex = wrap_display_math(latex)
    self.body.append(_render(self, node, latex, display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _start_katex_server(
    cls: Any, rundir: Path, timeout: float
) -> tuple[subprocess.Popen[bytes], socket.socket]:
    """Start sphinxcontrib-katex's node server and connect, retrying until it listens.

    sphinxcontrib-katex 0.9.11 connects once as soon as the socket file exists;
    node creates that file a moment before it listens, so the first connection
    is sometimes refused and the whole build stops (seen here about one build in
    ten). This version retries until the server listens or ``timeout`` passes.
    """
    socket_path = rundir / "katex.sock"
    command = cls.build_command(socket=socket_path)
    process = subprocess.Popen(  # the server of sphinxcontrib-katex
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=rundir
    )
    deadline = time.monotonic() + timeout
    while True:
        if socket_path.is_socket():
            client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                client.connect(str(socket_path))
            except (ConnectionRefusedError, FileNotFoundError):
                client.close()
            else:
                return process, client
        if process.poll() is not None:
            msg = f"the KaTeX server (node) exited with status {process.returncode}"
            raise katex.KaTeXError(msg)
        if time.monotonic() > deadline:
            process.kill()
            raise cls.timeout_error(timeout)
        time.sleep(0.002)


_FONT_SRC = re.compile(r"src:url\((fonts/[^)]+\.woff2)\) format\(\"woff2\"\)[^;}]*")


def _copy_katex_assets(app: Sphinx) -> None:
    """Put katex.min.css (woff2 sources only) and the woff2 fonts in _static/katex."""
    if app.builder.format != "html":
        return
    katex_js = Path(app.config.katex_js_path)
    if not katex_js.is_file():
        msg = (
            f"KaTeX is not installed ({katex_js} is missing): "
            f"run `npm ci` in {ROOT} (make docs does)."
        )
        raise ConfigError(msg)
    dist = katex_js.parent
    target = Path(app.outdir) / "_static" / "katex"
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    css = (dist / "katex.min.css").read_text(encoding="utf-8")
    css, count = _FONT_SRC.subn(lambda m: f'src:url({m[1]}) format("woff2")', css)
    if count == 0:
        msg = f"no woff2 @font-face sources found in {dist / 'katex.min.css'}"
        raise ConfigError(msg)
    css_file = target / "katex.min.css"
    if not css_file.is_file() or css_file.read_text(encoding="utf-8") != css:
        css_file.write_text(css, encoding="utf-8")
    for font in sorted((dist / "fonts").glob("*.woff2")):
        copy = target / "fonts" / font.name
        if not copy.is_file() or copy.stat().st_size != font.stat().st_size:
            shutil.copyfile(font, copy)


# -- Interface strings -----------------------------------------------------------


def _override_ui_strings(app: Sphinx) -> None:
    """Put the replacement interface strings in place for the build's language."""
    if app.builder.format != "html":
        return
    language = str(app.config.language or "")
    for catalog, messages in UI_MESSAGES.get(language, {}).items():
        translator = translators.get(("general", catalog))
        table = getattr(translator, "_catalog", None)
        if not isinstance(table, dict):
            logger.warning(
                "no %s message catalog for %r: its interface strings stay as they are",
                catalog,
                language,
                type="course_site",
            )
            continue
        table.update(messages)
    replacements = UI_HTML.get(language)
    templates = getattr(app.builder, "templates", None)
    if not replacements or templates is None:
        return
    render = templates.render

    def render_localized(template: str, context: dict[str, Any]) -> str:
        html = str(render(template, context))
        for english, localized in replacements.items():
            html = html.replace(english, localized)
        return html

    templates.render = render_localized


# -- Folded answers --------------------------------------------------------------


def _visit_admonition(self: Any, node: Any, name: str = "") -> None:
    if "dropdown" not in node["classes"]:
        HTML5Translator.visit_admonition(self, node, name)
        return
    self.body.append(self.starttag(node, "details", CLASS="admonition"))
    titles = [child for child in node.children if isinstance(child, nodes.title)]
    self.body.append('<summary class="admonition-title">')
    for title in titles:
        for child in title.children:
            child.walkabout(self)
        node.remove(title)
    self.body.append("</summary>\n")


def _depart_admonition(self: Any, node: Any = None) -> None:
    if node is None or "dropdown" not in node["classes"]:
        HTML5Translator.depart_admonition(self, node)
        return
    self.body.append("</details>\n")


# -- Editions: the language switcher and Korean words in the English edition ------


@dataclass(frozen=True)
class Edition:
    """How a page of one edition links to the same page in the other edition."""

    #: The other edition's language (its folder locally, its project on RTD).
    other: str
    #: The link's text, in the other edition's language.
    label: str
    #: The link's tooltip, in the other edition's language.
    title: str


#: The editions, by language. The switcher's label is written in the language
#: it leads to (it carries lang= and hreflang= of that language).
EDITIONS: Final[Mapping[str, Edition]] = {
    "ko": Edition(other="en", label="English", title="Read this page in English"),
    "en": Edition(other="ko", label="한국어", title="이 페이지를 한국어로 보기"),
}
#: localStorage key for the reader's choice (the root index.html reads it).
EDITION_STORAGE_KEY: Final = "activation-functions.edition"


def other_edition_root(
    language: str, other: str, environ: Mapping[str, str]
) -> str | None:
    """Return the relative path from this edition's root to the other edition's root.

    Locally both editions are folders side by side (``build/html/ko``,
    ``build/html/en``): ``../en/``. On Read the Docs (``READTHEDOCS=True``)
    each edition is a project under one domain, at
    ``/<language>/<version>/``; the path is built from
    ``READTHEDOCS_CANONICAL_URL`` by replacing the language segment, so it
    stays relative and works on any domain the projects share.

    Parameters
    ----------
    language, other : str
        The language of the edition being built and of the other edition.
    environ : Mapping[str, str]
        The build's environment variables.

    Returns
    -------
    str or None
        The path, ending in ``/``; None when the canonical URL has no
        ``language`` segment (the switcher cannot know where the other
        edition is).

    Examples
    --------
    >>> other_edition_root("ko", "en", {})
    '../en/'
    >>> url = "https://activation-functions.readthedocs.io/ko/latest/"
    >>> other_edition_root("ko", "en", {"READTHEDOCS": "True",
    ...                                 "READTHEDOCS_CANONICAL_URL": url})
    '../../en/latest/'
    """
    canonical = environ.get("READTHEDOCS_CANONICAL_URL", "")
    if environ.get("READTHEDOCS") != "True" or not canonical:
        return f"../{other}/"
    segments = [segment for segment in urlsplit(canonical).path.split("/") if segment]
    if language not in segments:
        return None
    index = segments.index(language)
    ups = len(segments) - index
    return "../" * ups + "/".join([other, *segments[index + 1 :]]) + "/"


def other_edition_href(target_uri: str, root: str) -> str:
    """Return the link from the page at ``target_uri`` to the same page over ``root``.

    Examples
    --------
    >>> other_edition_href("sigmoid.html", "../en/")
    '../en/sigmoid.html'
    >>> other_edition_href("_modules/activation_functions.html", "../../en/latest/")
    '../../../en/latest/_modules/activation_functions.html'
    """
    return "../" * target_uri.count("/") + root + target_uri


def _check_edition_root(app: Sphinx) -> None:
    """Compute the other edition's root once per build; warn when it is unknown."""
    language = str(app.config.language or "")
    edition = EDITIONS.get(language)
    app.builder.course_edition_root = None  # type: ignore[attr-defined]
    if edition is None or app.builder.format != "html":
        return
    root = other_edition_root(language, edition.other, os.environ)
    if root is None:
        logger.warning(
            "READTHEDOCS_CANONICAL_URL %r has no %r segment: the language switcher "
            "cannot find the %r edition and is left out",
            os.environ.get("READTHEDOCS_CANONICAL_URL"),
            language,
            edition.other,
            type="course_site",
        )
    app.builder.course_edition_root = root  # type: ignore[attr-defined]


def _add_edition_switcher(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """Give the page template the link to the same page in the other edition."""
    edition = EDITIONS.get(str(app.config.language or ""))
    root = getattr(app.builder, "course_edition_root", None)
    if edition is None or root is None:
        return
    context["edition_switcher"] = {
        "href": other_edition_href(app.builder.get_target_uri(pagename), root),
        "language": edition.other,
        "label": edition.label,
        "title": edition.title,
        "storage_key": EDITION_STORAGE_KEY,
    }


def korean_role(  # noqa: PLR0917 (the signature docutils calls roles with)
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: Mapping[str, Any] | None = None,
    content: Sequence[str] = (),
) -> tuple[list[Any], list[Any]]:
    """Mark Korean words in English text: ``{korean}`포화``` gives ``<span lang="ko">``.

    The English edition keeps Korean only where a reader should see it (the
    glossary's Korean names); the mark tells browsers, screen readers and the
    tests (no Hangul outside ``lang="ko"``) that it is Korean on purpose.
    """
    node = nodes.inline(rawtext, docutils_utils.unescape(text), classes=["language-ko"])
    return [node], []


# -- Build folders and output clean-up --------------------------------------------


def _move_notebook_outputs(app: Sphinx) -> None:
    """Keep myst-nb's staging folder for cell outputs out of the served tree.

    myst-nb writes every image a cell makes to ``<outdir>/../jupyter_execute``
    before Sphinx copies it to ``_images``: for ``build/html/ko`` that is
    ``build/html/jupyter_execute``, inside the site that ``make serve`` serves
    and shared by the languages. It moves next to the doctrees instead.
    """
    config = getattr(app.env, "mystnb_config", None)
    if config is not None:
        folder = Path(app.doctreedir) / "jupyter_execute"
        app.env.mystnb_config = config.copy(output_folder=str(folder))  # type: ignore[attr-defined]


# -- Icons: the theme's FontAwesome font, cut down to the icons the site uses ------

_PST: Final = Path(str(importlib.resources.files("pydata_sphinx_theme")))
_PST_STATIC: Final = _PST / "theme" / "pydata_sphinx_theme" / "static"
_SBT: Final = Path(str(importlib.resources.files("sphinx_book_theme")))
#: Where the themes name their icons (fa-bars ...): templates, buttons, scripts.
_ICON_SOURCES: Final = (
    (_PST_STATIC.parent, "*.html"),
    (_PST, "*.py"),
    (_SBT / "theme", "*.html"),
    (_SBT / "header_buttons", "*.py"),
    (_PST_STATIC / "scripts", "pydata-sphinx-theme.js"),
)
_FA_NAME: Final = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
_FA_RULE: Final = re.compile(r"(?:(?<=\})|^)([^{}]+)\{--fa:\"\\([0-9a-f]+)\"")
ICON_FONT_CSS: Final = "icons/fa-solid-subset.css"


class NodeBrotli:
    """The two calls of the ``brotli`` module that fontTools makes, run by node.

    fontTools reads and writes WOFF2 (the theme ships its icon font only as
    WOFF2) through the ``brotli`` package, which is not in the lock; node, which
    the build needs for KaTeX anyway, has Brotli built in.
    """

    MODE_GENERIC: Final = 0
    MODE_TEXT: Final = 1
    MODE_FONT: Final = 2

    @staticmethod
    def _node(script: str, data: bytes) -> bytes:
        node = katex.NODEJS_BINARY
        run = subprocess.run(
            [node, "-e", script], input=data, capture_output=True, check=True
        )
        return run.stdout

    @classmethod
    def decompress(cls, data: bytes) -> bytes:
        """Decompress Brotli ``data``."""
        script = (
            "const z = require('zlib');"
            "process.stdout.write(z.brotliDecompressSync(require('fs').readFileSync(0)));"
        )
        return cls._node(script, data)

    @classmethod
    def compress(cls, data: bytes, mode: int = 0, quality: int = 11) -> bytes:
        """Compress ``data`` with Brotli in ``mode`` at ``quality``."""
        script = (
            "const z = require('zlib'), c = z.constants;"
            "process.stdout.write(z.brotliCompressSync(require('fs').readFileSync(0),"
            f" {{params: {{[c.BROTLI_PARAM_MODE]: {int(mode)},"
            f" [c.BROTLI_PARAM_QUALITY]: {int(quality)}}}}}));"
        )
        return cls._node(script, data)


def icon_codepoints() -> set[int]:
    """Return the code points of every icon the themes can show with the font.

    Those are the icons the templates, buttons and scripts name (``fa-bars``,
    looked up in the theme's CSS) and the glyphs that the CSS itself puts in
    ``content`` (admonition and navigation icons, written as private-use
    characters).
    """
    names: set[str] = set()
    for folder, pattern in _ICON_SOURCES:
        for file in sorted(folder.rglob(pattern)):
            names.update(_FA_NAME.findall(file.read_text(encoding="utf-8")))
    css = (_PST_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(
        encoding="utf-8"
    )
    points = {ord(char) for char in css if 0xE000 <= ord(char) <= 0xF8FF}
    for rule in _FA_RULE.finditer(css):
        selectors = {selector.strip() for selector in rule[1].split(",")}
        if any(f".fa-{name}" in selectors for name in names):
            points.add(int(rule[2], 16))
    return points


def _subset_icon_font(app: Sphinx) -> None:
    """Write the icon font with only the site's icons and the CSS that uses it.

    The theme's ``fa-solid-900.woff2`` holds every FontAwesome icon (115 KB);
    the site shows about twenty. The subset (a few KB) is declared under the
    same family, weight and style after the theme's stylesheet, so browsers
    load it instead of the full font.
    """
    if app.builder.format != "html":
        return
    source = _PST_STATIC / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
    target = Path(app.outdir) / "_static" / "icons"
    stamp = " ".join(
        [
            importlib.metadata.version("pydata-sphinx-theme"),
            importlib.metadata.version("sphinx-book-theme"),
            str(source.stat().st_size),
        ]
    )
    font_file = target / "fa-solid-900.subset.woff2"
    stamp_file = Path(app.doctreedir) / "fa-solid-900.subset.txt"
    if not (
        font_file.is_file()
        and stamp_file.is_file()
        and stamp_file.read_text(encoding="utf-8") == stamp
    ):
        target.mkdir(parents=True, exist_ok=True)
        if not woff2.haveBrotli:
            woff2.brotli, woff2.haveBrotli = NodeBrotli, True
        options = subset.Options()
        options.flavor = "woff2"
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(icon_codepoints()))
        subsetter.subset(font)
        subset.save_font(font, str(font_file), options)
        stamp_file.write_text(stamp, encoding="utf-8")
    (target / Path(ICON_FONT_CSS).name).write_text(
        "/* FontAwesome Free solid icons (CC BY 4.0, font SIL OFL 1.1), only the\n"
        "   ones this site shows: replaces the theme's full fa-solid-900.woff2. */\n"
        '@font-face{font-display:block;font-family:"Font Awesome 7 Free";'
        "font-style:normal;font-weight:900;"
        'src:url(fa-solid-900.subset.woff2) format("woff2")}\n',
        encoding="utf-8",
    )


def _remove_unused_assets(app: Sphinx, exception: Exception | None) -> None:
    """Delete the theme's FontAwesome script, which no page links."""
    if exception is not None or app.builder.format != "html":
        return
    for name in ("fontawesome.js", "fontawesome.js.map"):
        (Path(app.outdir) / "_static" / "scripts" / name).unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the hooks, the ``katex_checked`` renderer and the answer folding."""
    katex.KaTeXServer.start_server_process = classmethod(_start_katex_server)
    app.connect("config-inited", _setup_language)
    app.connect("builder-inited", _copy_katex_assets)
    app.connect("builder-inited", _override_ui_strings)
    app.connect("builder-inited", _move_notebook_outputs)
    app.connect("builder-inited", _subset_icon_font)
    app.connect("builder-inited", _check_edition_root)
    app.connect("html-page-context", _add_edition_switcher)
    app.add_role("korean", korean_role)
    app.add_css_file(ICON_FONT_CSS)
    app.connect("build-finished", _remove_unused_assets)
    app.add_node(
        nodes.admonition,
        override=True,
        html=(_visit_admonition, _depart_admonition),
    )
    app.add_html_math_renderer(
        "katex_checked",
        inline_renderers=(_visit_math, None),
        block_renderers=(_visit_displaymath, None),
    )
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
