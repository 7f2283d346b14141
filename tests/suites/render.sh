#!/usr/bin/env bash
# render: comparison JSON -> PDF briefing. Renders the 1, 3 and 50 meeting
# fixtures in tests/cases/render and checks the layout invariants (every
# drawn line inside its box and the margins, no overlaps), the extracted
# text and its order, reproducibility, the PDF readers, and the error paths.
source "$(dirname "$0")/../lib.sh"
R=$BIN/render
C=$ROOT/tests/cases/render
export SOURCE_DATE_EPOCH=1750000000
unset BRIEFING_FAIL_ALLOC

# text of a PDF with whitespace runs collapsed (one line)
pdftext() { pdftotext -enc UTF-8 "$1" - 2>"$TMP/pdftotext.err" | tr -s ' \n\t\f' '    ' ; }

# ---- command line ----------------------------------------------------------
out=$("$R" --help); rc=$?
check_eq "--help exits 0" 0 "$rc"
case $out in *"usage: render COMPARISON_JSON -o PDF"*) ok "--help prints usage" ;; *) not_ok "--help prints usage" "$out" ;; esac
check_eq "--version" "render 0.1.0" "$("$R" --version)"
"$R" >/dev/null 2>"$TMP/err"; check_eq "no arguments: usage error" 2 "$?"
"$R" "$C/one.json" 2>"$TMP/err"; check_eq "no -o: usage error" 2 "$?"
"$R" "$C/one.json" -o "$TMP/x.pdf" --paper legal 2>"$TMP/err"; check_eq "bad --paper: usage error" 2 "$?"
grep -q "expected letter or a4, found legal" "$TMP/err" && ok "bad --paper names the value" || not_ok "bad --paper names the value" "$(cat "$TMP/err")"
"$R" --bogus "$C/one.json" -o "$TMP/x.pdf" 2>"$TMP/err"; check_eq "unknown option: usage error" 2 "$?"

# ---- bad data ----------------------------------------------------------------
"$R" "$TMP/missing.json" -o "$TMP/m.pdf" 2>"$TMP/err"; rc=$?
check_eq "missing input: exit 1" 1 "$rc"
grep -q "^render: $TMP/missing.json" "$TMP/err" && ok "missing input: message names the file" || not_ok "missing input: message names the file" "$(cat "$TMP/err")"
printf '{"format": "briefing-comparison/1",\n  "meetings": [,]}\n' >"$TMP/bad.json"
"$R" "$TMP/bad.json" -o "$TMP/b.pdf" 2>"$TMP/err"; rc=$?
check_eq "malformed JSON: exit 1" 1 "$rc"
grep -q "bad.json:2" "$TMP/err" && ok "malformed JSON: message names the line" || not_ok "malformed JSON: message names the line" "$(cat "$TMP/err")"
echo '{"format": "briefing-comparison/1", "meetings": 3}' >"$TMP/inv.json"
"$R" "$TMP/inv.json" -o "$TMP/inv.pdf" 2>"$TMP/err"; rc=$?
check_eq "schema-invalid input: exit 1" 1 "$rc"
[ ! -e "$TMP/inv.pdf" ] && ok "schema-invalid input: no PDF written" || not_ok "schema-invalid input: no PDF written"
mkdir -p "$TMP/ro" && chmod 555 "$TMP/ro"
if [ "$(id -u)" = 0 ]; then
    skip "unwritable directory: exit 1" "root can write anywhere"
else
    "$R" "$C/one.json" -o "$TMP/ro/x.pdf" 2>"$TMP/err"; check_eq "unwritable directory: exit 1" 1 "$?"
fi
"$R" "$C/one.json" -o "$TMP/nodir/x.pdf" 2>"$TMP/err"; rc=$?
check_eq "missing output directory: exit 1" 1 "$rc"
[ -z "$(ls -A "$TMP/ro")" ] && ok "no temp file left behind" || not_ok "no temp file left behind" "$(ls -A "$TMP/ro")"

