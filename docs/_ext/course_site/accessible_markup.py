"""Names and roles that myst-nb and docutils write wrong, corrected in every page.

What it changes in the body of every HTML page, in every edition:

- **Folded cells.** myst-nb names the ``<summary>`` of each folded code cell
  "Toggle hidden content" (``aria-label``) while it shows "Show code cell
  source" ("코드 보기"): a reader who uses voice control and says what they
  see cannot open it (WCAG 2.5.3 Label in Name). The ``aria-label`` goes, so
  the summary is named by the text it shows, which changes with its state.
- **Bibliographies.** docutils gives each entry of a bibliography
  ``role="doc-biblioentry"``, which DPUB-ARIA 1.1 deprecated; the
  ``role="list"`` around the entries then holds no list item, and a screen
  reader announces an empty list (WCAG 1.3.1). Each entry becomes a list item.

axe-core finds both (``label-content-name-mismatch``, ``aria-deprecated-role``
and ``aria-required-children``; tests/browser/test_pages.py). Each correction
is the exact HTML that myst-nb 1.4 and docutils 0.22 write, in
:data:`CORRECTIONS`: when an upgrade writes something else the correction does
nothing, and if the new markup is still wrong, the axe test says so.

The search button of pydata-sphinx-theme has the same fault as the folded
cells; it comes from a template, so it is corrected in the template
(``docs/_templates/components/search-button-field.html``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from docutils import nodes  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

#: Exact HTML written by another package, and what the pages get instead.
CORRECTIONS: Final[Mapping[str, str]] = {
    # myst-nb: the folded cell's <summary> is named by what it shows.
    '<summary aria-label="Toggle hidden content">': "<summary>",
    # docutils: bibliography entries are the items of their list.
    'role="doc-biblioentry"': 'role="listitem"',
}


def correct(html: str) -> str:
    """Return ``html`` with every string of :data:`CORRECTIONS` replaced.

    Examples
    --------
    >>> correct('<summary aria-label="Toggle hidden content"><p>코드 보기</p>')
    '<summary><p>코드 보기</p>'
    >>> correct('<div class="citation" id="id17" role="doc-biblioentry">')
    '<div class="citation" id="id17" role="listitem">'
    """
    for wrong, right in CORRECTIONS.items():
        html = html.replace(wrong, right)
    return html


def correct_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Correct the names and roles in the page's body."""
    body = context.get("body")
    if isinstance(body, str):
        context["body"] = correct(body)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Correct every page's body as it is written."""
    app.connect("html-page-context", correct_page)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
