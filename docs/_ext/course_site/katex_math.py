r"""Formulas typeset by KaTeX while Sphinx writes the page, with errors as warnings.

What it changes: the math renderer ``katex_checked`` (conf.py sets
``html_math_renderer``) replaces sphinxcontrib-katex's own HTML visitors. Every
formula goes to sphinxcontrib-katex's node server (``katex_prerender = True``)
and comes back as HTML and MathML, so the browser runs no math JavaScript and
never shows raw TeX, even offline.

The EPUB builder, an HTML builder too, uses the renderer ``katex_mathml``
(conf.py sets ``epub_math_renderer``, a setting this module adds; Sphinx's
builders look up ``<builder>_math_renderer`` before ``html_math_renderer``):
the same formulas as MathML alone, which EPUB 3 reading systems display
themselves, so a book needs neither KaTeX's stylesheet nor its fonts.

Why not sphinxcontrib-katex's visitors as they are (0.9.11):

- **Errors.** A formula KaTeX cannot typeset raises ``KaTeXError`` and stops
  the build with no source location (since hagenw/sphinxcontrib-katex#48).
  Here it is a Sphinx warning at the formula's source line (``-W`` still fails
  the build, and ``--keep-going`` reports every bad formula at once), and the
  page shows the TeX as text. Hangul typed in math mode outside ``\text{}``
  (which KaTeX renders in a fallback font, badly) is a warning too.
- **Options.** Pre-rendering ignores ``katex_options``
  (hagenw/sphinxcontrib-katex#145, and #65 for macros), so the options are
  passed here, with every formula: :data:`KATEX_OPTIONS`. This part can go
  when #145 is fixed.
- **Multi-line display math.** Sphinx's MathJax renderer wraps each part of a
  ``math`` directive that holds ``\\`` in ``split``; sphinxcontrib-katex sends
  the bare text, which KaTeX rejects, so docstrings written for Sphinx
  (``&=`` lines without an environment) would fail. :func:`wrap_display_math`
  wraps them the same way. (No upstream report found.)
- **Pairs on phones.** A display formula that sets two statements side by
  side with ``\\qquad`` (the two-case definitions of ReLU and its
  derivative, ``g'(z) = a(1 - a), \\qquad a = g(z)``) is typeset as one
  formula per statement (:func:`split_pairs`), in one ``div.math`` whose
  parts sit side by side where they fit and stack where they do not
  (``course.css``). Typeset as one formula, a phone could only scroll it, or
  break it after its second ``=``.
- **Server start-up.** sphinxcontrib-katex connects to its server once, as
  soon as the socket file exists; node creates that file a moment before it
  listens, so the connection is sometimes refused and the build stops (about
  one build in ten on a busy 2-core machine).
  :func:`use_retrying_server_start` retries until the server listens. (No
  upstream report found; it could be reported with this fix.)

- **A function name alone in a script.** For ``x_{\min}`` KaTeX writes an
  ``<msub>`` with three children (the name and an invisible "function
  application" operator side by side), which is invalid MathML: screen
  readers and EPUB checkers reject it (KaTeX/KaTeX#3721, open). An empty
  group after the name, ``x_{\min{}}``, makes KaTeX wrap the two in one
  ``<mrow>`` and changes nothing visible; :func:`brace_lone_functions` adds
  it. This part can go when #3721 is fixed.

The stylesheet and fonts that KaTeX's HTML needs are shipped by
:mod:`course_site.katex_assets`.
"""

from __future__ import annotations

import functools
import re
import socket
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Final

from docutils import nodes  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.locale import _ as sphinx_gettext
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata
from sphinxcontrib import katex

from course_site.upstream import UpstreamChanged

logger = logging.getLogger(__name__)

