#!/usr/bin/env bash
# eval_nlp.sh - yardsticks of the extract stage's text analysis (issue 5):
# sentence segmentation (Golden Rules, Pragmatic Segmenter spec), acronym
# definitions (MED1250) and date normalisation (TempEval-3 platinum DATE
# values). Skips when ../shared is absent; fails below the bars. The
# Pragmatic Segmenter spec runs with its cleaner on (upstream default), so the
# harness cleans each case with sentence_clean_text() first; the report line
# also shows sentence_split alone on the raw texts (the pipeline's mode).
source "$(dirname "$0")/../lib.sh"
T=$BUILD/tests
EVAL=${SHARED:+$SHARED/eval}

if [ -z "$SHARED" ] || [ ! -d "$EVAL" ]; then
    for n in golden pragmatic med1250 te3; do skip "nlp yardstick $n" "no ../shared"; done
    exit 0
fi

# bar NAME GOT TOTAL MIN_NUM MIN_DEN: ok when GOT/TOTAL >= MIN_NUM/MIN_DEN
bar() {
    if [ "$2" -gt 0 ] 2>/dev/null && [ $(($2 * $5)) -ge $(($3 * $4)) ]; then ok "$1"; else
        not_ok "$1" "got $2 of $3, bar $4/$5"; fi
}

out=$("$T/eval_sentences" "$EVAL/sentences/golden_en.json")
got=$(echo "$out" | awk '/^passed/ {print $2}'); tot=$(echo "$out" | awk '/^passed/ {print $4}')
echo "# report: sentences golden rules $got/$tot (bar 46)"
bar "sentences: golden rules >= 46/48" "${got:-0}" 48 46 48

raw=$("$T/eval_sentences" "$EVAL/sentences/pragmatic_segmenter_en.json" | awk '/^passed/ {print $2 "/" $4}')
out=$("$T/eval_sentences" "$EVAL/sentences/pragmatic_segmenter_en.json" --clean)
got=$(echo "$out" | awk '/^passed/ {print $2}'); tot=$(echo "$out" | awk '/^passed/ {print $4}')
vb=$(echo "$out" | awk '/^verbatim/ {print $2 "/" $4}')
echo "# report: sentences pragmatic segmenter $got/$tot with cleaning, $vb of the cases needing no cleaning; $raw raw without cleaning (bar 90%)"
bar "sentences: pragmatic segmenter >= 90% (with cleaning)" "${got:-0}" "${tot:-179}" 90 100

out=$("$T/eval_acronyms" "$EVAL/acronyms/med1250.json")
read -r tp fp fn < <(echo "$out" | awk '/^tp/ {print $2, $4, $6}')
echo "# report: acronyms MED1250 $(echo "$out" | grep '^precision') (tp $tp fp $fp fn $fn; bars 0.95/0.82)"
bar "acronyms: precision >= 0.95" "${tp:-0}" $((${tp:-0} + ${fp:-0})) 95 100
bar "acronyms: recall >= 0.82" "${tp:-0}" $((${tp:-0} + ${fn:-0})) 82 100

out=$("$T/eval_dates" "$EVAL/dates/te3_platinum_timexes.json")
got=$(echo "$out" | awk '/^exact/ {print $2}'); tot=$(echo "$out" | awk '/^exact/ {print $4}')
echo "# report: dates TE3 DATE values $got/$tot exact (bar 80%)"
bar "dates: TE3 DATE values >= 80%" "${got:-0}" "${tot:-96}" 80 100
