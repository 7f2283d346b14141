#!/usr/bin/env bash
# e2e.sh - run.sh end to end on the seeds, into temporary directories:
# outputs, schemas, PDF text, odd paths, usage errors, incremental runs,
# interruption, locking, --keep-going. Runs against $BIN (BRIEFING_BIN).
source "$(dirname "$0")/../lib.sh"
export BRIEFING_BIN=$BIN
RUN="$ROOT/run.sh"

py_json_ok() { python3 -c 'import json,sys; [json.load(open(f)) for f in sys.argv[1:]]' "$@"; }

# --- every stage answers --help and --version
for s in clean extract compare render jsonschema; do
    check "$s --help exits 0 and prints usage" bash -c "'$BIN/$s' --help | grep -qi usage"
    check "$s --version prints one line" bash -c "[ \$('$BIN/$s' --version | wc -l) -eq 1 ]"
    "$BIN/$s" --bogus-option >/dev/null 2>&1
    check_eq "$s --bogus-option exits 2" 2 $?
done

# --- the main run on the seeds
out="$TMP/out"
"$RUN" -q -o "$out" "$ROOT/seeds" 2>"$TMP/run.err"
rc=$?
check_eq "run.sh on seeds exits 0" 0 "$rc"
[ "$rc" = 0 ] || sed 's/^/# /' "$TMP/run.err" | tail -20
nseeds=$(find "$ROOT/seeds" -name '*.txt' | wc -l)
check_eq "one clean JSON per seed" "$nseeds" "$(find "$out/clean" -name '*.json' | wc -l)"
check_eq "one meeting JSON per seed" "$nseeds" "$(find "$out/meetings" -name '*.json' | wc -l)"
check "comparison.json written" test -s "$out/comparison.json"
check "briefing.pdf written" test -s "$out/briefing.pdf"
check "all JSON outputs parse" py_json_ok "$out"/clean/*.json "$out"/meetings/*.json "$out/comparison.json"
check "no temp files left" bash -c "! find '$out' -name '.*.tmp.*' | grep -q ."

if "$BIN/jsonschema" --help >/dev/null 2>&1; then
    check "clean outputs validate" "$BIN/jsonschema" "$ROOT/schemas/clean.schema.json" "$out"/clean/*.json
    check "meeting outputs validate" "$BIN/jsonschema" "$ROOT/schemas/meeting.schema.json" "$out"/meetings/*.json
    check "comparison validates" "$BIN/jsonschema" "$ROOT/schemas/comparison.schema.json" "$out/comparison.json"
fi

# --- the PDF opens and carries what the comparison says (data-driven)
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$out/briefing.pdf" "$TMP/b.txt" 2>"$TMP/pdftotext.err"
    check "pdftotext reads the briefing without warnings" test ! -s "$TMP/pdftotext.err"
    python3 - "$out/comparison.json" "$TMP/b.txt" >"$TMP/facts.tap" <<'EOF'
import json, re, sys
cmp = json.load(open(sys.argv[1]))
text = re.sub(r"\s+", " ", open(sys.argv[2], encoding="utf-8", errors="replace").read())
def fold(s): return re.sub(r"\s+", " ", s or "").strip()
for i, m in enumerate(cmp.get("meetings", [])):
    facts = []
    if m.get("city"): facts.append(("city", m["city"]))
    if m.get("series"): facts.append(("series", m["series"]))
    for l in m.get("leads") or []:
        if l.get("name"): facts.append(("lead", l["name"]))
    for kind, v in facts:
        ok = fold(v) in text
        print(("ok" if ok else "not ok") + " - briefing shows meeting %d %s %r" % (i + 1, kind, v))
for f in cmp.get("findings", [])[:8]:
    words = fold(f.get("text"))[:40]
    ok = words in text
    print(("ok" if ok else "not ok") + " - briefing shows finding %r" % words)
EOF
    cat "$TMP/facts.tap"
    [ -s "$TMP/facts.tap" ] || not_ok "comparison facts found to check in the PDF"
else
    skip "PDF text checks" "pdftotext not installed"
fi

# --- the gold yardstick (reported; field groups asserted at 1.00 where reached)
if [ -n "$SHARED" ] && [ -d "$SHARED/gold" ]; then
    python3 "$SHARED/eval/score_gold.py" "$SHARED/gold" "$out" >"$TMP/gold.txt" 2>&1
    sed -n '/field groups/,$p' "$TMP/gold.txt" | sed 's/^/# report: gold /'
    score=$(sed -n 's/^score \([0-9.]*\).*/\1/p' "$TMP/gold.txt")
    check "gold score reported" test -n "$score"
else
    skip "gold yardstick" "../shared not present"
fi

# --- odd paths: spaces, quotes, non-ASCII, leading dash
odd="$TMP/some dir with spaces/한국 'q'"
mkdir -p "$odd"
first=$(find "$ROOT/seeds" -name '*.txt' | sort | head -1)
cp "$first" "$odd/-dash seed é.txt"
"$RUN" -q -o "$TMP/out 2/é" "$odd" 2>"$TMP/odd.err"
check_eq "run.sh with spaces/non-ASCII paths exits 0" 0 $?
check "odd-path outputs written" test -s "$TMP/out 2/é/meetings/-dash seed é.json"
check "odd-path briefing written" test -s "$TMP/out 2/é/briefing.pdf"

