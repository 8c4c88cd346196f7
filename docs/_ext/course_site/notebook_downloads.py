r"""Every lesson page as a Jupyter notebook that runs anywhere, in the page's edition.

What it changes:

- **A notebook in the download menu.** Each page that has code cells gets
  ``_sources/<page>.ipynb`` beside its MyST source, and the theme's download
  button (``use_download_button``) offers it as ``.ipynb`` next to ``.md``.
  The notebook holds the page's own text and code, and the outputs of this
  build's run of that edition.
- **Text from the resolved, translated page.** The Markdown cells are written
  from the page's doctree after Sphinx has translated it (the English edition's
  notebook reads in English), pasted the glued values and resolved the
  references; the code cells and their outputs come from the notebook that
  myst-nb executed for the page. Markup that Jupyter and Colab cannot render
  becomes plain Markdown: roles become links to the site's pages (glossary
  terms, other pages) or plain text (figures and references on the same page,
  whose targets are in the notebook too), ``{glue:text}`` becomes its value,
  formulas become ``$...$`` and ``$$...$$``, folded answers become
  ``<details>``, notes become block quotes, a figure's caption (numbered as on
  the site) becomes a Markdown cell under the cell that draws it. A node this
  module cannot write is a warning, so ``-W`` fails on new markup until it is
  handled.
- **Hidden cells stay hidden.** Cells tagged ``hide-input`` (the page shows a
  "show code" button) and ``remove-cell`` (the hidden checks of the page's
  claims, its ``assert``\ s and ``glue(...)`` calls) keep their tags and are
  folded the ways Jupyter (``"jupyter": {"source_hidden": true}``) and Colab
  (``"cellView": "form"``) understand. The checks stay in the notebook: they
  are part of the page's code, and a student who changes a number can rerun
  them.
- **A first cell that installs the library.** It imports the course's library
  and, if that fails (a fresh Jupyter or Colab session), installs it with its
  plotting extra (``activation-functions[plot]``, which brings matplotlib)
  from the wheel that the site ships, then stands in for ``myst_nb.glue``,
  which the pages import and students do not have.
- **The wheel, built from the same sources.** When an HTML build starts, the
  library's wheel is built from the repository (``pip wheel --no-deps
  --no-build-isolation``, with the ``hatchling`` of the docs group: no
  network) into ``build/wheels/<digest of its sources>/`` and copied to
  ``_downloads/`` of the edition. The notebook installs it from the site's
  absolute address, ``html_baseurl`` (``READTHEDOCS_CANONICAL_URL`` on Read
  the Docs, the server's address under ``make serve``, any other host with
  ``-D html_baseurl=...``), or ``http://127.0.0.1:8000/<language>/`` when
  that is empty.

Why: students rerun a cell with other numbers and study offline; the MyST
source opens in neither Jupyter nor Colab and would not run there, since the
library is not installed (issue 10).

Reliances on other packages' internals, each one small function that raises
:class:`~course_site.upstream.UpstreamChanged` (see :mod:`course_site.upstream`):
:func:`executed_notebook` (the executed notebook myst-nb writes to its output
folder, with its ``source_map``), :func:`code_cells` (the ``cell_index`` of
myst-nb's code-cell containers) and :func:`check_download_menu` (the theme
offers a ``.ipynb`` entry when the page context has ``ipynb_source``).
"""

from __future__ import annotations

import bisect
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote, urljoin

import nbformat
from docutils import nodes  # type: ignore[import-untyped]
from jupyter_cache import get_cache  # type: ignore[import-untyped]
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.locale import admonitionlabels
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from course_site import BUILD, ROOT
from course_site.notebooks import merge_streams
from course_site.upstream import UpstreamChanged

logger = logging.getLogger(__name__)

