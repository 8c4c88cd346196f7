"""Two editions of one site: the language switcher, and Korean words in English pages.

What it changes:

- **The switcher.** Every page links to the same page in the other edition
  (``_templates/edition-switcher.html``, in the article header; conf.py puts it
  in ``article_header_end``): ``../en/`` locally, where both editions are
  folders side by side (``build/html/ko``, ``build/html/en``), and on Read the
  Docs, where each edition is its own project under one domain (``/ko/latest/``,
  ``/en/latest/``), a path computed from ``READTHEDOCS_CANONICAL_URL``. The
  link is relative, so it works on any domain the two projects share.
- **The** ``{korean}`` **role** marks Korean words kept in the English edition
  (the glossary's Korean names) as ``<span lang="ko">``.

Why: sphinx-book-theme has no language selector (executablebooks/sphinx-book-theme#449).
Anchors need no mapping: Sphinx keeps the ids that a section, figure or
glossary term got from the Korean source when it translates the title, so
``#id3`` or ``#term-saturation`` name the same place in both editions
(tests/docs/test_editions.py checks it). The ``lang`` mark tells browsers,
screen readers and the tests (no Hangul outside ``lang="ko"``) that the
Korean is there on purpose.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from docutils import nodes  # type: ignore[import-untyped]
from docutils import utils as docutils_utils
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)


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


def check_edition_root(app: Sphinx) -> None:
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


def add_edition_switcher(
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


def setup(app: Sphinx) -> ExtensionMetadata:
    """Find the other edition once per build, link every page to it; add {korean}."""
    app.connect("builder-inited", check_edition_root)
    app.connect("html-page-context", add_edition_switcher)
    app.add_role("korean", korean_role)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
