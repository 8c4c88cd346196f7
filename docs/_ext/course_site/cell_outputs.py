r"""Cell outputs: computed by each edition's own run, never copied into a catalog.

What it changes, and why: what a code cell prints or displays is the output of this build's execution,
and it may differ in its last digits from one machine to another. So that a
change of machine, seed or library version never makes a translation stale,
the site treats outputs differently from the words a person wrote:

- **Outputs are not messages.** Every paragraph, table cell and literal block
  inside a cell's output is marked ``translatable = False`` before Sphinx's
  ``Locale`` transform runs, so the gettext builder never extracts it and the
  English edition never replaces it: each edition shows its own execution's
  outputs. Figure captions and alt texts, which a person writes in the cell's
  metadata, stay translatable.
- **Output words are translated from the library's English.** The library
  writes its tables' words in English, like its names and messages
  (``"Function"``, ``"Accuracy"``, ``"both tails ($z \to \pm\infty$)"``).
  In an edition in another language, each table cell of an output whose text
  is a message of ``locale/<language>/LC_MESSAGES/cell-outputs.po`` is
  replaced by its translation; a cell with words and no translation is a
  warning (so ``-W`` fails) that names the cell. The gettext builder collects
  these cells into ``cell-outputs.pot`` beside the pages' templates, and
  ``make translations`` merges it into the catalogs of the editions whose
  language is not English. Numbers, formulas and function names alone need no
  translation.
- **Glue in translated paragraphs.** A ``{glue:text}`` role pastes a value
  computed by a cell into the prose (``{glue:text}`relu_share:.0%```), so a
  number in a sentence is never typed by hand. In a translated paragraph,
  myst-nb parses the translation as a separate Markdown fragment that knows
  nothing of the page's notebook, and the role would find no value
  (myst-nb 1.4, ``myst_nb/sphinx_.py``: ``<translated>`` sources fall back
  to the plain MyST parser). The roles are replaced by subclasses that, in
  such a fragment, refer to the same page's stored glue values instead
  (``page.md::key``), which myst-nb resolves after reading. This relies on
  myst-nb's role classes and on the ``nb_renderer`` entry it puts in a
  notebook's document (:func:`glue_roles`, listed in
  :mod:`course_site.upstream`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, Final

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from docutils import nodes  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from course_site.upstream import UpstreamChanged

logger = logging.getLogger(__name__)

#: The catalog of output words, one per edition language (not a page's name).
DOMAIN: Final = "cell-outputs"
#: The language the library writes its words in: no catalog needed.
SOURCE_LANGUAGE: Final = "en"

_MATH: Final = re.compile(r"\$[^$]*\$")
_WORD: Final = re.compile(r"[A-Za-z]{2,}")
#: Texts that are numbers, also in the forms the tables write (1e-07, NaN, inf).
_NUMBER: Final = re.compile(
    r"[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?|[-+]?(?:inf|nan|NaN)"
)


def is_cell_output(node: nodes.Node) -> bool:
    """Tell whether ``node`` is the container of one output of a code cell."""
    return isinstance(node, nodes.container) and "cell_output" in node["classes"]


def output_text_nodes(document: nodes.Node) -> Iterator[nodes.TextElement]:
    """Yield the text elements that a cell's output wrote.

    Captions and legends of the figures a cell makes are passed over: a
    person writes them in the cell's metadata.
    """
    for output in document.findall(is_cell_output):
        for node in output.findall(nodes.TextElement):
            parent = node.parent
            authored = isinstance(node, nodes.caption | nodes.legend)
            while parent is not None and parent is not output and not authored:
                authored = isinstance(parent, nodes.caption | nodes.legend)
                parent = parent.parent
            if not authored:
                yield node


def output_table_cells(document: nodes.Node) -> Iterator[nodes.paragraph]:
    """Yield the paragraphs of the table cells in the cells' outputs."""
    for node in output_text_nodes(document):
        if isinstance(node, nodes.paragraph) and isinstance(node.parent, nodes.entry):
            yield node