#: The builders whose output is the served site (not epub, singlehtml, latex).
SITE_BUILDERS: Final = frozenset({"html", "dirhtml"})
#: Where a page's notebook goes, as the theme's download menu expects it.
SOURCES: Final = "_sources"
#: Where the library's wheel goes, in each edition's output.
WHEELS: Final = "_downloads"
#: The site's address when ``html_baseurl`` is empty: ``make serve``'s.
LOCAL_SITE: Final = "http://127.0.0.1:8000/{language}/"
#: The distribution and extra the first cell installs.
REQUIREMENT: Final = "activation-functions[plot]"
#: The files the wheel is built from (their digest names its cache folder).
WHEEL_SOURCES: Final = ("pyproject.toml", "README.md", "LICENSE", ".gitignore", "src")
#: Cell tags whose source the page hides (folded or removed) and the notebook folds.
HIDDEN_SOURCE_TAGS: Final = frozenset(
    {"hide-input", "remove-input", "hide-cell", "remove-cell"}
)
#: Cell tags whose outputs the page hides and the notebook folds.
HIDDEN_OUTPUT_TAGS: Final = frozenset(
    {"hide-output", "remove-output", "hide-cell", "remove-cell"}
)
#: The MIME types of the values ``glue(...)`` records for the site (not for readers).
GLUE_RECORD: Final = "application/papermill.record/"
#: What Markdown cells say before the page, per edition: the page's title,
#: its address and the site's name are filled in.
INTRODUCTIONS: Final[Mapping[str, str]] = {
    "ko": (
        "이 노트북은 **{site}** 사이트의 [{title}]({url}) 페이지입니다. 출력은 사이트를 "
        "만들 때 실행한 결과입니다. 맨 위의 셀을 먼저 실행하세요. 강의 라이브러리 "
        "`activation_functions`가 없으면 사이트에서 내려받아 설치합니다. 접혀 있는 "
        "셀에는 그림을 그리는 코드와, 본문의 주장을 확인하는 `assert`가 들어 있습니다."
    ),
    "en": (
        "This notebook is the page [{title}]({url}) of the site **{site}**, with the "
        "outputs of the site's build. Run the cell at the top first: if this Python "
        "lacks the course's library `activation_functions`, it downloads and installs "
        "it from the site. The folded cells hold the code that draws the figures and "
        "the `assert`s that check the text's claims."
    ),
}

FIRST_CELL: Final = '''\
# Run this cell first. It imports the course's library and, when this Python
# lacks it (a fresh Jupyter or Colab session), installs it with matplotlib
# from the wheel that the course site ships.
import importlib
import subprocess
import sys

WHEEL = "{wheel_url}"
try:
    import activation_functions
    import matplotlib
except ImportError:
    print(f"Installing {requirement} from {{WHEEL}}")
    pip = [sys.executable, "-m", "pip", "install", "--progress-bar", "off"]
    installed = subprocess.run(
        [*pip, "{requirement} @ " + WHEEL], capture_output=True, text=True
    )
    if installed.returncode != 0:
        raise RuntimeError(f"pip failed:\\n{{installed.stdout}}\\n{{installed.stderr}}")
    print(installed.stdout.strip().splitlines()[-1])  # Successfully installed ...
    importlib.invalidate_caches()
    import activation_functions

try:
    from myst_nb import glue
except ImportError:
    # The site's build tool; here the text already shows the glued values, and
    # glue() shows a value only when asked to, as in the pages.
    import types

    from IPython.display import display as _display

    def glue(name, variable, display=True):
        """Stand in for myst_nb.glue: show ``variable`` when ``display`` is true."""
        if display:
            _display(variable)

    sys.modules["myst_nb"] = types.ModuleType("myst_nb")
    sys.modules["myst_nb"].glue = glue

print("activation_functions", activation_functions.__version__)
'''


# -- The site's address and the wheel ----------------------------------------------


def site_url(config: Any) -> str:
    """Return the edition's absolute address, ending in ``/``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> site_url(SimpleNamespace(html_baseurl="", language="en"))
    'http://127.0.0.1:8000/en/'
    >>> site_url(SimpleNamespace(html_baseurl="https://x.org/ko/latest", language="ko"))
    'https://x.org/ko/latest/'
    """
    url = str(config.html_baseurl or "") or LOCAL_SITE.format(
        language=config.language or "ko"
    )
    return url if url.endswith("/") else url + "/"


