#!/usr/bin/env bash
# run.sh - page texts in, briefing out:
#     seeds/*.txt -> reports/{clean,meetings}/*.json, comparison.json, briefing.pdf
# Chains the four stage programs (clean, extract, compare, render). See
# --help and README.md. Only chains stages: all real work is in stages/.
set -u
set -o pipefail
export LC_ALL=C.UTF-8 2>/dev/null || export LC_ALL=C

PROG=run.sh
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=${BRIEFING_BIN:-$ROOT/build/bin}

usage() {
    cat <<'EOF'
Usage: ./run.sh [OPTION]... [INPUT]...
Turn page texts about alliance meetings into a comparative PDF briefing.

INPUT is a page text file or a directory (its *.txt files are taken);
the default is seeds/.

Options:
  -o, --output DIR   write the outputs to DIR (default: reports/)
  -j, --jobs N       run N documents in parallel (default: number of cores)
  -k, --keep-going   leave failed documents out, name them in the briefing
  -v, --verbose      one line per document and stage
  -q, --quiet        no progress output (errors are still printed)
  -h, --help         show this help and exit
      --version      show the version and exit

Outputs in DIR: clean/<stem>.json, meetings/<stem>.json, comparison.json,
briefing.pdf. Every file is replaced atomically; a second run redoes only
what changed. Exit status: 0 done, 1 a document or stage failed, 2 usage.
EOF
}

die() { echo "$PROG: $*" >&2; exit 1; }
usage_error() { echo "$PROG: $*" >&2; echo "Try './run.sh --help'." >&2; exit 2; }

# ---------------------------------------------------------------- options
outdir=$ROOT/reports
jobs=$(nproc 2>/dev/null || echo 2)
keep_going=0 verbose=0 quiet=0
inputs=()
while [ $# -gt 0 ]; do
    case $1 in
    -o | --output)
        [ $# -ge 2 ] || usage_error "option '$1' needs a directory"
        outdir=$2; shift 2 ;;
    --output=*) outdir=${1#*=}; shift ;;
    -j | --jobs)
        [ $# -ge 2 ] || usage_error "option '$1' needs a number"
        jobs=$2; shift 2 ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    -j[0-9]*) jobs=${1#-j}; shift ;;
    -k | --keep-going) keep_going=1; shift ;;
    -v | --verbose) verbose=1; shift ;;
    -q | --quiet) quiet=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --version) echo "alliance-briefing run.sh $(sed -n 's/^VERSION *= *//p' "$ROOT/Makefile")"; exit 0 ;;
    --) shift; inputs+=("$@"); break ;;
    -?*) usage_error "unknown option '$1'" ;;
    *) inputs+=("$1"); shift ;;
    esac
