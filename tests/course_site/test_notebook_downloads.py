"""course_site.notebook_downloads: each lesson as a notebook; the wheel it installs."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Final

import pytest
from docutils import nodes  # type: ignore[import-untyped]
from sphinx import addnodes
from sphinx.errors import ExtensionError

from course_site import ROOT, notebook_downloads
from course_site.notebook_downloads import MarkdownWriter
from course_site.sphinx_command import SPHINX_BUILD
from course_site.upstream import UpstreamChanged

PAGE: Final = "https://example.org/course/ko/leaky-relu.html"
APP: Any = SimpleNamespace()
WHEEL_URL: Final = "https://example.org/course/ko/_downloads/af-0.1.0-py3-none-any.whl"


def paragraph(*children: nodes.Node | str, line: int | None = None) -> nodes.paragraph:
    """Return a paragraph of ``children`` (strings become text) at ``line``."""
    node = nodes.paragraph(
        "", "", *(nodes.Text(c) if isinstance(c, str) else c for c in children)
    )
    node.line = line
    return node


class Writer:
    """A Markdown writer for a page at PAGE that records its warnings."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.writer = MarkdownWriter(
            PAGE, lambda message, node: self.warnings.append(message)
        )

    def block(self, node: nodes.Node) -> str:
        """Return a block node as Markdown."""
        return self.writer.block(node)


@pytest.fixture
def writer() -> Writer:
    """Return a writer that records warnings."""
    return Writer()


class TestInlineMarkup:
    """Roles become links or plain text; formulas, code and emphasis stay readable."""

    def test_term_and_page_links_are_absolute(self, writer: Writer) -> None:
        """A glossary term and another page link to the site, from the page's address."""
        term = nodes.reference(
            "",
            "",
            nodes.inline("", "포화"),
            internal=True,
            refuri="glossary.html#term-포화",
        )
        page = nodes.reference(
            "", "", nodes.inline("", "3. ReLU"), internal=True, refuri="relu.html"
        )
        text = writer.block(paragraph(term, "와 ", page))
        assert text == (
            "[포화](https://example.org/course/ko/glossary.html#term-%ED%8F%AC%ED%99%94)"
            "와 [3. ReLU](https://example.org/course/ko/relu.html)"
        )

    def test_same_page_references_are_text(self, writer: Writer) -> None:
        """A figure number, a section and a citation on the same page are plain text."""
        figure = addnodes.number_reference(
            "", "", nodes.inline("", "그림 7"), internal=True, refid="fig-curve"
        )
        citation = nodes.reference("", "Maas, 2013", internal=True, refid="id17")
        section = nodes.reference("", "장점", internal=True, refuri="#advantage")
        assert writer.block(paragraph(figure, " ", citation, " ", section)) == (
            "그림 7 Maas, 2013 장점"
        )

    def test_external_link_kept(self, writer: Writer) -> None:
        """A link to the web stays as it is."""
        link = nodes.reference("", "arXiv", refuri="https://arxiv.org/abs/1511.06434")
        assert (
            writer.block(paragraph(link)) == "[arXiv](https://arxiv.org/abs/1511.06434)"
        )

    def test_math_code_and_pasted_values(self, writer: Writer) -> None:
        """Math is $...$, code is `...`, a glued value is its text."""
        text = writer.block(
            paragraph(
                nodes.math("", "g'(z)"),
                "는 ",
                nodes.inline("", "0.505", classes=["pasted-text"]),
                "; ",
                nodes.literal("", "af.relu"),
            )
        )
        assert text == "$g'(z)$는 0.505; `af.relu`"

    @pytest.mark.parametrize(
        ("words", "expected"),
        [
            pytest.param("leak", "**leak**", id="between-letters"),
            pytest.param("정확히 0", "**정확히 0**", id="korean"),
            pytest.param(
                "새어 나가게(leaky)",
                "<strong>새어 나가게(leaky)</strong>",
                id="punctuation",
            ),
        ],
    )
    def test_strong(self, writer: Writer, words: str, expected: str) -> None:
        """Bold is ** where CommonMark would close it, else <strong> (Korean particles)."""
        assert writer.block(paragraph(nodes.strong("", words), "둡니다")) == (
            expected + "둡니다"
        )

    def test_markup_characters_escaped(self, writer: Writer) -> None:
        """Text that looks like Markdown or math shows as written."""
        assert writer.block(paragraph("a*b $5 [x] <y>")) == r"a\*b \$5 \[x\] \<y\>"

    def test_paragraph_that_looks_like_a_list(self, writer: Writer) -> None:
        """A paragraph starting with '1. ' or '# ' stays a paragraph."""
        assert writer.block(paragraph("1. not a list")) == r"\1. not a list"