def wheel_digest(project: Path) -> str:
    """Return a digest of the files the wheel is built from (and the build's date)."""
    digest = hashlib.sha256(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for name in WHEEL_SOURCES:
        path = project / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if not file.is_file() or "__pycache__" in file.parts:
                continue
            digest.update(file.relative_to(project).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_wheel(project: Path, cache: Path) -> Path:
    """Return the library's wheel, built offline from ``project`` unless cached.

    The wheel is built by pip with the build backend installed beside it
    (``--no-build-isolation``: no download) into
    ``<cache>/<digest of the sources>/``, so a rebuild of the site with the
    same sources reuses it.

    Raises
    ------
    sphinx.errors.ExtensionError
        When pip cannot build the wheel (its output is in the message).
    """
    folder = cache / wheel_digest(project)
    built = sorted(folder.glob("*.whl"))
    if built:
        return built[-1]
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as temporary:
        command = [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-cache-dir",
            "--quiet",
            "--wheel-dir",
            temporary,
            str(project),
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=300
        )
        wheels = sorted(Path(temporary).glob("*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            raise ExtensionError(
                f"{__name__}: `{' '.join(command)}` did not build one wheel "
                f"(is hatchling installed? it is in the docs group):\n"
                f"{result.stdout}{result.stderr}"
            )
        folder.mkdir(exist_ok=True)
        target = folder / wheels[0].name
        os.replace(wheels[0], target)  # atomic: a parallel build sees all or nothing
    return target


def ship_wheel(app: Sphinx) -> None:
    """Build the wheel and copy it into the edition; remember its address."""
    app.builder.course_wheel_url = None  # type: ignore[attr-defined]
    if app.builder.name not in SITE_BUILDERS:
        return
    wheel = build_wheel(ROOT, BUILD / "wheels")
    target = Path(app.outdir) / WHEELS / wheel.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(wheel, target)
    url = urljoin(site_url(app.config), f"{WHEELS}/{wheel.name}")
    app.builder.course_wheel_url = url  # type: ignore[attr-defined]
    if not app.config.html_baseurl:
        logger.info(
            "notebooks install the library from %s; for another host, set "
            "html_baseurl (-D html_baseurl=https://.../%s/)",
            url,
            app.config.language,
        )


# -- What myst-nb leaves: the executed notebook, the code cells --------------------


def executed_notebook(
    env: Any, docname: str, cache: str | None = None
) -> dict[str, Any] | None:
    """Return the notebook myst-nb executed for ``docname``, or None for other pages.

    myst-nb writes the page's notebook to its output folder
    (``<docname>.ipynb``, moved next to the doctrees by
    :mod:`course_site.notebooks`), with ``metadata.source_map``: the line of
    the page where each cell starts. When the outputs came from its
    jupyter-cache, that copy has none (myst-nb 1.4 writes the notebook it
    read, not the one merged with the cache), so they are merged in again
    from the ``cache`` folder with jupyter-cache's own API.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When ``env.mystnb_config`` has no ``output_folder``, or the notebook
        has no ``source_map`` of one line per cell.
    sphinx.errors.ExtensionError
        When ``cache`` holds no run of the page's code.
    """
    folder = getattr(getattr(env, "mystnb_config", None), "output_folder", None)
    if not isinstance(folder, str):
        raise UpstreamChanged(
            "myst-nb",
            "env.mystnb_config.output_folder (where executed notebooks are written)",
            "is missing",
            user=__name__,
        )
    path = Path(folder, *f"{docname}.ipynb".split("/"))
    if not path.is_file():
        return None
    notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    source_map = notebook.get("metadata", {}).get("source_map")
    if not isinstance(source_map, list) or len(source_map) != len(notebook["cells"]):
        raise UpstreamChanged(
            "myst-nb",
            "the source_map of an executed notebook (one start line per cell)",
            "is missing or has another length",
            user=__name__,
        )
    if cache is None:
        return notebook
    try:
        _, merged = get_cache(cache).merge_match_into_notebook(
            nbformat.from_dict(notebook)  # type: ignore[no-untyped-call]
        )
    except KeyError:
        raise ExtensionError(
            f"{__name__}: the notebook cache {cache} has no run of {docname}"
        ) from None
    result: dict[str, Any] = json.loads(json.dumps(merged))
    result["metadata"]["source_map"] = source_map
    return result


def is_code_cell(node: nodes.Node) -> bool:
    """Tell whether ``node`` is the container myst-nb makes of a code cell."""
    return isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"


def code_cells(doctree: nodes.Node) -> dict[int, nodes.container]:
    """Return the page's code-cell containers by the index of their cell.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When a code-cell container has no integer ``cell_index``.
    """
    cells: dict[int, nodes.container] = {}
    for node in doctree.findall(is_code_cell):
        index = node.get("cell_index")
        if not isinstance(index, int):
            raise UpstreamChanged(
                "myst-nb",
                "the cell_index of code-cell containers (nb_element='cell_code')",
                "is missing",
                user=__name__,
            )
        cells[index] = node
    return cells


# -- Doctree to Markdown -----------------------------------------------------------

_ESCAPED: Final = re.compile(r"([\\`*_\[\]<>$|])")
_BLOCK_START: Final = re.compile(r"^(#|>|[-+=]\s|\d+[.)]\s)")


def escape(text: str) -> str:
    r"""Return ``text`` with the characters Markdown would read as markup escaped.

    Examples
    --------
    >>> escape("a*b_c [1] $5 <x>")
    'a\\*b\\_c \\[1\\] \\$5 \\<x\\>'
    """
    return _ESCAPED.sub(r"\\\1", text)


def code_span(text: str) -> str:
    """Return ``text`` as a Markdown code span (longer fences around backticks).

    Examples
    --------
    >>> code_span("af.relu"), code_span("a`b")
    ('`af.relu`', '`` a`b ``')
    """
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(len(run) for run in re.findall("`+", text)) + 1)
    return f"{fence} {text} {fence}"


def fenced(code: str, language: str = "") -> str:
    """Return ``code`` as a fenced block (a longer fence around fences)."""
    runs = re.findall("`{3,}", code)
    fence = "`" * max([3, *(len(run) + 1 for run in runs)])
    return f"{fence}{language}\n{code.rstrip()}\n{fence}"


def wrapped(mark: str, tag: str, content: str) -> str:
    """Return ``content`` between ``mark``s, or in an HTML tag where those would fail.

    CommonMark opens and closes ``**`` only next to a letter or digit when a
    letter follows or precedes it, as in Korean (``**0**입니다``); HTML tags
    work everywhere.

    Examples
    --------
    >>> wrapped("**", "strong", "leak"), wrapped("**", "strong", "새어 나가게(leaky)")
    ('**leak**', '<strong>새어 나가게(leaky)</strong>')
    """
    if not content:
        return ""
    if content[0].isalnum() and content[-1].isalnum():
        return f"{mark}{content}{mark}"
    return f"<{tag}>{content}</{tag}>"


def indented(text: str, prefix: str, first: str | None = None) -> str:
    """Indent every line of ``text`` by ``prefix`` (the first line by ``first``)."""
    lines = text.split("\n")
    head = prefix if first is None else first
    return "\n".join(
        [head + lines[0], *((prefix + line).rstrip() for line in lines[1:])]
    )


def absolute(url: str, base: str) -> str:
    """Return ``url`` made absolute against ``base``, safe inside ``(...)``.

    Examples
    --------
    >>> absolute("glossary.html#term-포화", "https://x.org/ko/sigmoid.html")
    'https://x.org/ko/glossary.html#term-%ED%8F%AC%ED%99%94'
    """
    return quote(urljoin(base, url), safe=":/#?&=%~+@!,;*-._")


class MarkdownWriter:
    """Write a resolved doctree's nodes as Markdown that Jupyter and Colab render.

    Parameters
    ----------
    page_url : str
        The page's absolute address: links to other pages are made absolute
        against it.
    warn : callable
        Called with a message and the node for a node it cannot write.
    """

    def __init__(self, page_url: str, warn: Callable[[str, nodes.Node], None]) -> None:
        self.page_url = page_url
        self.warn = warn

    # -- blocks

    def blocks(self, children: Iterable[nodes.Node]) -> str:
        """Return block nodes as Markdown, separated by blank lines."""
        parts = [self.block(child) for child in children]
        return "\n\n".join(part for part in parts if part)

    def block(self, node: nodes.Node) -> str:  # noqa: PLR0911, PLR0912 (a dispatch)
        """Return one block node as Markdown ("" for what has no text)."""
        if isinstance(node, nodes.paragraph):
            text = self.inline(node.children).strip()
            return ("\\" + text) if _BLOCK_START.match(text) else text
        if isinstance(node, nodes.Invisible | nodes.system_message | nodes.comment):
            return ""
        if isinstance(node, addnodes.toctree) and node.get("hidden"):
            return ""  # navigation only: the site's sidebar shows it
        if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            return self.list(node)
        if isinstance(node, nodes.definition_list):
            return self.definition_list(node)
        if isinstance(node, nodes.math_block):
            latex = "\n".join(
                line for line in node.astext().strip().splitlines() if line.strip()
            )
            return f"$$\n{latex}\n$$"
        if isinstance(node, nodes.literal_block):
            return self.literal_block(node)
        if isinstance(node, nodes.Admonition):
            return self.admonition(node)
        if isinstance(node, nodes.table):
            return self.table(node)
        if isinstance(node, nodes.block_quote):
            return indented(self.blocks(node.children), "> ")
        if isinstance(node, nodes.citation):
            label = node.next_node(nodes.label)
            body = self.blocks(c for c in node.children if c is not label)
            return indented(body, "  ", first="- ")
        if isinstance(node, nodes.raw):
            return node.astext() if "html" in node.get("format", "").split() else ""
        if isinstance(node, nodes.transition):
            return "---"
        if isinstance(node, nodes.rubric):
            return wrapped("**", "strong", self.inline(node.children))
        if isinstance(node, nodes.container | nodes.compound):
            return self.blocks(node.children)
        return self.unknown(node)

    def unknown(self, node: nodes.Node) -> str:
        """Warn about a node this writer does not know; return its plain text."""
        self.warn(
            f"the page's notebook cannot show a {type(node).__name__} node as "
            "Markdown (teach course_site.notebook_downloads to write it)",
            node,
        )
        return escape(node.astext())

    def list(self, node: nodes.Element) -> str:
        """Return a bullet or numbered list (its numbering starts where the page's does)."""
        items = []
        start = int(node.get("start", 1))
        for number, item in enumerate(node.children, start=start):
            marker = f"{number}. " if isinstance(node, nodes.enumerated_list) else "- "
            body = self.blocks(item.children)
            items.append(indented(body, " " * len(marker), first=marker))
        loose = any(len(item.children) > 1 for item in node.children)
        return ("\n\n" if loose else "\n").join(items)

    def definition_list(self, node: nodes.Element) -> str:
        """Return a definition list as a list of bold terms and their definitions."""
        items = []
        for item in node.children:
            term = self.inline(item.next_node(nodes.term).children)
            definition = self.blocks(item.next_node(nodes.definition).children)
            body = f"{wrapped('**', 'strong', term)}: {definition}"
            items.append(indented(body, "  ", first="- "))
        return "\n\n".join(items)

    def literal_block(self, node: nodes.Element) -> str:
        """Return a code example as a fenced block (doctests and IPython as Python)."""
        language = str(node.get("language", ""))
        if node.get("testnodetype") or language in {"pycon", "ipython3", "ipython"}:
            language = "python"
        elif language in {"default", "none", "text"}:
            language = ""
        return fenced(node.astext(), language)

    def admonition(self, node: nodes.Element) -> str:
        """Return a folded answer as ``<details>``, other admonitions as block quotes."""
        title_node = node.next_node(nodes.title)
        titles = (
            [title_node] if title_node is not None and title_node.parent is node else []
        )
        body = self.blocks(child for child in node.children if child not in titles)
        if titles:
            title = self.inline(titles[0].children)
        else:
            title = escape(str(admonitionlabels.get(node.tagname, node.tagname)))
        if "dropdown" in node.get("classes", []):
            return f"<details>\n<summary>{title}</summary>\n\n{body}\n\n</details>"
        return indented(f"**{title}**\n\n{body}", "> ")

    def table(self, node: nodes.Element) -> str:
        """Return a table as a pipe table (the first row is its header)."""
        rows: list[list[str]] = []
        align: list[str] = []
        for row in node.findall(nodes.row):
            cells = []
            for entry in row.children:
                text = "<br>".join(
                    self.inline(paragraph.children).strip()
                    for paragraph in entry.findall(nodes.paragraph)
                )
                cells.append(text.replace("\n", " "))
                if len(rows) == 0:
                    classes = entry.get("classes", [])
                    align.append(
                        "---:"
                        if "text-right" in classes
                        else ":---:"
                        if "text-center" in classes
                        else "---"
                    )
            rows.append(cells)
        if not rows:
            return ""
        lines = [rows[0], align, *rows[1:]]
        return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)

    # -- inline

    def inline(self, children: Iterable[nodes.Node]) -> str:
        """Return inline nodes as Markdown on one line."""
        return "".join(self.inline_node(child) for child in children)

    def inline_node(self, node: nodes.Node) -> str:  # noqa: PLR0911 (a dispatch)
        """Return one inline node as Markdown."""
        if isinstance(node, nodes.Text):
            return escape(" ".join(str(node).split("\n")))
        if isinstance(node, nodes.math):
            return f"${node.astext().strip()}$"
        if isinstance(node, nodes.literal):
            return code_span(node.astext())
        if isinstance(node, nodes.strong):
            return wrapped("**", "strong", self.inline(node.children))
        if isinstance(node, nodes.emphasis | nodes.title_reference):
            return wrapped("*", "em", self.inline(node.children))
        if isinstance(node, nodes.subscript | nodes.superscript):
            tag = "sub" if isinstance(node, nodes.subscript) else "sup"
            return f"<{tag}>{self.inline(node.children)}</{tag}>"
        if isinstance(node, nodes.reference | addnodes.number_reference):
            return self.reference(node)
        if isinstance(node, nodes.raw):
            return node.astext() if "html" in node.get("format", "").split() else ""
        if isinstance(node, nodes.Invisible):
            return ""
        if isinstance(node, nodes.inline | nodes.abbreviation | addnodes.pending_xref):
            return self.inline(node.children)
        return self.unknown(node)

    def reference(self, node: nodes.Element) -> str:
        """Return a link to another page or the web, or the text of one on this page.

        A reference within the page (a figure, a section, a citation) is its
        text: its target is in the notebook too, and Jupyter and Colab do not
        share the site's anchors.
        """
        text = self.inline(node.children)
        refuri = node.get("refuri")
        if not refuri or refuri.startswith("#"):
            return text
        url = absolute(refuri, self.page_url) if node.get("internal") else refuri
        return f"[{text}]({url})"


# -- The notebook ------------------------------------------------------------------


def text(source: str | list[str]) -> str:
    """Return a notebook's multi-line string (a string, or a list of lines) as one."""
    return source if isinstance(source, str) else "".join(source)


def markdown_cell(source: str) -> dict[str, Any]:
    """Return a Markdown cell of ``source``."""
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def first_cell(wheel_url: str) -> dict[str, Any]:
    """Return the cell that installs the library from ``wheel_url`` if needed."""
    source = FIRST_CELL.format(wheel_url=wheel_url, requirement=REQUIREMENT)
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": source.rstrip("\n"),
    }


