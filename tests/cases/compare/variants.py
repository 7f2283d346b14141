#!/usr/bin/env python3
"""variants.py - hand-made meeting records derived from the seed records,
for the compare suite. Usage: variants.py SEED_RECORDS_DIR OUT_DIR KIND
KIND: conflict (a second source of the 23rd KIDD that dates it a day later),
romanised (a later KIDD whose ROK lead is written "Heo Tae-keun"),
ten (ten meetings of mixed series, given in scrambled order),
many N (N synthetic records for the timing check)."""
import copy, hashlib, json, os, sys

src, out, kind = sys.argv[1], sys.argv[2], sys.argv[3]
load = lambda n: json.load(open(os.path.join(src, n)))
k23 = load("002_dc2aaaf93fcb0801.json")
scm = load("004_219379f1706d1a44.json")

def save(rec, name):
    rec["source"]["file"] = name.replace(".json", ".txt")
    rec["source"]["sha256"] = hashlib.sha256(name.encode()).hexdigest()
    with open(os.path.join(out, name), "w") as f:
        json.dump(rec, f, indent=1)

def meeting(base, series, ordinal, start, end=None, doc_type=None):
    r = copy.deepcopy(base)
    m = r["meeting"]
    m.update(series=series, ordinal=ordinal, start_date=start, end_date=end or start)
    if doc_type:
        r["source"]["doc_type"] = doc_type
    return r

if kind == "conflict":
    r = meeting(k23, "KIDD", 23, "2023-09-19", doc_type="news_report")
    r["source"]["words"] = 400
    save(r, "kidd23_wire.json")
elif kind == "romanised":
    r = meeting(k23, "KIDD", 24, "2024-04-11")
    for p in r["participants"]:
        if p["name"] == "Taekeun Heo":
            p["name"] = "Heo Tae-keun"
            p["key"] = "heo taekeun"
    save(r, "kidd24.json")
elif kind == "ten":
    spec = [("SCM", 53, "2021-12-02"), ("KIDD", 20, "2021-09-28"), ("NCG", 1, "2023-07-18"),
            ("KIDD", 21, "2022-09-15"), ("SCM", 54, "2022-11-03"), ("NCG", 2, "2023-12-15"),
            ("KIDD", 22, "2023-04-11"), ("SCM", 55, "2023-11-13"), ("NCG", 3, "2024-06-10"),
            ("KIDD", 24, "2024-09-10")]
    for i, (s, o, d) in enumerate(spec):
        save(meeting(k23 if s != "SCM" else scm, s, o, d), "m%02d_%s%d.json" % (i, s.lower(), o))
elif kind == "many":
    n = int(sys.argv[4])
    series = ["KIDD", "SCM", "NCG", "2+2", "AUSMIN", "TCOG"]
    for i in range(n):
        s = series[i % len(series)]
        o = i // len(series) + 1
        y, mo, d = 1990 + (i % 35), 1 + (i * 7) % 12, 1 + (i * 13) % 28
        r = meeting(k23 if i % 2 else scm, s, o, "%04d-%02d-%02d" % (y, mo, d))
        for p in r["participants"]:
            p["name"] = p["name"] + " " + chr(65 + i % 26) + chr(65 + (i // 26) % 26)
        save(r, "r%05d.json" % i)
