#!/usr/bin/env bash
# interrupt.sh - killing a run at random moments never leaves a truncated
# file: every output is byte for byte the old complete one or the new one.
#
# 1. ./run.sh (when it exists; else the stages one by one) goes from inputs A
#    to inputs B (same names, different texts) in an output folder holding
#    A's complete outputs, and is killed after a random delay with SIGTERM
#    (run.sh alone), SIGINT (the whole process group, as Ctrl-C does) or
#    SIGKILL (the whole group). Each deliverable must then equal A's or B's
#    reference copy; SIGTERM/SIGINT must leave no ".NAME.tmp.XXXXXX" file,
#    SIGKILL may (reported, never under a target name). A rerun must then
#    succeed and produce exactly B.
# 2. Two concurrent runs on one output folder: the second refuses clearly or
#    both succeed; the folder ends up consistent.
# 3. Each stage killed while writing -o OUT: OUT is the old file or the new.
# INTERRUPT_SEED=N repeats a sequence of delays; INTERRUPT_TRIALS=N per signal.
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = __pipeline ]; then
    if [ -x "$ROOT/run.sh" ]; then exec "$ROOT/run.sh" -q -j 2 -o "$3" "$2"; fi
fi

seed=${INTERRUPT_SEED:-$(( $$ % 10000 ))}
RANDOM=$seed
trials=${INTERRUPT_TRIALS:-4}
is_asan && trials=${INTERRUPT_TRIALS:-2}
export SOURCE_DATE_EPOCH=0 BRIEFING_BIN=$BIN
echo "# report: interrupt ($SUITE_LABEL): INTERRUPT_SEED=$seed"

for st in clean extract compare render; do
    if ! [ -x "$BIN/$st" ] || ! "$BIN/$st" --help >/dev/null 2>&1; then
        skip "interrupt" "$st is not built yet"
        echo "1..1"
        exit 0
    fi
