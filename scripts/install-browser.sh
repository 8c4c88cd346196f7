#!/bin/sh
# Install what the browser tests (tests/browser) and the Lighthouse benchmark need
# from Debian: the chromium browser, and a Hangul font so Korean pages render (and
# are measured) with real glyphs instead of boxes.
#
#   chromium     /usr/bin/chromium, driven headless by Playwright and Lighthouse
#                (a browser download by a test tool is impossible offline).
#   fonts-nanum  NanumGothic & co.: 10 MB to download against 57 MB for
#                fonts-noto-cjk, and enough for Korean text.
#
# Does nothing when both are installed. Installs them with apt-get when run as
# root; otherwise exits with status 1 and names the missing packages.
set -eu

exec sh "$(dirname "$0")/install-debian-packages.sh" install-browser chromium fonts-nanum
