#!/bin/sh
# The library's tests (tests/lib and the docstrings of src) in a fresh venv,
#   sh scripts/test-bounds.sh lowest 3.11   every direct dependency at the
#                                           lowest version pyproject allows
#   sh scripts/test-bounds.sh newest 3.13   the newest versions
# using uv from build/uv (make test-bounds installs it). The venv and the
# resolved requirements go to build/bounds/<kind>-<version>[.txt].
set -eu
kind=$1
version=$2
case $kind in
    lowest) resolution=lowest-direct ;;
    newest) resolution=highest ;;
    *) echo "usage: $0 lowest|newest X.Y" >&2; exit 2 ;;
esac
uv() { PYTHONPATH=build/uv build/uv/bin/uv "$@"; }
python=$(sh scripts/find-python.sh "$version")
venv=build/bounds/$kind-$version
mkdir -p build/bounds
echo "== $kind versions on Python $version ($python)"
uv pip compile pyproject.toml --group test --extra plot --resolution "$resolution" \
    --python-version "$version" --quiet --no-header -o "$venv.txt"
rm -rf "$venv"
uv venv --quiet --python "$python" "$venv"
uv pip install --quiet --python "$venv/bin/python" -r "$venv.txt"
uv pip install --quiet --python "$venv/bin/python" --no-deps -e .
"$venv/bin/python" -c "import numpy, sys; print('numpy', numpy.__version__, 'on', sys.version.split()[0])"
"$venv/bin/python" -m pytest -p no:cacheprovider -q tests/lib src/activation_functions