def is_glue_record(output: Mapping[str, Any]) -> bool:
    """Tell whether a cell's output is only a value that ``glue(...)`` recorded.

    myst-nb reads these records to paste values into the text, and leaves them
    out of the page; Jupyter would show an empty output or an unknown type.

    Examples
    --------
    >>> is_glue_record({"output_type": "display_data",
    ...                 "data": {"application/papermill.record/text/plain": "0.5"}})
    True
    >>> is_glue_record({"output_type": "stream", "text": "0.5"})
    False
    """
    data = output.get("data", {})
    return bool(data) and all(key.startswith(GLUE_RECORD) for key in data)


def notebook_code_cell(cell: Mapping[str, Any]) -> dict[str, Any]:
    """Return a page's executed code cell for the notebook: hidden as on the page.

    Its source, outputs and tags stay; myst-nb's own settings (figure captions
    and alt texts in the source language) go, as Jupyter does not read them.

    Examples
    --------
    >>> cell = {"source": ["x = 1"], "metadata": {"tags": ["remove-cell"],
    ...         "mystnb": {}}, "outputs": [], "execution_count": 3}
    >>> notebook_code_cell(cell)["metadata"]
    {'tags': ['remove-cell'], 'jupyter': {'source_hidden': True, 'outputs_hidden': True}, 'cellView': 'form'}
    """
    tags = list(cell.get("metadata", {}).get("tags", []))
    metadata: dict[str, Any] = {"tags": tags} if tags else {}
    jupyter = {}
    if HIDDEN_SOURCE_TAGS.intersection(tags):
        jupyter["source_hidden"] = True
    if HIDDEN_OUTPUT_TAGS.intersection(tags):
        jupyter["outputs_hidden"] = True
    if jupyter:
        metadata["jupyter"] = jupyter
    if "source_hidden" in jupyter:
        # Colab shows a cell in form view with its code folded ("Show code").
        metadata["cellView"] = "form"
    return {
        "cell_type": "code",
        "execution_count": cell.get("execution_count"),
        "metadata": metadata,
        # Printed text as it was printed, not in the pieces the kernel happened
        # to send (which differ from run to run): see course_site.notebooks.
        "outputs": merge_streams(
            [
                copy.deepcopy(output)
                for output in cell.get("outputs", [])
                if not is_glue_record(output)
            ],
            list,
        ),
        "source": text(cell["source"]),
    }