# --- usage and missing files
"$RUN" --bogus >"$TMP/u.out" 2>"$TMP/u.err"
check_eq "run.sh --bogus exits 2" 2 $?
check "run.sh --bogus says how to get usage" grep -q -- "--help" "$TMP/u.err"
"$RUN" -q -o "$TMP/o3" "$TMP/does-not-exist.txt" 2>"$TMP/m.err"
check_eq "missing input exits 1" 1 $?
check "missing input is named" grep -q "does-not-exist.txt" "$TMP/m.err"

# --- incremental: a second run redoes nothing; touching one input redoes it alone
stat_all() { find "$out" -name '*.json' -o -name '*.pdf' | sort | xargs -d '\n' stat -c '%n %Y.%y'; }
stat_all >"$TMP/before"
sleep 1
"$RUN" -q -o "$out" "$ROOT/seeds" 2>/dev/null
check_eq "second run exits 0" 0 $?
stat_all >"$TMP/after"
check "second run rewrites nothing" cmp -s "$TMP/before" "$TMP/after"

cp -r "$ROOT/seeds" "$TMP/seeds2"
"$RUN" -q -o "$TMP/inc" "$TMP/seeds2" 2>/dev/null
one=$(find "$TMP/seeds2" -name '*.txt' | sort | head -1)
stem=$(basename "$one" .txt)
(cd "$TMP/inc" && find clean meetings -name '*.json' | sort | xargs -d '\n' stat -c '%n %y') >"$TMP/i1"
sleep 1
printf '\n' >>"$one"
"$RUN" -q -o "$TMP/inc" "$TMP/seeds2" 2>/dev/null
(cd "$TMP/inc" && find clean meetings -name '*.json' | sort | xargs -d '\n' stat -c '%n %y') >"$TMP/i2"
changed=$(diff "$TMP/i1" "$TMP/i2" | grep '^>' | awk '{print $2}' | sort | tr '\n' ' ')
check_eq "a changed input re-runs only its own clean and extract" "clean/$stem.json meetings/$stem.json " "$changed"

# --- locking: a second run on the same directory is refused while one holds it
(flock 9; sleep 3) 9>"$out/.cache/lock" &
sleep 0.3
"$RUN" -q -o "$out" "$ROOT/seeds" 2>"$TMP/lock.err"
check_eq "concurrent run on the same output dir exits 1" 1 $?
check "concurrent run says why" grep -q "another run" "$TMP/lock.err"
wait

# --- interruption: kill a run at several moments; files are old or new, whole
kdir="$TMP/kill"
"$RUN" -q -o "$kdir" "$ROOT/seeds" 2>/dev/null
for delay in 0.05 0.15 0.3 0.6; do
    cp -r "$ROOT/seeds" "$TMP/kseeds.$delay"
    for f in "$TMP/kseeds.$delay"/*.txt; do printf '\nExtra line %s.\n' "$delay" >>"$f"; done
    "$RUN" -q -o "$kdir" "$TMP/kseeds.$delay" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
done
check "after kills, every JSON parses" py_json_ok "$kdir"/clean/*.json "$kdir"/meetings/*.json "$kdir/comparison.json"
if command -v qpdf >/dev/null 2>&1; then
    check "after kills, the PDF is whole" qpdf --check "$kdir/briefing.pdf"
fi
check "after kills, no temp file has a target's name" bash -c "! find '$kdir' -name '*.tmp.*' ! -name '.*' | grep -q ."

# --- failures: no new briefing without --keep-going; with it, the briefing names them
bad="$TMP/bad"
mkdir -p "$bad"
cp "$ROOT"/seeds/*.txt "$bad/"
: >"$bad/empty.txt"
cp "$out/briefing.pdf" "$TMP/prev.pdf"
"$RUN" -q -o "$out" "$bad" 2>"$TMP/bad.err"
check_eq "a failing document makes run.sh exit 1" 1 $?
check "the failing document is named" grep -q "empty.txt" "$TMP/bad.err"
check "the previous briefing is left intact" cmp -s "$TMP/prev.pdf" "$out/briefing.pdf"
"$RUN" -q -k -o "$TMP/kg" "$bad" 2>"$TMP/kg.err"
check_eq "--keep-going still exits 1 when a document failed" 1 $?
check "--keep-going writes the briefing" test -s "$TMP/kg/briefing.pdf"
check "--keep-going lists the failed document in comparison.json" \
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any("empty.txt" in f.get("file","") for f in d.get("failed",[]))' "$TMP/kg/comparison.json"

# --- install: PREFIX and DESTDIR honoured; installed programs find their data
if ! is_asan; then
    make -s -C "$ROOT" install PREFIX=/opt/briefing-test DESTDIR="$TMP/inst" >"$TMP/inst.log" 2>&1
    check_eq "make install PREFIX=... DESTDIR=... exits 0" 0 $?
    ib="$TMP/inst/opt/briefing-test/bin"
    check "installed programs are in DESTDIR/PREFIX/bin" test -x "$ib/clean" -a -x "$ib/render"
    (cd / && "$ib/clean" "$ROOT/seeds/$(ls "$ROOT/seeds" | head -1)" | "$ib/extract" - >"$TMP/inst.json")
    check_eq "installed clean | extract runs from another directory" 0 $?
    check "installed extract wrote a meeting record" grep -q '"format": "briefing-meeting/1"' "$TMP/inst.json"
fi
