#!/usr/bin/env bash
# fault_inject.sh - allocation failures and failing writes.
#
# 1. Allocation-failure walk: each stage runs once on a seed with
#    BRIEFING_ALLOC_REPORT to learn how many allocations it makes (COUNT);
#    then for N = 1, 2, ... COUNT (all of the first 40, then strided so a stage
#    takes about FAULT_BUDGET seconds; FAULT_FULL=1 walks every N) it runs with
#    BRIEFING_FAIL_ALLOC=N -o OUT and checks: exit status exactly 1, "out of
#    memory" on stderr, no signal or sanitizer report, the previous OUT byte
#    for byte, no temp file. FAULT_PHASE=K shifts the strided points.
# 2. Failing writes: stdout to /dev/full, -o /dev/full, an output larger than
#    RLIMIT_FSIZE (SIGXFSZ ignored, so write fails with EFBIG), and a full
#    tmpfs in a private mount namespace (unshare -rm, when allowed): exit 1,
#    a message naming the problem, previous outputs intact, no temp file.
. "$(dirname "$0")/../lib.sh"

budget=${FAULT_BUDGET:-8}
phase=${FAULT_PHASE:-0}
seed=$(ls "$ROOT"/seeds/*.txt 2>/dev/null | head -1)
export SOURCE_DATE_EPOCH=0

ready() { [ -x "$BIN/$1" ] && "$BIN/$1" --help >/dev/null 2>&1; }

if [ -z "$seed" ]; then
    skip "fault injection" "no seeds/*.txt"
    echo "1..1"
    exit 0
fi

# reference run: every stage once, to have inputs for the next and counts
ref=$TMP/ref
mkdir -p "$ref"
declare -A count input outname
args_clean=("$seed") args_extract=("$ref/clean.json") args_compare=("$ref/meeting.json")
args_render=("$ref/comparison.json")
outname[clean]=clean.json outname[extract]=meeting.json outname[compare]=comparison.json
outname[render]=briefing.pdf
stages=()
for st in clean extract compare render; do
    if ! ready "$st"; then
        skip "alloc walk: $st" "$st is not built yet"
        continue
    fi
    eval "a=(\"\${args_$st[@]}\")"
    rm -f "$TMP/count"
    if ! BRIEFING_ALLOC_REPORT=$TMP/count "$BIN/$st" "${a[@]}" -o "$ref/${outname[$st]}" \
        2>"$TMP/ref.err"; then
        not_ok "alloc walk: $st" "the reference run failed: $(head -3 "$TMP/ref.err")"
        break
    fi
    count[$st]=$(awk '{n = $2} END {print n + 0}' "$TMP/count")
    stages+=("$st")
done

# one_run STAGE N DIR: run with the N-th allocation failing; writes DIR/N.bad
# with the problem when there is one
one_run() {
    local st=$1 n=$2 d=$3 w="$3/w$2" rc problems=""
    mkdir -p "$w"
    printf 'previous output\n' >"$w/${outname[$st]}"
    eval "local a=(\"\${args_$st[@]}\")"
    BRIEFING_FAIL_ALLOC=$n "$BIN/$st" "${a[@]}" -o "$w/${outname[$st]}" >/dev/null 2>"$w/err"
    rc=$?
    # N past the allocations this run made (counts can differ by one between
    # runs): no failure was injected, and a complete new output is right
    if [ "$rc" = 0 ] && [ ! -s "$w/err" ] && [ "$n" -ge "$((count[$st] - 1))" ] &&
        [ "$(head -c 1 "$w/${outname[$st]}")" != "p" ] &&
        { [ "$st" = render ] || python3 -c 'import json,sys; json.load(open(sys.argv[1]))' \
            "$w/${outname[$st]}" 2>/dev/null; }; then
        return 0
    fi
    [ "$rc" = 1 ] || problems+="exit status $rc; "
    grep -q "out of memory" "$w/err" || problems+="no 'out of memory' message; "
    grep -qE 'Sanitizer|runtime error|Segmentation|Aborted' "$w/err" &&
        problems+="sanitizer: $(grep -m1 -E 'ERROR|runtime error' "$w/err"); "
    [ "$(cat "$w/${outname[$st]}")" = "previous output" ] ||
        problems+="previous output not intact; "
    [ -z "$(find "$w" -name '.*.tmp.*' | head -1)" ] || problems+="temp file left; "
    if [ -n "$problems" ]; then
        printf 'N=%s: %s stderr: %s\n' "$n" "$problems" "$(head -c 300 "$w/err" | tr '\n' '|')" \
            >"$d/$n.bad"
    fi
    rm -rf "$w"
}

for st in "${stages[@]}"; do
    total=${count[$st]}
    d=$TMP/walk_$st
    mkdir -p "$d"
    # time one failing run to size the stride
    t0=$(date +%s%N)
    one_run "$st" $((total / 2 + 1)) "$d"
    t1=$(date +%s%N)
    per=$(((t1 - t0) / 1000000 + 1)) # ms
    budget_st=$budget
    [ "$st" = render ] && budget_st=$((budget_st * 3 / 2))
    points=$((budget_st * 1000 * 2 / per)) # two runs at a time
    [ "$points" -lt 50 ] && points=50
    stride=1
    if [ -z "${FAULT_FULL:-}" ] && [ "$total" -gt "$points" ]; then
        stride=$(((total - 40) / (points - 40) + 1))
    fi
    ns=()
    for ((n = 1; n <= total && n <= 40; n++)); do ns+=("$n"); done
    for ((n = 41 + phase % stride; n <= total; n += stride)); do ns+=("$n"); done
    # the last point once: two runs of one N would share a directory
    [ "${ns[${#ns[@]} - 1]}" = "$total" ] || ns+=("$total")
    running=0
    for n in "${ns[@]}"; do
        one_run "$st" "$n" "$d" &
        running=$((running + 1))
        if [ "$running" -ge 2 ]; then
            wait -n
            running=$((running - 1))
        fi
    done
    wait
    bad=$(cat "$d"/*.bad 2>/dev/null | sort -t= -k2 -n)
    nbad=$(ls "$d"/*.bad 2>/dev/null | wc -l)
    echo "# report: fault_inject $st ($SUITE_LABEL): $total allocations on $(basename "$seed"), ${#ns[@]} failure points walked (stride $stride), $nbad bad"
    if [ "$nbad" -eq 0 ]; then
        ok "alloc walk: $st (${#ns[@]} of $total allocation points)"
    else
        not_ok "alloc walk: $st ($nbad of ${#ns[@]} points bad)" "$(head -5 <<<"$bad")"
    fi
done

# ---------------------------------------------------------------- failing writes
# write_check NAME OUTFILE EXPECT_SUBSTRING COMMAND...: exit 1, the message,
# OUTFILE (if not empty) keeps "previous output", no temp file next to it
write_check() {
    local name=$1 out=$2 want=$3 rc problems=()
    shift 3
    "$@" >"$TMP/w.out" 2>"$TMP/w.err"
    rc=$?
    [ "$rc" = 1 ] || problems+=("exit status $rc, expected 1")
    grep -qiF -- "$want" "$TMP/w.err" || problems+=("stderr lacks '$want': $(head -c 300 "$TMP/w.err")")
    grep -qE 'Sanitizer|runtime error' "$TMP/w.err" && problems+=("sanitizer report")
    if [ -n "$out" ]; then
        [ "$(cat "$out" 2>/dev/null)" = "previous output" ] || problems+=("previous $out not intact")
        [ -z "$(find "$(dirname "$out")" -maxdepth 1 -name '.*.tmp.*' | head -1)" ] ||
            problems+=("temp file left next to $out")
    fi
    if [ ${#problems[@]} -eq 0 ]; then ok "$name"; else not_ok "$name" "${problems[@]}"; fi
}

for st in "${stages[@]}"; do
    eval "a=(\"\${args_$st[@]}\")"
    if [ "$st" != render ]; then
        write_check "write: $st stdout to /dev/full" "" "No space left on device" \
            sh -c 'exec "$@" >/dev/full' sh "$BIN/$st" "${a[@]}"
    fi
    write_check "write: $st -o /dev/full" "" "/dev/full" "$BIN/$st" "${a[@]}" -o /dev/full
    [ -e /dev/full ] && [ -c /dev/full ] || not_ok "write: $st -o /dev/full replaced the device node!"
    # RLIMIT_FSIZE: 1 KB of file, SIGXFSZ ignored so write() fails with EFBIG
    fs=$TMP/fsize
    mkdir -p "$fs"
    printf 'previous output\n' >"$fs/${outname[$st]}"
    write_check "write: $st output over RLIMIT_FSIZE" "$fs/${outname[$st]}" "${outname[$st]}" \
        bash -c 'trap "" XFSZ; ulimit -f 1; exec "$@"' bash "$BIN/$st" "${a[@]}" -o "$fs/${outname[$st]}"
done

# a full filesystem: a 64 KB tmpfs filled up, in a private mount namespace
full=$TMP/full
mkdir -p "$full"
if unshare -rm true 2>/dev/null; then
    for st in "${stages[@]}"; do
        eval "a=(\"\${args_$st[@]}\")"
        unshare -rm bash -c '
            full=$1; out=$2; shift 2
            mount -t tmpfs -o size=64k none "$full" || exit 97
            printf "previous output\n" >"$full/$out"
            cat /dev/zero >"$full/filler" 2>/dev/null
            "$@" -o "$full/$out" 2>"$full.err"
            rc=$?
            cat "$full/$out" >"$full.prev"
            ls -a "$full" >"$full.ls"
            exit $rc' bash "$full" "${outname[$st]}" "$BIN/$st" "${a[@]}"
        rc=$?
        problems=()
        if [ "$rc" = 97 ]; then
            skip "write: $st on a full filesystem" "cannot mount a tmpfs in a private namespace"
            continue
        fi
        [ "$rc" = 1 ] || problems+=("exit status $rc, expected 1")
        grep -q "No space left on device" "$full.err" || problems+=("stderr: $(head -c 300 "$full.err")")
        [ "$(cat "$full.prev")" = "previous output" ] || problems+=("previous output not intact")
        grep -q '\.tmp\.' "$full.ls" && problems+=("temp file left: $(grep '\.tmp\.' "$full.ls")")
        if [ ${#problems[@]} -eq 0 ]; then ok "write: $st on a full filesystem"; else
            not_ok "write: $st on a full filesystem" "${problems[@]}"; fi
    done
else
    skip "write: full filesystem" "unshare -rm is not allowed here (no private mount namespace)"
fi
