"""course_site.cell_outputs: outputs never translated by hand, their words translated."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from docutils import nodes  # type: ignore[import-untyped]

from course_site import cell_outputs
from course_site.upstream import UpstreamChanged


def output(*children: nodes.Node) -> nodes.container:
    """Return a cell's output container holding ``children``."""
    return nodes.container("", *children, classes=["cell_output"])


def table_cell(text: str) -> tuple[nodes.entry, nodes.paragraph]:
    """Return a table entry with one paragraph whose source is ``text``."""
    paragraph = nodes.paragraph(text, text)
    return nodes.entry("", paragraph), paragraph


class TestWhatIsAnOutput:
    """Only what a cell's output wrote counts; captions people write do not."""

    def test_output_text_found(self) -> None:
        """A paragraph and a literal block inside an output are found."""
        paragraph = nodes.paragraph("x", "x")
        literal = nodes.literal_block("1 2", "1 2")
        document = nodes.section("", output(paragraph, literal))
        assert list(cell_outputs.output_text_nodes(document)) == [paragraph, literal]

    def test_caption_is_not_output(self) -> None:
        """A figure's caption in an output is written by a person: skipped."""
        caption = nodes.caption("c", "c")
        document = nodes.section("", output(nodes.figure("", caption)))
        assert list(cell_outputs.output_text_nodes(document)) == []

    def test_prose_is_not_output(self) -> None:
        """A paragraph of the page itself is not an output."""
        document = nodes.section("", nodes.paragraph("p", "p"))
        assert list(cell_outputs.output_text_nodes(document)) == []

    def test_table_cells(self) -> None:
        """The paragraphs of an output table's cells are its table cells."""
        entry, paragraph = table_cell("Accuracy")
        document = nodes.section("", output(nodes.table("", entry)))
        assert list(cell_outputs.output_table_cells(document)) == [paragraph]


class TestNeedsTranslation:
    """Words need a translation; numbers, formulas and nothing else do not."""

    @pytest.mark.parametrize(
        "text", ["Accuracy", "Final cost $J$", "both tails ($z \\to \\pm\\infty$)"]
    )
    def test_words(self, text: str) -> None:
        """A cell with words outside math needs a translation."""
        assert cell_outputs.needs_translation(text)

    @pytest.mark.parametrize(
        "text", ["0.25", "-2", "1e-07", "NaN", "inf", "53%", "$g'(z)$", "3 / 10", ""]
    )
    def test_not_words(self, text: str) -> None:
        """Numbers, formulas and fractions of numbers need none."""
        assert not cell_outputs.needs_translation(text)


class TestParseInline:
    """A translated cell becomes text and math nodes."""

    def test_text_and_math(self) -> None:
        """Text between formulas stays text; $...$ becomes math."""
        parsed = cell_outputs.parse_inline("비용 $J$ (평균)")
        assert [type(n).__name__ for n in parsed] == ["Text", "math", "Text"]
        assert parsed[1].astext() == "J"

    def test_text_only(self) -> None:
        """A cell without math is one text node."""
        assert [n.astext() for n in cell_outputs.parse_inline("함수")] == ["함수"]


class TestCatalog:
    """The edition's catalog of output words: finished translations only."""

    def test_read(self, tmp_path: Path) -> None:
        """Empty and fuzzy messages are left out."""
        catalog = Catalog(locale="ko")
        catalog.add("Accuracy", "정확도")
        catalog.add("Loss", "")
        catalog.add("Task", "과제", flags=["fuzzy"])
        path = tmp_path / "cell-outputs.po"
        with path.open("wb") as file:
            write_po(file, catalog)
        assert cell_outputs.read_translations(path) == {"Accuracy": "정확도"}

    def test_missing_catalog(self, tmp_path: Path) -> None:
        """No catalog means no translations (the build then warns per cell)."""
        assert cell_outputs.read_translations(tmp_path / "none.po") == {}

    def test_template(self) -> None:
        """The template lists every word cell once, sorted."""
        template = cell_outputs.output_words_template(
            {"a": {"Loss", "Accuracy"}, "b": {"Accuracy"}}
        )
        assert [m.id for m in template if m.id] == ["Accuracy", "Loss"]


class _Document(dict[str, object]):
    """A dict with docutils' ``settings.env``: enough of a document for the roles."""

    def __init__(self, items: dict[str, object], env: object) -> None:
        super().__init__(items)
        self.settings = SimpleNamespace(env=env)


def role(text: str, *, notebook: bool) -> Any:
    """Return a stand-in for a glue role inside a page or a translated fragment."""
    env = SimpleNamespace(
        docname="sigmoid",
        srcdir=Path("/site/docs"),
        doc2path=lambda name: Path("/site/docs") / f"{name}.md",
    )
    items: dict[str, object] = {"nb_renderer": object()} if notebook else {}
    return SimpleNamespace(text=text, document=_Document(items, env))


class TestGlueInTranslations:
    """In a translated paragraph a glue role reads the page's stored values."""

    def test_fragment_refers_to_the_page(self) -> None:
        """Without a notebook, the key becomes page::key with its format."""
        text = role("share:.0%", notebook=False)
        cell_outputs.refer_to_this_page(text, formatted=True)
        assert text.text == "/sigmoid.md::share:.0%"

    def test_unformatted_text_gets_plain_format(self) -> None:
        """{glue:text} reads key:format from the right, so a bare key gets :s."""
        text = role("n_seeds", notebook=False)
        cell_outputs.refer_to_this_page(text, formatted=True)
        assert text.text == "/sigmoid.md::n_seeds:s"

    def test_any_role_keeps_key(self) -> None:
        """{glue} has no format part."""
        text = role("n_seeds", notebook=False)
        cell_outputs.refer_to_this_page(text, formatted=False)
        assert text.text == "/sigmoid.md::n_seeds"

    def test_notebook_page_unchanged(self) -> None:
        """In the notebook's own document the role reads its values directly."""
        text = role("share:.0%", notebook=True)
        cell_outputs.refer_to_this_page(text, formatted=True)
        assert text.text == "share:.0%"


class TestUpstream:
    """The reliance on myst-nb's glue roles fails loudly when they change."""

    def test_roles_found(self) -> None:
        """With the pinned myst-nb both role classes are there."""
        paste_text, paste_any = cell_outputs.glue_roles()
        assert (paste_text.__name__, paste_any.__name__) == (
            "PasteTextRole",
            "PasteRoleAny",
        )

    def test_missing_role_class(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A role class that is gone raises UpstreamChanged naming myst-nb."""
        from myst_nb.ext.glue import roles  # type: ignore[import-untyped]  # noqa: PLC0415

        monkeypatch.delattr(roles, "PasteTextRole")
        with pytest.raises(UpstreamChanged, match="myst-nb") as info:
            cell_outputs.glue_roles()
        assert "PasteTextRole" in str(info.value)

    def test_roles_replace_mystnb(self) -> None:
        """The replacements are subclasses of myst-nb's roles."""
        paste_text, paste_any = cell_outputs.glue_roles()
        roles = cell_outputs.anywhere_roles()
        assert isinstance(roles["text"], paste_text)
        assert isinstance(roles[""], paste_any)
