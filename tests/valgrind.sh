#!/usr/bin/env bash
# valgrind.sh - the whole seed run, stage by stage, under valgrind memcheck:
# any leak or memory error fails (`make valgrind`).
set -eu
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/build/bin}
VG=${VALGRIND:-valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99 -q}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 pass=0
run() { # name command...
    local name=$1; shift
    if $VG "$@" 2>"$tmp/vg.err" >/dev/null; then
        pass=$((pass + 1)); echo "ok - $name"
    else
        fail=$((fail + 1)); echo "not ok - $name"; sed 's/^/#   /' "$tmp/vg.err" | head -40
    fi
}
mkdir -p "$tmp/clean" "$tmp/meetings"
for f in "$ROOT"/seeds/*.txt; do
    stem=$(basename "$f" .txt)
    run "clean $stem" "$BIN/clean" -o "$tmp/clean/$stem.json" "$f"
    run "clean --text $stem" "$BIN/clean" --text "$f"
    run "extract $stem" "$BIN/extract" -o "$tmp/meetings/$stem.json" "$tmp/clean/$stem.json"
done
run "compare" "$BIN/compare" -o "$tmp/comparison.json" "$tmp"/meetings/*.json
run "render" "$BIN/render" -o "$tmp/briefing.pdf" "$tmp/comparison.json"
for s in clean meeting comparison; do
    case $s in clean) inst=("$tmp"/clean/*.json) ;; meeting) inst=("$tmp"/meetings/*.json) ;; *) inst=("$tmp/comparison.json") ;; esac
    run "jsonschema $s" "$BIN/jsonschema" "$ROOT/schemas/$s.schema.json" "${inst[@]}"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