def figure_caption(
    cell: nodes.Element, writer: MarkdownWriter, number: Callable[[str], str | None]
) -> str:
    """Return the captions of the figures a cell draws, numbered as on the page."""
    captions = []
    for figure in cell.findall(nodes.figure):
        caption = figure.next_node(nodes.caption)
        if caption is None:
            continue
        label = number(figure["ids"][0]) if figure["ids"] else None
        words = writer.inline(caption.children).strip()
        captions.append(f"**{escape(label)}** {words}" if label else words)
    return "\n\n".join(captions)


def _blocks(node: nodes.Element, depth: int = 0) -> Iterator[tuple[nodes.Node, int]]:
    """Yield the page's blocks in order: titles (with depth), cells and other blocks."""
    for child in node.children:
        if isinstance(child, nodes.section):
            yield from _blocks(child, depth + 1)
        elif isinstance(child, nodes.title) and isinstance(node, nodes.section):
            yield child, depth
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.title):
            yield child, 0


def markdown_by_cell(
    doctree: nodes.document, executed: Mapping[str, Any], writer: MarkdownWriter
) -> dict[tuple[int, int], list[str]]:
    """Return the page's text as Markdown blocks, by the cell they belong to.

    A block belongs to the Markdown cell whose lines hold it (the executed
    notebook's ``source_map`` says where each cell starts); a block without a
    line stays with the one before it. Keys are ``(index, 0)`` for the cell
    ``index`` and ``(index, 1)`` for text that follows the code cell ``index``.
    """
    starts = [int(line) for line in executed["metadata"]["source_map"]]
    kinds = [cell["cell_type"] for cell in executed["cells"]]
    markdown: dict[tuple[int, int], list[str]] = {}
    line = 0
    for node, depth in _blocks(doctree):
        if is_code_cell(node):
            line = starts[int(node["cell_index"])]
            continue
        line = node.line or line
        index = max(bisect.bisect_right(starts, line) - 1, 0)
        key = (index, 0 if kinds[index] == "markdown" else 1)
        if isinstance(node, nodes.title):
            block = "#" * max(depth, 1) + " " + writer.inline(node.children).strip()
        else:
            block = writer.block(node)
        if block:
            markdown.setdefault(key, []).append(block)
    return markdown


