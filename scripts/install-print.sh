#!/bin/sh
# Install what the PDF and EPUB editions (make pdf, make epub) and their checks
# need from Debian: XeLaTeX with the LaTeX packages Sphinx's LaTeX uses, a
# Hangul-capable setup, fonts, and the tools the tests read the books with.
#
#   texlive-xetex              xelatex and fontspec
#   texlive-latex-recommended  LaTeX packages that Sphinx's sphinx.sty loads,
#                              and polyglossia with its Korean (gloss-korean)
#   texlive-latex-extra        more of them (fncychap, titlesec, tabulary,
#                              capt-of, needspace, varwidth, ...)
#   latexmk                    runs xelatex and the index processor until the
#                              book is done (upmendex, from texlive-binaries,
#                              which texlive-xetex depends on: no xindy)
#   fonts-freefont-otf         FreeSerif, FreeSans, FreeMono: Sphinx's XeLaTeX
#                              fonts for Latin, Greek and symbols
#   fonts-noto-cjk             Noto Serif/Sans CJK KR: the Hangul of both books
#   epubcheck                  the EPUB validator (Java)
#   poppler-utils              pdffonts, pdftotext, pdftoppm for the checks
#
# Does nothing when all are installed. Installs the missing ones with apt-get
# when run as root; otherwise exits with status 1 and names them. The same
# packages are listed in .readthedocs.yaml (build.apt_packages), so that
# Read the Docs builds the books with the same TeX and fonts.
set -eu

PACKAGES="texlive-xetex texlive-latex-recommended texlive-latex-extra latexmk fonts-freefont-otf fonts-noto-cjk epubcheck poppler-utils"

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
for package in $PACKAGES; do
    installed "$package" || missing="$missing $package"
done
missing="${missing# }"

if [ -z "$missing" ]; then
    echo "install-print: the TeX, font and checking packages are installed."
else
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-print: missing Debian package(s): $missing" >&2
        echo "install-print: as root, run: apt-get install --no-install-recommends $missing" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-print: missing package(s): $missing, and no apt-get to install them" >&2
        exit 1
    fi
    echo "install-print: installing $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086  # one word per package, on purpose
    apt-get install -y -q --no-install-recommends $missing
fi

# Check what the builds rely on, not just the package database.
for program in xelatex latexmk upmendex kpsewhich java pdffonts pdftotext pdftoppm; do
    if ! command -v "$program" >/dev/null 2>&1; then
        echo "install-print: $program is missing although its package is installed" >&2
        exit 1
    fi
done
# Debian's /usr/bin/epubcheck is the jar itself, which runs only where binfmt
# knows jar files; the checks run it with java -jar.
if ! [ -f /usr/share/java/epubcheck.jar ]; then
    echo "install-print: /usr/share/java/epubcheck.jar is missing although epubcheck is installed" >&2
    exit 1
fi
if [ -z "$(kpsewhich gloss-korean.ldf)" ]; then
    echo "install-print: polyglossia's gloss-korean.ldf is not found by kpsewhich" >&2
    exit 1
fi
if command -v fc-list >/dev/null 2>&1; then
    for family in "Noto Serif CJK KR" "Noto Sans CJK KR" FreeSerif; do
        if [ -z "$(fc-list "$family" family)" ]; then
            echo "install-print: fontconfig does not know the font $family" >&2
            exit 1
        fi
    done
fi
xelatex --version | head -n 1
