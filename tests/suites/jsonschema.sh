#!/usr/bin/env bash
# jsonschema.sh - the official JSON Schema Test Suite (draft 2020-12, with
# optional/format) through our validator: one TAP line per suite file, and
# a failure when the pass rate of the non-remote cases drops below 99%.
source "$(dirname "$0")/../lib.sh"

SUITE_DIR=${SHARED:+$SHARED/jsonschema-suite/tests/draft2020-12}
HARNESS=$BUILD/tests/jsonschema_suite
if [ -z "$SHARED" ] || [ ! -d "$SUITE_DIR" ]; then
    skip "jsonschema suite" "no ../shared/jsonschema-suite"
    exit 0
fi
if [ ! -x "$HARNESS" ]; then
    not_ok "jsonschema suite harness" "missing $HARNESS (make tests-bin)"
    exit 0
fi

"$HARNESS" -v "$SUITE_DIR"/*.json "$SUITE_DIR"/optional/format/*.json >"$TMP/out" 2>"$TMP/err"
rc=$?
check_eq "harness exit status" 0 "$rc"
while read -r file _ p _ f _ s; do
    [ "$file" = total ] && continue
    # each file must pass 90% of its cases; the overall bar (99%) is below.
    # A few known gaps (unevaluatedProperties) are listed, not hidden.
    if [ $((p * 10)) -ge $(((p + f) * 9)) ]; then
        ok "suite $file: $p passed, $f failed, $s skipped"
    else
        not_ok "suite $file: $p passed, $f failed, $s skipped"
    fi
    grep -F "#   fail: $file:" "$TMP/out"
done < <(grep -v '^#' "$TMP/out")

read -r _ _ P _ F _ S < <(grep '^total ' "$TMP/out")
P=${P:-0} F=${F:-0} S=${S:-0}
echo "# report: JSON Schema Test Suite draft2020-12: $P passed, $F failed, $S skipped (remote)"
if [ $((P + F)) -gt 0 ] && [ $((P * 1000)) -ge $(((P + F) * 990)) ]; then
    ok "pass rate $P/$((P + F)) is at least 99%"
else
    not_ok "pass rate $P/$((P + F)) is below 99%"
fi
check_eq "only the remote meta-schema cases are skipped" 4 "$S"
