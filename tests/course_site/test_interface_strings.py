"""course_site.interface_strings: the project's Korean interface strings win."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pydata_sphinx_theme  # type: ignore[import-untyped]
import pytest
import sphinx
import sphinx_book_theme  # type: ignore[import-untyped]
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from sphinxcontrib import katex

import course_site
from course_site import ROOT, interface_strings

if TYPE_CHECKING:
    from tests.course_site.conftest import TinyProject

KOREAN: Final = ROOT / "locale" / "ko" / "LC_MESSAGES"
SETTINGS: Final = (
    'html_theme = "sphinx_book_theme"\n'
    'language = "ko"\n'
    f"locale_dirs = [{str(ROOT / 'locale')!r}]\n"
    'project = "x"\n'
)
PAGE: Final = {"index": "Title\n=====\n\nText.\n"}


def read_catalog(path: Path) -> Catalog:
    """Read a .po or .pot file."""
    with path.open("rb") as file:
        return read_po(file)


#: A gettext call with a literal message: _("..."), translate('...') (templates).
GETTEXT_CALL: Final = re.compile(
    r"""\b(?:_|translate|translation)\(\s*(["'])((?:(?!\1).)+)\1"""
)
#: Where each domain's messages come from: the packages' catalogs and sources.
SOURCES: Final = {
    "sphinx": [sphinx, pydata_sphinx_theme, katex, course_site],
    "booktheme": [sphinx_book_theme],
}


@functools.cache
def upstream_msgids(domain: str) -> frozenset[str]:
    """Return every message of a domain that the installed packages ship or ask for."""
    found: set[str] = set()
    for package in SOURCES[domain]:
        folder = Path(package.__file__).parent
        for catalog in [*folder.rglob(f"{domain}.pot"), *folder.rglob(f"{domain}.po")]:
            found.update(str(message.id) for message in read_catalog(catalog))
        for source in [
            *folder.rglob("*.py"),
            *folder.rglob("*.html"),
            *folder.rglob("*.rst"),
        ]:
            text = source.read_text(encoding="utf-8")
            found.update(call[2] for call in GETTEXT_CALL.finditer(text))
    return frozenset(found)


class TestCatalogs:
    """The project's catalogs replace strings that Sphinx and the themes still have."""

    @pytest.mark.parametrize("domain", sorted(interface_strings.INTERFACE_CATALOGS))
    def test_every_message_is_upstream(self, domain: str) -> None:
        """Each msgid is still one that Sphinx or a theme uses (none left after an upgrade)."""
        catalog = read_catalog(KOREAN / f"{domain}.po")
        stale = [
            str(m.id) for m in catalog if m.id and m.id not in upstream_msgids(domain)
        ]
        assert stale == []

    @pytest.mark.parametrize("domain", sorted(interface_strings.INTERFACE_CATALOGS))
    def test_every_message_is_translated(self, domain: str) -> None:
        """No message is empty or fuzzy (gettext would skip it)."""
        catalog = read_catalog(KOREAN / f"{domain}.po")
        assert [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)] == []

    def test_compiled_beside_the_source(self, tmp_path: Path) -> None:
        """A catalog is compiled to .mo once, and again only when the .po changes."""
        po = tmp_path / "booktheme.po"
        po.write_bytes((KOREAN / "booktheme.po").read_bytes())
        mo = interface_strings.compile_catalog(po)
        first = mo.stat().st_mtime_ns
        assert interface_strings.compile_catalog(po).stat().st_mtime_ns == first
        assert mo.read_bytes().startswith(b"\xde\x12\x04\x95")  # GNU .mo, little-endian


class TestBuild:
    """A tiny Korean project with sphinx-book-theme shows the project's strings."""

    def test_korean_strings_replace_the_english(
        self, tiny_project: TinyProject
    ) -> None:
        """Catalog strings of Sphinx and of the book theme, and HTML strings, are Korean."""
        build = tiny_project(
            PAGE, extensions=["course_site.interface_strings"], settings=SETTINGS
        )
        assert build.returncode == 0, build.log
        html = build.page()
        expected = [
            "본문으로 건너뛰기",  # sphinx.po: "Skip to main content"
            'placeholder="검색..."',  # booktheme.po: "Search"
            'title="사이트 목차 열기/닫기"',  # UI_HTML: "Toggle primary sidebar"
        ]
        assert [text for text in expected if text not in html] == []
        english = ["Skip to main content", "Toggle primary sidebar"]
        assert [text for text in english if text in html] == []

    def test_theme_catalog_first_fails_loudly(self, tiny_project: TinyProject) -> None:
        """A theme that registers its catalog first stops the build, naming itself."""
        build = tiny_project(
            PAGE,
            extensions=["sphinx_book_theme", "course_site.interface_strings"],
            settings=SETTINGS,
        )
        assert build.returncode != 0
        assert "sphinx-book-theme" in build.log
        assert "'booktheme' message catalog" in build.log
