"""course_site.answers: dropdown admonitions become <details>, others stay."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from tests.course_site.conftest import TinyProject

PAGE = """Title
=====

.. admonition:: Answer
   :class: dropdown

   Forty-two.

.. admonition:: Note

   Stays open.
"""


class TestFoldedAnswers:
    """A tiny project with the extension folds answers and only answers."""

    def test_dropdown_is_details(self, tiny_project: TinyProject) -> None:
        """The dropdown admonition is <details> with its title as <summary>."""
        build = tiny_project({"index": PAGE}, extensions=["course_site.answers"])
        assert build.returncode == 0, build.log
        page = BeautifulSoup(build.page(), "html.parser")
        (details,) = page.select("details.admonition.dropdown")
        summary = details.find("summary")
        assert summary is not None
        assert summary.get_text(strip=True) == "Answer"
        assert "Forty-two." in details.get_text()
        assert details.select("p.admonition-title") == []

    def test_other_admonitions_unchanged(self, tiny_project: TinyProject) -> None:
        """An admonition without the dropdown class is Sphinx's <div>."""
        build = tiny_project({"index": PAGE}, extensions=["course_site.answers"])
        page = BeautifulSoup(build.page(), "html.parser")
        (note,) = page.select("div.admonition")
        title = note.select_one("p.admonition-title")
        assert title is not None
        assert title.get_text() == "Note"