# ---- the fixtures --------------------------------------------------------------
for f in one three fifty; do
    BRIEFING_RENDER_BOXES="$TMP/$f.boxes" "$R" "$C/$f.json" -o "$TMP/$f.pdf" 2>"$TMP/err"; rc=$?
    check_eq "$f: renders (exit 0)" 0 "$rc"
    [ "$rc" = 0 ] || { sed 's/^/#   /' "$TMP/err"; continue; }
    head -c 5 "$TMP/$f.pdf" | grep -q '%PDF-' && ok "$f: is a PDF" || not_ok "$f: is a PDF"
    if python3 "$C/check_boxes.py" "$TMP/$f.boxes" >"$TMP/boxes.out" 2>&1; then
        ok "$f: every line inside its box and the margins, no overlaps ($(cat "$TMP/boxes.out") boxes)"
    else
        not_ok "$f: every line inside its box and the margins, no overlaps" "$(head -5 "$TMP/boxes.out")"
    fi
    pdftext "$TMP/$f.pdf" >"$TMP/$f.txt"
    [ -s "$TMP/pdftotext.err" ] && not_ok "$f: pdftotext without warnings" "$(head -3 "$TMP/pdftotext.err")" || ok "$f: pdftotext without warnings"
    missing=""
    while IFS= read -r want; do
        [ -n "$want" ] || continue
        w=$(printf '%s' "$want" | tr -s ' ' ' ')
        grep -qF -- "$w" "$TMP/$f.txt" || missing="$missing | $want"
    done <"$C/$f.expect"
    [ -z "$missing" ] && ok "$f: extracted text holds every expected string" || not_ok "$f: extracted text holds every expected string" "missing:$missing"
    echo "# report: render $f: $(stat -c %s "$TMP/$f.pdf") bytes, $(pdfinfo "$TMP/$f.pdf" | awk '/^Pages:/ {print $2}') pages"
done

# reading order of the sections in the three-meeting briefing
prev=0 order_ok=1
for h in "Key findings" "At a glance" "Topic coverage" "Timeline" "What changed" "Signal phrases" \
         "Delegation level" "Meeting profiles" "Glossary" "Sources and method" "Caveats" "Notes"; do
    pos=$(grep -bo -F -- "$h" "$TMP/three.txt" | head -1 | cut -d: -f1)
    if [ -z "$pos" ] || [ "$pos" -lt "$prev" ]; then order_ok=0; echo "#   out of order: $h"; fi
    prev=${pos:-$prev}
done
[ "$order_ok" = 1 ] && ok "three: sections read in order" || not_ok "three: sections read in order"
p1=$(grep -bo "Extended deterrence appears" "$TMP/three.txt" | head -1 | cut -d: -f1)
p2=$(grep -bo "The U.S. side was led" "$TMP/three.txt" | head -1 | cut -d: -f1)
[ -n "$p1" ] && [ -n "$p2" ] && [ "$p1" -lt "$p2" ] && ok "three: findings in rank order" || not_ok "three: findings in rank order"
grep -q $'\u202e' "$TMP/three.txt" && not_ok "three: bidi override dropped" || ok "three: bidi override dropped"
grep -q $'\a' "$TMP/three.txt" && not_ok "three: control character not drawn" || ok "three: control character not drawn"
pdffonts "$TMP/three.pdf" | grep -q Nanum && ok "three: Hangul fallback font embedded" || not_ok "three: Hangul fallback font embedded"
pdffonts "$TMP/one.pdf" >/dev/null 2>&1 && [ "$(pdffonts "$TMP/three.pdf" | awk 'NR>2 && $(NF-2)!="yes"' | wc -l)" = 0 ] && ok "three: every font has a ToUnicode map" || not_ok "three: every font has a ToUnicode map"

# links, outline, info
qpdf --qdf --object-streams=disable "$TMP/three.pdf" "$TMP/q.pdf" 2>/dev/null
n_links=$(grep -ac "/Subtype /Link" "$TMP/q.pdf")
[ "$n_links" -ge 6 ] && ok "three: note numbers are links ($n_links)" || not_ok "three: note numbers are links" "found $n_links"
grep -aq "/Outlines" "$TMP/q.pdf" && grep -aq "(Meeting profiles)" "$TMP/q.pdf" && ok "three: outline with sections" || not_ok "three: outline with sections"
info=$(pdfinfo "$TMP/three.pdf")
for k in Title Subject Keywords Author Creator Producer CreationDate; do
    printf '%s\n' "$info" | grep -q "^$k: *[^ ]" || not_ok "three: info has $k"
