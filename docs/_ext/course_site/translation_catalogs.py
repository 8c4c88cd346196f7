"""Extract the pages' messages and bring the translation catalogs up to date.

``make translations`` runs this (``python -m course_site.translation_catalogs``)
after a change to the Korean pages:

1. Sphinx's gettext builder writes one template per page
   (``build/gettext/<page>.pot``; ``gettext_compact = False`` in conf.py).
2. Each catalog ``locale/<language>/LC_MESSAGES/<page>.po`` is merged with its
   template the way ``sphinx-intl update`` merges (Babel's
   ``Catalog.update``): translations are kept, new messages arrive empty, a
   message whose Korean changed gets the closest old translation and the
   ``fuzzy`` flag, so that a translator reviews it (fuzzy messages are not
   used by the build; ``git diff`` shows the Korean that changed). A new
   page gets a new catalog; the catalog of a page that is gone is removed.
3. A message without Hangul (a formula, code, a number, a name) needs no
   translation: its translation is the message itself. Such messages are
   filled in; one that is fuzzy only because the formula changed under an
   untouched copy is refilled and loses the flag. A translation that a person
   wrote is never overwritten.

4. The words in the tables that cells display are the library's, in English;
   the gettext builder collects them into ``cell-outputs.pot``
   (:mod:`course_site.cell_outputs`), which is merged into
   ``locale/<language>/LC_MESSAGES/cell-outputs.po`` for every edition whose
   language is not English (``--output-language``, Korean by default). Those
   catalogs translate from English, so nothing in them is filled in: a name
   that stays as it is ("ReLU") is written as its own translation by hand.

A catalog is written only when its messages changed, so running this twice
changes nothing the second time (and a translator's line wrapping stays until
the messages of that page change). ``--check`` writes nothing and exits with
status 1 when a catalog is out of date.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from course_site import ROOT
from course_site.sphinx_command import SPHINX_BUILD, sphinx_arguments

#: Hangul jamo, compatibility jamo, extended jamo and syllables.
HANGUL: Final = re.compile(
    "[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]"
)
#: Line width of the catalogs (sphinx-intl's and Babel's default).
WIDTH: Final = 76

MessageKey = tuple[object, ...]


def has_hangul(text: str) -> bool:
    r"""Tell whether ``text`` contains Hangul.

    Examples
    --------
    >>> has_hangul(r"g(z) = \frac{1}{1 + e^{-z}}"), has_hangul("시그모이드 (sigmoid)")
    (False, True)
    """
    return HANGUL.search(text) is not None


def message_text(message: Message) -> str:
    """Return a message's id as one string (the singular form of a plural)."""
    return message.id if isinstance(message.id, str) else str(message.id[0])


def fill_untranslatable(message: Message) -> bool:
    """Make a message without Hangul its own translation; tell whether it changed.

    A translation that differs from the message (a person's edit) is kept;
    so is the fuzzy flag of such a message, for review.

    Examples
    --------
    >>> new = Message("$g'(z)$")
    >>> fill_untranslatable(new), new.string
    (True, "$g'(z)$")
    >>> edited = Message("x", "the input x", flags=["fuzzy"], previous_id=["y"])
    >>> fill_untranslatable(edited), edited.string, edited.fuzzy
    (False, 'the input x', True)
    """
    msgid = message_text(message)
    if not msgid or has_hangul(msgid) or not isinstance(message.id, str):
        return False
    copy_of_old = bool(message.previous_id) and message.string in message.previous_id
    if message.string and not (message.fuzzy and copy_of_old):
        return False
    changed = message.string != msgid or message.fuzzy
    message.string = msgid
    message.flags.discard("fuzzy")
    message.previous_id = []
    return changed


def message_key(message: Message) -> MessageKey:
    """Return everything of a message that a catalog file shows."""
    return (
        message.id,
        message.string,
        message.context,
        tuple(sorted(message.flags)),
        tuple(message.locations),
        tuple(message.previous_id),
        tuple(message.user_comments),
        tuple(message.auto_comments),
    )


