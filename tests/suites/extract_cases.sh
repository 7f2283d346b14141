#!/usr/bin/env bash
# extract_cases.sh - clean + extract on the golden cases in tests/cases/extract/:
# each case holds input.txt, optional args (extra extract options) and
# expected.json with the key facts asserted (meeting identity, leads with
# side/title/acting, topics in and out, acronyms, exercises, quotes).
source "$(dirname "$0")/../lib.sh"

for dir in "$ROOT"/tests/cases/extract/*/; do
    c=$(basename "$dir")
    args=()
    [ -f "$dir/args" ] && read -r -a args <"$dir/args"
    if ! "$BIN/clean" -o "$TMP/$c.clean.json" "$dir/input.txt" 2>"$TMP/err"; then
        not_ok "$c: clean" "$(cat "$TMP/err")"
        continue
    fi
    if ! "$BIN/extract" "${args[@]}" -o "$TMP/$c.json" "$TMP/$c.clean.json" 2>"$TMP/err"; then
        not_ok "$c: extract" "$(cat "$TMP/err")"
        continue
    fi
    check "$c: expected facts" python3 - "$dir/expected.json" "$TMP/$c.json" <<'PY'
import json, sys
exp = json.load(open(sys.argv[1]))
rec = json.load(open(sys.argv[2]))
errs = []
def low(s): return " ".join((s or "").split()).lower()
if "doc_type" in exp and rec["source"]["doc_type"] != exp["doc_type"]:
    errs.append("doc_type %r, expected %r" % (rec["source"]["doc_type"], exp["doc_type"]))
for k, v in exp.get("meeting", {}).items():
    if rec["meeting"].get(k) != v:
        errs.append("meeting.%s %r, expected %r" % (k, rec["meeting"].get(k), v))
leads = [p for p in rec["participants"] if p["role"] == "lead"]
for g in exp.get("leads", []):
    hit = [p for p in leads if p["name"] == g["name"]]
    if not hit:
        errs.append("lead missing: %s (leads: %s)" % (g["name"], [p["name"] for p in leads]))
        continue
    p = hit[0]
    if p["side"] != g["side"]:
        errs.append("%s side %r, expected %r" % (g["name"], p["side"], g["side"]))
    if low(g["title_contains"]) not in low(p["title"]):
        errs.append("%s title %r lacks %r" % (g["name"], p["title"], g["title_contains"]))
    if p["acting"] != g["acting"]:
        errs.append("%s acting %r" % (g["name"], p["acting"]))
if "leads" in exp and len(leads) != len(exp["leads"]):
    errs.append("leads %s, expected %d" % ([p["name"] for p in leads], len(exp["leads"])))
for n in exp.get("not_leads", []):
    if any(p["name"] == n for p in leads):
        errs.append("%s must not be a lead" % n)
if exp.get("participants_empty") and rec["participants"]:
    errs.append("participants not empty: %s" % [p["name"] for p in rec["participants"]])
rel = {r["series"] for r in rec["related_meetings"]}
for s in exp.get("related_series", []):
    if s not in rel:
        errs.append("related meeting %s missing (got %s)" % (s, sorted(rel)))
tops = {t["id"] for t in rec["topics"]}
for t in exp.get("topics_include", []):
    if t not in tops:
        errs.append("topic missing: " + t)
for t in exp.get("topics_exclude", []):
    if t in tops:
        errs.append("topic must not be listed: " + t)
acr = {(a["acronym"], a["name"]) for a in rec["acronyms"]}
for a, n in exp.get("acronyms_include", []):
    if (a, n) not in acr:
        errs.append("acronym missing: %s = %s" % (a, n))
ex = [e["name"] for e in rec["exercises"]]
for e in exp.get("exercises_include", []):
    if e not in ex:
        errs.append("exercise missing: %s (got %s)" % (e, ex))
for q in exp.get("quotes", []):
    if not any(x["speaker"] == q["speaker"] and x["text"].startswith(q["starts_with"]) for x in rec["quotes"]):
        errs.append("quote missing: %s: %s" % (q["speaker"], q["starts_with"]))
if len(rec["commitments"]) < exp.get("commitments_min", 0):
    errs.append("commitments %d < %d" % (len(rec["commitments"]), exp["commitments_min"]))
if errs:
    print("\n".join(errs))
    sys.exit(1)
PY
done

# usage and error paths
"$BIN/extract" --help >"$TMP/out" 2>&1; check_eq "--help exits 0" 0 $?
"$BIN/extract" >"$TMP/out" 2>&1; check_eq "no input exits 2" 2 $?
"$BIN/extract" --published 2024-13-40 x.json >"$TMP/out" 2>&1; check_eq "bad --published exits 2" 2 $?
echo '{"format": "nope"}' >"$TMP/bad.json"
"$BIN/extract" "$TMP/bad.json" >"$TMP/out" 2>"$TMP/err"; check_eq "invalid clean JSON exits 1" 1 $?
check "error names the file" grep -q "extract: .*bad.json" "$TMP/err"
printf '{"a": ' >"$TMP/trunc.json"
"$BIN/extract" "$TMP/trunc.json" >"$TMP/out" 2>&1; check_eq "malformed JSON exits 1" 1 $?
# batch: a bad input does not stop the others; exit 1 at the end
c1=$(ls "$TMP"/*.clean.json | head -1)
"$BIN/extract" -O "$TMP/batch" "$c1" "$TMP/bad.json" >"$TMP/out" 2>&1; check_eq "batch with a bad file exits 1" 1 $?
check "batch wrote the good one" test -s "$TMP/batch/$(basename "$c1" .json).json"
check "batch wrote no bad one" test ! -e "$TMP/batch/bad.json"
# stdin and determinism
"$BIN/extract" - <"$c1" >"$TMP/a.json" 2>/dev/null && "$BIN/extract" "$c1" >"$TMP/b.json" 2>/dev/null
check "stdin gives the same record" cmp -s "$TMP/a.json" "$TMP/b.json"
# fault injection: every failing allocation ends in exit 1, one message, no temp file
fi_bad=0
mkdir -p "$TMP/fi"
for n in 1 2 3 5 8 20 60 150 400 1000 2500; do
    BRIEFING_FAIL_ALLOC=$n "$BIN/extract" -o "$TMP/fi/out.json" "$c1" >/dev/null 2>"$TMP/fi.err" && continue
    rc=$?
    mkdir -p "$TMP/fi"
    if [ "$rc" -ne 1 ] || grep -q Sanitizer "$TMP/fi.err" || [ -n "$(ls -A "$TMP/fi" 2>/dev/null | grep -v '^out.json$')" ]; then
        fi_bad=$n
        break
    fi
done
check_eq "allocation failures end in exit 1 (first bad N)" 0 "$fi_bad"
# a long repetitive page stays fast (linear scans; skipped under sanitizers)
if is_asan; then
    skip "long input in linear time" "slow under sanitizers"
else
    python3 - "$c1" "$TMP/long.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
para = "U.S. Secretary of Defense Lloyd Austin held the 55th SCM with Minister Kim Yong Hyun in Seoul on May 2, 2024. "
d["blocks"] = [{"kind": "paragraph", "text": para * 40, "start": 0, "end": len(para) * 40} for _ in range(100)]
d["source"]["bytes"] = len(para) * 4000
json.dump(d, open(sys.argv[2], "w"))
PY
    start=$(date +%s)
    "$BIN/extract" -o "$TMP/long.out.json" "$TMP/long.json" >/dev/null 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    echo "# report: extract on a 440 KB page: ${secs}s"
    check_eq "long input: exit 0" 0 "$rc"
    check "long input in under 10 s" test "$secs" -lt 10
fi
# mutated pages (deterministic): clean + extract never crash, never trip a sanitizer
python3 - "$TMP/mut" "$ROOT"/seeds/*.txt "$ROOT"/tests/cases/extract/*/input.txt <<'PY'
import os, random, sys
random.seed(5)
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
srcs = [open(f, "rb").read() for f in sys.argv[2:]]
toks = [b"U.S.", b"Korea-U.S.", b" (", b")", b"\xe2\x80\x9c", b"\xe2\x80\x9d", b'"', b", ", b". ",
        b"\n\n", b"Dr. ", b"the 23rd ", b"held ", b"KIDD", b"Secretary of Defense ", b"Kim ",
        b"-", b"\xc2\xa0", b"on Thursday", b"May 1 to 2", b"Shield ", b"10,000 troops",
        b"who performs the duties of the ", b"counterpart ", b"said, "]
