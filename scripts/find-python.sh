#!/bin/sh
# Print the path of a working Python X.Y interpreter, or stop with what to install.
#   sh scripts/find-python.sh 3.13
# Looks on PATH (pythonX.Y), then in pyenv's versions (pyenv's shims on PATH run
# only the selected version, so each candidate is run to check it), then in the
# usual system places.
set -eu
version=$1
root=${PYENV_ROOT:-$HOME/.pyenv}
for candidate in "python$version" "$root"/versions/"$version".*/bin/python"$version" \
    /usr/local/bin/python"$version" /usr/bin/python"$version"; do
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if found=$("$path" -c "import sys; print(sys.executable); sys.exit(sys.version_info[:2] != tuple(map(int, '$version'.split('.'))))" 2>/dev/null); then
        echo "$found"
        exit 0
    fi
done
echo "Python $version is needed but was not found on PATH, in $root/versions or /usr/bin." >&2
echo "Install it (for example: pyenv install $version, or your system's python$version package) and run again." >&2
exit 1