def catalog_key(catalog: Catalog) -> list[MessageKey]:
    """Return the messages and obsolete messages of ``catalog`` (not its header)."""
    current = [message_key(m) for m in catalog if m.id]
    obsolete = [message_key(m) for m in catalog.obsolete.values()]
    return [*current, ("obsolete",), *obsolete]


def read_catalog(path: Path) -> Catalog:
    """Read a .po or .pot file."""
    with path.open("rb") as file:
        return read_po(file)


def render_catalog(catalog: Catalog) -> bytes:
    """Return the text of ``catalog`` as a .po file.

    The previous Korean of a fuzzy message (``#| msgid``) is not written:
    Babel wraps it into lines its own reader takes for translator comments
    (python-babel/babel#206), which then pile up in the catalog at every run.
    The old translation stays as the fuzzy message's text.
    """
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=False)
    return buffer.getvalue()


def merge(
    template: Catalog, catalog: Catalog | None, language: str, *, fill: bool = True
) -> Catalog:
    """Return ``catalog`` updated from ``template`` (a new catalog if None).

    Examples
    --------
    >>> template = Catalog()
    >>> _ = template.add("정의와 도함수")
    >>> _ = template.add("$g(z) = z$")
    >>> new = merge(template, None, "en")
    >>> [(m.id, m.string) for m in new if m.id]
    [('정의와 도함수', ''), ('$g(z) = z$', '$g(z) = z$')]
    """
    if catalog is None:
        merged = read_catalog_bytes(render_catalog(template))
        merged.locale = language
    else:
        merged = catalog
        created = catalog.creation_date
        merged.update(template)
        # The header keeps its date: Babel would stamp the template's, so two
        # branches that change one catalog would always conflict in line 11.
        merged.creation_date = created
        # A message that left the pages is gone, not kept as an obsolete "#~"
        # entry: its old translation stays in git's history.
        merged.obsolete.clear()
    for message in merged:
        if message.id and not message.fuzzy:
            message.previous_id = []
        if fill:
            fill_untranslatable(message)
    return merged


def read_catalog_bytes(data: bytes) -> Catalog:
    """Read a catalog from the bytes of a .po file."""
    return read_po(io.BytesIO(data))


