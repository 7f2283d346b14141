# tests/lib.sh - helpers for TAP-printing test suites (source it).
#   ok NAME / not_ok NAME [DETAIL...] / skip NAME WHY
#   check NAME COMMAND...    ok when COMMAND succeeds
#   check_eq NAME EXPECTED ACTUAL
# Suites get BIN, BUILD and SUITE_LABEL from tests/run.sh; SHARED points at
# ../shared when it exists (empty otherwise).
set -u
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${BIN:-$ROOT/build/bin}
BUILD=${BUILD:-$ROOT/build}
SUITE_LABEL=${SUITE_LABEL:-normal}
SHARED=""
[ -d "$ROOT/../shared" ] && SHARED=$(cd "$ROOT/../shared" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok - $*"; }
not_ok() { local n=$1; shift; echo "not ok - $n"; [ $# -gt 0 ] && printf '#   %s\n' "$@"; return 0; }
skip() { echo "ok - $1 # SKIP ${2:-}"; }
check() { local n=$1; shift; if "$@" >"$TMP/check.out" 2>&1; then ok "$n"; else not_ok "$n" "$(tail -5 "$TMP/check.out")"; fi; }
check_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi; }
is_asan() { case "$SUITE_LABEL" in *asan*) return 0 ;; esac; return 1; }
