#!/usr/bin/env bash
# tests/bench/run.sh - `make bench`: speed and memory of the pipeline against
# baselines measured in the same run on the same corpus.
#
# Builds an optimised set (build/bench, -O2 -g -DNDEBUG) and the helpers in
# tests/bench/, generates the deterministic corpus (build/bench/corpus), then
# measures clean and extract against `cat` and `wc -w`, the whole corpus
# through run.sh (cold, then unchanged, then one file touched), compare on
# 100 and 1,000 synthetic records, render of the seeds' briefing against a
# trivial libharu program, and the validator on a 10 MB record. Prints a
# table and writes build/bench.json. A stage that is not built (or answers
# "not built yet") is reported as n/a; the script still succeeds.
#
# Environment: BENCH_DOCS (2400), BENCH_BYTES (52428800), BENCH_JOBS (2),
# BENCH_TIMEOUT seconds per measured command (300), BENCH_SKIP_BUILD=1.
set -eu
export LC_ALL=C
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

B=build/bench
BIN=$B/bin
H=$B/helpers
C=$B/corpus
JSON_OUT=build/bench.json
DOCS=${BENCH_DOCS:-2400}
MINBYTES=${BENCH_BYTES:-52428800}
JOBS=${BENCH_JOBS:-2}
TMO=${BENCH_TIMEOUT:-300}
REPS=${BENCH_REPS:-3}
OPTFLAGS='-O2 -g -DNDEBUG'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() { printf '%s\n' "bench: $*" >&2; }

# discard DIR: move an old output folder aside; the aside folder is removed
# after the last measurement. Deleting thousands of files just before a
# measured run makes the file system pay for it inside that run: ext4
# without a journal skips recently deleted inodes one by one when it
# allocates new ones (seen here: extract's system time grew from 0.2 s to
# over 2 s after three deletions of its 2,400 outputs).
discard() {
    [ -e "$1" ] || return 0
    mkdir -p "$B/trash"
    mv "$1" "$(mktemp -d "$B/trash/old.XXXXXX")/"
}

