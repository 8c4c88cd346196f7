#!/bin/sh
# Make sure Debian packages are installed:
#   sh scripts/install-debian-packages.sh <who is asking> <package>...
# Does nothing when all are installed. Installs the missing ones with apt-get
# when run as root; otherwise exits with status 1 and names them, with the
# command to run. scripts/install-browser.sh and scripts/install-print.sh say
# which packages, and why.
set -eu

who=$1
shift

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
for package in "$@"; do
    installed "$package" || missing="$missing $package"
done
missing="${missing# }"

if [ -z "$missing" ]; then
    echo "$who: $* installed."
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "$who: missing Debian package(s): $missing" >&2
    echo "$who: as root, run: apt-get install --no-install-recommends $missing" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: missing package(s): $missing, and no apt-get to install them" >&2
    exit 1
fi
echo "$who: installing $missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086  # one word per package, on purpose
apt-get install -y -q --no-install-recommends $missing