done
ok "three: document info filled"
printf '%s\n' "$info" | grep -q "CreationDate: .*Jun 15 .*2025" && ok "three: CreationDate from SOURCE_DATE_EPOCH" || not_ok "three: CreationDate from SOURCE_DATE_EPOCH" "$(printf '%s\n' "$info" | grep CreationDate)"
pdftotext -f 2 -l 2 "$TMP/three.pdf" - | grep -Eq "^2 ?/ ?$(pdfinfo "$TMP/three.pdf" | awk '/^Pages:/ {print $2}')$" && ok "three: page numbers n / N" || not_ok "three: page numbers n / N"

# reproducible
"$R" "$C/three.json" -o "$TMP/three2.pdf" 2>/dev/null
cmp -s "$TMP/three.pdf" "$TMP/three2.pdf" && ok "three: byte-identical with SOURCE_DATE_EPOCH" || not_ok "three: byte-identical with SOURCE_DATE_EPOCH"

# A4
"$R" "$C/one.json" -o "$TMP/a4.pdf" --paper a4 2>"$TMP/err"
pdfinfo "$TMP/a4.pdf" 2>/dev/null | grep -q "Page size: *595.2[0-9]* x 841.8[0-9]*" && ok "--paper a4" || not_ok "--paper a4" "$(pdfinfo "$TMP/a4.pdf" 2>&1 | grep 'Page size')"

# size and speed (the 3-meeting fixture embeds Hangul as well: the worst case)
sz=$(stat -c %s "$TMP/three.pdf")
[ "$sz" -lt 409600 ] && ok "three: under 400 KB ($sz bytes)" || not_ok "three: under 400 KB" "$sz bytes"
if is_asan; then
    skip "render time" "sanitizer build"
else
    best=999999
    for i in 1 2 3; do
        s=$(date +%s%N); "$R" "$C/three.json" -o "$TMP/t.pdf"; e=$(date +%s%N)
        ms=$(( (e - s) / 1000000 )); [ "$ms" -lt "$best" ] && best=$ms
    done
    echo "# report: render three: ${best} ms (best of 3; target 300 ms, measured by make bench)"
    # a loose bound here: other builds share the machine while tests run
    [ "$best" -lt 2000 ] && ok "three: renders in under 2 s (${best} ms)" || not_ok "three: renders in under 2 s" "${best} ms"
fi

# ---- out of memory anywhere ----------------------------------------------------
# A walk over the allocation points of one.json (BRIEFING_FAIL_ALLOC=N): all of
# the first 20, then a stride (about 360 points, two runs at a time); wherever
# two neighbouring points end with different messages (the failure moved to
# another allocator or drawing step), bisect to the change and walk every point
# within 10 of it: narrow windows hide there (libharu reporting a failed
# allocation late, as another error, or not at all). Every point must end in
# exit 1, "out of memory" on stderr, no sanitizer report, no PDF, no temp file.
mkdir -p "$TMP/oom"
oom_run() { # N: writes $TMP/oom/N.cls (first stderr line) and N.bad (problems)
    local n=$1 w=$TMP/oom/w$1 rc p=""
    mkdir -p "$w"
    BRIEFING_FAIL_ALLOC=$n "$R" "$C/one.json" -o "$w/o.pdf" >/dev/null 2>"$w/err"; rc=$?
    [ "$rc" = 1 ] || p+="exit status $rc; "
    grep -q "out of memory" "$w/err" || p+="no 'out of memory' message; "
    grep -qE 'Sanitizer|runtime error|Segmentation|Aborted' "$w/err" && p+="sanitizer report; "
    [ -e "$w/o.pdf" ] && p+="PDF written; "
    [ -z "$(ls -A "$w" | grep -vx -e err -e o.pdf)" ] || p+="temp file left; "
    [ -z "$p" ] || printf 'N=%s: %sstderr: %s\n' "$n" "$p" "$(head -c 200 "$w/err" | tr '\n' '|')" \
        >"$TMP/oom/$n.bad"
    head -1 "$w/err" | sed "s|^render: $C/one.json: ||" >"$TMP/oom/$n.cls"
    rm -rf "$w"
}
oom_walk() { # N...: run them, two at a time
    local n running=0
    for n in "$@"; do
        oom_run "$n" &
        running=$((running + 1))
        if [ "$running" -ge 2 ]; then wait -n; running=$((running - 1)); fi
    done
    wait
}
rm -f "$TMP/count"
BRIEFING_ALLOC_REPORT=$TMP/count "$R" "$C/one.json" -o "$TMP/count.pdf" 2>/dev/null
total=$(awk '{n = $2} END {print n + 0}' "$TMP/count" 2>/dev/null)
if [ "${total:-0}" -lt 100 ]; then
    not_ok "allocation failures end in exit 1 without a PDF" "no allocation count from BRIEFING_ALLOC_REPORT"
