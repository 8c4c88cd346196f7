"""Exercise answers that start folded and open with a click, without JavaScript.

What it changes: an ``{admonition}`` with ``:class: dropdown`` (how the pages
write the answers to their exercises) is written as ``<details>`` with the
admonition's title as its ``<summary>``; every other admonition is written as
Sphinx writes it.

Why: the browser folds ``<details>`` by itself, so an answer stays hidden until
the reader asks for it, with no extension (sphinx-togglebutton, sphinx-design)
and no script on the page; it opens with the keyboard too, and a screen reader
announces it as a disclosure.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata
from sphinx.writers.html5 import HTML5Translator


def visit_admonition(translator: Any, node: nodes.Element, name: str = "") -> None:
    """Open a dropdown admonition as ``<details>`` with its title as ``<summary>``."""
    if "dropdown" not in node["classes"]:
        HTML5Translator.visit_admonition(translator, node, name)
        return
    translator.body.append(translator.starttag(node, "details", CLASS="admonition"))
    titles = [child for child in node.children if isinstance(child, nodes.title)]
    translator.body.append('<summary class="admonition-title">')
    for title in titles:
        for child in title.children:
            child.walkabout(translator)
        node.remove(title)
    translator.body.append("</summary>\n")


def depart_admonition(translator: Any, node: nodes.Element | None = None) -> None:
    """Close what :func:`visit_admonition` opened."""
    if node is None or "dropdown" not in node["classes"]:
        HTML5Translator.depart_admonition(translator, node)
        return
    translator.body.append("</details>\n")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Write admonitions with :func:`visit_admonition` and :func:`depart_admonition`."""
    app.add_node(
        nodes.admonition,
        override=True,
        html=(visit_admonition, depart_admonition),
    )
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
