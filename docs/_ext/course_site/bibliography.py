r"""References: the list's labels read as the citations, one back-reference per citation.

The site cites author–year (``bibtex_reference_style = "author_year"``:
``{cite:p}`maas2013rectifier``` gives "[Maas *et al.*, 2013]"), and every
page ends with a ``{bibliography}`` of what it cites. Two things went wrong
with sphinxcontrib-bibtex 2.7 and Sphinx 9 as they are:

- **The list was numbered.** The reference style formats only the citations
  in the text; the list's labels come from the *bibliography* style's pybtex
  label style, and ``plain`` numbers its entries ("[1]"). sphinxcontrib-bibtex
  keeps the two apart on purpose; its maintainer's advice is a pybtex label
  style of one's own (mcmtroffaes/sphinxcontrib-bibtex#201, and #174 with its
  ``custom_labels`` test). :class:`AuthorYearLabelStyle` is that style: it
  writes each entry's label with the same pybtex templates and separators
  that the ``author_year`` reference style uses for ``{cite:p}``, so the
  list shows "[Maas et al., 2013]" beside the text's "[Maas *et al.*,
  2013]". The formatting style ``author_year`` registered here is pybtex's
  ``plain`` (sorted by author, year, title) with that label style; conf.py
  selects it with ``bibtex_default_style``.
- **A translated citation was counted three times.** The ``cite`` role
  records each citation in the ``cite`` domain when it is parsed
  (``CiteRole.result_nodes`` appends a ``CitationRef``), and the list's
  back-references are those records. In the English edition, Sphinx's
  ``Locale`` transform parses every translated paragraph twice (its phase 1,
  which updates title mappings, and its phase 2, which translates:
  ``sphinx/transforms/i18n.py``), each time in a scratch document, after the
  Korean paragraph was parsed once: three records for one citation, so
  "(1, 2, 3)" after the entry, two of them pointing at ids of the scratch
  documents (some the ids of *other* citations on the page). No upstream
  report was found for this. :func:`recount_citations` replaces the page's
  records, once the page is read (``doctree-read``, after every transform),
  by one record per ``cite`` reference that the final page holds, so each
  edition has one back-reference per citation and each points at it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final, cast

from docutils import nodes  # type: ignore[import-untyped]
from pybtex.plugin import register_plugin  # type: ignore[import-untyped]
from pybtex.style.formatting.plain import (  # type: ignore[import-untyped]
    Style as PlainStyle,
)
from pybtex.style.labels import BaseLabelStyle  # type: ignore[import-untyped]
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.roles import CitationRef
from sphinxcontrib.bibtex.style.referencing.author_year import (
    AuthorYearReferenceStyle,
)
from sphinxcontrib.bibtex.style.template import join, year

if TYPE_CHECKING:
    from pybtex.database import Entry  # type: ignore[import-untyped]
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: The name of the bibliography style that conf.py selects.
STYLE_NAME: Final = "author_year"


class AuthorYearLabelStyle(BaseLabelStyle):  # type: ignore[misc]
    """Label each entry as ``{cite:p}`` cites it: "Maas et al., 2013".

    The label is the inside of the brackets of a parenthetical author–year
    citation: the author (or editor, or title) with "et al." from three
    names on, the reference style's separator, and the year ("n.d." when
    there is none), as plain text.
    """

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        """Yield one label per entry, in the list's order."""
        style = AuthorYearReferenceStyle()
        template = join(sep=style.author_year_sep)[
            style.person.author_or_editor_or_title(full=False), year
        ]
        for entry in sorted_entries:
            label = template.format_data({"entry": entry, "style": style})
            yield str(label.render_as("text"))


class AuthorYearStyle(PlainStyle):  # type: ignore[misc]
    """pybtex's ``plain`` style (sorted by author, year, title), labelled author–year."""

    default_label_style = AuthorYearLabelStyle


def _cite_references(doctree: nodes.document) -> Iterator[addnodes.pending_xref]:
    """Yield the page's references of the ``cite`` domain, in document order."""
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") == "cite" and node.get("ids"):
            yield node


def recount_citations(app: Sphinx, doctree: nodes.document) -> None:
    """Record the page's citations once each, as its final doctree holds them.

    Workaround for the cite role's records being made at every parse of a
    translated paragraph (see the module's docstring); harmless where nothing
    is translated, since the records are then the same.
    """
    env: BuildEnvironment = app.env
    domain = cast("BibtexDomain", env.get_domain("cite"))
    others = [ref for ref in domain.citation_refs if ref.docname != env.docname]
    ours = [
        CitationRef(
            citation_ref_id=node["ids"][0],
            docname=env.docname,
            line=node.line or 0,
            targets=list(parse_citation_targets(node["reftarget"])),
        )
        for node in _cite_references(doctree)
    ]
    domain.data["citation_refs"] = others + ours


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the author–year bibliography style and recount citations per page."""
    app.setup_extension("sphinxcontrib.bibtex")
    register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle, force=True)
    app.connect("doctree-read", recount_citations)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
