r"""The PDF and EPUB editions: what Sphinx's LaTeX and EPUB builders need besides settings.

conf.py holds the settings (``latex_*``, ``epub_*``; XeLaTeX, the fonts of each
edition). This module changes what settings cannot:

- **Korean for LaTeX.** docutils, whose language table Sphinx's LaTeX builder
  asks, knows no Babel name for ``ko``: Sphinx warns "no Babel option known
  for language 'ko'" (``-W`` fails) and typesets the Korean book as English
  ("Bibliography", "Index", English hyphenation). :func:`teach_korean_to_latex`
  adds ``ko`` → ``korean``, so the book says ``\setmainlanguage{korean}`` to
  polyglossia (참고문헌, 찾아보기, no hyphenation). It relies on
  ``docutils.writers.latex2e.Babel.language_codes`` (see
  :mod:`course_site.upstream`).
- **What the page folds, the book prints.** A book cannot be clicked: in both
  books an exercise's answer (a ``dropdown`` admonition, which
  :mod:`course_site.answers` folds on the web) is an ordinary box under its
  exercise, titled as on the web ("정답"), and a cell's output hidden on the
  web is shown. A cell's input hidden on the web (``hide-input``: imports,
  plotting code that is not the lesson) is left out, so the book shows what
  the page shows before anything is unfolded (:class:`PrintFolded`). It reads
  the ``nb_element`` and ``hide_mode`` attributes that myst-nb puts on a
  cell's nodes, before myst-nb's own HTML post-transform uses them.
- **A valid EPUB.** The EPUB builder is an HTML builder, so the site's web
  assets would follow the pages into the book. Each page of the book keeps
  only the stylesheets a reading system needs (:data:`EPUB_STYLESHEETS`:
  Sphinx's EPUB theme, code highlighting, the formula layout); the other files
  of ``_static`` (KaTeX's and the icons' fonts, whose WOFF2 type Sphinx's
  EPUB builder does not know, the web stylesheets, which epubcheck's CSS
  parser rejects) stay out of the book (:func:`exclude_web_assets`).
  Formulas are MathML (:mod:`course_site.katex_math`, ``epub_math_renderer``),
  and EPUB 3 requires a content document with MathML to say so in the
  package's manifest (``properties="mathml"``), which Sphinx does not write:
  :func:`declare_manifest_properties` adds it to the finished book.
  A paragraph that holds a list (napoleon writes a numpydoc "Returns" section
  with several values that way) is not valid XHTML: its children take its
  place (:class:`UnwrapBlocksInParagraphs`).
- **One list of references.** The PDF gathers the pages' references at its
  end; each work is listed once and no chapter keeps an empty heading
  (:class:`OneBibliography`).

Why these and not the HTML builder's: the books are what a student prints or
reads offline before an exam (issue 10); the web pages stay as they are.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any, Final

from docutils import nodes  # type: ignore[import-untyped]
from docutils.writers import latex2e  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.typing import ExtensionMetadata

from course_site.upstream import UpstreamChanged

#: The builders that make books (Sphinx's names).
BOOK_BUILDERS: Final = ("latex", "epub")
#: The stylesheets an EPUB page keeps: Sphinx's EPUB theme, code highlighting,
#: and sphinxcontrib-katex's layout of display formulas and their numbers.
EPUB_STYLESHEETS: Final = frozenset(
    {"_static/epub.css", "_static/pygments.css", "_static/katex-math.css"}
)
#: The kinds of file in ``_static`` that an EPUB keeps besides those
#: stylesheets: the images that Sphinx's EPUB stylesheet names.
EPUB_STATIC_SUFFIXES: Final = frozenset({".png", ".jpg", ".gif", ".svg"})
#: Files that Sphinx may leave in the output folder and that no book holds
#: (Sphinx keeps the previous build information there when a setting changed).
BUILD_LEFTOVERS: Final = frozenset({".buildinfo.bak"})
#: Babel's (and polyglossia's) name of each language docutils does not know.
LATEX_LANGUAGES: Final = {"ko": "korean"}

_MATHML: Final = re.compile(r"<(?:\w+:)?math[\s>]")
_SVG: Final = re.compile(r"<(?:\w+:)?svg[\s>]")
_SCRIPT: Final = re.compile(r"<script[\s>]")
_ITEM: Final = re.compile(r"<item\b[^>]*?/>")
_ATTRIBUTE: Final = re.compile(r'(\w[\w-]*)="([^"]*)"')


# -- Korean for LaTeX ------------------------------------------------------------------


def babel_language_codes() -> dict[str, str]:
    """Return docutils' table of Babel names by language code, or fail loudly.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When ``docutils.writers.latex2e.Babel.language_codes`` is not a dict.
    """
    codes = getattr(getattr(latex2e, "Babel", None), "language_codes", None)
    if not isinstance(codes, dict):
        raise UpstreamChanged(
            "docutils",
            "docutils.writers.latex2e.Babel.language_codes (a dict)",
            "is missing or changed",
            user=__name__,
        )
    return codes


def teach_korean_to_latex() -> None:
    """Give docutils' Babel table the languages of :data:`LATEX_LANGUAGES`.

    Examples
    --------
    >>> from sphinx.builders.latex.util import ExtBabel
    >>> teach_korean_to_latex()
    >>> babel = ExtBabel("ko", use_polyglossia=True)
    >>> babel.get_language(), babel.is_supported_language()
    ('korean', True)
    """
    codes = babel_language_codes()
    for code, name in LATEX_LANGUAGES.items():
        codes.setdefault(code, name)


# -- What the page folds, the book prints -------------------------------------------


def is_hidden_input(node: nodes.Node) -> bool:
    """Tell whether ``node`` is a cell's source that the page hides behind a toggle."""
    if not isinstance(node, nodes.container):
        return False
    cell = node.parent
    return (
        node.get("nb_element") == "cell_code_source"
        and isinstance(cell, nodes.container)
        and str(cell.get("hide_mode", "")) in {"input", "input+output", "all"}
    )


