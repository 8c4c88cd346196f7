"""course_site.theme_assets: the theme's stylesheet and icon font, cut down."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from course_site import theme_assets
from course_site.upstream import UpstreamChanged


class TestPurgeCss:
    """Rules survive when their classes and ids can occur on the site."""

    @pytest.mark.parametrize(
        ("expected", "css", "known"),
        [
            pytest.param(".a{x:y}", ".a,.b{x:y}", {"a"}, id="selector-list"),
            pytest.param("", "@media print{.c{x:y}}", {"a"}, id="empty-media"),
            pytest.param(
                "@media print{.a{x:y}}",
                "@media print{.a{x:y}.c{x:y}}",
                {"a"},
                id="media",
            ),
            pytest.param(
                ".d:not(.e){x:y}", ".d:not(.e){x:y}", {"d"}, id="negation-not-required"
            ),
            pytest.param("#m .a{x:y}", "#m .a{x:y}#n{x:y}", {"m", "a"}, id="ids"),
            pytest.param(".bs-tip{x:y}", ".bs-tip{x:y}", set(), id="bootstrap-prefix"),
            pytest.param(
                "@font-face{font-family:f}",
                "@font-face{font-family:f}",
                set(),
                id="font",
            ),
            pytest.param(
                "/*! licence */a{x:y}", "/*! licence */a{x:y}", set(), id="comment-tag"
            ),
            pytest.param(
                ".md\\:flex{x:y}", ".md\\:flex{x:y}", {"md:flex"}, id="escape"
            ),
            pytest.param("", ".md\\:flex{x:y}", {"md"}, id="escape-unknown"),
        ],
    )
    def test_purge(self, expected: str, css: str, known: set[str]) -> None:
        """The rules that can match stay, as written."""
        assert expected == theme_assets.purge_css(css, known)

    def test_theme_stylesheet_keeps_the_sites_rules(self) -> None:
        """Cut for a few classes, the theme's stylesheet keeps their rules, and shrinks."""
        css = theme_assets.theme_file(theme_assets.THEME_CSS).read_text("utf-8")
        cut = theme_assets.purge_css(css, {"bd-header", "navbar"})
        assert ".bd-header" in cut
        assert ".btn-outline-danger" not in cut
        assert len(cut) < len(css) / 2


class TestIcons:
    """The icon font keeps every icon the themes name."""

    def test_named_icons(self) -> None:
        """The icons of the sidebar, search and download buttons are kept."""
        icons = theme_assets.fontawesome_icons(
            theme_assets.theme_file(theme_assets.THEME_CSS).read_text("utf-8")
        )
        points = theme_assets.icon_codepoints()
        for name in ("bars", "magnifying-glass", "download", "angle-left"):
            assert icons[name] in points, name

    def test_missing_theme_file_fails_loudly(self) -> None:
        """A file the theme no longer ships stops the build, naming the theme."""
        with pytest.raises(UpstreamChanged, match="pydata-sphinx-theme"):
            theme_assets.theme_file("styles/no-such.css")


class TestPurgeThemeCss:
    """The build writes the cut stylesheet, and cuts again only when names change."""

    @staticmethod
    def app(root: Path) -> Any:
        """Return a stand-in for Sphinx's application, building into ``root``."""
        (root / "out" / "_static" / "styles").mkdir(parents=True, exist_ok=True)
        (root / "doctrees").mkdir(exist_ok=True)
        return SimpleNamespace(
            builder=SimpleNamespace(format="html"),
            outdir=str(root / "out"),
            doctreedir=str(root / "doctrees"),
        )

    def test_cut_once_per_set_of_names(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A second build with the same pages reuses the cut; a new class cuts again."""
        app = self.app(tmp_path)
        page = tmp_path / "out" / "index.html"
        page.write_text('<div class="bd-header navbar"></div>', encoding="utf-8")
        output = tmp_path / "out" / "_static" / theme_assets.THEME_CSS
        theme_assets.purge_theme_css(app, None)
        first = output.read_text(encoding="utf-8")
        assert ".bd-header" in first
        assert ".btn-outline-danger" not in first

        def must_not_run(css: str, known: set[str]) -> str:
            raise AssertionError("the stylesheet was cut again")

        monkeypatch.setattr(theme_assets, "purge_css", must_not_run)
        output.unlink()
        theme_assets.purge_theme_css(app, None)
        assert output.read_text(encoding="utf-8") == first

        monkeypatch.undo()
        page.write_text('<a class="btn-outline-danger"></a>', encoding="utf-8")
        theme_assets.purge_theme_css(app, None)
        assert ".btn-outline-danger" in output.read_text(encoding="utf-8")


class TestSiteNames:
    """The names that keep rules: page classes and ids, and script words."""

    def test_scripts_count_the_search_index_does_not(self, tmp_path: Path) -> None:
        """A word of a script counts; a word of searchindex.js does not."""
        (tmp_path / "index.html").write_text('<p class="a b" id="c">', "utf-8")
        (tmp_path / "theme.js").write_text('el.classList.add("show")', "utf-8")
        (tmp_path / "searchindex.js").write_text('Search.setIndex({"row": 1})', "utf-8")
        names = theme_assets.site_names(tmp_path)
        assert {"a", "b", "c", "show"} <= names
        assert "row" not in names
