"""course_site.books: what the PDF and EPUB builders get besides settings."""

from __future__ import annotations

from docutils import nodes  # type: ignore[import-untyped]
from docutils.frontend import get_default_settings  # type: ignore[import-untyped]
from docutils.parsers.rst import Parser  # type: ignore[import-untyped]
from docutils.utils import new_document  # type: ignore[import-untyped]

from course_site.books import OneBibliography


def section(title: str, *children: nodes.Node) -> nodes.section:
    """Return a section with ``title`` and ``children``."""
    return nodes.section("", nodes.title(text=title), *children)


def citation(label: str) -> nodes.citation:
    """Return a citation labelled ``label``."""
    return nodes.citation("", nodes.label(text=label), nodes.paragraph(text="A work."))


class TestOneBibliography:
    """The PDF lists each work once and keeps no heading over nothing."""

    def run(self, *children: nodes.Node) -> nodes.document:
        document = new_document("book", get_default_settings(Parser))
        document.extend(children)
        OneBibliography(document).run()
        return document

    def test_empty_reference_sections_go(self) -> None:
        """A section left with its title only is removed; one with words stays."""
        document = self.run(
            section("Sigmoid", nodes.paragraph(text="g(z)"), section("References")),
            section("Glossary", section("References", nodes.paragraph(text="Terms."))),
        )
        titles = [s[0].astext() for s in document.findall(nodes.section)]
        assert titles == ["Sigmoid", "Glossary", "References"]

    def test_section_with_only_a_figure_stays(self) -> None:
        """A figure without words is content: its section stays."""
        document = self.run(section("Curves", nodes.image(uri="curve.png")))
        assert [s[0].astext() for s in document.findall(nodes.section)] == ["Curves"]

    def test_each_work_once(self) -> None:
        """Citations with the same label are listed once, the first kept."""
        document = self.run(
            citation("Maas et al., 2013"),
            citation("He et al., 2015"),
            citation("Maas et al., 2013"),
        )
        labels = [c[0].astext() for c in document.findall(nodes.citation)]
        assert labels == ["Maas et al., 2013", "He et al., 2015"]
