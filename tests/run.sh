#!/usr/bin/env bash
# tests/run.sh BUILD_DIR... - run every test suite against each build and
# print one closing line "N passed, N failed, N skipped".
#
# Suites:
#   BUILD/tests/test_*        cmocka unit tests (TAP output)
#   tests/suites/*.sh         scripts printing TAP lines: "ok - name",
#                             "not ok - name", "ok - name # SKIP why"
# Each suite gets BIN=BUILD/bin, BUILD=BUILD, and SUITE_LABEL (the build's
# name) in its environment. TESTS=REGEX runs only the suites whose name
# matches (e.g. TESTS='clean|unit/test_clean'). A suite that exits non-zero without printing a
# "not ok" line counts as one failure of its own. Suites that are too slow
# to run twice check SUITE_LABEL and skip themselves under build/asan.
set -u
export LC_ALL=C
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
[ $# -gt 0 ] || set -- build
pass=0 fail=0 skip=0
failed_names=()
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_suite() { # label name command...
    local label=$1 name=$2; shift 2
    local out="$tmp/out" rc p f s
    if [ -n "${TESTS:-}" ] && ! [[ $name =~ $TESTS ]]; then return 0; fi
    "$@" >"$out" 2>"$tmp/err"
    rc=$?
    p=$(grep -cE '^ok\b' "$out" | head -1)
    s=$(grep -cE '^ok\b.*# ?(SKIP|skip)' "$out")
    f=$(grep -cE '^not ok\b' "$out")
    p=$((p - s))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - $name exited with status $rc" >>"$out"
    fi
    pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
    printf '%-10s %-40s %4d passed %4d failed %4d skipped\n' "$label" "$name" "$p" "$f" "$s"
    if [ "$f" -gt 0 ]; then
        grep -E '^not ok\b' "$out" | sed 's/^/    /' | head -40
        grep -vE '^(ok|not ok)\b|^1\.\.[0-9]+' "$out" | head -60 | sed 's/^/    | /'
        sed 's/^/    ! /' "$tmp/err" | tail -30
        while IFS= read -r l; do failed_names+=("$label $name: $l"); done \
            < <(grep -E '^not ok\b' "$out" | head -20)
    fi
    # summaries that suites want shown (yardstick figures) start with "# report:"
    grep -E '^# report:' "$out" | sed 's/^# report:/    report:/'
}

for build in "$@"; do
    label=$(basename "$build")
    [ "$build" = build ] && label=normal
    case $label in *asan*) label=asan ;; esac
    if [ ! -d "$build/bin" ]; then
        echo "run.sh: $build/bin: no such build; run make first" >&2
        fail=$((fail + 1))
        continue
    fi
    export BIN="$here/$build/bin" BUILD="$here/$build" SUITE_LABEL="$label"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        run_suite "$label" "unit/$(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
    done
    for s in tests/suites/*.sh; do
        [ -f "$s" ] || continue
        run_suite "$label" "$(basename "$s" .sh)" bash "$s"
    done
done

if [ ${#failed_names[@]} -gt 0 ]; then
    echo
    echo "failures:"
    printf '  %s\n' "${failed_names[@]}"
fi
echo
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