def needs_translation(text: str) -> bool:
    """Tell whether a table cell's text has words in it (outside math and numbers).

    Examples
    --------
    >>> [needs_translation(t) for t in ("Accuracy", "$g'(z)$", "1e-07", "0.25")]
    [True, False, False, False]
    >>> needs_translation("Final cost $J$"), needs_translation("NaN")
    (True, False)
    """
    words = _MATH.sub(" ", text).strip()
    if not words or _NUMBER.fullmatch(words):
        return False
    return _WORD.search(words) is not None


def parse_inline(text: str) -> list[nodes.Node]:
    r"""Turn a translated cell (text and ``$...$`` math) into docutils nodes.

    Examples
    --------
    >>> [n.astext() for n in parse_inline(r"최종 비용 $J$ (마지막)")]
    ['최종 비용 ', 'J', ' (마지막)']
    """
    result: list[nodes.Node] = []
    position = 0
    for match in _MATH.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(text[position : match.start()]))
        latex = match[0][1:-1]
        result.append(nodes.math(match[0], latex))
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result


def read_translations(path: Path) -> dict[str, str]:
    """Return the finished translations of a catalog (no fuzzy, no empty ones)."""
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        catalog = read_po(file)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def _catalog_path(app: Sphinx) -> Path | None:
    """Return the edition's catalog of output words, or None for English."""
    language = str(app.config.language or SOURCE_LANGUAGE)
    if language == SOURCE_LANGUAGE or not app.config.locale_dirs:
        return None
    return Path(app.config.locale_dirs[0]) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


class ProtectCellOutputs(SphinxTransform):
    """Keep cell outputs out of the catalogs; translate their words instead."""

    #: Before sphinx.transforms.i18n.Locale (20), which honours the flag.
    default_priority = 10

    def apply(self, **kwargs: Any) -> None:
        """Mark the outputs, collect or translate their table words."""
        for node in output_text_nodes(self.document):
            node["translatable"] = False
        cells = [
            cell
            for cell in output_table_cells(self.document)
            if needs_translation(cell.rawsource.strip())
        ]
        if self.app.builder.name == "gettext":
            words = _collected(self.env)
            words.setdefault(self.env.docname, set()).update(
                cell.rawsource.strip() for cell in cells
            )
            return
        path = _catalog_path(self.app)
        if path is None:
            return
        translations = _translations(path)
        for cell in cells:
            text = cell.rawsource.strip()
            if text in translations:
                cell.children = []
                cell.extend(parse_inline(translations[text]))
            else:
                logger.warning(
                    "a cell's output shows %r, which %s does not translate: "
                    "run `make translations` and translate it",
                    text,
                    path.relative_to(Path(self.app.confdir)),
                    location=cell,
                    type="cell_outputs",
                )


_READ: dict[tuple[str, int], dict[str, str]] = {}


def _translations(path: Path) -> dict[str, str]:
    """Read the edition's catalog of output words again only when it changes."""
    key = (str(path), path.stat().st_mtime_ns if path.is_file() else 0)
    if key not in _READ:
        _READ[key] = read_translations(path)
    return _READ[key]


def _collected(env: BuildEnvironment) -> dict[str, set[str]]:
    """Return the output words found so far, by page (kept in the environment)."""
    words: dict[str, set[str]] | None = getattr(env, "cell_output_words", None)
    if words is None:
        words = {}
        env.cell_output_words = words  # type: ignore[attr-defined]
    return words


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _collected(env).pop(docname, None)


def _merge(
    app: Sphinx,
    env: BuildEnvironment,
    docnames: AbstractSet[str],
    other: BuildEnvironment,
) -> None:
    for docname in docnames:
        if docname in _collected(other):
            _collected(env)[docname] = _collected(other)[docname]


def output_words_template(words: dict[str, set[str]]) -> Catalog:
    """Return the template of output words: every word cell once, sorted."""
    catalog = Catalog(project="activation-functions", fuzzy=False)
    for text in sorted(set().union(*words.values()) if words else set()):
        catalog.add(text)
    return catalog


