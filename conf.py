"""Sphinx configuration for the course site.

The Korean pages live in ``docs/`` as MyST-NB text notebooks; this file sits at
the top of the repository and every path in it is absolute (built from
``__file__``), so the same configuration serves ``make docs`` (``-c . docs``),
Read the Docs (which runs Sphinx from this folder) and the English edition
(``-D language=en``, catalogs in ``locale/``). The build machinery that is
more than a setting lives in the package ``docs/_ext/course_site``, one
extension per concern (its ``__init__`` lists them).
"""

from __future__ import annotations

import doctest
import os
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "docs"
# The site's own extensions (the course_site package), found the way Sphinx's
# documentation suggests for a project's extensions; Read the Docs installs
# only the library, so the package is not installed anywhere.
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project ---------------------------------------------------------------------

language = "ko"
release = "0.1.0"
# The EPUB's package metadata needs a version (Sphinx warns without one).
version = release
#: Names that differ per edition. `-D language=en` is applied after this file
#: runs, so _name_edition (a config-inited hook, see setup) picks the set.
EDITION_NAMES: dict[str, dict[str, str]] = {
    "ko": {
        "project": "활성화 함수 (Activation Functions)",
        "html_title": "활성화 함수",
        "author": "activation-functions 강의 팀",
    },
    "en": {
        "project": "Activation Functions",
        "html_title": "Activation Functions",
        "author": "the activation-functions course team",
    },
}
project = EDITION_NAMES["ko"]["project"]
html_title = EDITION_NAMES["ko"]["html_title"]
author = EDITION_NAMES["ko"]["author"]
# Sphinx writes the year for %Y: the year of SOURCE_DATE_EPOCH when it is set
# (make sets it to the last commit's time, so two builds of a commit agree),
# else the year of the build.
copyright = f"%Y, {author}"

# -- General ---------------------------------------------------------------------

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinxcontrib.katex",
    "sphinxcontrib.bibtex",
    # The site's machinery (docs/_ext/course_site), one module per concern:
    "course_site.katex_math",  # formulas typeset at build time, errors as warnings
    "course_site.katex_assets",  # KaTeX's CSS and fonts, cut to the site's characters
    "course_site.interface_strings",  # Korean interface strings of Sphinx, themes
    "course_site.answers",  # exercise answers folded with <details>
    "course_site.accessible_markup",  # names and roles myst-nb and docutils get wrong
    "course_site.editions",  # the language switcher; the {korean} role
    "course_site.page_polish",  # descriptions, deferred scripts, lazy images
    "course_site.notebooks",  # cache per language, kernels' environment
    "course_site.notebook_downloads",  # each lesson as a notebook; the wheel it installs
    "course_site.cell_outputs",  # outputs never translated by hand; glue in translations
    "course_site.theme_assets",  # icon font and theme CSS cut to what pages use
    "course_site.korean_search",  # Korean full-text search
    "course_site.bibliography",  # reference lists labelled as the citations
    "course_site.books",  # PDF and EPUB: Korean LaTeX, answers printed, a valid EPUB
]

