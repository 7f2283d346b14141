#!/usr/bin/env bash
# tests/fuzz/run.sh [SECONDS] - build every libFuzzer harness and run each
# for SECONDS (default 60); `make fuzz FUZZ_SECONDS=N` calls this.
#   tests/fuzz/run.sh --build           build the harnesses only
#   tests/fuzz/run.sh --replay          run the committed corpora once each
#                                       (regression inputs included)
# Environment: FUZZ_HARNESSES="json clean ..." (default: all), FUZZ_CC
# (default clang), FUZZ_BUILD (default build/fuzz), FUZZ_JOBS (parallel
# harness runs, default 1).
#
# Each harness is built with clang -fsanitize=fuzzer,address,undefined from
# stages/common/*.c, the module files of its stage (all but main.c) and
# tests/fuzz/fuzz_NAME.c. Corpora: tests/fuzz/corpus/NAME (committed seeds
# and regression inputs, read only), BUILD/seed/NAME (made here from seeds/
# and tests/cases), BUILD/corpus/NAME (what the fuzzer adds). Crashes land in
# BUILD/crashes/NAME/. Exit status: 0 when no harness found anything, 1 when
# one crashed, leaked, hung or failed an invariant, 2 when none could run.
set -u
export LC_ALL=C
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2

mode=run
secs=60
case ${1:-} in
--build) mode=build ;;
--replay) mode=replay ;;
"") ;;
*[!0-9]* | 0)
    echo "usage: tests/fuzz/run.sh [SECONDS | --build | --replay]" >&2
    exit 2
    ;;
*) secs=$1 ;;
esac

cc=${FUZZ_CC:-clang}
out=${FUZZ_BUILD:-$root/build/fuzz}
all="json clean sentence dates acronym extract compare schema render"
harnesses=${FUZZ_HARNESSES:-$all}
jobs=${FUZZ_JOBS:-1}

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "fuzz: $cc not found (apt-get install clang)" >&2
    exit 2
fi
jansson=$(pkg-config --cflags --libs jansson 2>/dev/null || echo -ljansson)
cflags=(-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -Istages/common
    -DBRIEFING_VERSION='"fuzz"' -DBRIEFING_DATADIR='"/nonexistent"' -DFUZZ_ROOT="\"$root\""
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter
    $(pkg-config --cflags jansson 2>/dev/null))
mkdir -p "$out/obj" "$out/bin" "$out/logs"

# stage_of NAME: the stage whose modules the harness links ("" = common only)
stage_of() {
    case $1 in
    clean) echo clean ;;
    sentence | dates | acronym | extract) echo extract ;;
    render) echo render ;;
    compare) echo compare ;;
    *) echo "" ;;
    esac
}

# entry_of NAME: the header that must exist for the harness to make sense
entry_of() {
    case $1 in
    clean) echo stages/clean/clean.h ;;
    sentence) echo stages/extract/sentence.c ;;
    dates) echo stages/extract/dates.c ;;
    acronym) echo stages/extract/acronym.c ;;
    extract) echo stages/extract/extract.h ;;
    schema) echo stages/common/schema.c ;;
    render) echo stages/render/render.h ;;
    compare) echo stages/compare/compare.h ;;
    json) echo stages/common/offmap.c ;;
    esac
}

# obj SRC EXTRA_FLAGS...: compile SRC when its object is older than it or
# than any header of the tree (a harness includes its stage's headers: a
# struct that changed size must never be linked from a stale object);
# prints the object
obj() {
    local src=$1 o
    shift
    o="$out/obj/${src//\//_}.o"
    if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ -n "$(find stages tests/fuzz \
        -name '*.h' -newer "$o" 2>/dev/null | head -1)" ]; then
        "$cc" "${cflags[@]}" "$@" -c "$src" -o "$o" >>"$out/logs/build.log" 2>&1 || return 1
    fi
    echo "$o"
}