class PrintFolded(SphinxPostTransform):
    """In a book, answers and hidden outputs are printed; hidden inputs are left out."""

    #: Before myst-nb's HideInputCells (199), which wraps hidden parts for HTML.
    default_priority = 150
    builders = BOOK_BUILDERS

    def run(self, **kwargs: Any) -> None:
        """Unfold dropdown admonitions, drop hidden sources, show hidden outputs."""
        for admonition in self.document.findall(nodes.admonition):
            if "dropdown" in admonition["classes"]:
                admonition["classes"].remove("dropdown")
        for source in list(self.document.findall(is_hidden_input)):
            source.parent.remove(source)
        for cell in self.document.findall(nodes.container):
            if "hide_mode" in cell.attributes:
                del cell["hide_mode"]


class OneBibliography(SphinxPostTransform):
    """In the PDF, one list of references at the end, each work once.

    Each page of the site ends with a "참고 문헌" section listing what it cites.
    Sphinx's LaTeX builder moves every citation of the book into one
    bibliography at its end (``BibliographyTransform``, priority 750), so each
    chapter kept an empty "참고 문헌" heading and a work cited on five pages
    stood five times in the list. This removes the emptied sections and keeps
    the first entry of each work (entries with the same label).
    """

    #: After Sphinx's BibliographyTransform (750), which gathers the citations.
    default_priority = 760
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Drop sections left with a title only (no text, no image), and repeated citations."""
        for section in list(self.document.findall(nodes.section)):
            body = section.children[1:]
            if not any(
                child.astext().strip() or next(child.findall(nodes.image), None)
                for child in body
            ):
                section.parent.remove(section)
        seen: set[str] = set()
        for citation in list(self.document.findall(nodes.citation)):
            label = citation[0].astext()
            if label in seen:
                citation.parent.remove(citation)
            seen.add(label)


# -- A valid EPUB --------------------------------------------------------------------


def is_block(node: nodes.Node) -> bool:
    """Tell whether ``node`` is a block (a list, a table, ...), not inline like an image.

    Examples
    --------
    >>> is_block(nodes.bullet_list()), is_block(nodes.image()), is_block(nodes.Text("x"))
    (True, False, False)
    """
    return isinstance(node, nodes.Body) and not isinstance(node, nodes.Inline)


class UnwrapBlocksInParagraphs(SphinxPostTransform):
    """A paragraph that holds a list or another block gives way to its children."""

    builders = ("epub",)
    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        """Replace each paragraph that has a block child with its children."""
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if any(is_block(child) for child in paragraph.children):
                paragraph.replace_self(paragraph.children)


def keep_book_stylesheets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Link an EPUB page to the stylesheets of :data:`EPUB_STYLESHEETS` only.

    A page's ``css_files`` holds Sphinx's ``_CascadingStyleSheet`` entries,
    whose ``filename`` is the path under the output folder; a link that is
    left in by mistake names a file that is not in the book, which epubcheck
    reports.
    """
    if app.builder.name != "epub":
        return
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if str(getattr(css, "filename", css)) in EPUB_STYLESHEETS
    ]


def web_assets(outdir: Path) -> Iterator[str]:
    """Yield the files of ``outdir`` that a book leaves out, as POSIX paths.

    They are the stylesheets, fonts and scripts of ``_static`` besides
    :data:`EPUB_STYLESHEETS`, and the :data:`BUILD_LEFTOVERS`.
    """
    yield from sorted(name for name in BUILD_LEFTOVERS if (outdir / name).is_file())
    for path in sorted((outdir / "_static").rglob("*")):
        relative = path.relative_to(outdir).as_posix()
        if not path.is_file() or relative in EPUB_STYLESHEETS:
            continue
        if path.suffix.lower() not in EPUB_STATIC_SUFFIXES:
            yield relative


