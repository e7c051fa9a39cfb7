#!/usr/bin/env bash
# Writes jieba-dict.txt: the words and frequencies of jieba's default dictionary (as jieba-rs
# ships it, `src/data/dict.txt`), without the part-of-speech tags, sorted by their UTF-8
# bytes. `taizhang-diff` looks words up in it by binary search instead of loading the
# dictionary into a trie on every run. Running it again on the same jieba-rs gives the same
# bytes.
#
#   bash crates/taizhang-diff/data/make-dict.sh [path/to/jieba-rs/src/data/dict.txt]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=${1:-}
if [ -z "$SRC" ]; then
    # The jieba-rs that Cargo.lock names, wherever cargo keeps its sources.
    SRC=$(cd "$HERE" && cargo metadata --format-version 1 --locked \
        | tr ',' '\n' | sed -n 's/.*"manifest_path":"\(.*jieba-rs-[^/]*\)\/Cargo.toml".*/\1/p' \
        | head -n 1)/src/data/dict.txt
fi
[ -f "$SRC" ] || { echo "no jieba dictionary at $SRC" >&2; exit 1; }
awk 'NF >= 1 { print $1 " " ($2 == "" ? 0 : $2) }' "$SRC" | LC_ALL=C sort -k1,1 -t ' ' -u \
    >"$HERE/jieba-dict.txt"
echo "wrote $HERE/jieba-dict.txt from $SRC: $(wc -l <"$HERE/jieba-dict.txt") words" >&2
