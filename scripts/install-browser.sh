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

PACKAGES="chromium fonts-nanum"

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
for package in $PACKAGES; do
    installed "$package" || missing="$missing $package"
done
missing="${missing# }"

if [ -z "$missing" ]; then
    echo "install-browser: chromium and fonts-nanum are installed."
else
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-browser: missing Debian package(s): $missing" >&2
        echo "install-browser: as root, run: apt-get install --no-install-recommends $missing" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-browser: missing package(s): $missing, and no apt-get to install them" >&2
        exit 1
    fi
    echo "install-browser: installing $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086  # one word per package, on purpose
    apt-get install -y -q --no-install-recommends $missing
fi

# Check what the tests rely on, not just the package database.
if ! [ -x /usr/bin/chromium ]; then
    echo "install-browser: /usr/bin/chromium is missing although the package is installed" >&2
    exit 1
fi
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ko family)" ]; then
    echo "install-browser: no font with Korean glyphs is known to fontconfig (fc-list :lang=ko)" >&2
    exit 1
fi
# The Debian wrapper script prints a harmless shell warning on some machines: keep
# only the version line.
/usr/bin/chromium --version 2>/dev/null | head -n 1
