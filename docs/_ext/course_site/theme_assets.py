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

import functools
import hashlib
import importlib.metadata
import importlib.resources
import re
from pathlib import Path
from typing import Any, Final

import tinycss2  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata
from tinycss2.serializer import serialize_string_value  # type: ignore[import-untyped]

from course_site import is_website
from course_site.upstream import UpstreamChanged

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
ICON_FONT_CSS: Final = "icons/fa-solid-subset.css"
#: The theme's stylesheet: Bootstrap 5 and pydata-sphinx-theme in one file,
#: 64 KB gzipped, of which a page uses about a tenth; it blocks rendering.
THEME_CSS: Final = "styles/pydata-sphinx-theme.css"


def theme_file(relative: str) -> Path:
    """Return a file of pydata-sphinx-theme's ``static`` folder, or fail loudly.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When the theme no longer ships the file.
    """
    path = _PST_STATIC / relative
    if not path.is_file():
        raise UpstreamChanged(
            "pydata-sphinx-theme", f"static/{relative}", "is missing", user=__name__
        )
    return path


@functools.cache
def parsed_stylesheet(css: str) -> tuple[Token, ...]:
    """Return the top-level rules of a stylesheet, parsed once per process.

    The icon font (when the builder starts) and the cut stylesheet (when the
    build ends) read the same stylesheet; neither changes the parsed rules.
    """
    return tuple(
        tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
    )


def fontawesome_icons(css: str) -> dict[str, int]:
    r"""Return the code point of every FontAwesome icon class a stylesheet defines.

    FontAwesome 7 defines each icon as a rule that sets ``--fa`` to the glyph
    (``.fa-bars{--fa:"\f0c9"}``); a rule may name several classes.

    Examples
    --------
    >>> fontawesome_icons('.fa-bars,.fa-navicon{--fa:"\\f0c9"}.x{--fa:"a"}')
    {'bars': 61641, 'navicon': 61641}
    """
    icons: dict[str, int] = {}
    for rule in parsed_stylesheet(css):
        if rule.type != "qualified-rule":
            continue
        tokens = [t for t in rule.content if t.type not in {"whitespace", "comment"}]
        glyphs = [
            value.value
            for name, colon, value in zip(tokens, tokens[1:], tokens[2:], strict=False)
            if name.type == "ident"
            and name.value == "--fa"
            and colon.type == "literal"
            and colon.value == ":"
            and value.type == "string"
            and len(value.value) == 1
        ]
        if not glyphs:
            continue
        for selector in selector_list(rule.prelude):
            if (
                len(selector) == 2
                and selector[0].type == "literal"
                and selector[0].value == "."
                and selector[1].type == "ident"
                and selector[1].value.startswith("fa-")
            ):
                icons[selector[1].value.removeprefix("fa-")] = ord(glyphs[0])
    return icons


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
    css = theme_file(THEME_CSS).read_text(encoding="utf-8")
    points = {ord(char) for char in css if 0xE000 <= ord(char) <= 0xF8FF}
    icons = fontawesome_icons(css)
    points.update(icons[name] for name in names if name in icons)
    return points


def subset_icon_font(app: Sphinx) -> None:
    """Write the icon font with only the site's icons and the CSS that uses it.

    The theme's ``fa-solid-900.woff2`` holds every FontAwesome icon (115 KB);
    the site shows about twenty. The subset (a few KB) is declared under the
    same family, weight and style after the theme's stylesheet, so browsers
    load it instead of the full font.
    """
    if not is_website(app.builder):
        return
    source = theme_file("vendor/fontawesome/webfonts/fa-solid-900.woff2")
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
        # Imported here: it takes 0.4 s, and most builds find the subset made.
        from fontTools import subset  # type: ignore[import-untyped]  # noqa: PLC0415

        target.mkdir(parents=True, exist_ok=True)
        options = subset.Options()
        options.flavor = "woff2"
        with subset.load_font(str(source), options) as font:
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

