#!/usr/bin/env python3
"""make_cases.py - rebuild the comparison schema cases from a real comparison.

Usage: make_cases.py COMPARISON_JSON [OUT_DIR]

Writes OUT_DIR/valid.json (the document trimmed to a few items per list, so
the cases stay small) and, for each case below, NN-what.json (valid.json with
one change that breaks the schema at the pointer in NN-what.expect). Run it
after the comparison shape changes, on the output of
`./run.sh -o DIR` (DIR/comparison.json), then run tests/suites/schema_cases.sh.
"""
import copy, json, os, sys

src = json.load(open(sys.argv[1]))
out = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))

def trim(doc):
    d = copy.deepcopy(doc)
    for k, n in (("topic_matrix", 4), ("people", 4), ("signals", 4), ("findings", 6),
                 ("glossary", 4), ("caveats", 4)):
        d[k] = d[k][:n]
    for m in d["meetings"]:
        for k in ("commitments", "quotes", "acronyms", "mechanisms", "exercises"):
            m[k] = m[k][:2]
    for c in d["changes"]:
        for v in c.values():
            if isinstance(v, dict):
                for k in v:
                    v[k] = v[k][:3]
    for p in d["people"]:
        p["appearances"] = p["appearances"][:2]
    for i, f in enumerate(d["findings"]):
        f["rank"] = i + 1
        f["evidence"] = f["evidence"][:2]
    return d

def setp(doc, ptr, value=None, delete=False):
    parts = ptr.strip("/").split("/")
    cur = doc
    for p in parts[:-1]:
        cur = cur[int(p)] if isinstance(cur, list) else cur[p]
    last = parts[-1]
    key = int(last) if isinstance(cur, list) else last
    if delete:
        del cur[key]
    else:
        cur[key] = value

DEL = object()
CASES = [
    ("01-wrong-format-tag", "/format", "briefing-comparison/9"),
    ("02-missing-meetings", "/meetings", DEL),
    ("03-meetings-not-array", "/meetings", {"a": 1}),
    ("04-meeting-id-number", "/meetings/0/id", 17),
    ("05-meeting-unpadded-date", "/meetings/0/start_date", "2023-9-18"),
    ("06-meeting-impossible-date", "/meetings/0/end_date", "2023-02-29"),
    ("07-meeting-ordinal-text", "/meetings/0/ordinal", "23rd"),
    ("08-meeting-sources-string", "/meetings/0/sources", "a.txt"),
    ("09-meeting-missing-label", "/meetings/0/label", DEL),
    ("10-meeting-extra-field", "/meetings/0/bogus", 1),
    ("11-lead-evidence-end-text", "/meetings/0/leads/0/evidence/0/end", "886"),
    ("12-cell-unknown-status", "/topic_matrix/0/cells/0/status", "maybe"),
    ("13-change-unknown-basis", "/changes/0/basis", "random"),
    ("14-change-topics-new-string", "/changes/0/topics/new", "china"),
    ("15-person-name-number", "/people/0/name", 12),
    ("16-signal-cell-unknown-status", "/signals/0/cells/0/status", "whispered"),
    ("17-timeline-unknown-kind", "/timeline/0/kind", "rumour"),
    ("18-timeline-bad-date", "/timeline/0/start_date", "2023-13-01"),
    ("19-glossary-acronym-number", "/glossary/0/acronym", 5),
    ("20-caveat-missing-text", "/caveats/0/text", DEL),
    ("21-finding-rank-text", "/findings/0/rank", "first"),
    ("22-finding-evidence-negative-start", "/findings/0/evidence/0/start", -5),
    ("23-failed-not-array", "/failed", {}),
    ("24-extra-top-level", "/extra", True),
    ("25-root-is-array", None, None),
    ("26-matrix-topic-id-number", "/topic_matrix/0/id", 7),
    ("27-timeline-unknown-precision", "/timeline/0/precision", "year"),
    ("28-signal-pattern-number", "/signals/0/pattern", 3),
    ("29-finding-unknown-kind", "/findings/0/kind", "gossip"),
    ("30-signal-empty-phrase", "/signals/0/phrase", ""),
]

def dump(doc, name):
    with open(os.path.join(out, name), "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")

valid = trim(src)
dump(valid, "valid.json")
for name, ptr, value in CASES:
    doc = copy.deepcopy(valid)
    if ptr is None:
        doc = [doc]
    else:
        setp(doc, ptr, delete=value is DEL, value=None if value is DEL else value)
    dump(doc, name + ".json")
    with open(os.path.join(out, name + ".expect"), "w") as f:
        f.write((ptr or "(root)") + "\n")
