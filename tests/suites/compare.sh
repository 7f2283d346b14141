#!/usr/bin/env bash
# compare.sh - the compare stage on hand-made meeting records: the seeds'
# acceptance facts, merging, duplicates, chronology, people, evidence
# offsets, CSV, errors and timing.
source "$(dirname "$0")/../lib.sh"
C=$BIN/compare
CASES=$ROOT/tests/cases/compare
SEEDREC=$CASES/seeds
Q() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1"; }

if ! command -v python3 >/dev/null; then skip "compare suite" "python3 missing"; exit 0; fi

# ---- the seeds
"$C" -o "$TMP/seeds.json" --csv "$TMP/csv" "$SEEDREC"/*.json 2>"$TMP/err"
check_eq "seeds: exit 0" 0 $?
check_eq "seeds: three meetings in order" "KIDD 2023-09-18|SCM 2024-10-31|KIDD 2025-05-01" \
    "$(Q "$TMP/seeds.json" "print('|'.join('%s %s'%(m['series'],m['start_date']) for m in d['meetings']))")"
check_eq "seeds: labels" "23rd KIDD (Sept. 2023)|56th SCM (Oct. 2024)|KIDD (May 2025)" \
    "$(Q "$TMP/seeds.json" "print('|'.join(m['label'] for m in d['meetings']))")"
check_eq "seeds: 2025 KIDD is a news report, not a full source" "news_report False relative" \
    "$(Q "$TMP/seeds.json" "m=d['meetings'][2]; print(m['source_details'][0]['doc_type'], m['full_source'], m['date_flag'])")"
check_eq "seeds: 2025 KIDD gaps are not_reported, never absent" "not_reported" \
    "$(Q "$TMP/seeds.json" "print(' '.join(sorted(set(r['cells'][2]['status'] for r in d['topic_matrix'] if r['cells'][2]['status']!='present'))))")"
check_eq "seeds: 2023 KIDD (joint statement) gaps are absent" "absent" \
    "$(Q "$TMP/seeds.json" "print(' '.join(sorted(set(r['cells'][0]['status'] for r in d['topic_matrix'] if r['cells'][0]['status']!='present'))))")"
check_eq "seeds: 2023 vs 2025 KIDD change" \
    "same_series new=alliance_vision continued=regional_security dropped= not_reported=combined_posture,cyber,denuclearization,dprk_threat,exercises,extended_deterrence,missile_defense,opcon_transition,science_technology,trilateral_japan,unc" \
    "$(Q "$TMP/seeds.json" "c=[c for c in d['changes'] if c['from']=='kidd-2023-09-18' and c['to']=='kidd-2025-05-01'][0]; t=c['topics']; print(c['basis'], ' '.join('%s=%s'%(k, ','.join(sorted(t[k]))) for k in ('new','continued','dropped','not_reported')))")"
check_eq "seeds: 2023 vs 2025 KIDD exercises not reported" "Ulchi Freedom Shield 23,Warrior Shield" \
    "$(Q "$TMP/seeds.json" "c=[c for c in d['changes'] if c['to']=='kidd-2025-05-01' and c['basis']=='same_series'][0]; print(','.join(c['exercises']['not_reported']))")"
# the whole body of every record was searched ("sentences"): ironclad is absent
# from the 2025 report's wording (the findings add that the report is short)
check_eq "seeds: ironclad present, present, absent" "present present absent" \
    "$(Q "$TMP/seeds.json" "s=[s for s in d['signals'] if s['id']=='ironclad'][0]; print(' '.join(c['status'] for c in s['cells']))")"
check_eq "signals: display label in phrase, pattern kept apart" \
    "complete denuclearization|complete denucleariz*|0" \
    "$(Q "$TMP/seeds.json" "s=[s for s in d['signals'] if s['id']=='complete_denuclearization'][0]; print(s['phrase']+'|'+s['pattern']+'|'+str(sum(1 for x in d['signals'] if '*' in x['phrase'] or '...' in x['phrase'] or '_' in x['phrase'])))")"
check_eq "signals: change lists carry labels, not ids" "ok" \
    "$(Q "$TMP/seeds.json" "L={s['phrase'] for s in d['signals']}; bad=[v for c in d['changes'] for k in c['signals'] for v in c['signals'][k] if v not in L]; print('ok' if not bad else bad)")"
check_eq "findings: plain text, no ids, patterns or underscores" "ok" \
    "$(Q "$TMP/seeds.json" "import re; ids={s['id'] for s in d['signals'] if '_' in s['id']}|{m['id'] for m in d['meetings']}; bad=[f['text'] for f in d['findings'] if '_' in f['text'] or '*' in f['text'] or '...' in f['text'] or any(i in f['text'] for i in ids)]; print('ok' if not bad else bad)")"
check_eq "findings: at most 2 signal findings in the top 8" "ok" \
    "$(Q "$TMP/seeds.json" "n=sum(1 for f in d['findings'][:8] if f['kind']=='signal'); print('ok' if n<=2 else n)")"
check_eq "findings: the top 8 mix at least 4 kinds, led by who led" "ok" \
    "$(Q "$TMP/seeds.json" "k=[f['kind'] for f in d['findings'][:8]]; print('ok' if len(set(k))>=4 and k[0] in ('level_change','leads','conflict') else k)")"
check_eq "findings: signal changes grouped into one finding per pair of meetings" "ok" \
    "$(Q "$TMP/seeds.json" "
from collections import Counter
sig=[f for f in d['findings'] if f['kind']=='signal' and len(f['meetings'])==2]
pairs=Counter(tuple(f['meetings']) for f in sig)
g=[f for f in sig if f['meetings']==['kidd-2023-09-18','kidd-2025-05-01']]
t=g[0]['text'] if g else ''
ok=g and max(pairs.values())==1 and \"'ironclad'\" in t and \"'Camp David'\" in t and 'KIDD (May 2025) news report' in t and 'absence says little' in t and len(g[0]['evidence'])>=3
print('ok' if ok else (pairs, t))")"
check_eq "findings: who led the KIDD and how the level changed" "ok" \
    "$(Q "$TMP/seeds.json" "f=[f for f in d['findings'] if f['kind']=='level_change']; t=f[0]['text'] if f else ''; print('ok' if 'Cara Allison Marshall' in t and 'John Noh' in t and 'one level higher' in t and 'ROK side stayed' in t else t)")"
check_eq "findings: first meeting since, from the news report" "ok" \
    "$(Q "$TMP/seeds.json" "f=[f for f in d['findings'] if f['kind']=='identity' and 'first KIDD meeting since' in f['text']]; print('ok' if f and f[0]['evidence'][0]['file'].startswith('000_') else [x['text'] for x in d['findings']])")"
check_eq "findings: topic changes counted, with the not-reported caveat" "ok" \
    "$(Q "$TMP/seeds.json" "f=[f for f in d['findings'] if f['kind']=='topics' and f['meetings']==['kidd-2023-09-18','kidd-2025-05-01']]; t=f[0]['text'] if f else ''; print('ok' if 'eleven topics' in t and 'not necessarily dropped' in t else t)")"
check_eq "timeline: a month-only related meeting placed by month" "2023-11-01 month 55th SCM (Nov. 2023)" \
    "$(Q "$TMP/seeds.json" "t=[t for t in d['timeline'] if t['kind']=='related'][0]; print(t['start_date'], t['precision'], t['label'])")"
check_eq "findings: the upcoming related meeting" "ok" \
    "$(Q "$TMP/seeds.json" "f=[f for f in d['findings'] if f['kind']=='related']; print('ok' if f and 'looks ahead to the 55th SCM (Nov. 2023)' in f[0]['text'] else [x['text'] for x in f])")"
# a record with "sentences": phrases anywhere in the body count
mkdir -p "$TMP/sent"
python3 - "$SEEDREC" "$TMP/sent" "$ROOT/seeds" <<'PY'
import json, os, sys
rec = json.load(open(os.path.join(sys.argv[1], "002_dc2aaaf93fcb0801.json")))
data = open(os.path.join(sys.argv[3], "002_dc2aaaf93fcb0801.txt"), "rb").read()
s = b"the two leaders reaffirmed the importance of upholding the the rules-based international order"
i = data.index(s)
rec["sentences"] = [{"text": s.decode(), "start": i, "end": i + len(s)}]
json.dump(rec, open(os.path.join(sys.argv[2], "002_dc2aaaf93fcb0801.json"), "w"))
PY
"$C" -o "$TMP/sent.json" "$TMP/sent/002_dc2aaaf93fcb0801.json" "$SEEDREC/000_35855249f4cde711.json"
check_eq "sentences: a phrase found only in the body sentences is present (absent from a searched text)" "present absent" \
    "$(Q "$TMP/sent.json" "s=[s for s in d['signals'] if s['id']=='rules_based_order'][0]; print(' '.join(c['status'] for c in s['cells']))")"
check_eq "seeds: delegation levels (US, ROK) 2023 and 2025" "4a 3 | 3a 3" \
    "$(Q "$TMP/seeds.json" "f=lambda m: ' '.join('%d%s'%(x['level'],'a' if x['acting'] else '') for x in sorted(m['delegation'],key=lambda x:x['side']!='US')); print(f(d['meetings'][0]),'|',f(d['meetings'][2]))")"
check_eq "seeds: caveats for caption date, relative date, short sources, unstated ordinal" \
    "caption_only relative_date short_source unequal_sources unstated" \
    "$(Q "$TMP/seeds.json" "print(' '.join(sorted(set(c['kind'] for c in d['caveats']))))")"
check_eq "seeds: every finding has evidence" "0" \
    "$(Q "$TMP/seeds.json" "print(sum(1 for f in d['findings'] if not f['evidence']))")"
# every evidence offset of every finding holds its sentence in the source file
check_eq "seeds: finding evidence offsets point at the quoted sentences" "ok" \
    "$(python3 - "$TMP/seeds.json" "$ROOT/seeds" <<'PY'
import json, sys, os
d = json.load(open(sys.argv[1])); bad = []
for f in d['findings']:
    for e in f['evidence']:
        b = open(os.path.join(sys.argv[2], e['file']), 'rb').read()[e['start']:e['end']]
        if ' '.join(b.decode().split()) != ' '.join(e['text'].split()):
            bad.append((f['rank'], e['file'], e['start']))
print('ok' if not bad and d['findings'] else bad)
PY
)"
check "seeds: csv files written" test -s "$TMP/csv/topic_matrix.csv" -a -s "$TMP/csv/at_a_glance.csv"
check_eq "seeds: csv quoting (RFC 4180)" "ok" "$(python3 -c "
import csv,sys
rows=list(csv.reader(open(sys.argv[1],newline='')))
print('ok' if len(rows)==4 and rows[1][0]=='kidd-2023-09-18' and 'Cara Allison Marshall' in rows[1][9] else rows)" "$TMP/csv/at_a_glance.csv")"
"$C" "$SEEDREC"/*.json >"$TMP/seeds2.json" 2>/dev/null
check "seeds: output deterministic" cmp -s "$TMP/seeds.json" "$TMP/seeds2.json"

# ---- two sources of one meeting: merged, with the date conflict
mkdir -p "$TMP/conflict"
python3 "$CASES/variants.py" "$SEEDREC" "$TMP/conflict" conflict
"$C" -o "$TMP/conflict.json" "$SEEDREC"/*.json "$TMP/conflict/kidd23_wire.json"
check_eq "merge: still three meetings, the 23rd KIDD with two sources" "3 2" \
    "$(Q "$TMP/conflict.json" "print(len(d['meetings']), len(d['meetings'][0]['sources']))")"
check_eq "merge: the joint statement is the preferred source" "002_dc2aaaf93fcb0801.txt 2023-09-18" \
    "$(Q "$TMP/conflict.json" "m=d['meetings'][0]; print(m['sources'][0], m['start_date'])")"
check_eq "merge: start_date conflict with each source's value" "start_date 2023-09-18 2023-09-19" \
    "$(Q "$TMP/conflict.json" "c=d['meetings'][0]['conflicts'][0]; print(c['field'], ' '.join(sorted(v['value'] for v in c['values'])))")"
check "merge: a conflict finding" grep -q '"kind": "conflict"' "$TMP/conflict.json"

# ---- the same file twice counts once
"$C" -o "$TMP/dup.json" "$SEEDREC"/*.json "$SEEDREC/002_dc2aaaf93fcb0801.json"
check_eq "duplicate: counted once" "3 1 1" \
    "$(Q "$TMP/dup.json" "print(len(d['meetings']), len(d['meetings'][0]['sources']), len(d['duplicates']))")"

# ---- one person under two romanisations
mkdir -p "$TMP/rom"
python3 "$CASES/variants.py" "$SEEDREC" "$TMP/rom" romanised
"$C" -o "$TMP/rom.json" "$SEEDREC"/*.json "$TMP/rom/kidd24.json"
check_eq "people: Taekeun Heo = Heo Tae-keun across two meetings" "2 Heo Tae-keun,Taekeun Heo" \
    "$(Q "$TMP/rom.json" "p=[p for p in d['people'] if p['name'] in ('Taekeun Heo','Heo Tae-keun')]; print(len(p[0]['appearances']) if len(p)==1 else p, ','.join(sorted(set(a['name'] for a in p[0]['appearances']))))")"

# ---- ten meetings of mixed series in scrambled order
mkdir -p "$TMP/ten"
python3 "$CASES/variants.py" "$SEEDREC" "$TMP/ten" ten
"$C" -o "$TMP/ten.json" $(ls "$TMP"/ten/*.json | sort -r)
check_eq "chronology: ten meetings of mixed series" \
    "KIDD20 SCM53 KIDD21 SCM54 KIDD22 NCG1 SCM55 NCG2 NCG3 KIDD24" \
    "$(Q "$TMP/ten.json" "print(' '.join('%s%d'%(m['series'],m['ordinal']) for m in d['meetings']))")"
check_eq "chronology: same-series changes link KIDD 22 to KIDD 24" "1" \
    "$(Q "$TMP/ten.json" "print(sum(1 for c in d['changes'] if c['from']=='kidd-2023-04-11' and c['to']=='kidd-2024-09-10' and c['basis']=='same_series'))")"

# ---- command line and errors
"$C" >/dev/null 2>"$TMP/err"; check_eq "usage: no input exits 2" 2 $?
"$C" --help >"$TMP/help"; check_eq "usage: --help exits 0" 0 $?
check "usage: --help prints usage" grep -q '^usage: compare' "$TMP/help"
check "usage: --version" sh -c "'$C' --version | grep -q '^compare '"
"$C" --bogus x.json >/dev/null 2>"$TMP/err"; check_eq "usage: unknown option exits 2" 2 $?
"$C" "$TMP/missing.json" >/dev/null 2>"$TMP/err"; check_eq "error: missing file exits 1" 1 $?
check "error: missing file named" grep -q "^compare: .*missing.json" "$TMP/err"
python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); d['meeting']['ordinal']='x'; json.dump(d,open(sys.argv[2],'w'))" \
    "$SEEDREC/002_dc2aaaf93fcb0801.json" "$TMP/bad.json"
"$C" "$TMP/bad.json" >/dev/null 2>"$TMP/err"; check_eq "error: bad record exits 1" 1 $?
check "error: names the file and the JSON Pointer" grep -q "bad.json.*/meeting/ordinal" "$TMP/err"
printf '{"format": ' >"$TMP/trunc.json"
"$C" "$TMP/trunc.json" >/dev/null 2>"$TMP/err"; check_eq "error: malformed JSON exits 1" 1 $?
printf 'x.txt\tclean: bad encoding\n' >"$TMP/failed.tsv"
"$C" --failed "$TMP/failed.tsv" -o "$TMP/f.json" "$SEEDREC"/*.json
check_eq "failed: listed and in caveats" "x.txt 1" \
    "$(Q "$TMP/f.json" "print(d['failed'][0]['file'], sum(1 for c in d['caveats'] if c['kind']=='failed'))")"
"$C" -o "$TMP/ro/out.json" "$SEEDREC"/*.json 2>"$TMP/err"; check_eq "error: unwritable output exits 1" 1 $?

# ---- timing: 1,000 records (skipped under the sanitizers)
if is_asan; then
    skip "timing: 1,000 records" "asan build"
else
    for n in 100 1000; do
        mkdir -p "$TMP/many$n"
        python3 "$CASES/variants.py" "$SEEDREC" "$TMP/many$n" many $n
        # CPU time (user + system): the wall clock is shared with other jobs
        TIMEFORMAT='%U %S %R'
        { time "$C" -o "$TMP/many$n.json" "$TMP"/many$n/*.json 2>"$TMP/err$n"; } 2>"$TMP/time$n"
        rc=$(test -s "$TMP/many$n.json" && echo 0 || echo 1)
        secs=$(awk '{printf "%.2f", $1 + $2}' "$TMP/time$n")
        echo "# report: compare: $n records in ${secs}s CPU ($(awk '{print $3}' "$TMP/time$n")s wall)"
        eval "secs$n=$secs rc$n=$rc"
    done
    check_eq "timing: 1,000 records succeed" 0 "$rc1000"
    check "timing: 1,000 records under 2 s" python3 -c "import sys; sys.exit(0 if $secs1000 < 2 else 1)"
fi
