#!/usr/bin/env bash
# bad_input.sh - the bad-input corpus (tests/cases/bad/*, format described in
# tests/cases/bad/make_cases.py): every case must end with one of its
# expected exit statuses; a failure must say "program: file: what" on stderr;
# a failed run must leave the previous output file byte for byte and no
# ".NAME.tmp.XXXXXX" temp file; a successful one must write an output that
# validates. No case may crash, hang or trip a sanitizer.
#   BAD_CASES=REGEX runs only the matching cases.
. "$(dirname "$0")/../lib.sh"

cases_dir=$ROOT/tests/cases/bad
meta='^(about|cmd|expected\.rc|expected\.err|expected\.out|expected\.schema|setup)$'

# stage_ready STAGE: the stage binary exists and is not a placeholder
declare -A ready
stage_ready() {
    if [ -z "${ready[$1]:-}" ]; then
        if [ -x "$BIN/$1" ] && "$BIN/$1" --help >/dev/null 2>&1; then ready[$1]=1; else ready[$1]=0; fi
    fi
    [ "${ready[$1]}" = 1 ]
}

# has_all FILE: every line of the substring file (minus the "!" ones) is in
# TEXT_FILE, and no "!" line is
has_all() { # PATTERNS TEXT_FILE -> prints the first problem, returns 1
    local pat
    while IFS= read -r pat || [ -n "$pat" ]; do
        [ -n "$pat" ] || continue
        if [ "${pat:0:1}" = "!" ]; then
            if grep -qiF -- "${pat:1}" "$2"; then echo "must not contain: ${pat:1}"; return 1; fi
        elif ! grep -qiF -- "$pat" "$2"; then
            echo "missing: $pat"
            return 1
        fi
    done <"$1"
    return 0
}