done
seeds=("$ROOT"/seeds/*.txt)
[ -f "${seeds[0]}" ] || { skip "interrupt" "no seeds"; exit 0; }

# inputs A (the seeds) and B (the same names, one more paragraph each)
mkdir -p "$TMP/inA" "$TMP/inB"
for f in "${seeds[@]}"; do
    cp "$f" "$TMP/inA/"
    { cat "$f"; printf '\n\nThe two sides also agreed to hold the next round of talks in Seoul in the autumn, officials said.\n'; } \
        >"$TMP/inB/$(basename "$f")"
done

# pipeline IN_DIR OUT_DIR: run.sh, or the stages in turn when there is none
pipeline() {
    if [ -x "$ROOT/run.sh" ]; then
        "$ROOT/run.sh" -q -j 2 -o "$2" "$1"
    else
        local f s
        mkdir -p "$2/clean" "$2/meetings" || return 1
        for f in "$1"/*.txt; do
            s=$(basename "$f" .txt)
            "$BIN/clean" -o "$2/clean/$s.json" "$f" || return 1
            "$BIN/extract" -o "$2/meetings/$s.json" "$2/clean/$s.json" || return 1
        done
        "$BIN/compare" -o "$2/comparison.json" "$2"/meetings/*.json || return 1
        "$BIN/render" "$2/comparison.json" -o "$2/briefing.pdf"
    fi
}
deliverables() { # DIR: relative paths of the outputs
    (cd "$1" && find . -path ./.cache -prune -o -type f ! -name '.*' -print | sed 's|^\./||' | sort)
}
sums() { (cd "$1" && deliverables . | while IFS= read -r f; do printf '%s %s\n' "$(sha256sum <"$f" | cut -c1-64)" "$f"; done); }

if [ "${1:-}" = __pipeline ]; then
    pipeline "$2" "$3"
    exit $?
fi

t0=$(date +%s%N)
pipeline "$TMP/inA" "$TMP/refA" 2>"$TMP/err" || { not_ok "reference run A" "$(tail -3 "$TMP/err")"; exit 0; }
t1=$(date +%s%N)
pipeline "$TMP/inB" "$TMP/refB" 2>"$TMP/err" || { not_ok "reference run B" "$(tail -3 "$TMP/err")"; exit 0; }
# how long the A -> B run takes: the window the kills land in
cp -a "$TMP/refA" "$TMP/timing"
t0=$(date +%s%N)
pipeline "$TMP/inB" "$TMP/timing" 2>/dev/null
t1=$(date +%s%N)
rm -rf "$TMP/timing"
run_ms=$(((t1 - t0) / 1000000))
sums "$TMP/refA" >"$TMP/sumA"
sums "$TMP/refB" >"$TMP/sumB"
if cmp -s "$TMP/sumA" "$TMP/sumB"; then not_ok "inputs A and B give different outputs"; fi
runner=run.sh
[ -x "$ROOT/run.sh" ] || runner="the stages (no run.sh yet)"

# check_dir DIR SIG: every deliverable is A's or B's; prints problems
check_dir() {
    local d=$1 sig=$2 f h
    while IFS= read -r f; do
        h=$(sha256sum <"$d/$f" | cut -c1-64)
        grep -qxF "$h $f" "$TMP/sumA" || grep -qxF "$h $f" "$TMP/sumB" ||
            echo "$f is neither the old nor the new complete file ($(wc -c <"$d/$f") bytes)"
    done < <(deliverables "$d")
    # a deliverable of A may not vanish
    while read -r h f; do [ -e "$d/$f" ] || echo "$f disappeared"; done <"$TMP/sumA"
    local tmps
    tmps=$(find "$d" -name '.*.tmp.*' ! -path '*/.cache/*' | sed "s|^$d/||")
    if [ -n "$tmps" ]; then
        if [ "$sig" = KILL ]; then
            echo "$tmps" | sed 's/^/# leftover after SIGKILL: /' >>"$TMP/leftovers"
        else
            echo "temp files left after SIG$sig: $(echo "$tmps" | tr '\n' ' ')"
        fi
    fi
}

# wait_gone PGID: until no process of the group is left (at most 20 s)
wait_gone() {
    local i
    for ((i = 0; i < 200; i++)); do
        kill -0 -- "-$1" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL -- "-$1" 2>/dev/null
}

: >"$TMP/leftovers"
kills=0 mixed=0
for sig in TERM INT KILL; do
    problems=()
    for ((k = 0; k < trials; k++)); do
        d=$TMP/run_$sig$k
        rm -rf "$d"
        cp -a "$TMP/refA" "$d"
        delay_ms=$((RANDOM % (run_ms + 200)))
        setsid bash -c 'exec "$@"' bash "$ROOT/tests/suites/interrupt.sh" __pipeline "$TMP/inB" "$d" \
            >/dev/null 2>"$TMP/err_$sig$k" &
        pid=$!
        sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
        case $sig in
        TERM) kill -TERM "$pid" 2>/dev/null ;;
        *) kill -"$sig" -- "-$pid" 2>/dev/null ;;
        esac
        wait "$pid" 2>/dev/null
        wait_gone "$pid"
        kills=$((kills + 1))
        p=$(check_dir "$d" "$sig")
        [ -n "$p" ] && problems+=("after ${delay_ms} ms: $p")
        # a rerun recovers: exactly B
        if pipeline "$TMP/inB" "$d" >/dev/null 2>"$TMP/rerun_err"; then
            sums "$d" >"$TMP/sumR"
            cmp -s "$TMP/sumR" "$TMP/sumB" || problems+=("after ${delay_ms} ms: the rerun did not reproduce B: $(diff "$TMP/sumB" "$TMP/sumR" | head -3 | tr '\n' ' ')")
            [ -z "$(find "$d" -name '.*.tmp.*' ! -path '*/.cache/*')" ] || problems+=("temp files survive a rerun")
        else
            problems+=("after ${delay_ms} ms: the rerun failed: $(tail -2 "$TMP/rerun_err" | tr '\n' ' ')")
        fi
        rm -rf "$d"
    done
    if [ ${#problems[@]} -eq 0 ]; then
        ok "SIG$sig to $runner at random moments ($trials runs): old or new complete files only"
    else
        not_ok "SIG$sig to $runner at random moments" "${problems[@]}"
    fi
done
n_left=$(grep -c . "$TMP/leftovers")
echo "# report: interrupt ($SUITE_LABEL): $kills kills of $runner (run ${run_ms} ms), $n_left temp files left after SIGKILL (cleaned by the next run)"
cat "$TMP/leftovers"

# ---------------------------------------------------------------- concurrency
if [ -x "$ROOT/run.sh" ]; then
    d=$TMP/conc
    cp -a "$TMP/refA" "$d"
    "$ROOT/run.sh" -q -o "$d" "$TMP/inB" >/dev/null 2>"$TMP/c1" &
    p1=$!
    "$ROOT/run.sh" -q -o "$d" "$TMP/inA" >/dev/null 2>"$TMP/c2" &
    p2=$!
    wait $p1; r1=$?
    wait $p2; r2=$?
    problems=()
    p=$(check_dir "$d" TERM)
    [ -n "$p" ] && problems+=("$p")
    for r in "1 $r1 c1" "2 $r2 c2"; do
        set -- $r
        if [ "$2" != 0 ] && ! grep -q "another run" "$TMP/$3"; then
            problems+=("run $1 exit $2 without a clear refusal: $(head -2 "$TMP/$3")")
        fi
    done
    if [ ${#problems[@]} -eq 0 ]; then
        ok "two concurrent run.sh on one output folder (exit $r1 / $r2): consistent, refusal is clear"
    else
        not_ok "two concurrent run.sh on one output folder" "${problems[@]}"
    fi
fi

# ---------------------------------------------------------------- stages
stage_kill() { # STAGE OUTNAME ARGS...: kill while it works; OUT old or new
    local st=$1 out=$2 problems=() k ref delay pid sig
    shift 2
    ref=$TMP/stage_ref_$st
    "$BIN/$st" "$@" -o "$ref" 2>/dev/null || { not_ok "kill $st" "reference run failed"; return; }
    local t0 t1 ms
    t0=$(date +%s%N); "$BIN/$st" "$@" -o "$TMP/stage_tmp" 2>/dev/null; t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000 + 1))
    mkdir -p "$TMP/sk"
    for ((k = 0; k < trials * 4; k++)); do
        sig=TERM
        [ $((k % 2)) = 1 ] && sig=KILL
        printf 'previous output\n' >"$TMP/sk/$out"; printf "previous output\\n" >"$TMP/prev_out"
        "$BIN/$st" "$@" -o "$TMP/sk/$out" 2>/dev/null &
        pid=$!
        delay=$((RANDOM % (ms + 5)))
        sleep "$(printf '0.%03d' $((delay > 999 ? 999 : delay)))"
        kill -$sig "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        if ! cmp -s "$TMP/sk/$out" "$TMP/prev_out" && ! cmp -s "$TMP/sk/$out" "$ref"; then
            problems+=("SIG$sig after $delay ms: $out is neither old nor new")
        fi
        left=$(find "$TMP/sk" -name '.*.tmp.*')
        if [ -n "$left" ]; then
            [ "$sig" = TERM ] && problems+=("SIGTERM after $delay ms: temp file left: $left")
            rm -f $left
        fi
    done
    if [ ${#problems[@]} -eq 0 ]; then ok "kill $st while writing ($((trials * 4)) runs of ${ms} ms)"
    else not_ok "kill $st while writing" "${problems[@]}"; fi
}
big_in=$(ls -S "$TMP"/refB/clean/*.json | head -1)
stage_kill clean clean.json "$TMP/inB/$(basename "$big_in" .json).txt"
stage_kill extract meeting.json "$big_in"
stage_kill compare comparison.json "$TMP"/refB/meetings/*.json
stage_kill render briefing.pdf "$TMP/refB/comparison.json"
