#!/usr/bin/env bash
# clean_cli.sh - the clean stage end to end: command line, exit codes and
# messages, encodings (fixtures made here with iconv), offsets back to the
# source bytes, batch mode, --text.
source "$(dirname "$0")/../lib.sh"
CLEAN=$BIN/clean
CASES=$ROOT/tests/cases/clean
CHECK=$ROOT/tests/suites/clean_check.py
have_py=0; command -v python3 >/dev/null && have_py=1

# ---- command line -------------------------------------------------------
"$CLEAN" --help >"$TMP/help" 2>&1; check_eq "--help exits 0" 0 $?
check "--help prints usage on stdout" grep -q '^usage: clean' "$TMP/help"
check "--version prints one line" test "$("$CLEAN" --version | wc -l)" -eq 1
"$CLEAN" --bogus x 2>"$TMP/err"; check_eq "unknown option exits 2" 2 $?
"$CLEAN" 2>/dev/null; check_eq "no input exits 2" 2 $?
"$CLEAN" a b 2>/dev/null; check_eq "two inputs without -O exit 2" 2 $?
"$CLEAN" "$TMP/missing.txt" 2>"$TMP/err"; rc=$?
check_eq "missing file exits 1" 1 $rc
check "missing file names the file" grep -q "^clean: $TMP/missing.txt" "$TMP/err"

# ---- golden page ---------------------------------------------------------
"$CLEAN" --text "$CASES/page.txt" >"$TMP/page.txt"
check "page --text matches expected" diff -u "$CASES/page.expected.txt" "$TMP/page.txt"
"$CLEAN" --text - <"$CASES/page.txt" >"$TMP/page-stdin.txt"
check "stdin gives the same text" cmp "$TMP/page.txt" "$TMP/page-stdin.txt"
"$CLEAN" -o "$TMP/page.json" "$CASES/page.txt"
check_eq "-o writes JSON" 0 $?
check "meta: date from the dateline" grep -q '"published": "2024-03-14"' "$TMP/page.json"
check "meta: byline" grep -q '"byline": "By Jane Example"' "$TMP/page.json"
check "meta: publisher from the copyright line" grep -q '"publisher": "Example Daily News"' "$TMP/page.json"
check "photo credit line is a caption" grep -q '"kind": "caption"' "$TMP/page.json"
check "related stories dropped" bash -c "! grep -q 'Bridge repairs' '$TMP/page.json'"
if [ -x "$BIN/jsonschema" ] && "$BIN/jsonschema" --version >/dev/null 2>&1 && \
   "$BIN/jsonschema" "$ROOT/schemas/clean.schema.json" "$TMP/page.json" >/dev/null 2>&1; then
    ok "output validates against schemas/clean.schema.json"
elif [ -x "$BIN/jsonschema" ] && "$BIN/jsonschema" --help 2>&1 | grep -qi usage; then
    not_ok "output validates against schemas/clean.schema.json" \
        "$("$BIN/jsonschema" "$ROOT/schemas/clean.schema.json" "$TMP/page.json" 2>&1 | head -5)"
else
    skip "output validates against schemas/clean.schema.json" "no jsonschema validator yet"
fi

# ---- wire report ---------------------------------------------------------------
# the lead opens with a wire dateline whose agency credit is also a caption
# marker: it stays the lead paragraph; credits closing a line mark captions
"$CLEAN" --text "$CASES/wire.txt" >"$TMP/wire.txt"
check "wire page --text matches expected" diff -u "$CASES/wire.expected.txt" "$TMP/wire.txt"
"$CLEAN" -o "$TMP/wire.json" "$CASES/wire.txt"
if [ "$have_py" = 1 ]; then
    kind_of() {
        python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(" ".join(b["kind"] for b in d["blocks"] if b["text"].startswith(sys.argv[2])) or "none")' "$TMP/wire.json" "$1"
    }
    check_eq "wire dateline lead is a paragraph" paragraph "$(kind_of 'WASHINGTON, Jan. 10 (Yonhap) --')"
    check_eq "trailing (Image Credit: .../via Yonhap) is a caption" caption "$(kind_of 'A South Korean destroyer')"
    check_eq "trailing [DEFENSE MINISTRY] is a caption" caption "$(kind_of 'Delegates pose')"
    check "wire page: date from the page dateline" grep -q '"published": "2025-01-11"' "$TMP/wire.json"
else
    skip "wire page block kinds" "python3 missing"
fi

