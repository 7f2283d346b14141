#!/usr/bin/env bash
# extract_evidence.sh - every evidence object of every seed's meeting record
# points at input bytes [start,end) that hold its text (whitespace-folded);
# records validate against schemas/meeting.schema.json; the seed records
# score on ../shared/gold when it is there (a yardstick, printed as # report).
source "$(dirname "$0")/../lib.sh"

mkdir -p "$TMP/clean" "$TMP/meetings"
for f in "$ROOT"/seeds/*.txt; do
    s=$(basename "$f" .txt)
    if ! "$BIN/clean" -o "$TMP/clean/$s.json" "$f" 2>"$TMP/err"; then
        not_ok "clean $s" "$(cat "$TMP/err")"
        continue
    fi
    check "extract $s" "$BIN/extract" -o "$TMP/meetings/$s.json" "$TMP/clean/$s.json"
    check "schema $s" "$BIN/jsonschema" "$ROOT/schemas/meeting.schema.json" "$TMP/meetings/$s.json"
    check "evidence offsets $s" python3 - "$f" "$TMP/meetings/$s.json" <<'PY'
import json, re, sys
raw = open(sys.argv[1], "rb").read()
rec = json.load(open(sys.argv[2], encoding="utf-8"))
fold = lambda s: re.sub(r"\s+", " ", s).strip()
bad, n = [], 0
def walk(v, path):
    global n
    if isinstance(v, dict):
        if {"text", "start", "end"} <= v.keys() and isinstance(v.get("start"), int):
            n += 1
            got = fold(raw[v["start"]:v["end"]].decode("utf-8", "replace"))
            if not (0 <= v["start"] <= v["end"] <= len(raw)) or fold(v["text"]) not in got:
                bad.append("%s: [%d,%d) %r" % (path, v["start"], v["end"], v["text"][:60]))
        for k, x in v.items():
            walk(x, path + "/" + k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, "%s/%d" % (path, i))
walk(rec, "")
if bad or n == 0:
    print("%d of %d evidence objects do not match their bytes" % (len(bad), n))
    print("\n".join(bad[:5]))
    sys.exit(1)
PY
done

# a record with no caption-only fact marked otherwise: caption evidence says so
check "caption facts are marked" python3 - "$TMP/meetings" <<'PY'
import json, os, sys
d = sys.argv[1]
seen = 0
for fn in os.listdir(d):
    rec = json.load(open(os.path.join(d, fn)))
    for t in rec["topics"]:
        for e in t["evidence"]:
            assert e.get("block") != "caption", "topic evidence from a caption in " + fn
    for p in rec["participants"]:
        seen += any(e.get("block") == "caption" for e in p["evidence"])
assert seen >= 1, "no caption evidence at all"
PY

if [ -n "$SHARED" ] && [ -d "$SHARED/gold" ]; then
    python3 "$SHARED/eval/score_gold.py" "$SHARED/gold" "$TMP" >"$TMP/score" 2>&1
    score=$(tail -1 "$TMP/score")
    echo "# report: extract seeds vs gold: $score"
    grep -E '^   (meeting|leads|lead_titles|topics|quotes|exercises|acronyms) ' "$TMP/score" |
        while read -r k v _; do echo "# report:   $k $v"; done
    case "$score" in
        "score 0."[89]*|"score 1."*) ok "gold score at least 0.80 ($score)" ;;
        *) not_ok "gold score at least 0.80" "$score" ;;
    esac
else
    skip "gold score" "../shared not present"
fi