else
    stride=$((total / 360 + 1))
    coarse=()
    for ((n = 1; n <= 20; n++)); do coarse+=("$n"); done
    for ((n = 21; n < total; n += stride)); do coarse+=("$n"); done
    coarse+=("$total")
    oom_walk "${coarse[@]}"
    walked=${#coarse[@]} changes=0
    for ((i = 1; i < ${#coarse[@]}; i++)); do
        a=${coarse[i - 1]} b=${coarse[i]}
        [ "$(cat "$TMP/oom/$a.cls")" = "$(cat "$TMP/oom/$b.cls")" ] && continue
        changes=$((changes + 1))
        while [ $((b - a)) -gt 1 ]; do
            m=$(((a + b) / 2))
            oom_run "$m"
            walked=$((walked + 1))
            if [ "$(cat "$TMP/oom/$m.cls")" = "$(cat "$TMP/oom/$a.cls")" ]; then a=$m; else b=$m; fi
        done
        near=()
        for ((n = b - 10; n <= b + 10 && n <= total; n++)); do
            [ "$n" -ge 1 ] && [ ! -e "$TMP/oom/$n.cls" ] && near+=("$n")
        done
        oom_walk "${near[@]}"
        walked=$((walked + ${#near[@]}))
    done
    nbad=$(ls "$TMP/oom" | grep -c '\.bad$')
    echo "# report: render oom walk: $total allocations on one.json, $walked points (stride $stride, $changes message changes walked closely), $nbad bad"
    if [ "$nbad" = 0 ]; then
        ok "allocation failures end in exit 1 without a PDF ($walked of $total points)"
    else
        not_ok "allocation failures end in exit 1 without a PDF ($nbad of $walked points bad)" \
            "$(cat "$TMP/oom"/*.bad | sort -t= -k2 -n | head -5)"
    fi
fi

# the readers (../shared/tools/pdfcheck)
if [ -z "$SHARED" ] || [ ! -x "$SHARED/tools/pdfcheck" ]; then
    skip "pdfcheck" "../shared not present"
else
    for f in one three fifty; do
        [ -f "$TMP/$f.pdf" ] || continue
        "$SHARED/tools/pdfcheck" "$TMP/$f.pdf" >"$TMP/pc.out" 2>&1
        if [ -z "${PDFJS_DIR:-}" ]; then
            bad=$(grep -vE '^(pdfcheck:|pdfjs )' "$TMP/pc.out" | grep -v ' ok' || true)
            label="$f: pdfcheck readers ok, no warnings (pdf.js skipped: PDFJS_DIR unset)"
        else
            bad=$(grep -v '^pdfcheck:' "$TMP/pc.out" | grep -v ' ok' || true)
            label="$f: pdfcheck every reader ok, no warnings"
        fi
        [ -z "$bad" ] && ok "$label" || not_ok "$label" "$bad"
    done
fi