#: KaTeX options for every formula (merged over sphinxcontrib-katex's own).
KATEX_OPTIONS: Final[dict[str, Any]] = {
    "throwOnError": True,
    # KaTeX's strict mode would reject symbols such as ① in \text{} as well;
    # Hangul typed in math mode is caught by hangul_in_math_mode instead.
    "strict": "ignore",
    "output": "htmlAndMathml",  # MathML for screen readers
}
#: KaTeX's function names that take no argument (\sin, \max, ...), which write
#: an invisible function-application operator after the name in MathML.
_FUNCTION_NAMES: Final = (
    "arccos|arcctg|arcsin|arctan|arctg|arg|ch|cos|cosec|cosh|cot|cotg|coth|csc|ctg"
    "|cth|deg|det|dim|exp|gcd|hom|inf|ker|lg|lim|liminf|limsup|ln|log|max|min|Pr"
    "|sec|sh|sin|sinh|sup|tan|tanh|tg|th"
)
_LONE_FUNCTION: Final = re.compile(
    r"(?<=[_^])\{\s*(\\(?:" + _FUNCTION_NAMES + r"))\s*\}"
)
_TEXT_GROUP: Final = re.compile(r"\\(?:text\w*|mbox|mathrm|operatorname)\s*\{[^{}]*\}")
_HANGUL: Final = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@functools.cache
def katex_api() -> SimpleNamespace:
    """Return the parts of sphinxcontrib-katex this module uses, or fail loudly.

    They are module-level functions and a class, not a documented API:
    ``render_latex`` (a formula to HTML through the node server),
    ``get_latex`` and ``get_node_equation_number`` (a math node's TeX and
    number), ``KaTeXError``, and ``KaTeXServer`` with the three class
    methods that :func:`use_retrying_server_start` relies on.

    The answer is cached: the check runs once per process.

    Returns
    -------
    types.SimpleNamespace
        The functions and classes, by name.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When one of them is missing.
    """
    names = ("render_latex", "get_latex", "get_node_equation_number", "KaTeXError")
    server_methods = ("start_server_process", "build_command", "timeout_error")
    missing = [name for name in names if not hasattr(katex, name)]
    server = getattr(katex, "KaTeXServer", None)
    if server is None:
        missing.append("KaTeXServer")
    else:
        missing += [
            f"KaTeXServer.{name}"
            for name in server_methods
            if not hasattr(server, name)
        ]
    if missing:
        raise UpstreamChanged(
            "sphinxcontrib-katex",
            ", ".join(f"sphinxcontrib.katex.{name}" for name in missing),
            "is missing",
            user=__name__,
        )
    return SimpleNamespace(
        **{name: getattr(katex, name) for name in names}, KaTeXServer=server
    )


def hangul_in_math_mode(latex: str) -> bool:
    r"""Tell whether Hangul appears outside ``\text{...}`` (it renders badly).

    Examples
    --------
    >>> hangul_in_math_mode(r"\text{출력} = g(z)"), hangul_in_math_mode("출력 = g(z)")
    (False, True)
    """
    return _HANGUL.search(_TEXT_GROUP.sub("", latex)) is not None


def brace_lone_functions(latex: str) -> str:
    r"""Write ``x_{\min}`` as ``x_{\min{}}``, for which KaTeX writes valid MathML.

    Examples
    --------
    >>> brace_lone_functions(r"\operatorname{GELU}_{\tanh}(z) + x^{\max} + y_{\max z}")
    '\\operatorname{GELU}_{\\tanh{}}(z) + x^{\\max{}} + y_{\\max z}'
    >>> brace_lone_functions(r"x_{\alpha}")
    'x_{\\alpha}'
    """
    return _LONE_FUNCTION.sub(lambda match: "{" + match[1] + "{}}", latex)