templates_path = [str(DOCS / "_templates")]
exclude_patterns = ["_build", "_ext", "_static", "_templates", "**.ipynb_checkpoints"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
# Figures and tables are numbered (across the site: "그림 7"), so {numref} works.
numfig = True

nitpicky = True
nitpick_ignore_regex = [
    # Outside objects named in numpydoc sections ("Parameters", "See Also"):
    # the build is offline (no intersphinx), so these cannot resolve.
    (
        "py:(class|obj|func|meth|attr|data|exc|mod)",
        r"(numpy|np|scipy|matplotlib|mpl|collections\.abc|typing)(\..*)?",
    ),
    (
        "py:class",
        r"(array_like|array-like|ArrayLike|NDArray|callable|optional|default.*)",
    ),
    # IPython's display hooks (_repr_markdown_ ...) are never documented.
    ("py:meth", r"(.*\.)?_repr_\w+_"),
]
# A fixed build: no "last updated" dates, no random ids.
html_last_updated_fmt: str | None = None
suppress_warnings = ["mystnb.unknown_mime_type"]

# -- References ------------------------------------------------------------------

# One bibliography for the site (docs/references.bib); a page cites with
# {cite:t}`key` ("He et al. (2015)") or {cite:p}`key` and lists what it cites
# at its end with ```{bibliography}``` (`:filter: docname in docnames`).
bibtex_bibfiles = [str(DOCS / "references.bib")]
bibtex_reference_style = "author_year"
# The list's labels read as the citations ("[Maas et al., 2013]", not "[1]"),
# sorted by author and year: the style that docs/_ext/course_site/bibliography.py registers.
bibtex_default_style = "author_year"
# Each page lists what it cites, so a work cited on two pages is in two lists:
# sphinxcontrib-bibtex 2.7 reports that as "duplicate_citation" (across pages)
# apart from "duplicate_local_citation" (within a page, still a warning), and
# resolves each citation to its own page's list first.
suppress_warnings.append("bibtex.duplicate_citation")

# -- Translation (the English edition reads locale/en/LC_MESSAGES/*.po) ----------

# `make translations` (course_site.translation_catalogs) extracts the messages
# and updates the catalogs; see README "Two editions". locale/ko/LC_MESSAGES
# holds the Korean interface strings that replace Sphinx's and the themes'
# (course_site.interface_strings).
locale_dirs = [str(ROOT / "locale")]
# One catalog per page (locale/en/LC_MESSAGES/sigmoid.po): a translator owns
# whole pages, and a catalog's diff shows one page's changes.
gettext_compact = False
gettext_uuid = False
# No "#: ../../docs/sigmoid.md:42" comments. With them, a line added near the
# top of a page rewrites the comment of every later message in its catalog,
# so a one-sentence change shows as a hundred-line diff (and clashes with a
# translator's open edit); the messages stay in page order without them, and
# the catalog's name already says which page they come from.
gettext_location = False

# -- MyST and MyST-NB ------------------------------------------------------------

myst_enable_extensions = [
    "amsmath",
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "substitution",
]
myst_heading_anchors = 3
myst_dmath_double_inline = True

# Notebooks run once and are cached (jupyter-cache); a cell that raises fails
# the build; anything written to stderr (a warning) is a Sphinx warning, so -W
# fails on it. The cache folder is set per language in course_site.notebooks
# (build/.jupyter_cache/<language>) unless given with -D.
nb_execution_mode = "cache"
nb_execution_cache_path = ""
nb_execution_timeout = 60
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_output_stderr = "warn"
nb_merge_streams = True
# Markdown that a cell displays (activation_functions.tables) is parsed as MyST,
# like the pages: pipe tables become tables (the default CommonMark would make
# one paragraph of them) and $...$ in a cell becomes math ("gfm" would leave
# the dollars as text).
nb_render_markdown_format = "myst"
nb_mime_priority_overrides = [
    # PNG over SVG: smaller, and the same bytes on every build.
    ("html", "image/png", 5),
    ("html", "image/svg+xml", 15),
    # The gettext builder keeps the figures too (myst-nb would keep the
    # figure's text/plain repr), so that their alt text becomes a message and
    # the English edition's figures are described in English.
    ("gettext", "image/png", 5),
]

# -- API reference ---------------------------------------------------------------

autosummary_generate = False  # summary tables only; no generated stub pages
autosummary_imported_members = False
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # numpydoc "Parameters" sections already say the types
autodoc_preserve_defaults = True
# numpydoc docstrings are read by napoleon, which ships with Sphinx (numpydoc
# itself is not in the lock and would add nothing these docstrings need).
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_use_param = False
napoleon_use_ivar = False
napoleon_preprocess_types = False

# -- Doctests: `make doctest` runs every >>> on the pages and in the API ----------

doctest_global_setup = """
import numpy as np
import activation_functions as af
from activation_functions import *
from activation_functions import datasets, network, tables
np.set_printoptions(precision=8, suppress=False, legacy=False)
"""
doctest_test_doctest_blocks = "default"
doctest_default_flags = (
    doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1
)

# -- Math: KaTeX rendered at build time ------------------------------------------

# Why KaTeX with prerendering: the math becomes HTML+CSS while Sphinx writes
# the page (sphinxcontrib-katex keeps one node process open and sends it every
# formula), so the browser runs no math JavaScript at all and never shows raw
# TeX, even offline. The reader downloads katex.min.css (21 KB, 3 KB gzipped)
# and only the woff2 fonts a page uses (all 20 are 0.26 MB): about 0.3 MB at
# most, against MathJax 3's 1.6 MB (script + fonts) that would also typeset
# the page in the browser on every load.
# KaTeX (JS for the build, CSS and fonts for the site) comes from the npm
# registry, pinned in package.json/package-lock.json and installed by `npm ci`
# (make docs, and the Read the Docs build job); course_site.katex_assets copies
# the CSS (rewritten to woff2 only) and the fonts into _static/katex/.
html_math_renderer = "katex_checked"
katex_prerender = True
katex_js_path = str(ROOT / "node_modules" / "katex" / "dist" / "katex.min.js")
katex_css_path = "katex/katex.min.css"

# -- HTML ------------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_static_path = [str(DOCS / "_static")]
html_css_files = [
    "course.css",
    # Printing a page from the browser: answers open, no buttons (print.css).
    ("print.css", {"media": "print"}),
]
# A sigmoid curve on a square, no words: browsers ask for an icon, and without
# one every page logs a failed /favicon.ico request.
html_favicon = str(DOCS / "_static" / "favicon.svg")
html_copy_source = True
# No module index (py-modindex.html): no page links to it, the API page lists the
# modules, and its layout table has no headers (axe's td-has-header, WCAG 1.3.1).
html_domain_indices = False
html_show_sourcelink = False
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_theme_options = {
    # Offline site: no repository, issue, edit or launch buttons.
    "use_repository_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "use_source_button": False,
    "use_download_button": True,
    "use_fullscreen_button": True,
    "launch_buttons": {},
    "repository_url": "",
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "icon_links": [],
    "footer_content_items": ["author.html", "copyright.html"],
    # The language switcher (docs/_templates/edition-switcher.html) before the
    # theme's buttons: the theme has no language selector of its own.
    "article_header_end": ["edition-switcher.html", "article-header-buttons.html"],
    # No header bar above the page: the book theme leaves it empty, but
    # pydata-sphinx-theme 0.20 fills navbar_persistent with a second search
    # field unless it is set here. Search stays in the primary sidebar (wide
    # screens) and in the article header's buttons (phones).
    "navbar_persistent": [],
}
# The reader's colour scheme: follow prefers-color-scheme until the reader picks
# one with the theme's switcher, which pydata-sphinx-theme keeps in
# localStorage["mode"] for every later page.
html_context = {"default_mode": "auto"}

# -- PDF: `make pdf` (LaTeX builder, XeLaTeX) -------------------------------------

# XeLaTeX reads UTF-8 and OpenType fonts directly, so Hangul needs no more
# than a font that has it. Korean breaks lines at the spaces between words
# (어절), which TeX does already; no CJK package is needed (xeCJK would need
# Debian's texlive-lang-chinese, xetexko texlive-lang-korean: 50 MB each).
# scripts/install-print.sh installs the TeX and font packages.
latex_engine = "xelatex"
# One book per edition, the same file name in both: build/pdf/<language>/.
# Title and author are the edition's (_name_edition sets latex_documents).
LATEX_BASENAME = "activation-functions"
# makeindex comes with TeX; xindy would be one more Debian package, and
# makeindex sorts Hangul by code point, which is 가나다 order.
latex_use_xindy = False
# The pages number themselves ("1. 시그모이드"); LaTeX's chapter numbers would
# add a second number. Figures and tables are numbered through the book.
numfig_secnum_depth = 0
#: The fonts of each edition (latex_elements["fontpkg"]). Korean: Noto CJK KR
#: for every family, Latin included, so that every word of a Korean sentence
#: is in one font (fonts-noto-cjk); it has no italic, so italics are slanted.
#: English: Sphinx's own XeLaTeX fonts (FreeSerif, FreeSans, FreeMono from
#: fonts-freefont-otf), and Noto Serif CJK KR for the glossary's Korean names
#: (the {korean} role, course_site.editions, is \DUrole{language-ko}).
LATEX_FONTS: dict[str, str] = {
    "ko": r"""
\setmainfont{Noto Serif CJK KR}[AutoFakeSlant=0.2]
\setsansfont{Noto Sans CJK KR}[AutoFakeSlant=0.2]
\setmonofont{Noto Sans Mono CJK KR}[Scale=0.9, AutoFakeSlant=0.2]
""",
    "en": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Scale=0.9, Extension=.otf, UprightFont=*,
  ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
""",
}
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # Chapters and sections unnumbered: see numfig_secnum_depth.
    "secnumdepth": r"\setcounter{secnumdepth}{-1}",
    # The index's two columns are narrow for the API's dotted names
    # (activation_functions.network.TwoLayerNetwork), which have nowhere to
    # break: a smaller type and ragged lines keep them inside their column.
    "printindex": r"\footnotesize\raggedright\printindex",
    "preamble": r"""
% Noto CJK's lines are taller than the 12pt the page header was given.
\setlength{\headheight}{14.5pt}
% The {korean} role (\DUrole{language-ko}): the glossary's Korean names.
\newfontfamily\coursekoreanfont{Noto Serif CJK KR}[AutoFakeSlant=0.2]
\expandafter\def\csname DUrolelanguage-ko\endcsname#1{{\coursekoreanfont #1}}
% Circled numbers name formulas (①, ②); FreeSerif, FreeSans and FreeMono
% lack them (XeLaTeX: "Missing character"), Noto CJK has them.
\usepackage{newunicodechar}
\newunicodechar{①}{{\coursekoreanfont ①}}
\newunicodechar{②}{{\coursekoreanfont ②}}
\newunicodechar{③}{{\coursekoreanfont ③}}
\newunicodechar{④}{{\coursekoreanfont ④}}
\newunicodechar{⑤}{{\coursekoreanfont ⑤}}
""",
}
#: The title of the table of contents (Sphinx would take the first toctree's
#: caption, "강의 노트", which names only part of the book).
LATEX_CONTENTS_NAMES: dict[str, str] = {"ko": "차례", "en": "Contents"}

# -- EPUB: `make epub` ---------------------------------------------------------------

epub_basename = LATEX_BASENAME
# Links keep their targets; the book does not print URLs into the text.
epub_show_urls = "no"
# Formulas as MathML, which EPUB 3 reading systems display natively (KaTeX's
# HTML would need its stylesheet and 20 fonts in every book).
epub_math_renderer = "katex_mathml"


def _name_edition(app: Sphinx, config: Config) -> None:
    """Use the project, title and author names of the edition being built."""
    names = EDITION_NAMES.get(str(config.language), EDITION_NAMES["ko"])
    for name, value in names.items():
        setattr(config, name, value)
    config.copyright = f"%Y, {names['author']}"
    language = str(config.language) if config.language in LATEX_FONTS else "ko"
    # toctree_only: the chapters are the pages of the root's tables of
    # contents; the root page's own text is about the web site (menus, folded
    # code, make serve), which the title page and contents replace.
    config.latex_documents = [
        (
            root_doc,
            f"{LATEX_BASENAME}.tex",
            names["project"],
            names["author"],
            "manual",
            True,
        )
    ]
    config.latex_elements = {
        **latex_elements,
        "fontpkg": LATEX_FONTS[language],
        "contentsname": LATEX_CONTENTS_NAMES[language],
    }


def setup(app: Sphinx) -> None:
    """Connect the per-edition names (conf.py may define setup like an extension)."""
    app.connect("config-inited", _name_edition, priority=100)
