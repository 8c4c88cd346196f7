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

exec sh "$(dirname "$0")/install-debian-packages.sh" install-print texlive-xetex texlive-latex-recommended texlive-latex-extra latexmk fonts-freefont-otf fonts-noto-cjk epubcheck poppler-utils