@dataclass
class Report:
    """What an update did (or, with check, would do) to the catalogs."""

    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether any catalog was (or would be) created, updated or removed."""
        return bool(self.created or self.updated or self.removed)

    def lines(self, root: Path) -> Iterable[str]:
        """Yield one line per changed catalog and a summary."""

        def name(path: Path) -> str:
            return (
                str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            )

        for label, paths in (
            ("Create", self.created),
            ("Update", self.updated),
            ("Remove", self.removed),
        ):
            for path in paths:
                yield f"{label}: {name(path)}"
        yield (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.removed)} removed, {len(self.unchanged)} unchanged"
        )


#: The template of the words in cells' output tables (cell_outputs.DOMAIN).
OUTPUT_WORDS: Final = "cell-outputs"


def update_catalogs(
    pot_dir: Path,
    locale_dir: Path,
    languages: Sequence[str],
    *,
    output_languages: Sequence[str] = (),
    check: bool = False,
) -> Report:
    """Bring ``locale_dir/<language>/LC_MESSAGES/*.po`` up to date with ``pot_dir``.

    Parameters
    ----------
    pot_dir : Path
        The gettext builder's output (one .pot per page).
    locale_dir : Path
        The folder that holds ``<language>/LC_MESSAGES/``.
    languages : Sequence[str]
        The languages whose page catalogs are updated (translated from Korean).
    output_languages : Sequence[str], optional
        The languages whose catalog of output words is updated (translated
        from the library's English); their other catalogs are left alone.
    check : bool, optional
        Write and remove nothing; only report what would change.

    Returns
    -------
    Report
        The catalogs created, updated, removed and left unchanged.
    """
    templates = {
        path.relative_to(pot_dir).with_suffix("").as_posix(): path
        for path in sorted(pot_dir.rglob("*.pot"))
    }
    if not templates:
        msg = f"no .pot files in {pot_dir}: run the gettext builder first"
        raise FileNotFoundError(msg)
    pages = {name: pot for name, pot in templates.items() if name != OUTPUT_WORDS}
    outputs = {name: pot for name, pot in templates.items() if name == OUTPUT_WORDS}
    report = Report()
    for language in languages:
        _update(pages, locale_dir / language / "LC_MESSAGES", language, check, report)
        folder = locale_dir / language / "LC_MESSAGES"
        for po in sorted(folder.rglob("*.po")) if folder.is_dir() else []:
            page = po.relative_to(folder).with_suffix("").as_posix()
            if page not in pages:
                report.removed.append(po)
                if not check:
                    po.unlink()
                    po.with_suffix(".mo").unlink(missing_ok=True)
    for language in output_languages:
        folder = locale_dir / language / "LC_MESSAGES"
        _update(outputs, folder, language, check, report, fill=False)
    return report


def _update(
    templates: dict[str, Path],
    folder: Path,
    language: str,
    check: bool,
    report: Report,
    *,
    fill: bool = True,
) -> None:
    """Merge each template into its catalog in ``folder``; record what changed."""
    for page, pot in templates.items():
        po = folder / f"{page}.po"
        old = read_catalog(po) if po.is_file() else None
        before = catalog_key(old) if old is not None else None
        merged = merge(read_catalog(pot), old, language, fill=fill)
        if before is not None and catalog_key(merged) == before:
            report.unchanged.append(po)
            continue
        (report.updated if old is not None else report.created).append(po)
        if not check:
            po.parent.mkdir(parents=True, exist_ok=True)
            po.write_bytes(render_catalog(merged))


def extract(pot_dir: Path, doctree_dir: Path, sphinx_options: Sequence[str]) -> None:
    """Run Sphinx's gettext builder on docs/ (the Korean source) into ``pot_dir``."""
    for stale in pot_dir.rglob("*.pot") if pot_dir.is_dir() else []:
        stale.unlink()  # a removed page must not leave its template behind
    arguments = sphinx_arguments(
        "gettext", "ko", output=pot_dir, doctrees=doctree_dir, options=sphinx_options
    )
    command = [*SPHINX_BUILD, *arguments]
    subprocess.run(command, check=True, cwd=ROOT, env=os.environ.copy())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the update from the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    parser.add_argument("--pot-dir", type=Path, default=ROOT / "build" / "gettext")
    parser.add_argument(
        "--doctree-dir", type=Path, default=ROOT / "build" / "doctrees" / "gettext"
    )
    parser.add_argument(
        "-l", "--language", action="append", dest="languages", default=None
    )
    parser.add_argument(
        "--output-language",
        action="append",
        dest="output_languages",
        default=None,
        help="a language whose catalog of output words to update (default: ko)",
    )
    parser.add_argument(
        "--no-extract",
        action="store_true",
        help="use the templates already in --pot-dir (do not run Sphinx)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit with 1 if a catalog is out of date",
    )
    parser.add_argument(
        "--sphinx-option",
        action="append",
        default=[],
        help="an option for sphinx-build (repeat for more)",
    )
    args = parser.parse_args(argv)
    if not args.no_extract:
        extract(args.pot_dir, args.doctree_dir, args.sphinx_option)
    report = update_catalogs(
        args.pot_dir,
        args.locale_dir,
        args.languages or ["en"],
        output_languages=args.output_languages or ["ko"],
        check=args.check,
    )
    for line in report.lines(ROOT):
        print(line)
    return 1 if args.check and report.changed else 0


if __name__ == "__main__":
    sys.exit(main())