# ---- bad inputs -------------------------------------------------------------
: >"$TMP/empty.txt"
"$CLEAN" "$TMP/empty.txt" 2>"$TMP/err"; rc=$?
check_eq "empty file exits 1" 1 $rc
check "empty file says no text" grep -q 'no text' "$TMP/err"
printf ' \n\t\n\xc2\xa0\n' >"$TMP/blank.txt"
"$CLEAN" "$TMP/blank.txt" 2>"$TMP/err"; check_eq "whitespace-only exits 1" 1 $?
printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n' >"$TMP/fake.txt"
"$CLEAN" "$TMP/fake.txt" 2>"$TMP/err"; check_eq "PDF renamed .txt exits 1" 1 $?
check "PDF is named as such" grep -q 'found a PDF file' "$TMP/err"
printf 'abc\0def ghi\n' >"$TMP/nul.txt"
"$CLEAN" "$TMP/nul.txt" 2>"$TMP/err"; check_eq "NUL byte exits 1" 1 $?
check "NUL byte offset named" grep -q 'byte 3: expected page text, found binary data' "$TMP/err"
head -c 300 "$CASES/page.txt" >"$TMP/bad8.txt"
printf 'caf\xc3 au lait\n' >>"$TMP/bad8.txt"
cat "$CASES/page.txt" >>"$TMP/bad8.txt"
"$CLEAN" "$TMP/bad8.txt" 2>"$TMP/err" >/dev/null; check_eq "invalid UTF-8 exits 1" 1 $?
check "invalid UTF-8 names byte offset" grep -q "bad8.txt: byte 303: invalid UTF-8 sequence" "$TMP/err"
"$CLEAN" --replace "$TMP/bad8.txt" 2>"$TMP/err" >"$TMP/bad8.json"
check_eq "--replace exits 0" 0 $?
check "--replace counts the replacement" grep -q '"replacements": 1' "$TMP/bad8.json"
check "--replace warns" grep -q '1 invalid byte sequence replaced' "$TMP/err"

# ---- batch mode ---------------------------------------------------------------
mkdir -p "$TMP/out"
"$CLEAN" -O "$TMP/out" "$CASES/page.txt" "$TMP/empty.txt" "$CASES/korean.txt" 2>"$TMP/err"
check_eq "batch with one bad input exits 1" 1 $?
check "batch wrote the good inputs" test -s "$TMP/out/page.json" -a -s "$TMP/out/korean.json"
check "batch reported the bad input" grep -q 'empty.txt' "$TMP/err"
check "batch left no temp files" test "$(ls -A "$TMP/out" | grep -c tmp)" -eq 0
"$CLEAN" --text -O "$TMP/out" "$CASES/page.txt"
check "batch --text writes .txt" cmp "$TMP/out/page.txt" "$CASES/page.expected.txt"

# ---- encodings --------------------------------------------------------------
if [ "$have_py" = 0 ] || ! command -v iconv >/dev/null; then
    skip "encodings" "python3 or iconv missing"
