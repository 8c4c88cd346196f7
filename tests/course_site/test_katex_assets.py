"""course_site.katex_assets: KaTeX's stylesheet and fonts, shipped and cut down."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.errors import ConfigError

from course_site import ROOT, katex_assets

KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"


class TestStylesheet:
    """The copied stylesheet names only the woff2 fonts, which are shipped."""

    def test_pinned_katex_has_woff2_for_every_font(self) -> None:
        """Each of KaTeX's fonts keeps exactly one source, its woff2 file."""
        if not KATEX_DIST.is_dir():
            pytest.fail("KaTeX is not installed: run `npm ci` (make docs does)")
        css = katex_assets.woff2_only((KATEX_DIST / "katex.min.css").read_text("utf-8"))
        assert css.count("@font-face") == css.count('format("woff2")') >= 20
        assert ".woff)" not in css
        assert ".ttf)" not in css

    def test_no_woff2_fails(self) -> None:
        """A stylesheet without woff2 sources is an error, not a silent copy."""
        with pytest.raises(ValueError, match="woff2"):
            katex_assets.woff2_only("@font-face{src:url(a.ttf)}")

    def test_katex_not_installed(self, tmp_path: Path) -> None:
        """Without node_modules/katex the build stops and says to run npm ci."""
        app: Any = SimpleNamespace(
            builder=SimpleNamespace(format="html"),
            config=SimpleNamespace(katex_js_path=str(tmp_path / "katex.min.js")),
            outdir=str(tmp_path / "out"),
        )
        with pytest.raises(ConfigError, match="npm ci"):
            katex_assets.copy_katex_assets(app)


class TestSiteCharacters:
    """The fonts are cut to the characters of the pages, not of the assets."""

    def test_pages_only(self, tmp_path: Path) -> None:
        """Characters of pages count (entities decoded), those under _static do not."""
        (tmp_path / "_static").mkdir()
        (tmp_path / "a.html").write_text("x&alpha;", encoding="utf-8")
        (tmp_path / "_static" / "b.html").write_text("Z", encoding="utf-8")
        assert katex_assets.site_characters(tmp_path) == {"x", "α"}


class TestSubset:
    """The fonts are cut again only when a character they have appears."""

    def test_fonts_have_no_hangul(self) -> None:
        """KaTeX's fonts draw Greek letters but no Hangul (so Korean prose never counts)."""
        chars = katex_assets.font_characters(
            sorted((KATEX_DIST / "fonts").glob("*.woff2"))
        )
        assert "α" in chars
        assert [char for char in chars if "\uac00" <= char <= "\ud7a3"] == []

    def test_new_korean_word_cuts_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A page that gains a Korean word leaves the cut fonts as they are."""
        app: Any = SimpleNamespace(
            builder=SimpleNamespace(format="html"),
            config=SimpleNamespace(katex_js_path=str(KATEX_DIST / "katex.min.js")),
            outdir=str(tmp_path / "out"),
            doctreedir=str(tmp_path),
        )
        page = tmp_path / "out" / "index.html"
        page.parent.mkdir()
        page.write_text("<p>x = α</p>", encoding="utf-8")
        katex_assets.subset_katex_fonts(app, None)
        fonts = sorted((tmp_path / "out" / "_static" / "katex" / "fonts").iterdir())
        assert len(fonts) >= 20

        def must_not_cut(*args: object) -> None:
            raise AssertionError("the fonts were cut again")

        monkeypatch.setattr("fontTools.subset.Subsetter", must_not_cut)
        page.write_text("<p>x = α 새 낱말</p>", encoding="utf-8")
        katex_assets.subset_katex_fonts(app, None)
        page.write_text("<p>x = α + β</p>", encoding="utf-8")
        with pytest.raises(AssertionError, match="cut again"):
            katex_assets.subset_katex_fonts(app, None)