done
case $jobs in '' | *[!0-9]* | 0) usage_error "-j needs a positive number, got '$jobs'" ;; esac
[ -n "$outdir" ] || usage_error "-o needs a directory"
[ ${#inputs[@]} -gt 0 ] || inputs=("$ROOT/seeds")

# ---------------------------------------------------------------- progress
is_tty=0
[ -t 2 ] && is_tty=1
note() { [ "$quiet" = 1 ] || echo "$PROG: $*" >&2; }
progress() { # stage done total
    [ "$quiet" = 1 ] && return 0
    if [ "$is_tty" = 1 ]; then
        local now=$EPOCHSECONDS rate="" eta=""
        if [ "$2" -gt 0 ] && [ "$now" -gt "$t_stage" ]; then
            rate=$(( $2 / (now - t_stage) ))
            [ "$rate" -gt 0 ] && eta=", ~$(( ($3 - $2) / rate ))s left"
            rate=", $rate docs/s"
        fi
        printf '\r\033[K%s: %s %d/%d documents%s%s' "$PROG" "$1" "$2" "$3" "$rate" "$eta" >&2
        [ "$2" -eq "$3" ] && printf '\n' >&2
    fi
    return 0
}

# ---------------------------------------------------------------- build
# Build the stages when they are missing or stale; install the Debian
# packages first when they are missing (as root), or say how.
need_pkgs() {
    local missing=()
    command -v make >/dev/null 2>&1 || missing+=(make)
    command -v cc >/dev/null 2>&1 || missing+=(build-essential)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    pkg-config --exists jansson 2>/dev/null || missing+=(libjansson-dev)
    [ -f /usr/include/hpdf.h ] || missing+=(libhpdf-dev)
    [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
    [ -d /usr/share/fonts/truetype/nanum ] || missing+=(fonts-nanum)
    echo "${missing[@]}"
}
build_stages() {
    if [ -n "${BRIEFING_BIN:-}" ]; then return 0; fi
    if [ -x "$BIN/render" ] && make -C "$ROOT" -q all >/dev/null 2>&1; then return 0; fi
    local missing
    missing=$(need_pkgs)
    if [ -n "$missing" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            note "installing missing packages: $missing"
            if command -v make >/dev/null 2>&1; then
                make -C "$ROOT" -s deps >&2 || die "installing packages failed (make deps)"
            else
                { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
                  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq make &&
                  make -C "$ROOT" -s deps; } >&2 || die "installing packages failed"
            fi
        else
            die "missing packages: $missing; run as root: apt-get install -y $missing"
        fi
    fi
    note "building the stage programs (make)"
    make -C "$ROOT" -s -j"$jobs" all >"$tmp/build.log" 2>&1 || {
        tail -20 "$tmp/build.log" >&2
        die "build failed (make); see the messages above"
    }
}

# ---------------------------------------------------------------- inputs
tmp=$(mktemp -d "${TMPDIR:-/tmp}/briefing-run.XXXXXX") || die "cannot create a temporary directory"
cleanup() { rm -rf "$tmp"; }
on_signal() {
    trap - INT TERM HUP
    # stop the stages; their own handlers remove their temp files
    jobs -p | xargs -r kill 2>/dev/null
    wait 2>/dev/null
    cleanup
    exit 130
}
trap cleanup EXIT
trap on_signal INT TERM HUP

files=()
for in in "${inputs[@]}"; do
    if [ -d "$in" ]; then
        found=0
        while IFS= read -r -d '' f; do
            files+=("$f"); found=1
        done < <(find "$in" -maxdepth 1 -type f -name '*.txt' ! -name '.*' -print0 | sort -z)
        [ "$found" = 1 ] || die "$in: no .txt files in this directory"
    elif [ -e "$in" ]; then
        files+=("$in")
    else
        die "$in: no such file or directory"
    fi
done

# one entry per real file; two different files may not share a stem. All
# paths are resolved by one realpath call (no process per file).
declare -A seen_real=() seen_stem=()
docs=() stems=()
mapfile -d '' -t reals < <(printf '%s\0' "${files[@]}" | xargs -0 realpath -z -e -- 2>/dev/null)
[ ${#reals[@]} -eq ${#files[@]} ] || {
    for f in "${files[@]}"; do realpath -e -- "$f" >/dev/null 2>&1 || die "$f: cannot resolve path"; done
    die "cannot resolve the input paths"
}
for k in "${!files[@]}"; do
    f=${files[k]} real=${reals[k]}
    [ -n "${seen_real[$real]:-}" ] && continue
    seen_real[$real]=1
    base=${f%/}
    base=${base##*/}
    stem=${base%.*}
    [ -n "$stem" ] || stem=$base
    if [ -n "${seen_stem[$stem]:-}" ]; then
        die "$f: same output name '$stem' as ${seen_stem[$stem]}; rename one of them"
    fi
    seen_stem[$stem]=$f
    docs+=("$real") stems+=("$stem")
done
ndocs=${#docs[@]}

build_stages
for s in clean extract compare render; do
    [ -x "$BIN/$s" ] || die "$BIN/$s: not built"
done

# ---------------------------------------------------------------- output dir + lock
mkdir -p -- "$outdir/clean" "$outdir/meetings" "$outdir/.cache" 2>/dev/null ||
    die "$outdir: cannot create the output directory"
outdir=$(cd -- "$outdir" && pwd)
exec 9>"$outdir/.cache/lock" || die "$outdir: cannot write the lock file"
if ! flock -n 9; then
    die "$outdir: another run is writing to this directory; wait for it or use -o"
fi
# a run killed with SIGKILL may leave its stages' temp files behind
find "$outdir" -maxdepth 2 -name '.*.tmp.??????' -type f -delete 2>/dev/null

# ---------------------------------------------------------------- cache keys
# A stage's output is reused when its inputs and the stage itself (binary,
# schemas, data files) are unchanged: content hashes, not timestamps.
stage_stamp() { # stage -> hash of what determines its output
    {
        sha256sum "$BIN/$1"
        find "$ROOT/schemas" "$ROOT"/stages/*/data -type f -print0 2>/dev/null | sort -z |
            xargs -0 -r sha256sum
    } | sha256sum | cut -c1-64
}
stamp_clean=$(stage_stamp clean)
stamp_extract=$(stage_stamp extract)
stamp_compare=$(stage_stamp compare)
stamp_render=$(stage_stamp render)

# cached KEYFILE KEY OUTPUT: 0 when OUTPUT exists and was made from KEY.
# Key files are read with a builtin: no process per document.
cached() {
    local have=""
    [ -f "$3" ] && [ -f "$1" ] || return 1
    read -r have <"$1" 2>/dev/null
    [ "$have" = "$2" ]
}
keyof() { cat "$@" | sha256sum | cut -c1-64; }
# drop_keys STAGE: forget the cache keys of the documents in $todo before
# STAGE rewrites them (one rm for all; only existing keys, so a cold run
# starts no process here)
drop_keys() {
    local i old=()
    for i in "${todo[@]}"; do
        [ -e "$outdir/.cache/${stems[i]}.$1" ] && old+=("$outdir/.cache/${stems[i]}.$1")
    done
    [ ${#old[@]} -eq 0 ] || printf '%s\0' "${old[@]}" | xargs -0 rm -f --
}

# The content hash of every input, in one pass (sha256sum keeps the order of
# its arguments; a name it must escape gets a leading backslash).
mapfile -t input_hash < <(printf '%s\0' "${docs[@]}" | xargs -0 sha256sum -- | sed 's/^\\//' | cut -c1-64)
[ ${#input_hash[@]} -eq "$ndocs" ] || die "cannot read every input (sha256sum failed)"

# ---------------------------------------------------------------- per document
# clean, then extract, each in batch mode (`STAGE -O DIR FILE...`): chunks of
# documents, one process per chunk, N chunks at a time, so a corpus is not
# paid for in process start-ups or shell jobs. A document succeeded when its
# output is newer than the stamp taken before the stage (a builtin test: no
# process per document). The clean output is a function of the input and the
# clean stage, so the extract key derives from the clean key.
declare -a status=() reason=()
for i in "${!docs[@]}"; do status[i]=0; done
failed=0

# run_stage STAGE OUTSUBDIR: runs STAGE on the documents listed in $todo
# (indices; inputs in $stage_in[i]), sets status/reason of those that fail.
run_stage() {
    local stage=$1 sub=$2 n=${#todo[@]} chunk c=0 k i running=0 done_n=0 line
    local stamp="$tmp/stamp.$stage"
    [ "$n" -gt 0 ] || return 0
    chunk=$(( (n + jobs * 4 - 1) / (jobs * 4) ))
    [ "$chunk" -gt 64 ] && chunk=64
    [ "$chunk" -lt 1 ] && chunk=1
    : >"$stamp"
    sleep 0.01 # outputs must be strictly newer than the stamp
    t_stage=$EPOCHSECONDS
    [ "$is_tty" = 1 ] || note "$stage: $n documents, $jobs at a time"
    for ((k = 0; k < n; k += chunk)); do
        local files=()
        for i in "${todo[@]:k:chunk}"; do files+=("${stage_in[i]}"); done
        "$BIN/$stage" --no-sync -O "$outdir/$sub" -- "${files[@]}" 2>"$tmp/err.$stage.$c" &
        c=$((c + 1)) running=$((running + 1))
        if [ "$running" -ge "$jobs" ]; then
            wait -n 2>/dev/null
            running=$((running - 1)) done_n=$((done_n + chunk))
            [ "$done_n" -gt "$n" ] && done_n=$n
            progress "$stage" "$done_n" "$n"
        fi
    done
    wait
    # the stages wrote without one fsync per file: one sync of the output file
    # system now, before any of these outputs is recorded in the cache
    sync -f "$outdir/$sub" 2>/dev/null || sync
    progress "$stage" "$n" "$n"
    local errs=()
    for ((k = 0; k < c; k++)); do
        [ -s "$tmp/err.$stage.$k" ] || continue
        mapfile -t -O "${#errs[@]}" errs <"$tmp/err.$stage.$k"
    done
    for i in "${todo[@]}"; do
        local out="$outdir/$sub/${stems[i]}.json"
        if [ "$out" -nt "$stamp" ]; then
            [ "$verbose" = 1 ] && echo "$PROG: ${docs[i]}: $stage done" >&2
            continue
        fi
        status[i]=1
        failed=$((failed + 1))
        reason[i]="$stage failed"
        for line in "${errs[@]}"; do
            case $line in *"${stage_in[i]}"*) reason[i]=$line; break ;; esac
        done
    done
    [ "$is_tty" = 1 ] && [ "$quiet" = 0 ] && [ ${#errs[@]} -gt 0 ] && printf '\r\033[K' >&2
    [ ${#errs[@]} -gt 0 ] && printf '%s\n' "${errs[@]}" >&2 # errors and warnings, as the stages wrote them
    return 0
}

# clean: the documents whose input or clean stage changed
declare -a stage_in=() kc=() todo=()
for i in "${!docs[@]}"; do
    kc[i]="${input_hash[i]}:$stamp_clean"
    stage_in[i]=${docs[i]}
    if ! cached "$outdir/.cache/${stems[i]}.clean" "${kc[i]}" "$outdir/clean/${stems[i]}.json"; then
        todo+=("$i")
    fi
done
drop_keys clean
run_stage clean clean
for i in "${todo[@]}"; do
    [ "${status[i]}" = 0 ] && printf '%s\n' "${kc[i]}" >"$outdir/.cache/${stems[i]}.clean"
done

if [ "$failed" -gt 0 ] && [ "$keep_going" = 0 ]; then
    die "$failed of $ndocs documents failed; no new briefing written (use --keep-going to leave them out)"
fi

# extract: the documents whose clean output or extract stage changed
todo=()
for i in "${!docs[@]}"; do
    [ "${status[i]}" = 0 ] || continue
    stage_in[i]="$outdir/clean/${stems[i]}.json"
    if ! cached "$outdir/.cache/${stems[i]}.extract" "${kc[i]}:$stamp_extract" \
        "$outdir/meetings/${stems[i]}.json"; then
        todo+=("$i")
    fi
done
drop_keys extract
run_stage extract meetings
for i in "${todo[@]}"; do
    [ "${status[i]}" = 0 ] &&
        printf '%s\n' "${kc[i]}:$stamp_extract" >"$outdir/.cache/${stems[i]}.extract"
done

if [ "$failed" -gt 0 ] && [ "$keep_going" = 0 ]; then
    die "$failed of $ndocs documents failed; no new briefing written (use --keep-going to leave them out)"
fi

# ---------------------------------------------------------------- compare + render
meetings=()
: >"$tmp/failed.tsv"
for i in "${!docs[@]}"; do
    if [ "${status[i]}" = 0 ]; then
        meetings+=("$outdir/meetings/${stems[$i]}.json")
    else
        r=${reason[i]//$'\t'/ }
        printf '%s\t%s\n' "${docs[i]##*/}" "${r:-failed}" >>"$tmp/failed.tsv"
    fi
done
[ ${#meetings[@]} -gt 0 ] || die "no document could be processed; no briefing written"

t_stage=$EPOCHSECONDS
cmp_key=$(keyof "${meetings[@]}" "$tmp/failed.tsv" <(echo "$stamp_compare"))
if ! cached "$outdir/.cache/compare" "$cmp_key" "$outdir/comparison.json"; then
    note "compare: ${#meetings[@]} meeting records"
    failed_opt=()
    [ -s "$tmp/failed.tsv" ] && failed_opt=(--failed "$tmp/failed.tsv")
    rm -f "$outdir/.cache/compare"
    "$BIN/compare" -o "$outdir/comparison.json" "${failed_opt[@]}" -- "${meetings[@]}" ||
        die "compare failed; no new briefing written"
    echo "$cmp_key" >"$outdir/.cache/compare"
fi

pdf_key=$(keyof "$outdir/comparison.json" <(echo "$stamp_render"))
if ! cached "$outdir/.cache/render" "$pdf_key" "$outdir/briefing.pdf"; then
    note "render: briefing.pdf"
    rm -f "$outdir/.cache/render"
    "$BIN/render" -o "$outdir/briefing.pdf" -- "$outdir/comparison.json" ||
        die "render failed; the previous briefing, if any, is unchanged"
    echo "$pdf_key" >"$outdir/.cache/render"
fi

summary="${#meetings[@]} of $ndocs documents"
[ "$failed" -gt 0 ] && summary="$summary; $failed left out (see the briefing)"
echo "$PROG: wrote $outdir/briefing.pdf ($summary)" >&2
[ "$failed" -eq 0 ] || exit 1
exit 0
