"""course_site.accessible_markup: names and roles corrected in every page's body."""

from __future__ import annotations

import inspect
from typing import Any

import docutils.writers._html_base  # type: ignore[import-untyped]
import myst_nb.sphinx_  # type: ignore[import-untyped]
import pytest

from course_site import accessible_markup


def corrected(body: object) -> dict[str, Any]:
    """Run correct_page on a context holding ``body``; return the context."""
    context: dict[str, Any] = {"body": body}
    app: Any = None
    accessible_markup.correct_page(app, "page", "page.html", context, None)
    return context


class TestCorrectPage:
    """The page's body gets the corrected markup; nothing else changes."""

    def test_folded_cell_is_named_by_its_text(self) -> None:
        """The summary loses myst-nb's aria-label and keeps what it shows."""
        body = (
            '<summary aria-label="Toggle hidden content">\n'
            '<p class="collapsed admonition-title">코드 보기</p>\n</summary>'
        )
        assert corrected(body)["body"] == (
            '<summary>\n<p class="collapsed admonition-title">코드 보기</p>\n</summary>'
        )

    def test_bibliography_entries_are_list_items(self) -> None:
        """Each citation of a role="list" bibliography becomes a listitem."""
        body = (
            '<div role="list" class="citation-list">\n'
            '<div class="citation" id="id17" role="doc-biblioentry">'
        )
        assert 'role="doc-biblioentry"' not in corrected(body)["body"]
        assert corrected(body)["body"].count('role="listitem"') == 1

    def test_page_without_body_is_left_alone(self) -> None:
        """A page whose context has no body string (genindex) is not touched."""
        assert corrected(None) == {"body": None}


class TestUpstreamMarkup:
    """The markup corrected is what the installed packages write.

    When one of these fails, an upgrade changed the markup: the correction no
    longer applies, and the browser tests (axe) tell whether the new markup
    needs one.
    """

    @pytest.mark.parametrize(
        ("module", "wrong"),
        [
            pytest.param(
                myst_nb.sphinx_,
                '<summary aria-label="Toggle hidden content">',
                id="myst-nb",
            ),
            pytest.param(
                docutils.writers._html_base, 'role="doc-biblioentry"', id="docutils"
            ),
        ],
    )
    def test_package_writes_the_corrected_markup(self, module: Any, wrong: str) -> None:
        """The package's HTML writer holds the exact string corrected."""
        assert wrong in accessible_markup.CORRECTIONS
        assert wrong in inspect.getsource(module)
