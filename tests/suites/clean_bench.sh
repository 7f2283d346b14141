#!/usr/bin/env bash
# clean_bench.sh - yardsticks of the clean stage: token F1 of `clean --text`
# on the cleaning benchmark's dev half (../shared/eval/clean/dev, scored by its
# score.py; must reach 0.93), and throughput next to `wc -w` on a corpus made
# by repeating the dev pages. Skipped without ../shared or under ASan.
source "$(dirname "$0")/../lib.sh"
CLEAN=$BIN/clean
DEV=${SHARED:+$SHARED/eval/clean/dev}
if [ -z "$SHARED" ] || [ ! -d "$DEV" ]; then
    skip "clean benchmark F1" "no ../shared"
    skip "clean throughput" "no ../shared"
    exit 0
fi
if is_asan; then
    skip "clean benchmark F1" "slow under ASan"
    skip "clean throughput" "slow under ASan"
    exit 0
fi
mkdir -p "$TMP/pred"
fails=0
for f in "$DEV"/*.txt; do
    case $f in *.expected.txt) continue ;; esac
    id=$(basename "$f" .txt)
    "$CLEAN" --text "$f" >"$TMP/pred/$id.txt" 2>"$TMP/err" || fails=$((fails + 1))
done
check_eq "clean succeeds on every dev page" 0 "$fails"
python3 "$SHARED/eval/clean/score.py" "$DEV" "$TMP/pred" >"$TMP/score" 2>&1
f1=$(awk '/^F1 [0-9.]+ over/ {print $2}' "$TMP/score")
p=$(awk '/^precision/ {print $2}' "$TMP/score")
r=$(awk '/^recall/ {print $2}' "$TMP/score")
echo "# report: clean benchmark F1 ${f1:-?} (P ${p:-?} R ${r:-?}) on dev, target 0.93"
if [ -n "$f1" ] && awk -v f="$f1" 'BEGIN {exit !(f >= 0.93)}'; then
    ok "clean benchmark F1 >= 0.93"
else
    not_ok "clean benchmark F1 >= 0.93" "F1 ${f1:-missing}" "$(tail -3 "$TMP/score")"
fi

# throughput: about 50 MB of page text
: >"$TMP/corpus.txt"
for f in "$DEV"/*.txt; do
    case $f in *.expected.txt) ;; *) cat "$f" ;; esac
done >"$TMP/pages.txt"
while [ "$(stat -c %s "$TMP/corpus.txt")" -lt 50000000 ]; do
    cat "$TMP/pages.txt" >>"$TMP/corpus.txt"
done
bytes=$(stat -c %s "$TMP/corpus.txt")
# CPU seconds (user + system) of one command: the machine may be shared, so
# wall-clock time would measure the neighbours too
cpu() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -o "$TMP/cpu" -f '%U %S' "$@" >/dev/null 2>&1
        awk '{printf "%.3f\n", $1 + $2}' "$TMP/cpu"
    else
        local t0 t1
        t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}'
    fi
}
wc_s=$(cpu wc -w "$TMP/corpus.txt")
clean_s=$(cpu "$CLEAN" "$TMP/corpus.txt")
"$CLEAN" "$TMP/corpus.txt" >/dev/null; rc=$?
check_eq "clean handles a $((bytes / 1000000)) MB page" 0 "$rc"
read -r wc_mbs clean_mbs ratio < <(awk -v b="$bytes" -v w="$wc_s" -v c="$clean_s" \
    'BEGIN { if (w <= 0) w = 0.001; if (c <= 0) c = 0.001;
             printf "%.1f %.1f %.1f\n", b / w / 1e6, b / c / 1e6, c / w }')
echo "# report: clean throughput ${clean_mbs} MB/s, wc -w ${wc_mbs} MB/s (clean takes ${ratio}x wc -w, CPU time) on $((bytes / 1000000)) MB"
if awk -v r="$ratio" 'BEGIN {exit !(r <= 20)}'; then
    ok "clean within 20x of wc -w"
else
    not_ok "clean within 20x of wc -w" "ratio $ratio"
fi