def wrap_display_math(latex: str) -> str:
    r"""Wrap a ``math`` directive's body as Sphinx's MathJax renderer does.

    Sphinx wraps each blank-line separated part that contains a line break
    (``\\``) in ``split`` and stacks several parts, so docstrings and pages
    write aligned equations (``&=``) without an environment. KaTeX receives the
    bare text from sphinxcontrib-katex and would reject them.

    Examples
    --------
    >>> wrap_display_math("a &= b")
    'a &= b'
    >>> wrap_display_math(r"a &= b \\ &= c")
    '\\begin{split}a &= b \\\\ &= c\\end{split}'
    >>> wrap_display_math("a\n\nb")
    '\\begin{gathered}a\\\\b\\end{gathered}'
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


_PAIR_TOKEN: Final = re.compile(
    r"\\begin\{[^}]*\}|\\end\{[^}]*\}|\\left\b|\\right\b|\\qquad\b|\\.|[{}]"
)


def split_pairs(latex: str) -> list[str]:
    r"""Split a display formula at its top-level ``\qquad``: one part per statement.

    A ``\qquad`` inside braces, an environment or ``\left ... \right`` is
    part of its group and stays; ``\qquad\qquad`` is one gap.

    Examples
    --------
    >>> split_pairs(r"g'(z) = a(1 - a), \qquad a = g(z)")
    ["g'(z) = a(1 - a),", 'a = g(z)']
    >>> split_pairs(r"g = \begin{cases} z & z > 0 \qquad \end{cases} \qquad\qquad h")
    ['g = \\begin{cases} z & z > 0 \\qquad \\end{cases}', 'h']
    >>> split_pairs(r"\text{a \qquad b} = {x \qquad y}")
    ['\\text{a \\qquad b} = {x \\qquad y}']
    """
    parts: list[str] = []
    depth = 0
    start = 0
    for token in _PAIR_TOKEN.finditer(latex):
        text = token.group()
        if text in {"{", "\\left"} or text.startswith("\\begin{"):
            depth += 1
        elif text in {"}", "\\right"} or text.startswith("\\end{"):
            depth -= 1
        elif text == "\\qquad" and depth == 0:
            parts.append(latex[start : token.start()])
            start = token.end()
    parts.append(latex[start:])
    return [part.strip() for part in parts if part.strip()]


def render(
    translator: Any,
    node: nodes.Element,
    latex: str,
    *,
    display: bool,
    output: str = KATEX_OPTIONS["output"],
) -> str:
    """Render ``latex`` to HTML; on a KaTeX error, warn and show the TeX as text.

    ``output`` is KaTeX's: ``"htmlAndMathml"`` (the site) or ``"mathml"`` (EPUB).
    """
    api = katex_api()
    options = {**KATEX_OPTIONS, "displayMode": display, "output": output}
    if hangul_in_math_mode(latex):
        logger.warning(
            "Hangul in math mode (write it inside \\text{...}): %r",
            latex,
            location=node,
            type="katex",
        )
    try:
        return str(api.render_latex(brace_lone_functions(latex), options))
    except api.KaTeXError as error:
        message = str(error).removeprefix("ParseError: ")
        logger.warning(
            "KaTeX cannot render %r: %s", latex, message, location=node, type="katex"
        )
        return f'<span class="katex-error">{translator.encode(latex)}</span>'


def visit_math(
    translator: Any, node: nodes.Element, output: str = KATEX_OPTIONS["output"]
) -> None:
    """Write an inline formula as KaTeX's HTML."""
    translator.body.append(translator.starttag(node, "span", "", CLASS="math"))
    latex = katex_api().get_latex(node)
    translator.body.append(
        render(translator, node, latex, display=False, output=output)
    )
    translator.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(
    translator: Any, node: nodes.Element, output: str = KATEX_OPTIONS["output"]
) -> None:
    """Write a display formula (with its number and permalink) as KaTeX's HTML."""
    api = katex_api()
    latex = api.get_latex(node)
    if not node.get("nowrap"):
        latex = wrap_display_math(latex)
    parts = [latex] if node["number"] else (split_pairs(latex) or [latex])
    # A pair sits side by side where it fits and stacks where not (course.css).
    classes = "math math-pair" if len(parts) > 1 else "math"
    translator.body.append(translator.starttag(node, "div", CLASS=classes))
    if node["number"]:
        number = api.get_node_equation_number(translator, node)
        translator.body.append(f'<span class="eqno">({number})')
        translator.add_permalink_ref(node, sphinx_gettext("Permalink to this equation"))
        translator.body.append("</span>")
    for part in parts:
        translator.body.append(
            render(translator, node, part, display=True, output=output)
        )
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def visit_math_mathml(translator: Any, node: nodes.Element) -> None:
    """Write an inline formula as MathML only (the EPUB books)."""
    visit_math(translator, node, output="mathml")


def visit_displaymath_mathml(translator: Any, node: nodes.Element) -> None:
    """Write a display formula as MathML only (the EPUB books)."""
    visit_displaymath(translator, node, output="mathml")


def start_katex_server(
    server: Any, rundir: Path, timeout: float
) -> tuple[subprocess.Popen[bytes], socket.socket]:
    """Start sphinxcontrib-katex's node server and connect, retrying until it listens.

    sphinxcontrib-katex 0.9.11 connects once as soon as the socket file exists;
    node creates that file a moment before it listens, so the first connection
    is sometimes refused and the whole build stops. This version retries until
    the server listens or ``timeout`` passes.

    Parameters
    ----------
    server : type
        sphinxcontrib-katex's ``KaTeXServer`` class (this is its class method).
    rundir : pathlib.Path
        The folder for the server's socket.
    timeout : float
        Seconds to wait for the server.

    Returns
    -------
    tuple of subprocess.Popen and socket.socket
        The server process and the connected socket.
    """
    socket_path = rundir / "katex.sock"
    command = server.build_command(socket=socket_path)
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
            raise server.timeout_error(timeout)
        time.sleep(0.002)


def use_retrying_server_start() -> None:
    """Make sphinxcontrib-katex start its server with :func:`start_katex_server`.

    Replaces the class method ``KaTeXServer.start_server_process``, which
    ``KaTeXServer.start`` calls with ``(rundir, timeout)`` on POSIX systems.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When ``KaTeXServer`` or the methods the replacement uses are missing.
    """
    server = katex_api().KaTeXServer
    server.start_server_process = classmethod(start_katex_server)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``katex_checked`` and ``katex_mathml`` renderers, the retrying start."""
    app.setup_extension("sphinxcontrib.katex")
    use_retrying_server_start()
    app.add_html_math_renderer(
        "katex_checked",
        inline_renderers=(visit_math, None),
        block_renderers=(visit_displaymath, None),
    )
    app.add_html_math_renderer(
        "katex_mathml",
        inline_renderers=(visit_math_mathml, None),
        block_renderers=(visit_displaymath_mathml, None),
    )
    # The EPUB builder asks for epub_math_renderer before html_math_renderer.
    app.add_config_value(
        "epub_math_renderer", "katex_mathml", "epub", types=frozenset({str})
    )
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