def exclude_web_assets(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Leave the web's static files out of the EPUB (``epub_exclude_files``).

    Connected to ``html-collect-pages``, which the EPUB builder emits once the
    static files are copied and before it lists the book's files; it adds no
    page.
    """
    if app.builder.name == "epub":
        excluded = app.config.epub_exclude_files
        excluded.extend(
            name for name in web_assets(Path(app.outdir)) if name not in excluded
        )
    return []


def manifest_properties(xhtml: str) -> set[str]:
    """Return the EPUB manifest properties that a content document needs.

    Examples
    --------
    >>> sorted(manifest_properties('<p><math xmlns="..."><mi>z</mi></math></p>'))
    ['mathml']
    >>> sorted(manifest_properties("<svg viewBox='0 0 1 1'/><script src='a.js'/>"))
    ['scripted', 'svg']
    >>> manifest_properties("<p>mathematics</p>")
    set()
    """
    found = set()
    if _MATHML.search(xhtml):
        found.add("mathml")
    if _SVG.search(xhtml):
        found.add("svg")
    if _SCRIPT.search(xhtml):
        found.add("scripted")
    return found


def with_properties(opf: str, documents: dict[str, str]) -> str:
    """Return the package document with each XHTML item's needed properties declared.

    Parameters
    ----------
    opf : str
        The package document (``content.opf``).
    documents : dict of str to str
        The text of each content document, by its path in the book.

    Examples
    --------
    >>> opf = ('<item id="a" href="a.xhtml" media-type="application/xhtml+xml" />'
    ...        '<item id="b" href="b.xhtml" media-type="application/xhtml+xml" />')
    >>> print(with_properties(opf, {"a.xhtml": "<math><mi>x</mi></math>",
    ...                             "b.xhtml": "<p>x</p>"}))
    <item id="a" href="a.xhtml" media-type="application/xhtml+xml" properties="mathml" /><item id="b" href="b.xhtml" media-type="application/xhtml+xml" />
    """

    def declare(match: re.Match[str]) -> str:
        item = match[0]
        attributes = dict(_ATTRIBUTE.findall(item))
        href = attributes.get("href", "")
        if attributes.get("media-type") != "application/xhtml+xml":
            return item
        needed = manifest_properties(documents.get(href, ""))
        needed -= set(attributes.get("properties", "").split())
        if not needed:
            return item
        joined = " ".join(
            sorted(needed | set(attributes.get("properties", "").split()))
        )
        if "properties" in attributes:
            return re.sub(r'properties="[^"]*"', f'properties="{joined}"', item)
        return item.removesuffix("/>").rstrip() + f' properties="{joined}" />'

    return _ITEM.sub(declare, opf)


def declare_manifest_properties(epub: Path) -> None:
    """Rewrite ``epub`` with the manifest properties its documents need.

    Every entry is copied in its order; ``mimetype`` stays first and stored
    (uncompressed), as EPUB's container format requires.
    """
    with zipfile.ZipFile(epub) as book:
        entries = [(info, book.read(info)) for info in book.infolist()]
    names = {info.filename for info, _ in entries}
    opf_name = next(name for name in names if name.endswith(".opf"))
    opf_folder = PurePosixPath(opf_name).parent
    documents = {
        PurePosixPath(info.filename).relative_to(opf_folder).as_posix(): data.decode(
            "utf-8"
        )
        for info, data in entries
        if info.filename.endswith((".xhtml", ".html"))
    }
    rewritten: list[tuple[zipfile.ZipInfo, bytes]] = []
    for info, data in entries:
        if info.filename == opf_name:
            rewritten.append(
                (info, with_properties(data.decode("utf-8"), documents).encode("utf-8"))
            )
        else:
            rewritten.append((info, data))
    with zipfile.ZipFile(epub, "w") as book:
        for info, data in rewritten:
            book.writestr(info, data, compress_type=info.compress_type)


def finish_epub(app: Sphinx, exception: Exception | None) -> None:
    """Declare the manifest properties of the finished EPUB."""
    if exception is not None or app.builder.name != "epub":
        return
    declare_manifest_properties(Path(app.outdir) / f"{app.config.epub_basename}.epub")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Korean for LaTeX; unfolded books; an EPUB with only what a reader needs."""
    teach_korean_to_latex()
    app.add_post_transform(PrintFolded)
    app.add_post_transform(UnwrapBlocksInParagraphs)
    app.add_post_transform(OneBibliography)
    app.connect("html-page-context", keep_book_stylesheets)
    app.connect("html-collect-pages", exclude_web_assets)
    app.connect("build-finished", finish_epub)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
