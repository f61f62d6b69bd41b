#!/usr/bin/env bash
# Regenerate data/opencc/ from OpenCC 1.4.2's PyPI wheel.
#
# The wheel ships the compiled dictionaries (*.ocd2, marisa-trie) and the JSON configurations.
# Debian's `opencc_dict` (package `opencc`) dumps each .ocd2 to OpenCC's text format:
# key TAB value[ SPACE value…], one entry a line. zhfix embeds those text files and the JSON
# configurations unchanged, so this script reproduces data/opencc/ byte for byte.
set -euo pipefail

VERSION=1.4.2
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/data/opencc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v opencc_dict >/dev/null || {
    echo "opencc_dict not found: apt-get install opencc" >&2
    exit 1
}

python3 -m pip download "opencc==$VERSION" --no-deps --only-binary :all: -d "$work" -q
wheel=$(ls "$work"/opencc-"$VERSION"-*.whl | head -n1)
python3 -m zipfile -e "$wheel" "$work/wheel"
share="$work/wheel/opencc/clib/share/opencc"

rm -rf "$out"
mkdir -p "$out"
for ocd in "$share"/*.ocd2; do
    name=$(basename "$ocd" .ocd2)
    opencc_dict -i "$ocd" -o "$out/$name.txt" -f ocd2 -t text
done
cp "$share"/*.json "$out/"
cp "$work"/wheel/opencc-"$VERSION".dist-info/licenses/LICENSE "$out/LICENSE"
cat >"$out/VERSION" <<NOTE
OpenCC $VERSION (https://github.com/BYVoid/OpenCC), Apache License 2.0 (see LICENSE).
Source: PyPI wheel opencc==$VERSION, opencc/clib/share/opencc/.
Dictionaries (*.txt) were dumped from the wheel's *.ocd2 with Debian's opencc_dict
(-f ocd2 -t text); configurations (*.json) are copied unchanged.
Regenerate with scripts/opencc-data.sh.
NOTE
echo "wrote $(ls "$out" | wc -l) files to $out"