def page_notebook(
    doctree: nodes.document,
    executed: Mapping[str, Any],
    *,
    writer: MarkdownWriter,
    first: Iterable[dict[str, Any]],
    figure_number: Callable[[str], str | None],
) -> dict[str, Any]:
    """Return the page's notebook: the ``first`` cells, then the page's cells in order.

    The doctree gives the Markdown (translated, resolved); the executed notebook
    gives the code cells (also those the page removes) and their outputs.
    """
    shown = code_cells(doctree)
    markdown = markdown_by_cell(doctree, executed, writer)
    cells = list(first)
    for index, cell in enumerate(executed["cells"]):
        if cell["cell_type"] == "code":
            cells.append(notebook_code_cell(cell))
            if index in shown:
                caption = figure_caption(shown[index], writer, figure_number)
                cells.extend([markdown_cell(caption)] if caption else [])
        cells.extend(
            markdown_cell("\n\n".join(markdown[key]))
            for key in ((index, 0), (index, 1))
            if key in markdown
        )
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"  # the same ids every build
    metadata = {
        key: copy.deepcopy(executed["metadata"][key])
        for key in ("kernelspec", "language_info")
        if key in executed["metadata"]
    }
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def serialized(notebook: Mapping[str, Any]) -> str:
    """Return ``notebook`` as nbformat writes it, after checking it against its schema.

    Raises
    ------
    nbformat.ValidationError
        When the notebook is not a valid nbformat 4 notebook.
    """
    node = nbformat.from_dict(notebook)  # type: ignore[no-untyped-call]
    nbformat.validate(node)
    return str(nbformat.writes(node)) + "\n"  # type: ignore[no-untyped-call]