# ------------------------------------------------------------ results store
# R[section.key]=value; ORDER keeps the first-insertion order for the JSON.
declare -A R
ORDER=()
put() {
    if [ -z "${R[$1]+x}" ]; then ORDER+=("$1"); fi
    R[$1]=$2
}
get() { printf '%s' "${R[$1]:-n/a}"; }
isnum() { [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]]; }
# calc EXPR with $1.. substituted: n/a when any operand is n/a or a divisor is 0
div() { # div A B [FORMAT]
    if isnum "$1" && isnum "$2" && awk -v b="$2" 'BEGIN{exit !(b+0 != 0)}'; then
        awk -v a="$1" -v b="$2" -v f="${3:-%.4g}" 'BEGIN{printf f, a / b}'
    else printf 'n/a'; fi
}
add() { if isnum "$1" && isnum "$2"; then awk -v a="$1" -v b="$2" 'BEGIN{printf "%.4f", a + b}'; else printf 'n/a'; fi; }
median() { # values... -> median (n/a if none)
    if [ $# -eq 0 ]; then printf 'n/a'; return; fi
    printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{printf "%.4f", NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}
fmt() { # fmt VALUE [FORMAT]: number formatted, else the text
    if isnum "$1"; then awk -v a="$1" -v f="${2:-%.3g}" 'BEGIN{printf f, a}'; else printf '%s' "$1"; fi
}

# ------------------------------------------------------------- measurement
# measure [-o OUTFILE] CMD...: runs CMD under maxrss with the timeout and
# sets M_WALL, M_USER, M_SYS, M_RSS (KB), M_STATUS. Never fails.
measure() {
    local out=/dev/null
    if [ "$1" = -o ]; then out=$2; shift 2; fi
    : >"$tmp/rep"
    "$H/maxrss" -t "$TMO" -o "$out" -r "$tmp/rep" -- "$@" 2>>"$tmp/stderr" || true
    local line
    line=$(tail -n 1 "$tmp/rep")
    M_WALL=$(sed -n 's/.*wall=\([0-9.]*\).*/\1/p' <<<"$line")
    M_USER=$(sed -n 's/.*user=\([0-9.]*\).*/\1/p' <<<"$line")
    M_SYS=$(sed -n 's/.*sys=\([0-9.]*\).*/\1/p' <<<"$line")
    M_RSS=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' <<<"$line")
    M_STATUS=$(sed -n 's/.*status=\([0-9]*\).*/\1/p' <<<"$line")
    : "${M_WALL:=n/a}" "${M_USER:=n/a}" "${M_SYS:=n/a}" "${M_RSS:=n/a}" "${M_STATUS:=125}"
}

# stage_ready NAME: the bench binary exists and answers --help with status 0
stage_ready() {
    [ -x "$BIN/$1" ] || return 1
    timeout 20 "$BIN/$1" --help >"$tmp/help.$1" 2>&1 || return 1
    ! grep -qi 'not built yet' "$tmp/help.$1"
}

# ------------------------------------------------------------------- build
mkdir -p "$B" "$H"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    say "building the optimised set into $B ($OPTFLAGS)"
    if ! make -k --no-print-directory BUILD="$B" OPT="$OPTFLAGS" all >"$B/build.log" 2>&1; then
        say "some stages failed to build (see $B/build.log); they are reported stale or n/a"
    fi
fi
for s in clean extract compare render jsonschema; do
    if [ ! -x "$BIN/$s" ]; then put "build.$s" "missing"
    elif make -q --no-print-directory BUILD="$B" OPT="$OPTFLAGS" "$BIN/$s" >/dev/null 2>&1; then
        put "build.$s" "current"
    else put "build.$s" "stale"; fi
done

HCC=${CC:-cc}
HFLAGS=(-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O2 -g)
JANSSON_CFLAGS=$(pkg-config --cflags jansson 2>/dev/null || true)
JANSSON_LIBS=$(pkg-config --libs jansson 2>/dev/null || echo -ljansson)
build_helper() { # NAME EXTRA-ARGS...
    local name=$1
    shift
    if [ ! -x "$H/$name" ] || [ "tests/bench/$name.c" -nt "$H/$name" ] || [ $# -gt 0 ]; then
        # shellcheck disable=SC2086
        "$HCC" "${HFLAGS[@]}" -o "$H/$name" "tests/bench/$name.c" "$@" 2>>"$B/build.log" ||
            { say "helper $name failed to build (see $B/build.log)"; rm -f "$H/$name"; return 1; }
    fi
}
build_helper maxrss || { say "cannot build tests/bench/maxrss.c"; exit 1; }
build_helper gencorpus || { say "cannot build tests/bench/gencorpus.c"; exit 1; }
have_hpdf=1
build_helper hpdf_baseline -lhpdf || have_hpdf=0
have_genrecords=0
if [ -f "$B/lib/libcommon.a" ]; then
    # shellcheck disable=SC2086
    build_helper genrecords -Istages/common $JANSSON_CFLAGS "$B/lib/libcommon.a" $JANSSON_LIBS -lm &&
        have_genrecords=1
fi

# ------------------------------------------------------------------ corpus
inputs=()
for f in seeds/*.txt; do [ -f "$f" ] && inputs+=("$f"); done
if [ -d tests/cases ]; then
    while IFS= read -r f; do inputs+=("$f"); done < <(find tests/cases -name 'input.txt' -type f | sort)
fi
say "generating the corpus from ${#inputs[@]} input texts into $C"
discard "$C"
mkdir -p "$C"
"$H/gencorpus" -n "$DOCS" -b "$MINBYTES" -O "$C" "${inputs[@]}" >"$tmp/gen"
files=("$C"/*.txt)
ndocs=${#files[@]}
corpus_bytes=$(cat "${files[@]}" | wc -c)
corpus_mb=$(div "$corpus_bytes" 1000000 %.2f)
largest=$(ls -S "$C" | head -n 1)
put corpus.documents "$ndocs"
put corpus.bytes "$corpus_bytes"
put corpus.mb "$corpus_mb"
put corpus.inputs "${#inputs[@]}"
put corpus.largest_file "$largest"
put corpus.largest_bytes "$(wc -c <"$C/$largest")"
put corpus.over_100kb "$(find "$C" -name '*.txt' -size +100k | wc -l)"
put corpus.sha256 "$(cat "${files[@]}" | sha256sum | cut -c1-64)"
put machine.cores "$(nproc)"
put machine.cc "$("$HCC" --version | head -n 1)"
put machine.loadavg_at_start "$(cut -d' ' -f1 /proc/loadavg)"
put machine.mb_definition "1 MB = 1,000,000 bytes of corpus text"
# size of each corpus file by stem, to weigh partial outputs
for f in "${files[@]}"; do printf '%s %s\n' "$(basename "$f" .txt)" "$(stat -c %s "$f")"; done >"$tmp/sizes"

# bytes_of DIR: corpus bytes of the documents that have an output in DIR
bytes_of() {
    find "$1" -maxdepth 1 -name '*.json' -printf '%f\n' | sed 's/\.json$//' | sort >"$tmp/stems"
    awk 'NR==FNR{ok[$1]=1; next} ($1 in ok){s+=$2} END{printf "%d", s}' "$tmp/stems" "$tmp/sizes"
}

# ---------------------------------------------------------------- baselines
cat "${files[@]}" >/dev/null # warm the page cache for everyone
best_of() { # best_of N CMD...: sets BEST (min wall) and BEST_RSS
    local n=$1 i walls=()
    shift
    BEST=n/a BEST_RSS=n/a BEST_CPU=n/a
    for ((i = 0; i < n; i++)); do
        measure "$@"
        walls+=("$M_WALL")
        BEST_RSS=$M_RSS
        if isnum "$M_WALL" && { [ "$BEST" = n/a ] || awk -v a="$M_WALL" -v b="$BEST" 'BEGIN{exit !(a < b)}'; }; then
            BEST=$M_WALL
            BEST_CPU=$(add "$M_USER" "$M_SYS")
        fi
    done
}
say "baselines: cat, wc -w"
best_of 3 cat "${files[@]}"
put cat.seconds "$BEST"
put cat.cpu_seconds "$BEST_CPU"
put cat.peak_rss_kb "$BEST_RSS"
best_of 3 wc -w "${files[@]}"
put wc_w.seconds "$BEST"
put wc_w.cpu_seconds "$BEST_CPU"
put wc_w.peak_rss_kb "$BEST_RSS"
for s in cat wc_w; do
    put "$s.documents" "$ndocs"
    put "$s.docs_per_s" "$(div "$ndocs" "$(get "$s.seconds")" %.1f)"
    put "$s.mb_per_s" "$(div "$corpus_mb" "$(get "$s.seconds")" %.2f)"
done
WC=$(get wc_w.seconds)
WC_CPU=$(get wc_w.cpu_seconds)

# ------------------------------------------------------------ text stages
# run_stage NAME OUTDIR INPUTS...: batch form (-O DIR) when --help offers it
# and it works on two inputs, else one process per document.
run_stage() {
    local s=$1 out=$2
    shift 2
    discard "$out"
    mkdir -p "$out"
    if ! stage_ready "$s"; then
        put "$s.mode" "not built"
        say "$s: not built yet (n/a)"
        return 0
    fi
    local mode=per-document
    if grep -qE '(^|[^A-Za-z])-O( |,|$|\[| DIR)' "$tmp/help.$s"; then
        mkdir -p "$tmp/try.$s"
        if timeout 60 "$BIN/$s" -O "$tmp/try.$s" "$1" "$2" >/dev/null 2>&1 &&
            [ "$(find "$tmp/try.$s" -name '*.json' | wc -l)" -eq 2 ]; then
            mode=batch
        fi
    fi
    put "$s.mode" "$mode"
    say "$s: $# documents, $mode mode"
    # best of BENCH_REPS runs (3), as the baselines; each run writes into a
    # fresh folder (the previous one is moved aside, not deleted)
    local rep runs=0 bw=n/a bu bsy brss bst
    for ((rep = 1; rep <= REPS; rep++)); do
        runs=$rep
        if [ "$rep" -gt 1 ]; then
            discard "$out"
            mkdir -p "$out"
        fi
        : >"$tmp/stderr"
        if [ "$mode" = batch ] && grep -q -- '--no-sync' "$tmp/help.$s"; then
            # as run.sh runs it: no fsync per file, one sync of the file system
            # at the end (inside the measured time)
            put "$s.sync" "one sync -f after the batch (--no-sync)"
            measure bash -c 'out=$1; shift; "$@"; rc=$?; sync -f "$out" || sync; exit $rc' \
                bench "$out" "$BIN/$s" --no-sync -O "$out" "$@"
        elif [ "$mode" = batch ]; then
            put "$s.sync" "fsync per file"
            measure "$BIN/$s" -O "$out" "$@"
        else
            printf '%s\n' "$@" >"$tmp/list.$s"
            measure bash -c 'bin=$1 out=$2 list=$3 rc=0
                while IFS= read -r f; do
                    b=${f##*/}; "$bin" "$f" >"$out/${b%.*}.json" 2>/dev/null || { rc=1; rm -f "$out/${b%.*}.json"; }
                done <"$list"; exit $rc' bench "$BIN/$s" "$out" "$tmp/list.$s"
        fi
        if isnum "$M_WALL" && { [ "$bw" = n/a ] || awk -v a="$M_WALL" -v b="$bw" 'BEGIN{exit !(a < b)}'; }; then
            bw=$M_WALL bu=$M_USER bsy=$M_SYS brss=$M_RSS bst=$M_STATUS
        fi
        # a failing run is reported as it is, never hidden behind a good one
        [ "$M_STATUS" = 0 ] || break
    done
    if [ "$bw" != n/a ] && [ "$M_STATUS" = 0 ]; then
        M_WALL=$bw M_USER=$bu M_SYS=$bsy M_RSS=$brss M_STATUS=$bst
    fi
    put "$s.runs" "$runs"
    local ok
    ok=$(find "$out" -maxdepth 1 -name '*.json' | wc -l)
    put "$s.documents" "$#"
    put "$s.ok_documents" "$ok"
    put "$s.exit" "$M_STATUS"
    if [ "$M_STATUS" = 124 ]; then
        put "$s.seconds" "timeout>${TMO}"
        return 0
    fi
    put "$s.seconds" "$M_WALL"
    put "$s.cpu_seconds" "$(add "$M_USER" "$M_SYS")"
    put "$s.sys_seconds" "$M_SYS"
    put "$s.peak_rss_kb_batch" "$M_RSS"
    local okmb
    okmb=$(div "$(bytes_of "$out")" 1000000 %.3f)
    put "$s.docs_per_s" "$(div "$ok" "$M_WALL" %.1f)"
    put "$s.mb_per_s" "$(div "$okmb" "$M_WALL" %.2f)"
    put "$s.over_wc" "$(div "$M_WALL" "$WC" %.2f)"
    put "$s.cpu_over_wc_cpu" "$(div "$(get "$s.cpu_seconds")" "$WC_CPU" %.2f)"
    if [ "$ok" -lt "$#" ]; then
        find "$out" -maxdepth 1 -name '*.json' -printf '%f\n' | sed 's/\.json$/.txt/' | sort >"$tmp/okl"
        put "$s.first_failure" "$(printf '%s\n' "$@" | sed 's|.*/||' | sort | comm -23 - "$tmp/okl" | head -n 1)"
        put "$s.first_error" "$(head -n 1 "$tmp/stderr" | head -c 300)"
    fi
}
: >"$tmp/stderr"
run_stage clean "$B/clean_out" "${files[@]}"
clean_jsons=()
if [ -d "$B/clean_out" ]; then
    while IFS= read -r f; do clean_jsons+=("$f"); done < <(find "$B/clean_out" -maxdepth 1 -name '*.json' | sort)
fi
if [ ${#clean_jsons[@]} -gt 0 ]; then
    run_stage extract "$B/extract_out" "${clean_jsons[@]}"
else
    rm -rf "$B/extract_out"
    if stage_ready extract; then
        put extract.mode "no input"
        say "extract: no clean output to read (n/a)"
    else put extract.mode "not built"; fi
fi
put ratios.clean_over_wc "$(get clean.over_wc)"
put ratios.clean_cpu_over_wc_cpu "$(get clean.cpu_over_wc_cpu)"
put ratios.clean_extract_over_wc "$(div "$(add "$(get clean.seconds)" "$(get extract.seconds)")" "$WC" %.2f)"
put ratios.clean_extract_cpu_over_wc_cpu "$(div "$(add "$(get clean.cpu_seconds)" "$(get extract.cpu_seconds)")" "$WC_CPU" %.2f)"

# Per-document peak RSS: the single-file form on the largest document
if stage_ready clean; then
    measure -o "$tmp/largest.json" "$BIN/clean" "$C/$largest"
    [ "$M_STATUS" = 0 ] && put clean.peak_rss_kb_largest_doc "$M_RSS"
    if [ "$M_STATUS" = 0 ] && stage_ready extract; then
        measure "$BIN/extract" "$tmp/largest.json"
        [ "$M_STATUS" = 0 ] && put extract.peak_rss_kb_largest_doc "$M_RSS"
    fi
fi

# -------------------------------------------------------------- end to end
all_ready=1
for s in clean extract compare render; do stage_ready "$s" || all_ready=0; done
# run.sh takes its stage programs from BRIEFING_BIN (and then does not build)
export BRIEFING_BIN="$root/$BIN"
if [ "$all_ready" = 1 ] && [ -x run.sh ] && ./run.sh --help >"$tmp/runhelp" 2>&1 &&
    grep -q -- '-j' "$tmp/runhelp" && grep -q -- '-o' "$tmp/runhelp"; then
    discard "$B/out"
    say "end to end: ./run.sh -q -j $JOBS -o $B/out $C (cold)"
    measure ./run.sh -q -j "$JOBS" -o "$B/out" "$C"
    put e2e.first_s "$M_WALL"
    put e2e.first_exit "$M_STATUS"
    put e2e.peak_rss_kb "$M_RSS"
    put e2e.meetings_written "$(find "$B/out/meetings" -name '*.json' 2>/dev/null | wc -l)"
    say "end to end: second run, unchanged inputs"
    measure ./run.sh -q -j "$JOBS" -o "$B/out" "$C"
    put e2e.second_s "$M_WALL"
    put e2e.second_exit "$M_STATUS"
    put e2e.second_over_first "$(div "$M_WALL" "$(get e2e.first_s)" %.3f)"
    say "end to end: one input touched"
    touch "$C/$(basename "${files[0]}")"
    measure ./run.sh -q -j "$JOBS" -o "$B/out" "$C"
    put e2e.touched_one_s "$M_WALL"
    put e2e.touched_one_exit "$M_STATUS"
else
    put e2e.first_s "n/a"
    say "end to end: run.sh missing, without -o/-j, or a stage not built (n/a)"
fi

# ----------------------------------------------------------------- compare
if [ "$have_genrecords" = 1 ]; then
    for n in 100 1000; do
        discard "$B/records$n"
        mkdir -p "$B/records$n"
        "$H/genrecords" -n "$n" -O "$B/records$n"
    done
fi
if [ "$have_genrecords" = 1 ] && stage_ready compare; then
    for n in 100 1000; do
        walls=()
        for i in 1 2 3; do
            measure -o "$tmp/cmp$n.json" "$BIN/compare" "$B/records$n"/*.json
            walls+=("$M_WALL")
            [ "$M_STATUS" = 0 ] || break
        done
        put "compare.n${n}_exit" "$M_STATUS"
        put "compare.n${n}_s" "$(median "${walls[@]}")"
        put "compare.n${n}_peak_rss_kb" "$M_RSS"
        [ "$M_STATUS" = 0 ] || put "compare.n${n}_error" "$(tail -n 2 "$tmp/stderr" | head -c 200 | tr '\n' ' ')"
    done
    r=$(div "$(get compare.n1000_s)" "$(get compare.n100_s)" %.2f)
    put compare.ratio_1000_over_100 "$r"
    if isnum "$r"; then
        put compare.growth_exponent "$(awk -v r="$r" 'BEGIN{printf "%.2f", log(r)/log(10)}')"
    fi
    put compare.nlogn_ratio_expected "15.00"
else
    put compare.n100_s "n/a"
    put compare.n1000_s "n/a"
fi

# ------------------------------------------------------------------ render
count_pages() {
    if command -v pdfinfo >/dev/null 2>&1; then
        pdfinfo "$1" 2>/dev/null | awk '/^Pages:/{print $2}'
    else grep -a -c '/Type */Page[^s]' "$1" || true; fi
}
pages=n/a
seeds_ok=0
if stage_ready clean && stage_ready extract && stage_ready compare; then
    mkdir -p "$tmp/seeds/clean" "$tmp/seeds/meetings"
    seeds_ok=1
    for f in seeds/*.txt; do
        b=$(basename "$f" .txt)
        "$BIN/clean" "$f" >"$tmp/seeds/clean/$b.json" 2>>"$tmp/stderr" &&
            "$BIN/extract" "$tmp/seeds/clean/$b.json" >"$tmp/seeds/meetings/$b.json" 2>>"$tmp/stderr" ||
            seeds_ok=0
    done
    [ "$seeds_ok" = 1 ] && { "$BIN/compare" "$tmp/seeds/meetings"/*.json >"$tmp/seeds/comparison.json" 2>>"$tmp/stderr" || seeds_ok=0; }
fi
if [ "$seeds_ok" = 1 ] && stage_ready render; then
    walls=()
    for i in 1 2 3 4 5 6 7; do
        measure "$BIN/render" "$tmp/seeds/comparison.json" -o "$tmp/seeds/briefing.pdf"
        walls+=("$M_WALL")
        [ "$M_STATUS" = 0 ] || break
    done
    put render.exit "$M_STATUS"
    if [ "$M_STATUS" = 0 ]; then
        put render.median_s "$(median "${walls[@]}")"
        put render.peak_rss_kb "$M_RSS"
        pages=$(count_pages "$tmp/seeds/briefing.pdf")
        put render.pdf_bytes "$(wc -c <"$tmp/seeds/briefing.pdf")"
    fi
else
    put render.median_s "n/a"
fi
isnum "$pages" || pages=4 # the baseline still runs: 4 pages until render lands
put render.pages "$pages"
if [ "$have_hpdf" = 1 ]; then
    for variant in base14 ttf; do
        args=(-n "$pages" -o "$tmp/baseline.pdf")
        font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
        if [ $variant = ttf ]; then
            [ -f "$font" ] || continue
            args+=(-f "$font")
        fi
        walls=()
        for i in 1 2 3 4 5 6 7; do
            measure "$H/hpdf_baseline" "${args[@]}"
            walls+=("$M_WALL")
        done
        put "render.hpdf_${variant}_median_s" "$(median "${walls[@]}")"
    done
fi
put ratios.render_over_hpdf "$(div "$(get render.median_s)" "$(get render.hpdf_base14_median_s)" %.1f)"
put ratios.render_over_hpdf_ttf "$(div "$(get render.median_s)" "$(get render.hpdf_ttf_median_s)" %.1f)"

# --------------------------------------------------------------- validator
if [ "$have_genrecords" = 1 ]; then
    [ -f "$B/big.json" ] && [ "$B/big.json" -nt "$H/genrecords" ] || "$H/genrecords" --big 10485760 -o "$B/big.json"
    put validator.bytes "$(wc -c <"$B/big.json")"
fi
if [ "$have_genrecords" = 1 ] && stage_ready jsonschema && [ -f schemas/meeting.schema.json ]; then
    walls=()
    for i in 1 2 3; do
        measure "$BIN/jsonschema" schemas/meeting.schema.json "$B/big.json"
        walls+=("$M_WALL")
    done
    put validator.median_s "$(median "${walls[@]}")"
    put validator.exit "$M_STATUS"
    put validator.peak_rss_kb "$M_RSS"
    measure -o /dev/null jq -c . "$B/big.json" 2>/dev/null
    [ "$M_STATUS" = 0 ] && put validator.jq_parse_s "$M_WALL"
else
    put validator.median_s "n/a"
fi

# ----------------------------------------------------------------- targets
TGT=()
target() { # NAME LIMIT VALUE UNIT [EXIT]: pass when VALUE < LIMIT (and EXIT, if given, is 0)
    local verdict=n/a
    if [ -n "${5:-}" ] && [ "$5" != 0 ] && [ "$5" != n/a ]; then
        verdict="FAIL (exit $5)"
    elif isnum "$3"; then
        if awk -v v="$3" -v l="$2" 'BEGIN{exit !(v < l)}'; then verdict=pass; else verdict=FAIL; fi
    fi
    TGT+=("$1|$2|$3|$4|$verdict")
}
kbmb() { if isnum "$1"; then awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; else printf 'n/a'; fi; }
maxof() { printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -g | tail -n 1 || true; }
rss_doc=$(maxof "$(get clean.peak_rss_kb_largest_doc)" "$(get extract.peak_rss_kb_largest_doc)")
target clean_over_wc 10 "$(get ratios.clean_over_wc)" x
target clean_extract_over_wc 15 "$(get ratios.clean_extract_over_wc)" x
target e2e_corpus_seconds 30 "$(get e2e.first_s)" s "$(get e2e.first_exit)"
target e2e_second_over_first 0.333 "$(get e2e.second_over_first)" x "$(get e2e.second_exit)"
target per_document_peak_rss_mb 64 "$(kbmb "${rss_doc:-n/a}")" MB
target render_seconds 0.3 "$(get render.median_s)" s "$(get render.exit)"
target compare_1000_seconds 2 "$(get compare.n1000_s)" s "$(get compare.n1000_exit)"
target compare_growth_exponent 1.2 "$(get compare.growth_exponent)" "(log10 t1000/t100)" "$(get compare.n1000_exit)"
target validate_10mb_seconds 1 "$(get validator.median_s)" s "$(get validator.exit)"

# ------------------------------------------------------------------- table
put machine.loadavg_at_end "$(cut -d' ' -f1 /proc/loadavg)"
{
    printf '\nalliance-briefing bench: %s documents, %s MB (largest %s bytes), %s cores, load %s -> %s\n\n' \
        "$ndocs" "$corpus_mb" "$(get corpus.largest_bytes)" "$(get machine.cores)" \
        "$(get machine.loadavg_at_start)" "$(get machine.loadavg_at_end)"
    printf '%-10s %-10s %8s %8s %8s %8s %7s %8s %8s %7s %10s\n' stage mode ok/docs seconds docs/s MB/s "x wc" \
        "cpu s" "cpu x wc" "RSS MB" "RSS MB/doc"
    for s in cat wc_w clean extract; do
        printf '%-10s %-10s %8s %8s %8s %8s %7s %8s %8s %7s %10s\n' "${s/_/ -}" "$(get "$s.mode" | sed 's#^n/a$#-#; s#^batch$#batch -O#')" \
            "$(get "$s.ok_documents" | sed "s#n/a#$(get "$s.documents")#")" "$(fmt "$(get "$s.seconds")" %.3f)" \
            "$(fmt "$(get "$s.docs_per_s")" %.0f)" "$(fmt "$(get "$s.mb_per_s")" %.1f)" \
            "$(fmt "$(div "$(get "$s.seconds")" "$WC")" %.2f)" "$(fmt "$(get "$s.cpu_seconds")" %.3f)" \
            "$(fmt "$(div "$(get "$s.cpu_seconds")" "$WC_CPU")" %.2f)" \
            "$(kbmb "$(get "$s.peak_rss_kb_batch" | sed "s#n/a#$(get "$s.peak_rss_kb")#")")" \
            "$(kbmb "$(get "$s.peak_rss_kb_largest_doc")")"
    done
    printf '\n%-34s %s\n' "run.sh cold / unchanged / 1 touched" \
        "$(fmt "$(get e2e.first_s)" %.2f) s / $(fmt "$(get e2e.second_s)" %.2f) s / $(fmt "$(get e2e.touched_one_s)" %.2f) s (exit $(get e2e.first_exit), $(get e2e.meetings_written) meetings)"
    printf '%-34s %s\n' "compare 100 / 1000 records" \
        "$(fmt "$(get compare.n100_s)" %.3f) s / $(fmt "$(get compare.n1000_s)" %.3f) s (ratio $(get compare.ratio_1000_over_100), n log n ~15)"
    printf '%-34s %s\n' "render seeds' briefing (median 7)" \
        "$(fmt "$(get render.median_s)" %.3f) s, $(get render.pages) pages; hpdf baseline $(fmt "$(get render.hpdf_base14_median_s)" %.4f) s, with TTF $(fmt "$(get render.hpdf_ttf_median_s)" %.4f) s"
    printf '%-34s %s\n' "jsonschema on $(kbmb "$(div "$(get validator.bytes)" 1024 %.0f)") MB record" \
        "$(fmt "$(get validator.median_s)" %.3f) s (exit $(get validator.exit); jq parse $(fmt "$(get validator.jq_parse_s)" %.3f) s)"
    printf '\n%-28s %8s %10s  %s\n' target limit value verdict
    for t in "${TGT[@]}"; do
        IFS='|' read -r n l v u verdict <<<"$t"
        printf '%-28s %8s %10s  %s\n' "$n" "$l" "$(fmt "$v" %.3g)" "$verdict"
    done
    for s in clean extract compare render jsonschema; do
        b=$(get "build.$s")
        [ "$b" = current ] || printf 'note: %s binary is %s\n' "$s" "$b"
    done
    for s in clean extract; do
        f=$(get "$s.first_failure")
        [ "$f" = n/a ] || printf 'note: %s failed on %s of %s documents (first: %s)\n' "$s" \
            "$(($(get "$s.documents") - $(get "$s.ok_documents")))" "$(get "$s.documents")" "$f"
    done
} | tee "$B/table.txt"

# -------------------------------------------------------------------- JSON
jstr() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g' | tr -d '\000-\037')"; }
jval() {
    if isnum "$1"; then printf '%s' "$1"
    elif [ "$1" = n/a ] || [ -z "$1" ]; then printf 'null'
    else jstr "$1"; fi
}
{
    printf '{\n  "format": "briefing-bench/1"'
    sections=()
    for k in "${ORDER[@]}"; do
        sec=${k%%.*}
        case " ${sections[*]} " in *" $sec "*) ;; *) sections+=("$sec") ;; esac
    done
    for sec in "${sections[@]}"; do
        printf ',\n  "%s": {' "$sec"
        first=1
        for k in "${ORDER[@]}"; do
            [ "${k%%.*}" = "$sec" ] || continue
            [ $first = 1 ] || printf ','
            first=0
            printf '\n    "%s": %s' "${k#*.}" "$(jval "${R[$k]}")"
        done
        printf '\n  }'
    done
    printf ',\n  "targets": [\n'
    i=0
    for t in "${TGT[@]}"; do
        IFS='|' read -r n l v u verdict <<<"$t"
        [ $i -gt 0 ] && printf ',\n'
        printf '    {"name": %s, "limit": %s, "value": %s, "unit": %s, "pass": %s}' "$(jstr "$n")" "$l" \
            "$(jval "$v")" "$(jstr "$u")" "$(case $verdict in pass) echo true ;; FAIL*) echo false ;; *) echo null ;; esac)"
        i=$((i + 1))
    done
    printf '\n  ]\n}\n'
} >"$tmp/bench.json"
mv "$tmp/bench.json" "$JSON_OUT"
say "wrote $JSON_OUT and $B/table.txt"
# the old outputs moved aside during the run (see discard)
rm -rf "$B/trash"
