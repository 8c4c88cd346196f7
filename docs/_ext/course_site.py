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

import hashlib
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
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from docutils import nodes  # type: ignore[import-untyped]
from docutils import utils as docutils_utils
from fontTools import subset  # type: ignore[import-untyped]
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
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
    # The fonts are cut down to the site's characters when the build finishes
    # (_subset_katex_fonts); until then, a missing one is the full font.
    for font in sorted((dist / "fonts").glob("*.woff2")):
        copy = target / "fonts" / font.name
        if not copy.is_file():
            shutil.copyfile(font, copy)


def site_characters(outdir: Path) -> set[str]:
    """Return every character of the built pages' text (entities decoded).

    A superset of what the formulas show: KaTeX writes each glyph of a formula
    as the character itself, in the font its CSS class names, so a font cut
    down to these characters still has every glyph a page asks it for.
    """
    chars: set[str] = set()
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.relative_to(outdir).parts:
            continue
        chars.update(html_unescape(page.read_text(encoding="utf-8")))
    return chars


def _subset_katex_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Cut every KaTeX font down to the characters the site's pages use.

    The twenty KaTeX fonts hold every glyph KaTeX can typeset (0.26 MB); a page
    loads each font its formulas use, whole, and the API reference alone used
    about 100 KB of them. Cut to the characters of the built pages (every
    font keeps the ASCII and Greek letters and symbols that occur anywhere on
    the site), the fonts shrink to a third; each edition cuts its own copy,
    from the original fonts in node_modules, again only when the characters
    change.
    """
    if exception is not None or app.builder.format != "html":
        return
    dist = Path(app.config.katex_js_path).parent / "fonts"
    target = Path(app.outdir) / "_static" / "katex" / "fonts"
    sources = sorted(dist.glob("*.woff2"))
    chars = site_characters(Path(app.outdir))
    text = "".join(sorted(chars))
    stamp = hashlib.sha256(
        "\n".join(
            [
                importlib.metadata.version("fonttools"),
                *(f"{font.name} {font.stat().st_size}" for font in sources),
                text,
            ]
        ).encode("utf-8", "surrogatepass")
    ).hexdigest()
    stamp_file = Path(app.doctreedir) / "katex-fonts.subset.txt"
    if (
        stamp_file.is_file()
        and stamp_file.read_text(encoding="utf-8") == stamp
        and all((target / font.name).is_file() for font in sources)
    ):
        return
    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        subset.save_font(font, str(target / source.name), options)
    stamp_file.write_text(stamp, encoding="utf-8")


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


# -- Lighter, findable pages: scripts, descriptions, images ----------------------

#: The description of pages with no text of their own (index, search), per edition.
SITE_DESCRIPTIONS: Final[Mapping[str, str]] = {
    "ko": (
        "활성화 함수 강의 자료: 시그모이드, tanh, ReLU, Leaky ReLU와 출력층의 활성화"
        " 함수를 미분계수와 기울기 소실에서 출발해 설명합니다."
    ),
    "en": (
        "Course notes on activation functions: sigmoid, tanh, ReLU, Leaky ReLU and"
        " the output layer's activations, explained from derivatives and vanishing"
        " gradients."
    ),
}
#: Search engines show about this many characters of a description.
DESCRIPTION_LENGTH: Final = 155
#: The one script that must run before the inline scripts that follow it
#: (``DOCUMENTATION_OPTIONS.pagename = ...``); every other file can wait.
_UNDEFERRED_SCRIPTS: Final = frozenset({"_static/documentation_options.js"})
_IMG_TAG: Final = re.compile(r"<img\b(?![^>]*\bloading=)")


def shorten(text: str, width: int = DESCRIPTION_LENGTH) -> str:
    """Return ``text`` on one line, cut at a space to at most ``width`` characters.

    Examples
    --------
    >>> shorten("a  b\tc", 10)
    'a b c'
    >>> shorten("one two three four", 12)
    'one two…'
    """
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def page_description(doctree: Any) -> str | None:
    """Return the first paragraph of running text of a page, shortened, or None.

    Paragraphs inside admonitions, tables, figures, cells' outputs and field
    lists are passed over, as are short ones (a caption-like line) and those
    holding TeX markup, which would show as source in search results.
    """
    skip = (
        nodes.Admonition,
        nodes.table,
        nodes.figure,
        nodes.container,
        nodes.field_list,
        nodes.system_message,
        addnodes.desc,
    )
    for paragraph in doctree.findall(nodes.paragraph):
        parent = paragraph.parent
        inside = False
        while parent is not None:
            if isinstance(parent, skip):
                inside = True
                break
            parent = parent.parent
        text = " ".join(paragraph.astext().split())
        if inside or len(text) < 40 or "\\" in text:
            continue
        return shorten(text)
    return None


def _polish_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """Describe the page, defer its scripts and load its later images lazily.

    - A ``<meta name="description">``: the page's first paragraph, or the
      site's description (index, search); a page's own ``html_meta``
      description is kept.
    - Scripts the theme loads in ``<head>`` get ``defer`` (they wait for the
      page, not the page for them), all but ``documentation_options.js``, which
      inline scripts use at once. The search page is left as it is.
    - Every image after the page's first loads when the reader scrolls near it
      (``loading="lazy"``).
    """
    if app.builder.format != "html":
        return
    language = str(app.config.language or "ko")
    metatags = str(context.get("metatags", ""))
    if 'name="description"' not in metatags:
        description = (
            page_description(doctree) if doctree is not None else None
        ) or SITE_DESCRIPTIONS.get(language, SITE_DESCRIPTIONS["ko"])
        context["metatags"] = (
            f'{metatags}\n    <meta name="description" '
            f'content="{html_escape(description)}" />'
        )
    if pagename != "search":
        context["script_files"] = [
            _JavaScript(
                script.filename,
                priority=script.priority,
                **{**script.attributes, "defer": "defer"},
            )
            if isinstance(script, _JavaScript)
            and script.filename
            and script.filename not in _UNDEFERRED_SCRIPTS
            and "async" not in script.attributes
            else script
            for script in context.get("script_files", [])
        ]
    body = context.get("body")
    if isinstance(body, str):
        first = True

        def lazy(match: re.Match[str]) -> str:
            nonlocal first
            if first:
                first = False
                return match[0]
            return '<img loading="lazy"'

        context["body"] = _IMG_TAG.sub(lazy, body)


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


# -- The theme's stylesheet, cut down to the rules the site can use ----------------

#: The theme's stylesheet: Bootstrap 5 and pydata-sphinx-theme in one file,
#: 64 KB gzipped, of which a page uses about a tenth; it blocks rendering.
THEME_CSS: Final = "styles/pydata-sphinx-theme.css"
#: Classes Bootstrap's scripts build from parts (bs-tooltip-auto ...), so that
#: they appear in no file whole: rules naming them are always kept.
KEEP_CLASS_PREFIXES: Final = ("bs-",)
#: At-rules whose block holds rules (kept when a rule inside survives); any
#: other at-rule (@font-face, @keyframes ...) is kept as it is.
_GROUPING_AT_RULES: Final = frozenset({"media", "supports", "layer", "container"})
_FUNCTIONAL_PSEUDO: Final = re.compile(r":[\w-]+\(")
_ATTRIBUTE_SELECTOR: Final = re.compile(r"\[[^\]]*\]")
_CLASS_OR_ID: Final = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
_CLASS_ATTRIBUTE: Final = re.compile(r"\b(?:class|id)=\"([^\"]*)\"")
_JS_WORD: Final = re.compile(r"[\w-]+")


def _skip_string(css: str, start: int) -> int:
    """Return the index after the CSS string that starts at ``start``."""
    quote, index = css[start], start + 1
    while index < len(css) and css[index] != quote:
        index += 2 if css[index] == "\\" else 1
    return index + 1


def _skip_comment(css: str, start: int) -> int:
    """Return the index after the comment that starts at ``start``."""
    end = css.find("*/", start + 2)
    return len(css) if end < 0 else end + 2


def css_blocks(css: str) -> list[tuple[str, str | None]]:
    """Split a stylesheet into its top-level parts: ``(prelude, block body)``.

    A statement (``@charset "UTF-8";``) or a comment is ``(text, None)``.
    Strings and comments are skipped over, so braces inside them do not count.

    Examples
    --------
    >>> css_blocks('@charset "x";a{color:red}@media print{.b{c:d}}')
    [('@charset "x";', None), ('a', 'color:red'), ('@media print', '.b{c:d}')]
    """
    parts: list[tuple[str, str | None]] = []
    index = start = 0
    while index < len(css):
        char = css[index]
        if css.startswith("/*", index):
            end = _skip_comment(css, index)
            if not css[start:index].strip():
                parts.append((css[index:end], None))
                start = end
            index = end
        elif char in "\"'":
            index = _skip_string(css, index)
        elif char == ";":
            parts.append((css[start : index + 1], None))
            index = start = index + 1
        elif char == "{":
            depth, end = 1, index + 1
            while end < len(css) and depth:
                if css[end] in "\"'":
                    end = _skip_string(css, end)
                    continue
                if css.startswith("/*", end):
                    end = _skip_comment(css, end)
                    continue
                depth += {"{": 1, "}": -1}.get(css[end], 0)
                end += 1
            parts.append((css[start:index], css[index + 1 : end - 1]))
            index = start = end
        else:
            index += 1
    if css[start:].strip():
        parts.append((css[start:], None))
    return parts


def selector_list(prelude: str) -> list[str]:
    """Split a rule's selector list at its top-level commas.

    Examples
    --------
    >>> selector_list("a, .b:is(.c,.d) , [e='f,g']")
    ['a', ' .b:is(.c,.d) ', " [e='f,g']"]
    """
    selectors, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            selectors.append(current)
            current = ""
        else:
            current += char
    selectors.append(current)
    return selectors


def required_names(selector: str) -> set[str] | None:
    """Return the classes and ids an element must have for ``selector`` to match.

    Names inside attribute selectors and functional pseudo-classes
    (``:not(.disabled)``, ``:is(.a, .b)``) are not required, so they are left
    out; None means the selector has escapes and is kept whatever it names.

    Examples
    --------
    >>> sorted(required_names(".btn:not(.disabled) > #main [href$='.pdf']"))
    ['btn', 'main']
    """
    text = _ATTRIBUTE_SELECTOR.sub("", selector)
    while match := _FUNCTIONAL_PSEUDO.search(text):
        depth, end = 1, match.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        text = text[: match.start()] + text[end:]
    if "\\" in text:
        return None
    return set(_CLASS_OR_ID.findall(text))


def purge_css(css: str, known: set[str] | frozenset[str]) -> str:
    """Return ``css`` without the selectors that name a class or id not in ``known``.

    A rule keeps the selectors of its list that can match; a rule with none
    left, and a grouping at-rule (``@media``) left empty, are dropped. Classes
    starting with ``KEEP_CLASS_PREFIXES`` count as known.

    Examples
    --------
    >>> purge_css(".a,.b{x:y}@media print{.c{x:y}}.d:not(.e){x:y}", {"a", "d"})
    '.a{x:y}.d:not(.e){x:y}'
    """
    kept: list[str] = []
    for prelude, body in css_blocks(css):
        if body is None:
            kept.append(prelude)
            continue
        head = prelude.strip()
        if head.startswith("@"):
            name = head[1:].split("(")[0].split()[0].lower() if head[1:] else ""
            if name in _GROUPING_AT_RULES:
                inner = purge_css(body, known)
                if inner.strip():
                    kept.append(f"{head}{{{inner}}}")
            else:
                kept.append(f"{head}{{{body}}}")
            continue
        live = [
            selector
            for selector in selector_list(head)
            if (names := required_names(selector)) is None
            or all(
                name in known or name.startswith(KEEP_CLASS_PREFIXES) for name in names
            )
        ]
        if live:
            kept.append(f"{','.join(live)}{{{body}}}")
    return "".join(kept)


def site_names(outdir: Path) -> set[str]:
    """Return the classes and ids of the built pages and every word of their scripts.

    A script's words stand for the classes it may add (``show``, ``collapsing``,
    ``tooltip-inner``): any word of any script counts, which keeps more rules
    than needed but never one a script relies on.
    """
    names: set[str] = set()
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.relative_to(outdir).parts:
            continue
        text = page.read_text(encoding="utf-8")
        for match in _CLASS_ATTRIBUTE.finditer(text):
            names.update(match[1].split())
    for script in sorted(outdir.rglob("*.js")):
        names.update(_JS_WORD.findall(script.read_text(encoding="utf-8")))
    return names


def _purge_theme_css(app: Sphinx, exception: Exception | None) -> None:
    """Write the theme's stylesheet with only the rules the site's pages can use.

    Read from the installed theme every build (never from the output, which
    holds the cut-down copy), so a class a new page uses brings its rules back.
    """
    if exception is not None or app.builder.format != "html":
        return
    source = _PST_STATIC / THEME_CSS
    target = Path(app.outdir) / "_static" / THEME_CSS
    css = purge_css(source.read_text(encoding="utf-8"), site_names(Path(app.outdir)))
    if not target.is_file() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")


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
    app.connect("html-page-context", _polish_page)
    app.add_js_file("course.js", loading_method="defer")
    app.add_role("korean", korean_role)
    app.add_css_file(ICON_FONT_CSS)
    app.connect("build-finished", _remove_unused_assets)
    app.connect("build-finished", _subset_katex_fonts)
    app.connect("build-finished", _purge_theme_css)
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