class TestBlocks:
    """Answers fold with <details>; notes, lists, tables and examples read well."""

    def test_folded_answer(self, writer: Writer) -> None:
        """A dropdown admonition becomes <details> with its title as <summary>."""
        answer = nodes.admonition(
            "",
            nodes.title("", "정답"),
            paragraph(nodes.math("", "g'(0) = 0")),
            classes=["dropdown"],
        )
        assert writer.block(answer) == (
            "<details>\n<summary>정답</summary>\n\n$g'(0) = 0$\n\n</details>"
        )

    def test_note(self, writer: Writer) -> None:
        """A note is a block quote under its label."""
        note = nodes.note("", paragraph("first"), paragraph("second"))
        assert writer.block(note) == "> **Note**\n>\n> first\n>\n> second"

    def test_numbered_list_keeps_its_start(self, writer: Writer) -> None:
        """A numbered list that the page starts at 2 starts at 2."""
        items = nodes.enumerated_list(
            "",
            nodes.list_item("", paragraph("two")),
            nodes.list_item("", paragraph("three")),
        )
        items["start"] = 2
        assert writer.block(items) == "2. two\n3. three"

    def test_nested_blocks_in_a_list_item(self, writer: Writer) -> None:
        """A list item's later blocks are indented under it."""
        item = nodes.list_item("", paragraph("a"), nodes.math_block("", "x = 1"))
        assert writer.block(nodes.bullet_list("", item)) == "- a\n\n  $$\n  x = 1\n  $$"

    def test_math_block(self, writer: Writer) -> None:
        """A display formula is $$...$$ without blank lines inside."""
        block = nodes.math_block("", "a = 1\n\n\\quad b = 2\n")
        assert writer.block(block) == "$$\na = 1\n\\quad b = 2\n$$"

    def test_doctest_is_python(self, writer: Writer) -> None:
        """A doctest block is a Python code block."""
        block = nodes.literal_block("", ">>> 1 + 1\n2", language="pycon")
        block["testnodetype"] = "doctest"
        assert writer.block(block) == "```python\n>>> 1 + 1\n2\n```"

    def test_definition_list(self, writer: Writer) -> None:
        """A definition list is a list of bold terms and their definitions."""
        item = nodes.definition_list_item(
            "", nodes.term("", "Range"), nodes.definition("", paragraph("The values."))
        )
        assert (
            writer.block(nodes.definition_list("", item)) == "- **Range**: The values."
        )

    def test_table(self, writer: Writer) -> None:
        """A table is a pipe table; a | in a cell is escaped."""

        def row(*texts: str) -> nodes.row:
            return nodes.row("", *(nodes.entry("", paragraph(t)) for t in texts))

        table = nodes.table(
            "",
            nodes.tgroup(
                "",
                nodes.thead("", row("Symbol", "Meaning")),
                nodes.tbody("", row("X", "a|b")),
            ),
        )
        assert writer.block(table) == (
            "| Symbol | Meaning |\n| --- | --- |\n| X | a\\|b |"
        )

    def test_targets_and_comments_are_left_out(self, writer: Writer) -> None:
        """Targets and comments have no text."""
        assert writer.block(nodes.target("", refid="x")) == ""
        assert writer.block(nodes.comment("", "note to self")) == ""

    def test_unknown_node_warns(self, writer: Writer) -> None:
        """A node the writer does not know is a warning (so -W fails), and its text."""
        assert writer.block(nodes.sidebar("", paragraph("aside"))) == "aside"
        (warning,) = writer.warnings
        assert warning == (
            "the page's notebook cannot show a sidebar node as Markdown "
            "(teach course_site.notebook_downloads to write it)"
        )