run_case() { # CASE_DIR
    local c=$1 name work in_dir out_dir f cmd rc allowed problems=() stage
    name=$(basename "$c")
    cmd=$(cat "$c/cmd")
    stage=${cmd%% *}
    case $stage in set) stage=$(sed 's/.*; *//' <<<"$cmd"); stage=${stage%% *} ;; esac
    if ! stage_ready "$stage"; then
        skip "$name" "$stage is not built yet ($BIN/$stage --help fails)"
        return
    fi
    work=$TMP/$name
    in_dir=$work/in
    out_dir=$work/out
    mkdir -p "$in_dir" "$out_dir"
    local inputs=()
    for f in "$c"/*; do
        [[ $(basename "$f") =~ $meta ]] && continue
        cp -- "$f" "$in_dir/"
        inputs+=("$(basename "$f")")
    done
    allowed=$(cat "$c/expected.rc")
    (
        cd "$in_dir" || exit 99
        IN=${inputs[0]:-} OUTDIR=$out_dir OUT=$out_dir/result.json PREV=1 TIMEOUT=60 SKIP=""
        REPORT_RSS=0 RUNAS=""
        if [ -f "$c/setup" ]; then
            # shellcheck disable=SC1091
            . "$c/setup" >"$work/setup.log" 2>&1
        fi
        if [ -n "$SKIP" ]; then
            echo "SKIP $SKIP" >"$work/result"
            exit 0
        fi
        is_asan && TIMEOUT=$((TIMEOUT * 3))
        [ "$PREV" = 1 ] && printf 'previous output\n' >"$OUT"
        if [ -n "$RUNAS" ]; then
            # running as root: the case runs as nobody so permissions count
            chmod a+x "$TMP" "$work"
            chmod a+rwx "$in_dir" "$out_dir"
            [ -f "$OUT" ] && chmod a+rw "$OUT"
        fi
        export IN OUT OUTDIR ROOT
        PATH="$BIN:$PATH" /usr/bin/time -f '%M %e' -o "$work/rss" \
            timeout -k 5 "$TIMEOUT" $RUNAS bash -c "$cmd" >"$work/stdout" 2>"$work/stderr"
        echo "RC $? $OUT $PREV $REPORT_RSS" >"$work/result"
    )
    read -r tag rc out prev report_rss <"$work/result" || { not_ok "$name" "case set-up failed"; return; }
    if [ "$tag" = SKIP ]; then
        skip "$name" "$(cut -d' ' -f2- "$work/result")"
        return
    fi
    # the shell running `bash -c` may have printed a "Command exited" line: use the stage's
    [[ " $allowed " == *" $rc "* ]] ||
        problems+=("exit status $rc, expected ${allowed// / or }")
    [ "$rc" = 124 ] && problems+=("timed out (hang?)")
    [ "$rc" -ge 128 ] && [ "$rc" != 124 ] && problems+=("killed by signal $((rc - 128))")
    if grep -qE 'Sanitizer|runtime error:|LeakSanitizer|Segmentation|Aborted|core dumped' "$work/stderr"; then
        problems+=("sanitizer/crash report: $(grep -m1 -E 'ERROR|runtime error|SUMMARY' "$work/stderr")")
    fi
    if [ "$rc" != 0 ]; then
        [ -s "$work/stderr" ] || problems+=("no message on stderr")
        if [ -f "$c/expected.err" ]; then
            local m
            m=$(has_all "$c/expected.err" "$work/stderr") || problems+=("stderr $m")
        fi
        if [ "$prev" = 1 ] && [ "$(cat "$out" 2>/dev/null)" != "previous output" ]; then
            problems+=("the previous output file was not left intact")
        fi
    else
        if [ -f "$c/expected.out" ]; then
            local m
            m=$(has_all "$c/expected.out" "$out") || problems+=("output $m")
        fi
        if [ -f "$c/expected.schema" ]; then
            local s
            s=$(cat "$c/expected.schema")
            if [ "$s" = pdf ]; then
                if [ "$(head -c 5 "$out" 2>/dev/null)" != "%PDF-" ]; then
                    problems+=("output is not a PDF")
                elif command -v qpdf >/dev/null && ! qpdf --check "$out" >"$work/qpdf" 2>&1; then
                    problems+=("qpdf --check: $(tail -1 "$work/qpdf")")
                fi
            elif [ "$(cat "$out" 2>/dev/null)" = "previous output" ]; then
                problems+=("exit 0 but the output file was not written")
            elif [ -x "$BIN/jsonschema" ] &&
                ! "$BIN/jsonschema" "$ROOT/schemas/$s.schema.json" "$out" >"$work/valid" 2>&1; then
                problems+=("output does not validate against $s: $(head -2 "$work/valid" | tr '\n' ' ')")
            fi
        fi
    fi
    local left
    left=$(find "$out_dir" "$in_dir" -name '.*.tmp.*' 2>/dev/null | head -3)
    [ -z "$left" ] || problems+=("temp file left behind: $left")
    if [ "$report_rss" = 1 ] && [ -f "$work/rss" ]; then
        local kb secs
        read -r kb secs < <(tail -1 "$work/rss")
        echo "# report: bad_input $name ($SUITE_LABEL): exit $rc, max RSS $((kb / 1024)) MB, ${secs} s"
    fi
    if [ ${#problems[@]} -eq 0 ]; then
        ok "$name"
    else
        not_ok "$name" "$(cat "$c/about")" "${problems[@]}" \
            "stderr: $(head -c 400 "$work/stderr" | tr '\n' '|')"
    fi
    chmod -R u+rwx "$work" 2>/dev/null
    rm -rf "$work"
}

n=0
for c in "$cases_dir"/*/; do
    c=${c%/}
    [ -f "$c/cmd" ] || continue
    if [ -n "${BAD_CASES:-}" ] && ! [[ $(basename "$c") =~ $BAD_CASES ]]; then continue; fi
    run_case "$c"
    n=$((n + 1))
done
echo "1..$n"