def _write_template(app: Sphinx, exception: Exception | None) -> None:
    """Write ``cell-outputs.pot`` beside the pages' templates (gettext builder)."""
    if exception is not None or app.builder.name != "gettext":
        return
    target = Path(app.outdir) / f"{DOMAIN}.pot"
    with target.open("wb") as file:
        write_po(file, output_words_template(_collected(app.env)), width=76)


# -- Glue roles that work in translated paragraphs ---------------------------------

#: The key under which myst-nb keeps a notebook page's renderer (and its glue
#: values) in the docutils document; a translated fragment has none.
NOTEBOOK_RENDERER: Final = "nb_renderer"


def glue_roles() -> tuple[type[Any], type[Any]]:
    """Return myst-nb's ``{glue:text}`` and ``{glue}`` role classes, or fail loudly.

    They live in ``myst_nb.ext.glue.roles`` (not a documented API) and read
    ``self.text``, ``self.document`` and the document's ``nb_renderer``.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When the module or the classes are missing, or lack ``run``.
    """
    try:
        from myst_nb.ext.glue import roles  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:
        raise UpstreamChanged(
            "myst-nb", "myst_nb.ext.glue.roles", "is missing", user=__name__
        ) from None
    classes = [getattr(roles, name, None) for name in ("PasteTextRole", "PasteRoleAny")]
    missing = [
        name
        for name, cls in zip(("PasteTextRole", "PasteRoleAny"), classes, strict=True)
        if not isinstance(cls, type) or not callable(getattr(cls, "run", None))
    ]
    if missing:
        raise UpstreamChanged(
            "myst-nb",
            ", ".join(f"myst_nb.ext.glue.roles.{name}.run" for name in missing),
            "is missing",
            user=__name__,
        )
    return classes[0], classes[1]  # type: ignore[return-value]


def this_page(env: BuildEnvironment) -> str:
    """Return the current page's source file, as glue's ``path::key`` wants it."""
    source = Path(env.doc2path(env.docname))
    return "/" + source.relative_to(env.srcdir).as_posix()


def refer_to_this_page(role: Any, *, formatted: bool) -> None:
    """In a translated fragment, point the role at the page's stored glue values.

    ``{glue:text}`` reads ``path::key:format`` from the right, so a key
    without a format gets ``:s`` (the value as it is) in the long form. In a
    notebook's own document, or with an explicit ``path::``, nothing changes.
    """
    text: str = role.text
    if NOTEBOOK_RENDERER in role.document or "::" in text:
        return
    if formatted and ":" not in text:
        text += ":s"
    role.text = f"{this_page(role.document.settings.env)}::{text}"


def anywhere_roles() -> dict[str, Any]:
    """Return the glue roles that also work in translated paragraphs, by role name."""
    paste_text, paste_any = glue_roles()

    class PasteTextRoleAnywhere(paste_text):  # type: ignore[misc, valid-type]
        """``{glue:text}`` that also works in a translated paragraph."""

        def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
            """Paste the value; in a translation, through the page's stored values."""
            refer_to_this_page(self, formatted=True)
            return super().run()  # type: ignore[no-any-return]

    class PasteRoleAnyAnywhere(paste_any):  # type: ignore[misc, valid-type]
        """``{glue}`` that also works in a translated paragraph."""

        def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
            """Paste the value; in a translation, through the page's stored values."""
            refer_to_this_page(self, formatted=False)
            return super().run()  # type: ignore[no-any-return]

    return {
        "text": PasteTextRoleAnywhere(),
        "": PasteRoleAnyAnywhere(),
        "any": PasteRoleAnyAnywhere(),
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    """Protect outputs, translate their words, and make glue work in translations."""
    app.setup_extension("myst_nb")
    app.add_transform(ProtectCellOutputs)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _write_template)
    for name, role in anywhere_roles().items():
        app.add_role_to_domain("glue", name, role, override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