def code_container(index: int, line: int, *children: nodes.Node) -> nodes.container:
    """Return myst-nb's container of the code cell ``index`` at ``line``."""
    node = nodes.container("", *children, nb_element="cell_code", cell_index=index)
    node.line = line
    return node


def executed(*cells: tuple[str, int, dict[str, Any]]) -> dict[str, Any]:
    """Return an executed notebook of (cell type, start line, fields) cells."""
    result = []
    for kind, _, fields in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": "", **fields}
        if kind == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
        result.append(cell)
    return {
        "cells": result,
        "metadata": {
            "source_map": [line for _, line, _ in cells],
            "kernelspec": {"name": "python3", "display_name": "Python 3"},
            "file_format": "mystnb",
        },
        "nbformat": 4,
        "nbformat_minor": 4,
    }


def title(text: str, line: int) -> nodes.title:
    """Return a section title at ``line``."""
    node = nodes.title("", text)
    node.line = line
    return node


class TestPageNotebook:
    """The notebook holds the page's cells in order: text, shown and hidden code."""

    def notebook(self, doctree: nodes.document, page: dict[str, Any]) -> dict[str, Any]:
        """Return the page's notebook with a stand-in first cell."""
        return notebook_downloads.page_notebook(
            doctree,
            page,
            writer=MarkdownWriter(PAGE, lambda message, node: None),
            first=[notebook_downloads.markdown_cell("first")],
            figure_number={"fig-curve": "그림 7"}.get,
        )

    def test_cells_in_the_page_order(self) -> None:
        """Text, a shown cell with its figure's caption, a removed cell, more text."""
        figure = nodes.figure(
            "",
            nodes.caption("", "", nodes.Text("곡선 "), nodes.math("", "g")),
            ids=["fig-curve"],
        )
        doctree = nodes.document(None, None)
        doctree += nodes.section(
            "",
            title("제목", 8),
            paragraph("소개", line=10),
            code_container(1, 17, figure),
            paragraph("removed cell 2 comes before this", line=30),
        )
        page = executed(
            ("markdown", 6, {"source": "# 제목"}),
            (
                "code",
                15,
                {
                    "source": "plot()",
                    "metadata": {"tags": ["hide-input"]},
                    "outputs": [
                        {"output_type": "stream", "name": "stdout", "text": "1\n"}
                    ],
                },
            ),
            (
                "code",
                22,
                {
                    "source": "assert True\nglue('x', 1, display=False)",
                    "metadata": {"tags": ["remove-cell"]},
                    "outputs": [
                        {
                            "output_type": "display_data",
                            "metadata": {},
                            "data": {"application/papermill.record/text/plain": "1"},
                        }
                    ],
                },
            ),
            ("markdown", 28, {"source": "..."}),
        )
        notebook = self.notebook(doctree, page)
        cells = [(c["cell_type"], c["source"]) for c in notebook["cells"]]
        assert cells == [
            ("markdown", "first"),
            ("markdown", "# 제목\n\n소개"),
            ("code", "plot()"),
            ("markdown", "**그림 7** 곡선 $g$"),
            ("code", "assert True\nglue('x', 1, display=False)"),
            ("markdown", "removed cell 2 comes before this"),
        ]
        shown, removed = notebook["cells"][2], notebook["cells"][4]
        assert shown["outputs"] == page["cells"][1]["outputs"]
        assert removed["outputs"] == [], (
            "glue's records are the site's, not the reader's"
        )
        assert [c["id"] for c in notebook["cells"]] == [f"cell-{n}" for n in range(6)]
        assert notebook["metadata"] == {"kernelspec": page["metadata"]["kernelspec"]}
        notebook_downloads.serialized(notebook)  # valid by nbformat's schema

    def test_text_between_removed_cells(self) -> None:
        """Text after a removed cell comes after it, text before it before it."""
        doctree = nodes.document(None, None)
        doctree += nodes.section(
            "",
            title("T", 2),
            code_container(1, 4),
            paragraph("before", line=8),
            paragraph("after", line=14),
            code_container(4, 18),
        )
        page = executed(
            ("markdown", 1, {}),
            ("code", 3, {"source": "shown()"}),
            ("markdown", 7, {}),
            (
                "code",
                10,
                {"source": "removed()", "metadata": {"tags": ["remove-cell"]}},
            ),
            ("markdown", 13, {}),
        )
        page["cells"].append(
            {
                "cell_type": "code",
                "metadata": {},
                "source": "last()",
                "outputs": [],
                "execution_count": None,
            }
        )
        page["metadata"]["source_map"].append(17)
        doctree.children[0].children[-1]["cell_index"] = 5
        cells = [c["source"] for c in self.notebook(doctree, page)["cells"]]
        assert cells == [
            "first",
            "# T",
            "shown()",
            "before",
            "removed()",
            "after",
            "last()",
        ]


