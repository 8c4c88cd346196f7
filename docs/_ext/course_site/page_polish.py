"""Lighter, findable pages: descriptions, deferred scripts, lazy images, reachable formulas.

What it changes on every HTML page:

- A ``<meta name="description">``: the page's first paragraph of running text,
  or the site's description (index, search); a page's own ``html_meta``
  description is kept. Search engines and link previews show it.
- Scripts the theme loads in ``<head>`` get ``defer``: they wait for the page,
  not the page for them. ``documentation_options.js`` is left as it is (inline
  scripts use it at once), and so is the search page.
- Every image after the page's first loads when the reader scrolls near it
  (``loading="lazy"``).
- ``_static/course.js`` (deferred): a display formula wider than its box
  scrolls sideways (``course.css``, which shades the side that hides more)
  and gets ``tabindex="0"``, so the keyboard reaches and scrolls it (WCAG
  2.1.1), and ``role="group"`` with a name in the page's language that says
  it is a formula that scrolls. Before the page is printed, it also opens the
  folded answers, so that they are printed (``print.css``).

Why: the page shows before its scripts run, search results describe the
page, images below the fold cost nothing until needed, and every part of a
page works with a keyboard (axe's ``scrollable-region-focusable`` rule).

Sphinx offers no public way to change the attributes of another package's
scripts: a page's ``script_files`` holds Sphinx's private ``_JavaScript``
objects, which :func:`deferred` copies with ``defer`` added (and checks, see
:mod:`course_site.upstream`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from html import escape as html_escape
from typing import TYPE_CHECKING, Any, Final

from docutils import nodes  # type: ignore[import-untyped]
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from course_site.upstream import UpstreamChanged

if TYPE_CHECKING:
    from sphinx.builders.html._assets import _JavaScript

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
    r"""Return ``text`` on one line, cut at a space to at most ``width`` characters.

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


@functools.cache
def javascript_class() -> type[_JavaScript]:
    """Return Sphinx's class of the entries of a page's ``script_files``.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When ``sphinx.builders.html._assets._JavaScript`` cannot be imported.
    """
    try:
        from sphinx.builders.html._assets import _JavaScript  # noqa: PLC0415
    except ImportError as error:
        raise UpstreamChanged(
            "sphinx",
            "sphinx.builders.html._assets._JavaScript",
            "cannot be imported",
            user=__name__,
        ) from error
    return _JavaScript


def deferred(script: object) -> object:
    """Return a page's ``script_files`` entry loaded with ``defer``.

    Entries without a file (inline code), ``documentation_options.js`` and
    entries loaded with ``async`` are returned as they are.

    Parameters
    ----------
    script : sphinx.builders.html._assets._JavaScript
        One entry of a page's ``script_files``; the objects are immutable, so
        a deferred one is a copy.

    Returns
    -------
    sphinx.builders.html._assets._JavaScript
        The entry, or a copy of it with ``defer="defer"``.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When the entry is not a ``_JavaScript`` with ``filename``, ``priority``
        and ``attributes``.
    """
    javascript = javascript_class()
    relied_on = "the _JavaScript entries of a page's script_files"
    if not isinstance(script, javascript):
        problem = f"now holds a {type(script).__name__}"
        raise UpstreamChanged("sphinx", relied_on, problem, user=__name__)
    try:
        filename, priority = script.filename, script.priority
        attributes = dict(script.attributes)
    except AttributeError as error:
        problem = f"changed ({error})"
        raise UpstreamChanged("sphinx", relied_on, problem, user=__name__) from error
    if not filename or filename in _UNDEFERRED_SCRIPTS or "async" in attributes:
        return script
    return javascript(filename, priority=priority, **{**attributes, "defer": "defer"})


def polish_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Describe the page, defer its scripts and load its later images lazily."""
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
            deferred(script) for script in context.get("script_files", [])
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


def setup(app: Sphinx) -> ExtensionMetadata:
    """Polish every page; load course.js (reachable wide formulas, printed answers)."""
    app.connect("html-page-context", polish_page)
    app.add_js_file("course.js", loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
