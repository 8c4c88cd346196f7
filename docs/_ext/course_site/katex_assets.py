"""KaTeX's stylesheet and fonts shipped with the site, the fonts cut to what pages use.

What it changes:

- When the HTML builder starts, ``katex.min.css`` and the woff2 fonts are
  copied from ``node_modules/katex/dist`` (``npm ci``, the version pinned in
  ``package-lock.json``) into ``_static/katex/``. conf.py points
  ``katex_css_path`` at that copy. The stylesheet is rewritten to name only the
  woff2 files, the only ones shipped (every browser the site supports reads
  woff2).
- When the build finishes, every font is cut down (fontTools) to the
  characters of the built pages.

Why: sphinxcontrib-katex links KaTeX's stylesheet from a CDN and ships no
fonts (hagenw/sphinxcontrib-katex#122, #131), so offline, or wherever the CDN
is blocked, the pre-rendered formulas show in the wrong fonts. The twenty KaTeX
fonts hold every glyph KaTeX can typeset (0.26 MB); a page loads each font its
formulas use whole, and the API reference alone used about 100 KB of them.
Cut to the site's characters they shrink to about a third.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
import shutil
from html import unescape as html_unescape
from pathlib import Path
from typing import Final

from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util.typing import ExtensionMetadata

from course_site import ROOT, is_website

_FONT_SRC: Final = re.compile(
    r"src:url\((fonts/[^)]+\.woff2)\) format\(\"woff2\"\)[^;}]*"
)


def woff2_only(css: str) -> str:
    """Return KaTeX's stylesheet with only the woff2 source of every font.

    Raises
    ------
    ValueError
        When the stylesheet names no woff2 source (KaTeX changed its CSS).

    Examples
    --------
    >>> woff2_only('src:url(fonts/A.woff2) format("woff2"),url(fonts/A.woff) '
    ...            'format("woff")}')
    'src:url(fonts/A.woff2) format("woff2")}'
    """
    css, count = _FONT_SRC.subn(lambda m: f'src:url({m[1]}) format("woff2")', css)
    if count == 0:
        msg = "no woff2 @font-face sources found in KaTeX's stylesheet"
        raise ValueError(msg)
    return css


def copy_katex_assets(app: Sphinx) -> None:
    """Put katex.min.css (woff2 sources only) and the woff2 fonts in _static/katex."""
    if not is_website(app.builder):
        return
    katex_js = Path(app.config.katex_js_path)
    if not katex_js.is_file():
        msg = (
            f"KaTeX is not installed ({katex_js} is missing): "
            f"run `npm ci` in {ROOT} (make docs does)."
        )
        raise ConfigError(msg)
    dist = katex_js.parent
    target = Path(app.outdir) / "_static" / "katex"
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    try:
        css = woff2_only((dist / "katex.min.css").read_text(encoding="utf-8"))
    except ValueError as error:
        raise ConfigError(f"{error}: {dist / 'katex.min.css'}") from error
    css_file = target / "katex.min.css"
    if not css_file.is_file() or css_file.read_text(encoding="utf-8") != css:
        css_file.write_text(css, encoding="utf-8")
    # The fonts are cut down to the site's characters when the build finishes
    # (subset_katex_fonts); until then, a missing one is the full font.
    for font in sorted((dist / "fonts").glob("*.woff2")):
        copy = target / "fonts" / font.name
        if not copy.is_file():
            shutil.copyfile(font, copy)


def site_characters(outdir: Path) -> set[str]:
    """Return every character of the built pages' text (entities decoded).

    A superset of what the formulas show: KaTeX writes each glyph of a formula
    as the character itself, in the font its CSS class names, so a font cut
    down to these characters still has every glyph a page asks it for.
    """
    chars: set[str] = set()
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.relative_to(outdir).parts:
            continue
        chars.update(html_unescape(page.read_text(encoding="utf-8")))
    return chars


def font_characters(fonts: list[Path]) -> set[str]:
    """Return every character that at least one of ``fonts`` has a glyph for."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # noqa: PLC0415

    chars: set[str] = set()
    for font in fonts:
        with TTFont(str(font)) as opened:
            chars.update(map(chr, opened.getBestCmap()))
    return chars


def subset_katex_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Cut every KaTeX font down to the characters the site's pages use.

    Every font keeps the ASCII and Greek letters and symbols that occur
    anywhere on the site; each edition cuts its own copy, from the original
    fonts in node_modules, again only when those characters change. Only the
    characters some KaTeX font has count (no font has Hangul, for one), so an
    edit that brings a new Korean word cuts nothing again.
    """
    if exception is not None or not is_website(app.builder):
        return
    dist = Path(app.config.katex_js_path).parent / "fonts"
    target = Path(app.outdir) / "_static" / "katex" / "fonts"
    sources = sorted(dist.glob("*.woff2"))
    chars = site_characters(Path(app.outdir)) & font_characters(sources)
    text = "".join(sorted(chars))
    stamp = hashlib.sha256(
        "\n".join(
            [
                importlib.metadata.version("fonttools"),
                *(f"{font.name} {font.stat().st_size}" for font in sources),
                text,
            ]
        ).encode("utf-8", "surrogatepass")
    ).hexdigest()
    stamp_file = Path(app.doctreedir) / "katex-fonts.subset.txt"
    if (
        stamp_file.is_file()
        and stamp_file.read_text(encoding="utf-8") == stamp
        and all((target / font.name).is_file() for font in sources)
    ):
        return
    # Imported here: fontTools' subsetter takes 0.4 s to import, and a
    # rebuild whose characters did not change never needs it.
    from fontTools import subset  # type: ignore[import-untyped]  # noqa: PLC0415

    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.notdef_outline = True
        with subset.load_font(str(source), options) as font:
            subsetter = subset.Subsetter(options)
            subsetter.populate(text=text)
            subsetter.subset(font)
            subset.save_font(font, str(target / source.name), options)
    stamp_file.write_text(stamp, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Copy KaTeX's assets when the builder starts; cut the fonts when it ends."""
    app.connect("builder-inited", copy_katex_assets)
    app.connect("build-finished", subset_katex_fonts)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