class TestCodeCells:
    """Hidden code stays hidden, in the ways Jupyter and Colab read."""

    @pytest.mark.parametrize(
        ("tags", "jupyter", "colab"),
        [
            pytest.param([], None, None, id="shown"),
            pytest.param(
                ["hide-input", "parameters"],
                {"source_hidden": True},
                "form",
                id="hide-input",
            ),
            pytest.param(
                ["remove-cell"],
                {"source_hidden": True, "outputs_hidden": True},
                "form",
                id="remove-cell",
            ),
        ],
    )
    def test_hidden(self, tags: list[str], jupyter: Any, colab: Any) -> None:
        """Folded as on the page; the tags stay (papermill reads 'parameters')."""
        cell = notebook_downloads.notebook_code_cell(
            {
                "source": ["x = 1\n", "y = 2"],
                "metadata": {"tags": tags, "mystnb": {}},
                "outputs": [],
                "execution_count": 1,
            }
        )
        assert cell["source"] == "x = 1\ny = 2"
        assert cell["metadata"].get("jupyter") == jupyter
        assert cell["metadata"].get("cellView") == colab
        assert cell["metadata"].get("tags", []) == tags
        assert "mystnb" not in cell["metadata"], (
            "its captions are in the source language"
        )


class TestFirstCell:
    """The first cell installs the library when it is missing, and stands in for glue."""

    def test_names_the_wheel_and_the_plot_extra(self) -> None:
        """It installs activation-functions[plot] from the wheel's address."""
        source = notebook_downloads.first_cell(WHEEL_URL)["source"]
        ast.parse(source)
        assert f'WHEEL = "{WHEEL_URL}"' in source
        assert '"activation-functions[plot] @ " + WHEEL' in source

    def test_glue_without_myst_nb(self, tmp_path: Path) -> None:
        """Without myst-nb, `from myst_nb import glue` works and glue shows nothing."""
        cell = tmp_path / "first_cell.py"
        cell.write_text(notebook_downloads.first_cell(WHEEL_URL)["source"], "utf-8")
        script = textwrap.dedent(
            f"""
            import sys
            sys.modules["myst_nb"] = None  # as if myst-nb were not installed
            exec(open({str(cell)!r}).read())
            from myst_nb import glue
            print(glue("share", 0.5, display=False))
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == ["activation_functions 0.1.0", "None"]


class TestSiteAddress:
    """The notebooks install from html_baseurl, or from make serve's address."""

    @pytest.mark.parametrize(
        ("baseurl", "language", "expected"),
        [
            ("", "ko", "http://127.0.0.1:8000/ko/"),
            (
                "https://af.readthedocs.io/en/latest/",
                "en",
                "https://af.readthedocs.io/en/latest/",
            ),
            ("https://example.org/course/ko", "ko", "https://example.org/course/ko/"),
        ],
    )
    def test_site_url(self, baseurl: str, language: str, expected: str) -> None:
        """The address ends in a slash, so pages and the wheel resolve under it."""
        config = SimpleNamespace(html_baseurl=baseurl, language=language)
        assert notebook_downloads.site_url(config) == expected


class TestWheel:
    """The wheel is built offline from the repository, once per version of its sources."""

    def test_built_and_reused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The wheel holds the library; a second build with the same sources reuses it."""
        wheel = notebook_downloads.build_wheel(ROOT, tmp_path)
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
        assert "activation_functions/__init__.py" in names
        assert wheel.name.startswith("activation_functions-0.1.0-py3-none-any")

        def no_build(*args: object, **kwargs: object) -> None:
            raise AssertionError("built again")

        monkeypatch.setattr(subprocess, "run", no_build)
        assert notebook_downloads.build_wheel(ROOT, tmp_path) == wheel

    def test_failure_is_an_error(self, tmp_path: Path) -> None:
        """A project pip cannot build stops the build with pip's output."""
        project = tmp_path / "project"
        project.mkdir()
        with pytest.raises(ExtensionError, match="did not build one wheel"):
            notebook_downloads.build_wheel(project, tmp_path / "cache")


class TestUpstream:
    """What the module relies on fails loudly when it changes."""

    def test_no_output_folder(self) -> None:
        """Without myst-nb's output folder, the build stops naming myst-nb."""
        with pytest.raises(UpstreamChanged, match="myst-nb"):
            notebook_downloads.executed_notebook(SimpleNamespace(), "sigmoid")

    def test_page_without_notebook(self, tmp_path: Path) -> None:
        """A page myst-nb did not execute has no notebook."""
        env = SimpleNamespace(
            mystnb_config=SimpleNamespace(output_folder=str(tmp_path))
        )
        assert notebook_downloads.executed_notebook(env, "glossary") is None

    def test_notebook_without_source_map(self, tmp_path: Path) -> None:
        """An executed notebook without its source_map stops the build."""
        (tmp_path / "sigmoid.ipynb").write_text(
            json.dumps({"cells": [], "metadata": {}}), encoding="utf-8"
        )
        env = SimpleNamespace(
            mystnb_config=SimpleNamespace(output_folder=str(tmp_path))
        )
        with pytest.raises(UpstreamChanged, match="source_map"):
            notebook_downloads.executed_notebook(env, "sigmoid")

    def test_code_cell_without_index(self) -> None:
        """A code-cell container without cell_index stops the build."""
        doctree = nodes.section("", nodes.container("", nb_element="cell_code"))
        with pytest.raises(UpstreamChanged, match="cell_index"):
            notebook_downloads.code_cells(doctree)

    def test_download_menu_without_notebook(self) -> None:
        """A theme that ignores ipynb_source stops the build."""
        context = {
            "ipynb_source": "sigmoid.ipynb",
            "header_buttons": [{"buttons": [{"label": "download-source-button"}]}],
        }
        with pytest.raises(UpstreamChanged, match="sphinx-book-theme"):
            notebook_downloads.check_download_menu(
                APP, "sigmoid", "page.html", context, None
            )


PAGE_SOURCE: Final = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---

# Page

Some **text** and a [link](other.md).

```{code-cell} ipython3
:tags: [hide-input, parameters]

from myst_nb import glue
```

```{code-cell} ipython3
print(2 + 2)
```

```{code-cell} ipython3
:tags: [remove-cell]

assert 2 + 2 == 4, "claim: two and two make four"
glue("four", 2 + 2, display=False)
```

Two and two make {glue:text}`four`.

```{admonition} Answer
:class: dropdown

Four.
```

```{toctree}
:hidden:

other
```
"""


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a two-page project with the book theme and this module; return its html."""
    root = tmp_path_factory.mktemp("notebook_site")
    source = root / "source"
    source.mkdir()
    (source / "conf.py").write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(ROOT / "docs" / "_ext")!r})
            extensions = ["myst_nb", "course_site.notebooks",
                          "course_site.notebook_downloads"]
            html_theme = "sphinx_book_theme"
            html_theme_options = {{"use_download_button": True}}
            html_baseurl = "https://example.org/site/"
            nb_execution_mode = "cache"
            nb_execution_cache_path = {str(root / "cache")!r}
            """
        ),
        encoding="utf-8",
    )
    (source / "index.md").write_text(PAGE_SOURCE, encoding="utf-8")
    (source / "other.md").write_text("# Other\n\nNo code here.\n", encoding="utf-8")
    html = root / "html"
    log = root / "build.log"
    with log.open("wb") as out:
        result = subprocess.run(
            [*SPHINX_BUILD, "-b", "html", "-W", "--keep-going", str(source), str(html)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=300,
        )
    assert result.returncode == 0, log.read_text(encoding="utf-8")[-3000:]
    return html


class TestTinySite:
    """A built page offers its notebook, which installs the wheel the site ships."""

    def test_download_menu_offers_the_notebook(self, tiny_site: Path) -> None:
        """The page with code links _sources/index.ipynb; the page without does not."""
        assert 'href="_sources/index.ipynb"' in (tiny_site / "index.html").read_text(
            "utf-8"
        )
        assert ".ipynb" not in (tiny_site / "other.html").read_text("utf-8")
        assert not (tiny_site / "_sources" / "other.ipynb").exists()

    def test_the_wheel_is_shipped(self, tiny_site: Path) -> None:
        """The site holds the wheel at the address the first cell installs from."""
        notebook = json.loads(
            (tiny_site / "_sources" / "index.ipynb").read_text("utf-8")
        )
        first = "".join(notebook["cells"][0]["source"])
        (wheel,) = (tiny_site / "_downloads").glob("*.whl")
        assert f'WHEEL = "https://example.org/site/_downloads/{wheel.name}"' in first

    def test_the_notebook(self, tiny_site: Path) -> None:
        """Text with the glued value and a folded answer; outputs; hidden cells."""
        notebook = json.loads(
            (tiny_site / "_sources" / "index.ipynb").read_text("utf-8")
        )
        cells = [
            ("".join(c["source"]), c["metadata"].get("tags"), len(c.get("outputs", [])))
            for c in notebook["cells"][2:]
        ]
        assert cells == [
            (
                (
                    "# Page\n\nSome **text** and a "
                    "[link](https://example.org/site/other.html)."
                ),
                None,
                0,
            ),
            ("from myst_nb import glue", ["hide-input", "parameters"], 0),
            ("print(2 + 2)", None, 1),
            (
                (
                    'assert 2 + 2 == 4, "claim: two and two make four"\n'
                    'glue("four", 2 + 2, display=False)'
                ),
                ["remove-cell"],
                0,
            ),
            (
                (
                    "Two and two make 4.\n\n<details>\n<summary>Answer</summary>\n\n"
                    "Four.\n\n</details>"
                ),
                None,
                0,
            ),
        ]
        assert "".join(notebook["cells"][4]["outputs"][0]["text"]) == "4\n"


class TestCodeCellOutputs:
    """A notebook's outputs are what the cell printed, not how the kernel sent it."""

    def test_split_print_is_one_stream(self) -> None:
        """Two pieces of stdout become one output with the text as printed."""
        cell = {
            "source": "print(1)",
            "metadata": {},
            "execution_count": 1,
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "a = 1.00"},
                {"output_type": "stream", "name": "stdout", "text": ["\n", "b\n"]},
            ],
        }
        outputs = notebook_downloads.notebook_code_cell(cell)["outputs"]
        assert outputs == [
            {"output_type": "stream", "name": "stdout", "text": "a = 1.00\nb\n"}
        ]