#: Classes Bootstrap's scripts build from parts (bs-tooltip-auto ...), so that
#: they appear in no file whole: rules naming them are always kept.
KEEP_CLASS_PREFIXES: Final = ("bs-",)
#: JavaScript files of the output that hold data, not code that adds classes.
NOT_SCRIPTS: Final = frozenset({"searchindex.js"})
#: At-rules whose block holds rules (kept when a rule inside survives); any
#: other at-rule (@font-face, @keyframes ...) is kept as it is.
_GROUPING_AT_RULES: Final = frozenset({"media", "supports", "layer", "container"})
_CLASS_ATTRIBUTE: Final = re.compile(r"\b(?:class|id)=\"([^\"]*)\"")
_JS_WORD: Final = re.compile(r"[\w-]+")
#: A private-use character (an icon glyph), and the character after it if it
#: would extend a CSS escape (a hex digit or white space).
_PRIVATE_USE: Final = re.compile("[\ue000-\uf8ff](?=([0-9a-fA-F \t\n])?)")

Token = Any  # a tinycss2 node (tinycss2 ships no type hints)


def selector_list(prelude: list[Token]) -> list[list[Token]]:
    """Split a rule's prelude at its top-level commas, without edge whitespace.

    Commas inside functions (``:is(.a, .b)``) and attribute selectors stay:
    tinycss2 puts those in nested blocks.

    Examples
    --------
    >>> rule = tinycss2.parse_one_rule("a, .b:is(.c,.d) , [e='f,g'] {}")
    >>> [tinycss2.serialize(selector) for selector in selector_list(rule.prelude)]
    ['a', '.b:is(.c,.d)', '[e="f,g"]']
    """
    selectors: list[list[Token]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [
        selector[start:end]
        for selector in selectors
        for start, end in [_trimmed(selector)]
        if start < end
    ]


def _trimmed(tokens: list[Token]) -> tuple[int, int]:
    """Return the slice of ``tokens`` without whitespace at either end."""
    start, end = 0, len(tokens)
    while start < end and tokens[start].type in {"whitespace", "comment"}:
        start += 1
    while end > start and tokens[end - 1].type in {"whitespace", "comment"}:
        end -= 1
    return start, end


def required_names(selector: list[Token]) -> set[str]:
    r"""Return the classes and ids an element must have for ``selector`` to match.

    Only the selector's own compound parts count: names inside attribute
    selectors and functional pseudo-classes (``:not(.disabled)``,
    ``:is(.a, .b)``) are not required. Escapes are resolved by the tokenizer
    (``.md\:flex`` names the class ``md:flex``).

    Examples
    --------
    >>> rule = tinycss2.parse_one_rule(".btn:not(.disabled) > #main [href$='.pdf'] {}")
    >>> sorted(required_names(rule.prelude))
    ['btn', 'main']
    """
    names: set[str] = set()
    for previous, token in zip([None, *selector], selector, strict=False):
        is_id = token.type == "hash" and token.is_identifier
        is_class = (
            token.type == "ident"
            and previous is not None
            and previous.type == "literal"
            and previous.value == "."
        )
        if is_id or is_class:
            names.add(token.value)
    return names


def _purged(rules: list[Token], known: set[str] | frozenset[str]) -> list[Token]:
    """Return the rules (tinycss2 nodes) that can match an element of ``known``."""
    kept: list[Token] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            live = [
                selector
                for selector in selector_list(rule.prelude)
                if all(
                    name in known or name.startswith(KEEP_CLASS_PREFIXES)
                    for name in required_names(selector)
                )
            ]
            if live:
                comma = tinycss2.ast.LiteralToken(0, 0, ",")
                prelude = [
                    token
                    for number, selector in enumerate(live)
                    for token in ([comma] if number else []) + selector
                ]
                kept.append(
                    tinycss2.ast.QualifiedRule(
                        rule.source_line, rule.source_column, prelude, rule.content
                    )
                )
        elif (
            rule.type == "at-rule"
            and rule.lower_at_keyword in _GROUPING_AT_RULES
            and rule.content is not None
        ):
            inner = tinycss2.parse_rule_list(
                rule.content, skip_comments=False, skip_whitespace=True
            )
            if content := _purged(inner, known):
                kept.append(
                    tinycss2.ast.AtRule(
                        rule.source_line,
                        rule.source_column,
                        rule.at_keyword,
                        rule.lower_at_keyword,
                        rule.prelude,
                        content,
                    )
                )
        else:  # comments, @charset, @font-face, @keyframes ...
            kept.append(rule)
    return kept


def purge_css(css: str, known: set[str] | frozenset[str]) -> str:
    """Return ``css`` without the selectors that name a class or id not in ``known``.

    A rule keeps the selectors of its list that can match; a rule with none
    left, and a grouping at-rule (``@media``) left empty, are dropped. Classes
    starting with ``KEEP_CLASS_PREFIXES`` count as known. The stylesheet is
    parsed with tinycss2 and written back from its tokens (minified: no
    whitespace between rules; icon glyphs in strings as escapes, see
    :func:`escape_private_use`).

    Examples
    --------
    >>> purge_css(".a,.b{x:y}@media print{.c{x:y}}.d:not(.e){x:y}", {"a", "d"})
    '.a{x:y}.d:not(.e){x:y}'
    """
    kept = _purged(list(parsed_stylesheet(css)), known)
    escape_private_use(kept)
    return str(tinycss2.serialize(kept))


def escape_private_use(nodes: list[Token]) -> None:
    r"""Write the private-use characters (icon glyphs) of strings as CSS escapes.

    tinycss2 writes a string back with its characters unescaped; the theme
    writes most icon glyphs as escapes (``"\f0c9"``), which compress better
    (the stylesheet is 44 bytes lighter gzipped than with the characters).

    Examples
    --------
    >>> rule = tinycss2.parse_one_rule('.a{--fa:"\\f0c9";b:"\ue005a"}')
    >>> escape_private_use([rule]); tinycss2.serialize([rule])
    '.a{--fa:"\\f0c9";b:"\\e005 a"}'
    """
    for node in nodes:
        if node.type == "string" and any(map(_is_private_use, node.value)):
            text = _PRIVATE_USE.sub(_css_escape, serialize_string_value(node.value))
            node.representation = f'"{text}"'
        for part in ("prelude", "content", "arguments"):
            children = getattr(node, part, None)
            if isinstance(children, list):
                escape_private_use(children)


def _is_private_use(char: str) -> bool:
    return 0xE000 <= ord(char) <= 0xF8FF


def _css_escape(match: re.Match[str]) -> str:
    """Escape one character; a space ends the escape before a hex digit or a space."""
    return f"\\{ord(match[0]):x}" + (" " if match[1] is not None else "")


def site_names(outdir: Path) -> set[str]:
    """Return the classes and ids of the built pages and every word of their scripts.

    A script's words stand for the classes it may add (``show``, ``collapsing``,
    ``tooltip-inner``): any word of any script counts, which keeps more rules
    than needed but never one a script relies on. The search index
    (``searchindex.js``) is data, not a script: its words are the pages' words,
    which add no class, and an incremental build writes it without the index
    entries, so counting it would make the cut differ from a cold build's.
    """
    names: set[str] = set()
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.relative_to(outdir).parts:
            continue
        text = page.read_text(encoding="utf-8")
        for match in _CLASS_ATTRIBUTE.finditer(text):
            names.update(match[1].split())
    for script in sorted(outdir.rglob("*.js")):
        if script.name not in NOT_SCRIPTS:
            names.update(_JS_WORD.findall(script.read_text(encoding="utf-8")))
    return names


def purge_theme_css(app: Sphinx, exception: Exception | None) -> None:
    """Write the theme's stylesheet with only the rules the site's pages can use.

    Read from the installed theme every build (never from the output, which
    holds the cut-down copy), so a class a new page uses brings its rules back.
    The result is kept beside the doctrees with a hash of what it was cut from
    (the theme's stylesheet, the site's names, this module): a build whose pages
    use the same names reuses it instead of parsing the stylesheet again.
    """
    if exception is not None or not is_website(app.builder):
        return
    source = theme_file(THEME_CSS).read_text(encoding="utf-8")
    known = site_names(Path(app.outdir))
    stamp = hashlib.sha256(
        "\n".join(
            [Path(__file__).read_text(encoding="utf-8"), source, *sorted(known)]
        ).encode("utf-8", "surrogatepass")
    ).hexdigest()
    cache = Path(app.doctreedir) / "theme-css.purged.css"
    cached = cache.read_text(encoding="utf-8") if cache.is_file() else ""
    head, _, css = cached.partition("\n")
    if head != f"/* {stamp} */":
        css = purge_css(source, known)
        cache.write_text(f"/* {stamp} */\n{css}", encoding="utf-8")
    target = Path(app.outdir) / "_static" / THEME_CSS
    if not target.is_file() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")


def remove_unused_assets(app: Sphinx, exception: Exception | None) -> None:
    """Delete the theme's FontAwesome script, which no page links."""
    if exception is not None or not is_website(app.builder):
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