# build NAME: build BUILD/bin/fuzz_NAME; 0 built, 1 failed, 3 skipped
build() {
    local n=$1 st objs=() s o extra=()
    local entry
    entry=$(entry_of "$n")
    if [ ! -f "$entry" ]; then
        echo "fuzz_$n: skipped: $entry does not exist yet"
        return 3
    fi
    st=$(stage_of "$n")
    [ -n "$st" ] && extra=(-Istages/"$st")
    for s in stages/common/*.c; do
        o=$(obj "$s") || { echo "fuzz_$n: cannot compile $s (see $out/logs/build.log)"; return 1; }
        objs+=("$o")
    done
    if [ -n "$st" ]; then
        for s in stages/"$st"/*.c; do
            [ "$(basename "$s")" = main.c ] && continue
            o=$(obj "$s" "${extra[@]}") || { echo "fuzz_$n: cannot compile $s (see $out/logs/build.log)"; return 1; }
            objs+=("$o")
        done
    fi
    o=$(obj tests/fuzz/fuzz_"$n".c "${extra[@]}" -Werror -Wshadow) ||
        { echo "fuzz_$n: cannot compile tests/fuzz/fuzz_$n.c (see $out/logs/build.log)"; return 1; }
    objs+=("$o")
    "$cc" -fsanitize=fuzzer,address,undefined -o "$out/bin/fuzz_$n" "${objs[@]}" \
        $jansson -lhpdf -lm >>"$out/logs/build.log" 2>&1 ||
        { echo "fuzz_$n: link failed (see $out/logs/build.log)"; return 1; }
    return 0
}

# seed NAME: fill BUILD/seed/NAME from seeds/ and tests/cases (with the
# mode byte each harness reads first)
seed() {
    local n=$1 d="$out/seed/$1" f i=0 fmt
    rm -rf "$d"
    mkdir -p "$d"
    case $n in
    sentence | dates | acronym | clean)
        for f in seeds/*.txt tests/cases/clean/*.txt tests/cases/extract/*/input.txt; do
            [ -f "$f" ] || continue
            i=$((i + 1))
            if [ "$n" = clean ]; then
                { printf ' '; cat "$f"; } >"$d/s$i"
            else
                head -c 8192 "$f" >"$d/s$i"
            fi
        done
        ;;
    extract)
        for f in seeds/*.txt tests/cases/extract/*/input.txt; do
            [ -f "$f" ] || continue
            i=$((i + 1))
            { printf '!'; head -c 8192 "$f"; } >"$d/t$i"
        done
        ;;
    esac
    # JSON seeds by their "format" member
    while IFS= read -r f; do
        fmt=$(head -c 300 "$f" | grep -o '"format": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
        [ "$(wc -c <"$f")" -le 65536 ] || continue
        i=$((i + 1))
        case $n:$fmt in
        json:* | schema:briefing-clean/1) { [ "$n" = schema ] && printf '\300'; cat "$f"; } >"$d/j$i" ;;
        extract:briefing-clean/1) { printf ' '; cat "$f"; } >"$d/j$i" ;;
        schema:briefing-meeting/1) { printf '\301'; cat "$f"; } >"$d/j$i" ;;
        schema:briefing-comparison/1) { printf '\302'; cat "$f"; } >"$d/j$i" ;;
        render:briefing-comparison/1) cp "$f" "$d/j$i" ;;
        compare:briefing-meeting/1) cp "$f" "$d/j$i" ;;
        esac
    done < <(find tests/cases -name '*.json' -type f 2>/dev/null | sort)
    if [ "$n" = schema ]; then
        for f in schemas/*.json; do
            i=$((i + 1))
            { printf ' '; cat "$f"; printf '\0{}'; } >"$d/s$i"
        done
    fi
}

# execs LOG: executions from libFuzzer's final stats
execs() { sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -1; }

built=() status=0
for n in $harnesses; do
    build "$n"
    case $? in
    0) built+=("$n") ;;
    1) status=1 ;;
    esac
done
[ "$mode" = build ] && exit $status
[ ${#built[@]} -gt 0 ] || { echo "fuzz: no harness could be built" >&2; exit 2; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

run_one() { # NAME -> prints the summary line; returns libFuzzer's status
    local n=$1 log="$out/logs/fuzz_$n.log" rc e crashes dict=() reg=tests/fuzz/corpus/$n
    mkdir -p "$out/corpus/$n" "$out/crashes/$n" "$reg"
    seed "$n"
    case $n in json | extract | compare | schema | render) dict=(-dict=tests/fuzz/json.dict) ;; esac
    # extract and render are slow per input: shorter inputs, more of them
    local max_len=16384
    case $n in extract) max_len=4096 ;; compare | render) max_len=65536 ;; esac
    if [ "$mode" = replay ]; then
        local files=()
        while IFS= read -r f; do files+=("$f"); done < <(find "$reg" -type f | sort)
        [ ${#files[@]} -gt 0 ] || { echo "fuzz_$n: no committed inputs"; return 0; }
        "$out/bin/fuzz_$n" -timeout=20 -rss_limit_mb=2048 "${files[@]}" >"$log" 2>&1
        rc=$?
        if [ $rc -eq 0 ]; then
            echo "fuzz_$n: replayed ${#files[@]} inputs: ok"
        else
            echo "fuzz_$n: replay FAILED (status $rc), see $log"
            grep -E 'ERROR|SUMMARY|runtime error|Running:' "$log" | tail -4 | sed 's/^/    /'
        fi
        return $rc
    fi
    before=$(find "$out/crashes/$n" -type f | wc -l)
    "$out/bin/fuzz_$n" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
        -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$out/crashes/$n/" "${dict[@]}" \
        "$out/corpus/$n" "$out/seed/$n" "$reg" >"$log" 2>&1
    rc=$?
    e=$(execs "$log")
    crashes=$(($(find "$out/crashes/$n" -type f | wc -l) - before))
    if [ $rc -eq 0 ]; then
        printf 'fuzz_%s: %s execs in %s s (%s/s), corpus %s: ok\n' "$n" "${e:-?}" "$secs" \
            "$(( ${e:-0} / secs ))" "$(find "$out/corpus/$n" -type f | wc -l)"
    else
        printf 'fuzz_%s: %s execs: FOUND something (status %s, %s new artifacts in %s), see %s\n' \
            "$n" "${e:-?}" "$rc" "$crashes" "$out/crashes/$n" "$log"
        grep -E '^==[0-9]+==ERROR|SUMMARY|runtime error|Test unit written|ALARM|deadly signal' \
            "$log" | head -6 | sed 's/^/    /'
    fi
    return $rc
}

if [ "$jobs" -le 1 ]; then
    for n in "${built[@]}"; do run_one "$n" || status=1; done
else
    pids=()
    for n in "${built[@]}"; do
        run_one "$n" >"$out/logs/summary_$n" &
        pids+=($!)
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
    done
    for p in "${pids[@]}"; do wait "$p" || status=1; done
    for n in "${built[@]}"; do cat "$out/logs/summary_$n"; done
fi
exit $status
