#!/usr/bin/env bash
# names_pairs.sh - the Korean name pairs of ../shared/eval/names decided right.
source "$(dirname "$0")/../lib.sh"
pairs=${SHARED:+$SHARED/eval/names/korean_name_pairs.json}
if [ -z "$pairs" ] || [ ! -f "$pairs" ]; then
    skip "korean name pairs" "no ../shared/eval/names"
    exit 0
fi
"$BUILD/tests/eval_names" "$pairs"
rc=$?
check_eq "eval_names exit status" 0 "$rc"
