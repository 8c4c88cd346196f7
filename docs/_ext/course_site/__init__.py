"""The course site's build machinery: Sphinx extensions, one module per concern.

``conf.py`` lists the extension modules in ``extensions``, one line each; every
module has its own ``setup()`` and a docstring that says what it changes and
why. Where a module needs more than another package's public API, the reliance
is one small function that fails loudly when an upgrade changes it
(:mod:`course_site.upstream` lists them).

Sphinx extensions, in the order conf.py loads them:

- :mod:`~course_site.katex_math`: formulas typeset by KaTeX while Sphinx writes
  the page; a formula KaTeX cannot typeset is a warning at its source line.
- :mod:`~course_site.katex_assets`: KaTeX's stylesheet and fonts shipped with the
  site, the fonts cut down to the characters the pages use.
- :mod:`~course_site.interface_strings`: Korean interface strings of Sphinx and
  the themes, from the project's catalogs (``locale/ko/LC_MESSAGES``), and the
  English that templates and myst-nb write without gettext.
- :mod:`~course_site.answers`: exercise answers folded with ``<details>``.
- :mod:`~course_site.accessible_markup`: accessible names and roles that
  myst-nb and docutils write wrong (folded cells, bibliographies), corrected.
- :mod:`~course_site.editions`: the link to the same page in the other edition
  (Korean, English) and the ``{korean}`` role.
- :mod:`~course_site.page_polish`: page descriptions, deferred scripts, lazy
  images and keyboard-reachable wide formulas.
- :mod:`~course_site.notebooks`: notebook execution: a cache per language, the
  kernels' environment, myst-nb's output folder out of the served tree.
- :mod:`~course_site.notebook_downloads`: every lesson page as a Jupyter
  notebook in the download menu, in the page's edition, whose first cell
  installs the library's wheel that the site ships.
- :mod:`~course_site.cell_outputs`: cells' outputs are never gettext messages
  (each edition shows its own run); the words of output tables are translated
  from the library's English; glue works in translated paragraphs.
- :mod:`~course_site.theme_assets`: the theme's icon font and stylesheet cut down
  to what the site uses.
- :mod:`~course_site.korean_search`: Korean full-text search (particles stripped).
- :mod:`~course_site.bibliography`: reference lists labelled as the citations
  (author-year), one back-reference per citation in every edition.
- :mod:`~course_site.books`: the PDF and EPUB editions: Korean for LaTeX, answers
  printed, an EPUB with MathML and without the web's assets.

Tools that ``make`` runs:

- :mod:`~course_site.sphinx_command`: the site's one ``sphinx-build`` command line
  (``make docs``, ``make doctest``, ``make serve``, benchmarks, tests).
- :mod:`~course_site.translation_catalogs`: ``make translations`` (extract the
  pages' messages, update ``locale/<language>/LC_MESSAGES/<page>.po``).

conf.py puts ``docs/_ext`` on ``sys.path`` (as Sphinx's documentation suggests
for a project's own extensions); pytest (``pythonpath``), mypy (``mypy_path``)
and ``make`` (``PYTHONPATH``) find the package the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: The repository: conf.py, docs/, locale/, node_modules/.
ROOT: Final = Path(__file__).resolve().parents[3]
#: Build outputs and caches (git ignores it).
BUILD: Final = ROOT / "build"


def is_website(builder: Builder) -> bool:
    """Tell whether ``builder`` writes the web site, not a book.

    Sphinx's EPUB builder is an HTML builder too (``format == "html"``); the
    web's assets (KaTeX's and the icons' fonts, the theme's stylesheet) stay
    out of the book, see :mod:`course_site.books`.
    """
    return builder.format == "html" and getattr(builder, "name", None) != "epub"