for i in range(30):
    s = bytearray(random.choice(srcs))
    for _ in range(random.randint(1, 40)):
        p = random.randrange(len(s) + 1)
        r = random.random()
        if r < 0.4:
            s[p:p] = random.choice(toks)
        elif r < 0.7:
            del s[p:p + random.randint(1, 50)]
        else:
            q = random.randrange(len(s) + 1)
            s[p:p] = s[q:q + random.randint(1, 200)]
    open(os.path.join(out, "m%02d.txt" % i), "wb").write(s)
PY
mut_bad=""
for f in "$TMP"/mut/*.txt; do
    "$BIN/clean" -o "$f.clean.json" "$f" >/dev/null 2>&1 || continue
    "$BIN/extract" -o "$f.json" "$f.clean.json" >/dev/null 2>"$f.err"
    rc=$?
    if [ "$rc" -gt 1 ] || grep -q -E "Sanitizer|runtime error" "$f.err"; then
        mut_bad="$mut_bad $(basename "$f"):$rc"
    fi
done
check_eq "mutated pages: no crash" "" "$mut_bad"

# --no-sync (what run.sh passes in batch mode) changes nothing but the fsync
nosync_bad=""
for s in "$ROOT"/seeds/*.txt; do
    [ -f "$s" ] || continue
    b=$(basename "$s" .txt)
    "$BIN/clean" -o "$TMP/ns-$b.a.clean" "$s" 2>/dev/null &&
        "$BIN/clean" --no-sync -o "$TMP/ns-$b.b.clean" "$s" 2>/dev/null &&
        cmp -s "$TMP/ns-$b.a.clean" "$TMP/ns-$b.b.clean" || nosync_bad="$nosync_bad clean:$b"
    "$BIN/extract" -o "$TMP/ns-$b.a.json" "$TMP/ns-$b.a.clean" 2>/dev/null &&
        "$BIN/extract" --no-sync -o "$TMP/ns-$b.b.json" "$TMP/ns-$b.a.clean" 2>/dev/null &&
        cmp -s "$TMP/ns-$b.a.json" "$TMP/ns-$b.b.json" || nosync_bad="$nosync_bad extract:$b"
done
check_eq "--no-sync gives the same clean and extract outputs" "" "$nosync_bad"
