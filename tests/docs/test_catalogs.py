"""The English catalogs: complete, current, and with the markup of the Korean.

The catalogs live in ``locale/<language>/LC_MESSAGES/<page>.po``, one per page
(``make translations`` writes them, see ``course_site/translation_catalogs.py``).
The build uses only translated, non-fuzzy messages and leaves every other one
in Korean, so a missing translation shows as Korean in the English edition:
these tests name each one as ``file:line: msgid``.

Markup must survive translation: the same roles with the same targets
(Sphinx compares references by target and warns, so ``-W`` fails), the same
formulas, the same link targets. Hangul may stay in a translation in two
places only: the target of a ``{term}`` reference (the glossary key, never
shown) and, on the glossary page, Korean names marked ``{korean}`...```
(they become ``<span lang="ko">``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Final, NamedTuple

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from course_site.translation_catalogs import (
    OUTPUT_WORDS,
    extract,
    fill_untranslatable,
    has_hangul,
    merge,
    render_catalog,
    update_catalogs,
)

REPO: Final = Path(__file__).resolve().parents[2]
DOCS: Final = REPO / "docs"
LOCALE: Final = REPO / "locale"
#: The translated editions (Korean is the source).
LANGUAGES: Final = ("en",)
#: The editions that translate the words of cells' outputs from English.
OUTPUT_LANGUAGES: Final = ("ko",)
#: The page whose translations may show Korean names ({korean}`...`).
GLOSSARY: Final = "glossary"
#: Folders of docs/ that hold build code and assets, not pages.
NOT_PAGES: Final = frozenset({"_ext", "_static", "_templates"})

ROLE: Final = re.compile(r"\{([a-z][\w:-]*)\}`((?:[^`\\]|\\.)*)`")
ROLE_TARGET: Final = re.compile(r"<([^<>]+)>\s*$")
#: $...$ inline math (not $$), as MyST's dollarmath reads it.
MATH: Final = re.compile(r"(?<![\\$])\$(?!\$)((?:[^$\\]|\\.)+?)\$")
#: A number as a table cell shows it (0.9125, -2, 1e-07, $2.5 \times 10^{-3}$).
NUMBER: Final = re.compile(
    r"\s*[-+]?(\d[\d,]*\.?\d*|\.\d+)([eE][-+]?\d+)?%?\s*"
    r"|\$-?[\d.]+ \\times 10\^\{-?\d+\}\$"
)
LINK_TARGET: Final = re.compile(r"\]\(([^()\s]+)\)")
#: Roles whose text is shown as written (the target is the text).
ROLES_WITHOUT_TEXT: Final = frozenset({"math", "eq"})


def pages() -> list[str]:
    """Return the pages of the site (docs/**/*.md, as Sphinx names them)."""
    return sorted(
        path.relative_to(DOCS).with_suffix("").as_posix()
        for path in DOCS.rglob("*.md")
        if not NOT_PAGES & set(path.relative_to(DOCS).parts)
    )


def catalog_files() -> list[Path]:
    """Return every catalog of every translated language."""
    return sorted(
        path
        for language in LANGUAGES
        for path in (LOCALE / language / "LC_MESSAGES").rglob("*.po")
    )


@functools.cache
def load(path: Path) -> Catalog:
    """Read a catalog once per session; a syntax error fails the test."""
    with path.open("rb") as file:
        return read_po(file, abort_invalid=True)


def page_of(path: Path) -> str:
    """Return the page a catalog belongs to (``glossary`` for glossary.po)."""
    folder = next(p for p in path.parents if p.name == "LC_MESSAGES")
    return path.relative_to(folder).with_suffix("").as_posix()


def where(path: Path, message: Message) -> str:
    """Return ``file:line: msgid`` for a failure message (msgid shortened)."""
    line = message.lineno or 0
    text = str(message.id)
    short = text if len(text) <= 70 else text[:67] + "..."
    return f"{path.relative_to(REPO)}:{line}: {short!r}"


class Translation(NamedTuple):
    """A translated message: where it is, the Korean and the translation."""

    where: str
    msgid: str
    msgstr: str


def translated(path: Path) -> Iterator[Translation]:
    """Yield the messages of a catalog that have a (non-fuzzy) translation."""
    for message in load(path):
        if (
            isinstance(message.id, str)
            and message.id
            and isinstance(message.string, str)
            and message.string
            and not message.fuzzy
        ):
            yield Translation(where(path, message), message.id, message.string)


def roles(text: str) -> Counter[tuple[str, str]]:
    """Return the roles in ``text`` with their targets (no shown text).

    ``{term}`shown <key>``` gives ``("term", "key")``; a role without an
    explicit target gives its text, except ``{term}``, ``{ref}``... whose
    text is the target.
    """
    found: Counter[tuple[str, str]] = Counter()
    for name, content in ROLE.findall(text):
        if name == "korean":
            continue  # the English glossary's Korean names, added on purpose
        target = ROLE_TARGET.search(content)
        key = target[1] if target else content
        if name == "term":
            key = key.lower()  # Sphinx looks up terms without case
        found[name, key.strip()] += 1
    return found


def formulas(text: str) -> list[str]:
    """Return the inline formulas ($...$) of ``text``, in order."""
    return [m.strip() for m in MATH.findall(ROLE.sub("", text))]


def hangul_outside_allowed(text: str, *, glossary: bool = False) -> list[str]:
    """Return the pieces of a translation that show Hangul to a reader.

    Hangul is allowed in a ``{term}`` target and, on the glossary page, in
    ``{korean}`...``` (the glossary's Korean names).
    """

    def strip(match: re.Match[str]) -> str:
        name, content = match[1], match[2]
        if name == "korean" and glossary:
            return ""
        target = ROLE_TARGET.search(content)
        if name == "term" and target:
            return content[: target.start()]
        return content

    visible = ROLE.sub(strip, text)
    return [word for word in re.split(r"\s+", visible) if has_hangul(word)]


class TestChecks:
    """The markup checks below see what they should, and only that."""

    def test_term_with_korean_key_matches(self) -> None:
        """A term shown in English with its Korean key has the msgid's target."""
        assert roles("{term}`포화 (saturation)`가") == roles(
            "{term}`saturation <포화 (saturation)>`"
        )

    def test_term_with_english_target_differs(self) -> None:
        """A term pointed at an English name has another target (Sphinx warns)."""
        assert roles("{term}`포화 (saturation)`") != roles("{term}`saturation`")

    def test_numref_keeps_its_target(self) -> None:
        """A numref with translated text keeps the figure's label as its target."""
        assert roles("{numref}`그림 %s <fig-a>`") == roles(
            "{numref}`Figure %s <fig-a>`"
        )

    def test_formulas(self) -> None:
        """Inline formulas are found; display math and roles are left out."""
        text = "$a = g(z)$ and $$x$$ {math}`y` and $b$"
        assert formulas(text) == ["a = g(z)", "b"]

    @pytest.mark.parametrize(
        ("expected", "text", "glossary"),
        [
            pytest.param(
                [], "the {term}`slope <기울기 (gradient)>`", False, id="term-key"
            ),
            pytest.param(
                ["포화)"], "(Korean: {korean}`포화`)", False, id="korean-elsewhere"
            ),
            pytest.param([], "(Korean: {korean}`포화`)", True, id="korean-on-glossary"),
            pytest.param(["포화"], "the word 포화 here", True, id="plain"),
            pytest.param(
                ['``"시그모이드"``.'], 'e.g. ``"시그모이드"``.', False, id="code"
            ),
        ],
    )
    def test_hangul_shown(self, expected: list[str], text: str, glossary: bool) -> None:
        """Hangul counts as shown everywhere but in term keys and glossary names."""
        assert expected == hangul_outside_allowed(text, glossary=glossary)


CATALOGS: Final = catalog_files()
CATALOG_IDS: Final = [str(p.relative_to(LOCALE)) for p in CATALOGS]


class TestCatalogFiles:
    """Each page has one catalog per language, and no catalog outlives its page."""

    @pytest.mark.parametrize("language", LANGUAGES)
    @pytest.mark.parametrize("page", pages())
    def test_page_has_catalog(self, language: str, page: str) -> None:
        """The page has its catalog in locale/<language>/LC_MESSAGES/."""
        path = LOCALE / language / "LC_MESSAGES" / f"{page}.po"
        assert path.is_file(), (
            f"{path.relative_to(REPO)} is missing: run `make translations`"
        )

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_no_stale_catalogs(self, language: str) -> None:
        """Every catalog belongs to a page that exists (make translations removes the rest)."""
        folder = LOCALE / language / "LC_MESSAGES"
        stale = sorted(
            str(path.relative_to(REPO))
            for path in folder.rglob("*.po")
            # sphinx.po holds the templates' own strings (the gettext builder's sphinx.pot)
            if page_of(path) not in pages() and path.name != "sphinx.po"
        )
        assert stale == []

    @pytest.mark.parametrize("path", CATALOGS, ids=CATALOG_IDS)
    def test_catalog_parses(self, path: Path) -> None:
        """The catalog is a valid .po file whose language is its folder's."""
        catalog = load(path)
        language = path.relative_to(LOCALE).parts[0]
        assert language == str(catalog.locale)


class TestCompleteness:
    """Every message is translated and reviewed (the build ignores the rest)."""

    @pytest.mark.parametrize("path", CATALOGS, ids=CATALOG_IDS)
    def test_no_untranslated_messages(self, path: Path) -> None:
        """No message has an empty translation."""
        missing = [where(path, m) for m in load(path) if m.id and not m.string]
        assert missing == []

    @pytest.mark.parametrize("path", CATALOGS, ids=CATALOG_IDS)
    def test_no_fuzzy_messages(self, path: Path) -> None:
        """No message is marked fuzzy (a changed Korean message awaiting review)."""
        fuzzy = [where(path, m) for m in load(path) if m.id and m.fuzzy]
        assert fuzzy == []


class TestMarkup:
    """Translations keep the message's references, formulas and links."""

    @pytest.mark.parametrize("path", CATALOGS, ids=CATALOG_IDS)
    def test_same_roles_and_targets(self, path: Path) -> None:
        """Each translation has the msgid's roles with the same targets."""
        wrong = [
            f"{t.where} has {dict(roles(t.msgstr))}, expected {dict(roles(t.msgid))}"
            for t in translated(path)
            if roles(t.msgstr) != roles(t.msgid)
        ]
        assert wrong == []

    @pytest.mark.parametrize("path", CATALOGS, ids=CATALOG_IDS)
    def test_same_formulas(self, path: Path) -> None:
        """Each translation has as many formulas, and the msgid's formulas verbatim.

        A formula with Hangul in \\text{...} may be translated; the others
        are language-neutral and must be copied as they are.
        """
        wrong = []
        for t in translated(path):
            source, target = formulas(t.msgid), formulas(t.msgstr)
            neutral = Counter(f for f in source if not has_hangul(f))
            if len(source) != len(target) or neutral - Counter(target):
                wrong.append(f"{t.where}: {source} -> {target}")
        assert wrong == []

    @pytest.mark.parametrize("path", CATALOGS, ids=CATALOG_IDS)
    def test_same_link_targets(self, path: Path) -> None:
        """Each translation links where the msgid links ([text](target))."""
        wrong = [
            t.where
            for t in translated(path)
            if Counter(LINK_TARGET.findall(t.msgstr))
            != Counter(LINK_TARGET.findall(t.msgid))
        ]
        assert wrong == []

    @pytest.mark.parametrize("path", CATALOGS, ids=CATALOG_IDS)
    def test_no_hangul_shown(self, path: Path) -> None:
        """No translation shows Hangul, but for glossary term targets and {korean} names."""
        glossary = page_of(path) == GLOSSARY
        wrong = [
            f"{t.where}: {hangul_outside_allowed(t.msgstr, glossary=glossary)}"
            for t in translated(path)
            if hangul_outside_allowed(t.msgstr, glossary=glossary)
        ]
        assert wrong == []


OUTPUT_CATALOGS: Final = [
    LOCALE / language / "LC_MESSAGES" / f"{OUTPUT_WORDS}.po"
    for language in OUTPUT_LANGUAGES
]


class TestOutputWords:
    """The words of the cells' output tables, translated from the library's English."""

    @pytest.mark.parametrize("path", OUTPUT_CATALOGS, ids=lambda p: p.parts[-3])
    def test_complete(self, path: Path) -> None:
        """Every word is translated and reviewed (the build warns about the rest)."""
        assert path.is_file(), "run `make translations`"
        unfinished = [
            where(path, m) for m in load(path) if m.id and (not m.string or m.fuzzy)
        ]
        assert unfinished == []

    @pytest.mark.parametrize("path", OUTPUT_CATALOGS, ids=lambda p: p.parts[-3])
    def test_formulas_kept(self, path: Path) -> None:
        """A translated cell shows the English cell's formulas, verbatim."""
        wrong = [
            f"{t.where}: {formulas(t.msgid)} -> {formulas(t.msgstr)}"
            for t in translated(path)
            if Counter(formulas(t.msgid)) != Counter(formulas(t.msgstr))
        ]
        assert wrong == []

    @pytest.mark.parametrize("path", OUTPUT_CATALOGS, ids=lambda p: p.parts[-3])
    def test_no_numbers_or_hangul_in_messages(self, path: Path) -> None:
        """The messages are the library's English words: no Hangul, no bare numbers."""
        wrong = [
            where(path, m)
            for m in load(path)
            if m.id and (has_hangul(str(m.id)) or NUMBER.fullmatch(str(m.id)))
        ]
        assert wrong == []


class TestNoOutputsInCatalogs:
    """No page catalog holds a message that a cell's output wrote."""

    @pytest.mark.parametrize("path", CATALOGS, ids=CATALOG_IDS)
    def test_no_message_is_a_number(self, path: Path) -> None:
        """No message is a bare number (as a table of outputs would give)."""
        numbers = [where(path, m) for m in load(path) if NUMBER.fullmatch(str(m.id))]
        assert numbers == []


def catalog_with(*messages: tuple[str, str] | str, flags: bool = False) -> Catalog:
    """Return a catalog holding ``messages`` (msgid or (msgid, msgstr) pairs)."""
    catalog = Catalog(locale="en")
    for message in messages:
        msgid, msgstr = (message, "") if isinstance(message, str) else message
        catalog.add(msgid, msgstr, flags=["fuzzy"] if flags else [])
    return catalog


def write(path: Path, catalog: Catalog) -> Path:
    """Write ``catalog`` to ``path`` as a .po or .pot file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_catalog(catalog))
    return path


class TestUpdateTranslations:
    """`make translations` merges like sphinx-intl, fills formulas and is idempotent."""

    def test_new_message_arrives_empty(self) -> None:
        """A new Korean message is added untranslated."""
        merged = merge(catalog_with("새 문장"), catalog_with(), "en")
        assert merged["새 문장"].string == ""

    def test_message_without_hangul_is_filled(self) -> None:
        """A formula is its own translation, filled in without a flag."""
        merged = merge(catalog_with("g'(z) = a(1 - a)"), catalog_with(), "en")
        message = merged["g'(z) = a(1 - a)"]
        assert (message.string, message.fuzzy) == ("g'(z) = a(1 - a)", False)

    def test_translation_is_kept(self) -> None:
        """An existing translation survives an update."""
        old = catalog_with(("정의와 도함수", "Definition and derivative"))
        merged = merge(catalog_with("정의와 도함수"), old, "en")
        assert merged["정의와 도함수"].string == "Definition and derivative"

    def test_changed_message_becomes_fuzzy(self) -> None:
        """A changed Korean message keeps the old translation, flagged fuzzy, with the old msgid."""
        old = catalog_with(
            ("시그모이드의 도함수는 다음과 같습니다.", "The derivative is:")
        )
        merged = merge(
            catalog_with("시그모이드의 도함수는 다음과 같습니다!"), old, "en"
        )
        message = merged["시그모이드의 도함수는 다음과 같습니다!"]
        assert (message.string, message.fuzzy, message.previous_id) == (
            "The derivative is:",
            True,
            ["시그모이드의 도함수는 다음과 같습니다."],
        )

    def test_changed_formula_is_refilled(self) -> None:
        """A formula whose old copy was untouched is refilled, not left fuzzy."""
        old = catalog_with(("g'(z) = a(1 - a) + 0", "g'(z) = a(1 - a) + 0"))
        merged = merge(catalog_with("g'(z) = a(1 - a) + 1"), old, "en")
        message = merged["g'(z) = a(1 - a) + 1"]
        assert (message.string, message.fuzzy) == ("g'(z) = a(1 - a) + 1", False)

    def test_edited_message_without_hangul_stays_fuzzy(self) -> None:
        """A person's edit of a message without Hangul is kept for review when it changes."""
        message = Message("x + 1", "the input x, plus one", flags=["fuzzy"])
        message.previous_id = ["x"]
        assert fill_untranslatable(message) is False
        assert (message.string, message.fuzzy) == ("the input x, plus one", True)

    def test_second_run_changes_nothing(self, tmp_path: Path) -> None:
        """Updating twice from the same templates writes nothing the second time."""
        write(tmp_path / "pot" / "a.pot", catalog_with("가", "$x$", "나"))
        locale = tmp_path / "locale"
        write(locale / "en" / "LC_MESSAGES" / "a.po", catalog_with(("가", "A")))
        first = update_catalogs(tmp_path / "pot", locale, ["en"])
        text = (locale / "en" / "LC_MESSAGES" / "a.po").read_bytes()
        second = update_catalogs(tmp_path / "pot", locale, ["en"])
        assert (first.changed, second.changed) == (True, False)
        assert text == (locale / "en" / "LC_MESSAGES" / "a.po").read_bytes()

    def test_new_and_removed_pages(self, tmp_path: Path) -> None:
        """A new page gets a catalog; the catalog of a removed page is deleted."""
        write(tmp_path / "pot" / "new.pot", catalog_with("가"))
        folder = tmp_path / "locale" / "en" / "LC_MESSAGES"
        write(folder / "gone.po", catalog_with(("나", "B")))
        report = update_catalogs(tmp_path / "pot", tmp_path / "locale", ["en"])
        assert (report.created, report.removed) == (
            [folder / "new.po"],
            [folder / "gone.po"],
        )
        assert sorted(p.name for p in folder.iterdir()) == ["new.po"]

    def test_check_writes_nothing(self, tmp_path: Path) -> None:
        """With check, an out-of-date catalog is reported and left as it is."""
        write(tmp_path / "pot" / "a.pot", catalog_with("가", "나"))
        po = write(
            tmp_path / "locale" / "en" / "LC_MESSAGES" / "a.po", catalog_with("가")
        )
        before = po.read_bytes()
        report = update_catalogs(
            tmp_path / "pot", tmp_path / "locale", ["en"], check=True
        )
        assert (report.updated, po.read_bytes()) == ([po], before)


class TestCatalogsAreCurrent:
    """The catalogs match the pages as they are, on any machine.

    The messages are extracted from a build whose arithmetic is not this
    machine's (every result of NumPy's exp, log, tanh, sin and cos moved one ulp,
    see ``perturbed_arithmetic/sitecustomize.py``), with its own notebook cache,
    so every page runs again that way. A catalog message made from a cell's
    output, or a page whose words follow the last bits of its numbers, makes
    the catalogs differ from the pages here as it would on another CPU; and a
    claim asserted on a page that does not survive the change fails the build.
    """

    def test_catalogs_match_the_pages(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Extracting the messages on "another machine" would change no catalog."""
        perturbation = Path(__file__).resolve().parent / "perturbed_arithmetic"
        monkeypatch.setenv("PYTHONPATH", str(perturbation))
        monkeypatch.setenv("PERTURBED_ARITHMETIC", "up")
        options = ["-q", "-D", f"nb_execution_cache_path={tmp_path / 'cache'}"]
        extract(tmp_path / "pot", tmp_path / "doctrees", options)
        report = update_catalogs(
            tmp_path / "pot",
            LOCALE,
            LANGUAGES,
            output_languages=OUTPUT_LANGUAGES,
            check=True,
        )
        out_of_date = [
            str(p.relative_to(REPO))
            for p in report.created + report.updated + report.removed
        ]
        assert out_of_date == [], "run `make translations`"
