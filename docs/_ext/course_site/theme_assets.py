"""The theme's icon font and stylesheet, cut down to what the site's pages use.

What it changes in the output of every HTML build:

- **Icons.** ``fontawesome.js`` (538 KB gzipped: most of a page's weight) is
  not linked (``_templates/static/webpack-macros.html``) and is deleted from
  ``_static``: the theme's CSS draws the same icons with its FontAwesome web
  font. That font (``fa-solid-900.woff2``, 115 KB) holds every icon; it is cut
  down (fontTools) to the twenty-odd icons the themes can show, a few KB, and
  declared under the same family after the theme's stylesheet
  (``_static/icons/fa-solid-subset.css``), so browsers load the subset instead.
- **Stylesheet.** The theme's ``pydata-sphinx-theme.css`` (Bootstrap 5 and the
  theme in one file, 64 KB gzipped, render-blocking) is rewritten with only the
  rules whose classes and ids occur in the built pages or in their scripts.

Why: a lighter first load on a phone (tests/docs/test_page_weight.py holds the
budget). Everything is read from the installed themes at every build, so a
theme upgrade or a page that starts using another class brings its icons and
rules back by itself.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import re
from pathlib import Path
from typing import Final

from fontTools import subset  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

_PST: Final = Path(str(importlib.resources.files("pydata_sphinx_theme")))
_PST_STATIC: Final = _PST / "theme" / "pydata_sphinx_theme" / "static"
_SBT: Final = Path(str(importlib.resources.files("sphinx_book_theme")))
#: Where the themes name their icons (fa-bars ...): templates, buttons, scripts.
_ICON_SOURCES: Final = (
    (_PST_STATIC.parent, "*.html"),
    (_PST, "*.py"),
    (_SBT / "theme", "*.html"),
    (_SBT / "header_buttons", "*.py"),
    (_PST_STATIC / "scripts", "pydata-sphinx-theme.js"),
)
_FA_NAME: Final = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
_FA_RULE: Final = re.compile(r"(?:(?<=\})|^)([^{}]+)\{--fa:\"\\([0-9a-f]+)\"")
ICON_FONT_CSS: Final = "icons/fa-solid-subset.css"


def icon_codepoints() -> set[int]:
    """Return the code points of every icon the themes can show with the font.

    Those are the icons the templates, buttons and scripts name (``fa-bars``,
    looked up in the theme's CSS) and the glyphs that the CSS itself puts in
    ``content`` (admonition and navigation icons, written as private-use
    characters).
    """
    names: set[str] = set()
    for folder, pattern in _ICON_SOURCES:
        for file in sorted(folder.rglob(pattern)):
            names.update(_FA_NAME.findall(file.read_text(encoding="utf-8")))
    css = (_PST_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(
        encoding="utf-8"
    )
    points = {ord(char) for char in css if 0xE000 <= ord(char) <= 0xF8FF}
    for rule in _FA_RULE.finditer(css):
        selectors = {selector.strip() for selector in rule[1].split(",")}
        if any(f".fa-{name}" in selectors for name in names):
            points.add(int(rule[2], 16))
    return points


def subset_icon_font(app: Sphinx) -> None:
    """Write the icon font with only the site's icons and the CSS that uses it.

    The theme's ``fa-solid-900.woff2`` holds every FontAwesome icon (115 KB);
    the site shows about twenty. The subset (a few KB) is declared under the
    same family, weight and style after the theme's stylesheet, so browsers
    load it instead of the full font.
    """
    if app.builder.format != "html":
        return
    source = _PST_STATIC / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
    target = Path(app.outdir) / "_static" / "icons"
    stamp = " ".join(
        [
            importlib.metadata.version("pydata-sphinx-theme"),
            importlib.metadata.version("sphinx-book-theme"),
            str(source.stat().st_size),
        ]
    )
    font_file = target / "fa-solid-900.subset.woff2"
    stamp_file = Path(app.doctreedir) / "fa-solid-900.subset.txt"
    if not (
        font_file.is_file()
        and stamp_file.is_file()
        and stamp_file.read_text(encoding="utf-8") == stamp
    ):
        target.mkdir(parents=True, exist_ok=True)
        options = subset.Options()
        options.flavor = "woff2"
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(icon_codepoints()))
        subsetter.subset(font)
        subset.save_font(font, str(font_file), options)
        stamp_file.write_text(stamp, encoding="utf-8")
    (target / Path(ICON_FONT_CSS).name).write_text(
        "/* FontAwesome Free solid icons (CC BY 4.0, font SIL OFL 1.1), only the\n"
        "   ones this site shows: replaces the theme's full fa-solid-900.woff2. */\n"
        '@font-face{font-display:block;font-family:"Font Awesome 7 Free";'
        "font-style:normal;font-weight:900;"
        'src:url(fa-solid-900.subset.woff2) format("woff2")}\n',
        encoding="utf-8",
    )


# -- The theme's stylesheet, cut down to the rules the site can use ----------------

#: The theme's stylesheet: Bootstrap 5 and pydata-sphinx-theme in one file,
#: 64 KB gzipped, of which a page uses about a tenth; it blocks rendering.
THEME_CSS: Final = "styles/pydata-sphinx-theme.css"
#: Classes Bootstrap's scripts build from parts (bs-tooltip-auto ...), so that
#: they appear in no file whole: rules naming them are always kept.
KEEP_CLASS_PREFIXES: Final = ("bs-",)
#: At-rules whose block holds rules (kept when a rule inside survives); any
#: other at-rule (@font-face, @keyframes ...) is kept as it is.
_GROUPING_AT_RULES: Final = frozenset({"media", "supports", "layer", "container"})
_FUNCTIONAL_PSEUDO: Final = re.compile(r":[\w-]+\(")
_ATTRIBUTE_SELECTOR: Final = re.compile(r"\[[^\]]*\]")
_CLASS_OR_ID: Final = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
_CLASS_ATTRIBUTE: Final = re.compile(r"\b(?:class|id)=\"([^\"]*)\"")
_JS_WORD: Final = re.compile(r"[\w-]+")


def _skip_string(css: str, start: int) -> int:
    """Return the index after the CSS string that starts at ``start``."""
    quote, index = css[start], start + 1
    while index < len(css) and css[index] != quote:
        index += 2 if css[index] == "\\" else 1
    return index + 1


def _skip_comment(css: str, start: int) -> int:
    """Return the index after the comment that starts at ``start``."""
    end = css.find("*/", start + 2)
    return len(css) if end < 0 else end + 2


def css_blocks(css: str) -> list[tuple[str, str | None]]:
    """Split a stylesheet into its top-level parts: ``(prelude, block body)``.

    A statement (``@charset "UTF-8";``) or a comment is ``(text, None)``.
    Strings and comments are skipped over, so braces inside them do not count.

    Examples
    --------
    >>> css_blocks('@charset "x";a{color:red}@media print{.b{c:d}}')
    [('@charset "x";', None), ('a', 'color:red'), ('@media print', '.b{c:d}')]
    """
    parts: list[tuple[str, str | None]] = []
    index = start = 0
    while index < len(css):
        char = css[index]
        if css.startswith("/*", index):
            end = _skip_comment(css, index)
            if not css[start:index].strip():
                parts.append((css[index:end], None))
                start = end
            index = end
        elif char in "\"'":
            index = _skip_string(css, index)
        elif char == ";":
            parts.append((css[start : index + 1], None))
            index = start = index + 1
        elif char == "{":
            depth, end = 1, index + 1
            while end < len(css) and depth:
                if css[end] in "\"'":
                    end = _skip_string(css, end)
                    continue
                if css.startswith("/*", end):
                    end = _skip_comment(css, end)
                    continue
                depth += {"{": 1, "}": -1}.get(css[end], 0)
                end += 1
            parts.append((css[start:index], css[index + 1 : end - 1]))
            index = start = end
        else:
            index += 1
    if css[start:].strip():
        parts.append((css[start:], None))
    return parts


def selector_list(prelude: str) -> list[str]:
    """Split a rule's selector list at its top-level commas.

    Examples
    --------
    >>> selector_list("a, .b:is(.c,.d) , [e='f,g']")
    ['a', ' .b:is(.c,.d) ', " [e='f,g']"]
    """
    selectors, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            selectors.append(current)
            current = ""
        else:
            current += char
    selectors.append(current)
    return selectors


def required_names(selector: str) -> set[str] | None:
    """Return the classes and ids an element must have for ``selector`` to match.

    Names inside attribute selectors and functional pseudo-classes
    (``:not(.disabled)``, ``:is(.a, .b)``) are not required, so they are left
    out; None means the selector has escapes and is kept whatever it names.

    Examples
    --------
    >>> sorted(required_names(".btn:not(.disabled) > #main [href$='.pdf']"))
    ['btn', 'main']
    """
    text = _ATTRIBUTE_SELECTOR.sub("", selector)
    while match := _FUNCTIONAL_PSEUDO.search(text):
        depth, end = 1, match.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        text = text[: match.start()] + text[end:]
    if "\\" in text:
        return None
    return set(_CLASS_OR_ID.findall(text))


def purge_css(css: str, known: set[str] | frozenset[str]) -> str:
    """Return ``css`` without the selectors that name a class or id not in ``known``.

    A rule keeps the selectors of its list that can match; a rule with none
    left, and a grouping at-rule (``@media``) left empty, are dropped. Classes
    starting with ``KEEP_CLASS_PREFIXES`` count as known.

    Examples
    --------
    >>> purge_css(".a,.b{x:y}@media print{.c{x:y}}.d:not(.e){x:y}", {"a", "d"})
    '.a{x:y}.d:not(.e){x:y}'
    """
    kept: list[str] = []
    for prelude, body in css_blocks(css):
        if body is None:
            kept.append(prelude)
            continue
        head = prelude.strip()
        if head.startswith("@"):
            name = head[1:].split("(")[0].split()[0].lower() if head[1:] else ""
            if name in _GROUPING_AT_RULES:
                inner = purge_css(body, known)
                if inner.strip():
                    kept.append(f"{head}{{{inner}}}")
            else:
                kept.append(f"{head}{{{body}}}")
            continue
        live = [
            selector
            for selector in selector_list(head)
            if (names := required_names(selector)) is None
            or all(
                name in known or name.startswith(KEEP_CLASS_PREFIXES) for name in names
            )
        ]
        if live:
            kept.append(f"{','.join(live)}{{{body}}}")
    return "".join(kept)


def site_names(outdir: Path) -> set[str]:
    """Return the classes and ids of the built pages and every word of their scripts.

    A script's words stand for the classes it may add (``show``, ``collapsing``,
    ``tooltip-inner``): any word of any script counts, which keeps more rules
    than needed but never one a script relies on.
    """
    names: set[str] = set()
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.relative_to(outdir).parts:
            continue
        text = page.read_text(encoding="utf-8")
        for match in _CLASS_ATTRIBUTE.finditer(text):
            names.update(match[1].split())
    for script in sorted(outdir.rglob("*.js")):
        names.update(_JS_WORD.findall(script.read_text(encoding="utf-8")))
    return names


def purge_theme_css(app: Sphinx, exception: Exception | None) -> None:
    """Write the theme's stylesheet with only the rules the site's pages can use.

    Read from the installed theme every build (never from the output, which
    holds the cut-down copy), so a class a new page uses brings its rules back.
    """
    if exception is not None or app.builder.format != "html":
        return
    source = _PST_STATIC / THEME_CSS
    target = Path(app.outdir) / "_static" / THEME_CSS
    css = purge_css(source.read_text(encoding="utf-8"), site_names(Path(app.outdir)))
    if not target.is_file() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")


def remove_unused_assets(app: Sphinx, exception: Exception | None) -> None:
    """Delete the theme's FontAwesome script, which no page links."""
    if exception is not None or app.builder.format != "html":
        return
    for name in ("fontawesome.js", "fontawesome.js.map"):
        (Path(app.outdir) / "_static" / "scripts" / name).unlink(missing_ok=True)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Cut the icon font when the builder starts; clean up and cut the CSS at the end.

    The FontAwesome script is deleted before the stylesheet is cut, so that
    its words do not keep rules alive.
    """
    app.add_css_file(ICON_FONT_CSS)
    app.connect("builder-inited", subset_icon_font)
    app.connect("build-finished", remove_unused_assets)
    app.connect("build-finished", purge_theme_css)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