else
    "$CLEAN" -o "$TMP/ko.json" "$CASES/korean.txt"
    iconv -f UTF-8 -t EUC-KR "$CASES/korean.txt" >"$TMP/ko-euckr.txt"
    "$CLEAN" -o "$TMP/ko-euckr.json" "$TMP/ko-euckr.txt"
    check "EUC-KR detected" grep -q '"encoding": "EUC-KR"' "$TMP/ko-euckr.json"
    check "EUC-KR gives the same title and body" python3 "$CHECK" same "$TMP/ko.json" "$TMP/ko-euckr.json"
    check "EUC-KR offsets point at the source bytes" python3 "$CHECK" offsets "$TMP/ko-euckr.json" "$TMP/ko-euckr.txt" euc-kr
    "$CLEAN" --encoding CP949 -o "$TMP/ko-forced.json" "$TMP/ko-euckr.txt"
    check "--encoding CP949 overrides detection" grep -q '"encoding": "CP949"' "$TMP/ko-forced.json"
    if [ -n "$SHARED" ] || [ -d "$ROOT/seeds" ]; then
        for seed in "$ROOT"/seeds/*.txt; do
            stem=$(basename "$seed" .txt)
            "$CLEAN" -o "$TMP/$stem.json" "$seed"
            check "$stem: offsets of every block" python3 "$CHECK" offsets "$TMP/$stem.json" "$seed" utf-8
            { printf '\xef\xbb\xbf'; cat "$seed"; } >"$TMP/$stem-bom.txt"
            "$CLEAN" -o "$TMP/$stem-bom.json" "$TMP/$stem-bom.txt"
            check "$stem: UTF-8 with BOM same body" python3 "$CHECK" same "$TMP/$stem.json" "$TMP/$stem-bom.json"
            check "$stem: UTF-8 with BOM offsets" python3 "$CHECK" offsets "$TMP/$stem-bom.json" "$TMP/$stem-bom.txt" utf-8
            { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$seed"; } >"$TMP/$stem-u16.txt"
            "$CLEAN" -o "$TMP/$stem-u16.json" "$TMP/$stem-u16.txt"
            check "$stem: UTF-16LE detected" grep -q '"encoding": "UTF-16LE"' "$TMP/$stem-u16.json"
            check "$stem: UTF-16LE same body" python3 "$CHECK" same "$TMP/$stem.json" "$TMP/$stem-u16.json"
            check "$stem: UTF-16LE offsets through the map" python3 "$CHECK" offsets "$TMP/$stem-u16.json" "$TMP/$stem-u16.txt" utf-16-le
            if iconv -f UTF-8 -t WINDOWS-1252 "$seed" >"$TMP/$stem-1252.txt" 2>/dev/null; then
                "$CLEAN" -o "$TMP/$stem-1252.json" "$TMP/$stem-1252.txt"
                check "$stem: Windows-1252 detected" grep -q '"encoding": "WINDOWS-1252"' "$TMP/$stem-1252.json"
                check "$stem: Windows-1252 same body" python3 "$CHECK" same "$TMP/$stem.json" "$TMP/$stem-1252.json"
                check "$stem: Windows-1252 offsets" python3 "$CHECK" offsets "$TMP/$stem-1252.json" "$TMP/$stem-1252.txt" cp1252
            fi
        done
        s0=$(ls "$ROOT"/seeds/000_*.txt 2>/dev/null | head -1)
        if [ -n "$s0" ]; then
            "$CLEAN" -o "$TMP/s0.json" "$s0"
            n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for b in d["blocks"] if b["kind"]=="caption" and "Elbridge Colby" in b["text"]))' "$TMP/s0.json")
            check_eq "seed 000: the repeated photo caption is kept once, as a caption" 1 "$n"
        fi
    fi
fi
# CRLF and hard-wrapped text
tr -d '\r' <"$CASES/page.txt" | sed 's/$/\r/' >"$TMP/crlf.txt"
"$CLEAN" --text "$TMP/crlf.txt" >"$TMP/crlf.out"
check "CRLF input gives the same text" cmp "$TMP/crlf.out" "$CASES/page.expected.txt"
fold -s -w 72 "$CASES/page.txt" | sed 's/ *$//' >"$TMP/wrapped.txt"
"$CLEAN" --text "$TMP/wrapped.txt" >"$TMP/wrapped.out"
check "hard-wrapped paragraphs are re-joined" cmp "$TMP/wrapped.out" "$CASES/page.expected.txt"
"$CLEAN" --encoding NO-SUCH-ENCODING "$CASES/page.txt" 2>"$TMP/err"
check_eq "unknown --encoding exits 2" 2 $?
check "unknown --encoding is named" grep -q 'NO-SUCH-ENCODING' "$TMP/err"
"$CLEAN" -o "$TMP/no/such/dir/x.json" "$CASES/page.txt" 2>"$TMP/err"
check_eq "unwritable output exits 1" 1 $?
"$CLEAN" -- "$CASES/page.txt" >/dev/null
check_eq "-- ends the options" 0 $?
# a huge single line stays linear (a few seconds at most even under ASan)
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "word%d ", i % 97; print "." }' >"$TMP/long.txt"
start=$(date +%s)
"$CLEAN" --text "$TMP/long.txt" >/dev/null; rc=$?
check_eq "a 2.4 MB single line is handled" 0 $rc
check "a 2.4 MB single line takes under 20 s" test $(( $(date +%s) - start )) -lt 20

# ---- timestamp lines are never the title ------------------------------------
# posted.txt: headline, then "Posted ... at 6:12am, updated ... at 9:40am";
# the headline stays the title in that order and in the reverse one
"$CLEAN" -o "$TMP/posted.json" "$CASES/posted.txt"
HEADLINE='Australia and South Korea agree to deepen defence industry ties at Melbourne talks'
check "posted page: the headline is the title" grep -qF "\"title\": \"$HEADLINE\"" "$TMP/posted.json"
check "posted page: date from the Posted line" grep -q '"published": "2024-08-06"' "$TMP/posted.json"
if [ "$have_py" = 1 ]; then
    python3 - "$CASES/posted.txt" "$TMP/posted-rev.txt" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
i = next(k for k, p in enumerate(s) if p.startswith("Posted "))
s[i - 1], s[i] = s[i], s[i - 1]
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(s))
PY
    "$CLEAN" -o "$TMP/posted-rev.json" "$TMP/posted-rev.txt"
    check "posted page, timestamp first: the headline is the title" \
        grep -qF "\"title\": \"$HEADLINE\"" "$TMP/posted-rev.json"
    check_eq "posted page: the timestamp line is a dateline" dateline "$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(" ".join(b["kind"] for b in d["blocks"] if b["text"].startswith("Posted Tue")) or "none")' "$TMP/posted.json")"
fi

# ---- publisher: a whole name, never a word fragment ----------------------------
BADU8=$ROOT/tests/cases/bad/clean-invalid-utf8-replace/bad-utf8.txt
if [ -f "$BADU8" ]; then
    "$CLEAN" --replace -o "$TMP/badu8.json" "$BADU8" 2>/dev/null
    check "--replace page: no fragment publisher" grep -q '"publisher": null' "$TMP/badu8.json"
    # read as Windows-1252, "Séoul" holds the bytes of a copyright sign
    "$CLEAN" --encoding WINDOWS-1252 -o "$TMP/badu8-1252.json" "$BADU8" 2>/dev/null
    check "mojibake copyright sign inside a word is no publisher" \
        grep -q '"publisher": null' "$TMP/badu8-1252.json"
fi

# ---- every block map loads through the reader's offmap rules -------------------
MAPCHECK=$BUILD/tests/clean_mapcheck
if [ ! -x "$MAPCHECK" ]; then
    skip "block maps load through offmap_from_block" "no $MAPCHECK (make tests-bin)"
else
    mkdir -p "$TMP/maps"
    ins=("$CASES"/*.txt "$TMP"/*.txt)
    [ -d "$ROOT/seeds" ] && ins+=("$ROOT"/seeds/*.txt)
    n=0
    for f in "${ins[@]}"; do
        [ -s "$f" ] || continue
        case $f in *.expected.txt | */empty.txt | */blank.txt | */fake.txt | */nul.txt | */bad8.txt) continue ;; esac
        n=$((n + 1))
        "$CLEAN" --replace -o "$TMP/maps/$n.json" "$f" 2>/dev/null || echo "$f" >>"$TMP/maps.fail"
    done
    check "clean succeeds on every case, seed and encoded variant" test ! -s "$TMP/maps.fail"
    check "case/seed/variant block maps load through offmap rules" "$MAPCHECK" "$TMP"/maps/*.json
    if [ -n "$SHARED" ] && [ -d "$SHARED/eval/clean/dev" ]; then
        mkdir -p "$TMP/devmaps"
        dev=()
        for f in "$SHARED"/eval/clean/dev/*.txt; do
            case $f in *.expected.txt) ;; *) dev+=("$f") ;; esac
        done
        "$CLEAN" -O "$TMP/devmaps" "${dev[@]}" 2>"$TMP/err"
        check_eq "clean succeeds on every dev page" 0 $?
        check_eq "a JSON for every dev page" "${#dev[@]}" "$(ls "$TMP/devmaps" | grep -c '\.json$')"
        check "every block map of every dev page loads through offmap rules" \
            "$MAPCHECK" "$TMP"/devmaps/*.json
    else
        skip "dev page block maps" "no ../shared"
    fi
fi

# ---- the source digest: SHA-NI and plain C paths agree with sha256sum
# (inputs of 0..3 blocks' remainder and a 3 MB page cross every split)
if command -v sha256sum >/dev/null; then
    mkdir -p "$TMP/sha"
    for n in 1 55 56 63 64 65 119 128 1000 3000000; do
        head -c "$n" /dev/zero | tr '\0' 'x' | sed 's/^/The meeting was held. /' >"$TMP/sha/s$n.txt"
    done
    bad=""
    for f in "$TMP"/sha/*.txt "$ROOT"/seeds/*.txt; do
        [ -f "$f" ] || continue
        want=$(sha256sum <"$f" | cut -c1-64)
        for mode in default plain; do
            if [ "$mode" = plain ]; then
                BRIEFING_NO_SHANI=1 "$CLEAN" -o "$TMP/sha/out.json" "$f" 2>/dev/null
            else
                "$CLEAN" -o "$TMP/sha/out.json" "$f" 2>/dev/null
            fi
            grep -q "\"sha256\": \"$want\"" "$TMP/sha/out.json" 2>/dev/null || bad="$bad ${f##*/}($mode)"
        done
    done
    check_eq "source sha256 equals sha256sum on both hash paths" "" "$bad"
else
    skip "source sha256 against sha256sum" "sha256sum missing"
fi