# -- Sphinx events -----------------------------------------------------------------


def write_notebook(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write the page's notebook to ``_sources/<page>.ipynb`` (pages with code cells)."""
    wheel_url = getattr(app.builder, "course_wheel_url", None)
    if wheel_url is None or not code_cells(doctree):
        return
    cached = app.config.nb_execution_mode == "cache"
    cache = str(app.config.nb_execution_cache_path) if cached else None
    executed = executed_notebook(app.env, docname, cache)
    if executed is None:
        return
    page_url = urljoin(site_url(app.config), app.builder.get_target_uri(docname))
    titles = list(doctree.findall(nodes.title))
    language = str(app.config.language or "ko")

    def warn(message: str, node: nodes.Node) -> None:
        logger.warning(message, location=node, type="notebook_downloads")

    def figure_number(figure_id: str) -> str | None:
        numbers = app.env.toc_fignumbers.get(docname, {}).get("figure", {})
        if figure_id not in numbers:
            return None
        number = ".".join(map(str, numbers[figure_id]))
        return str(app.config.numfig_format["figure"]) % number

    introduction = INTRODUCTIONS.get(language, INTRODUCTIONS["en"]).format(
        site=escape(str(app.config.html_title or app.config.project)),
        title=escape(titles[0].astext()) if titles else docname,
        url=absolute(page_url, page_url),
    )
    notebook = page_notebook(
        doctree,
        executed,
        writer=MarkdownWriter(page_url, warn),
        first=[first_cell(wheel_url), markdown_cell(introduction)],
        figure_number=figure_number,
    )
    target = Path(app.outdir, SOURCES, *f"{docname}.ipynb".split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(serialized(notebook), encoding="utf-8")


def offer_notebook(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Put the page's notebook in the theme's download menu."""
    if getattr(app.builder, "course_wheel_url", None) is None or doctree is None:
        return
    if (Path(app.outdir, SOURCES) / f"{pagename}.ipynb").is_file() and code_cells(
        doctree
    ):
        context["ipynb_source"] = f"{pagename}.ipynb"


def check_download_menu(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Check that the theme's download menu offers the notebook it was given.

    sphinx-book-theme adds a ``.ipynb`` entry (``download-notebook-button``)
    when the page's context has ``ipynb_source``, which its launch buttons set
    for notebooks that myst-nb executed; that is not a documented setting.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When the page's header buttons have no notebook entry.
    """
    if "ipynb_source" not in context:
        return
    labels = [
        button.get("label")
        for group in context.get("header_buttons", [])
        for button in group.get("buttons", [])
    ]
    if "download-notebook-button" not in labels:
        raise UpstreamChanged(
            "sphinx-book-theme",
            "the page context's ipynb_source (the download menu's .ipynb entry)",
            "no longer adds an entry",
            user=__name__,
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    """Ship the wheel; write every lesson's notebook; offer it in the download menu."""
    app.setup_extension("myst_nb")
    app.connect("builder-inited", ship_wheel)
    app.connect("doctree-resolved", write_notebook)
    # Before the theme builds its header buttons (priority 501), and after.
    app.connect("html-page-context", offer_notebook, priority=400)
    app.connect("html-page-context", check_download_menu, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
