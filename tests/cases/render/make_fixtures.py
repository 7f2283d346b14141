#!/usr/bin/env python3
"""Generate the render stage's comparison fixtures (1, 3 and 50 meetings).

Hand-shaped after the README's "Comparison" data shape; the texts are
invented. Run from this folder: python3 make_fixtures.py
"""
import json

SERIES = [("KIDD", "Korea-U.S. Integrated Defense Dialogue", "Washington", "US"),
          ("SCM", "Security Consultative Meeting", "Seoul", "ROK"),
          ("NCG", "Nuclear Consultative Group", "Washington", "US"),
          ("2+2", "U.S.-Japan Security Consultative Committee", "Tokyo", "JP"),
          ("AUSMIN", "Australia-United States Ministerial Consultations", "Annapolis", "US")]
TOPICS = [("extended_deterrence", "Extended deterrence"), ("dprk_russia", "DPRK-Russia cooperation"),
          ("china", "China and the Taiwan Strait"), ("burden_sharing", "Burden sharing"),
          ("defense_industry", "Defense industry and shipbuilding"),
          ("regional_security", "Regional security in the Indo-Pacific"),
          ("alliance_vision", "Alliance vision"), ("space", "Space")]


def ev(text, start, f="000_source.txt"):
    return {"text": text, "start": start, "end": start + len(text.encode()), "file": f}


def meeting(i, odd=False):
    s, name, city, side = SERIES[i % len(SERIES)]
    year = 2015 + (i * 7) // 12
    month = 1 + (i * 7) % 12
    f = "%03d_source.txt" % i
    lead_us = {"name": "John Noh", "side": "US", "acting": True,
               "title": "performs the duties of the assistant secretary of defense for Indo-Pacific security affairs",
               "rank": 3, "rank_label": "assistant secretary", "file": f,
               "evidence": [ev("John Noh led the U.S. delegation.", 300, f)]}
    lead_k = {"name": "Cho Chang-rae" if i % 2 == 0 else "조창래", "side": "ROK", "acting": False,
              "title": "deputy defense minister for policy", "rank": 3, "rank_label": "deputy minister",
              "file": f, "evidence": [ev("Cho Chang-rae led the ROK delegation.", 340, f)]}
    m = {"id": "m%d" % i, "label": "%s %d" % (s, 40 + i) if s == "SCM" else "%s %d-%02d" % (s, year, month),
         "series": s, "name": name, "ordinal": 40 + i if s == "SCM" else None,
         "start_date": "%d-%02d-%02d" % (year, month, 1), "end_date": "%d-%02d-%02d" % (year, month, 2),
         "city": city, "country": side, "date_basis": "explicit", "full_source": i % 2 == 0, "format": "vice-ministerial" if s == "KIDD" else "ministerial",
         "date_flag": None if i % 3 else "relative", "sources": [f],
         "source_details": [{"file": f, "title": "%s concludes in %s" % (name, city),
                             "publisher": "Korea JoongAng Daily" if i % 2 else "U.S. Department of Defense",
                             "published": "%d-%02d-03" % (year, month), "doc_type": "news_report" if i % 2 else "joint_statement",
                             "sha256": "%064x" % (i * 7919 + 1), "words": 200 + 37 * i}],
         "leads": [lead_k, lead_us],
         "delegation": [{"side": "ROK", "level": 3, "rank_label": "deputy minister", "acting": False, "leads": [lead_k["name"]]},
                        {"side": "US", "level": 3 + i % 2, "rank_label": "assistant secretary", "acting": True, "leads": ["John Noh"]}],
         "conflicts": [{"field": "city", "values": [{"file": f, "value": city, "evidence": ev("The talks were held in %s." % city, 60, f)},
                                                    {"file": "other.txt", "value": "Pyeongtaek", "evidence": ev("They met in Pyeongtaek.", 80, "other.txt")}]}] if i == 1 else [],
         "topics": [t for k, (t, _) in enumerate(TOPICS) if (i + k) % 3],
         "exercises": [{"name": "Freedom Shield", "evidence": ev("The allies will hold Freedom Shield in March.", 900 + i, f)}] if i % 2 else [],
         "mechanisms": [{"name": "Nuclear Consultative Group", "acronym": "NCG", "evidence": ev("The NCG will meet again.", 400, f)}],
         "commitments": [{"actor": "The two sides", "verb": "reaffirmed",
                          "text": "their commitment to the ironclad alliance and to strengthening extended deterrence",
                          "evidence": ev("The two sides reaffirmed their commitment to the ironclad alliance.", 120 + i, f)}],
         "quotes": [{"speaker": "Cho Chang-rae", "text": "The alliance is stronger than ever.",
                     "evidence": ev("\"The alliance is stronger than ever,\" Cho said.", 700, f)}],
         "acronyms": [{"acronym": s, "name": name}]}
    if odd:
        m["city"] = "Seoul (PDF syntax: ) Tj /F1 12 Tf << >> \\ %)"
        m["leads"][0]["title"] = "deputy\u0007 minister \u202eRTL override\u202c and \u200fmark\u200f " + "verylongwordwithoutanyspaces" * 6
        m["name"] = name + " with a very long name that must wrap across several lines of the at-a-glance table without being cut"
    return m


def app(m, name, title, acting):
    return {"meeting": m["id"], "file": m["sources"][0], "name": name, "title": title, "role": "lead",
            "rank": 3, "rank_label": "deputy minister", "acting": acting,
            "evidence": [ev("%s led the delegation." % name, 20, m["sources"][0])]}


def comparison(n, odd=False):
    ms = [meeting(i, odd and i == 0) for i in range(n)]
    ids = [m["id"] for m in ms]
    tm = []
    for k, (t, label) in enumerate(TOPICS):
        cells = []
        for i, m in enumerate(ms):
            if t in m["topics"]:
                cells.append({"meeting": m["id"], "status": "present", "count": 1 + (i + k) % 5,
                              "strongest": ev("A sentence about %s." % label, 50, m["sources"][0])})
            else:
                cells.append({"meeting": m["id"], "status": "not_reported" if (i + k) % 2 else "absent",
                              "count": 0, "strongest": None})
        tm.append({"id": t, "label": label, "cells": cells})
    changes = []
    for i in range(1, n):
        changes.append({"from": ids[i - 1], "to": ids[i], "basis": "consecutive", "later_full_source": i % 2 == 0,
                        "commitments": {"new": [], "continued": [], "dropped": [], "not_reported": []},
                        "signals": {"new": ["ironclad"] if i % 3 == 0 else [], "continued": [], "dropped": [], "not_reported": []},
                        "topics": {"new": [t for t in ms[i]["topics"] if t not in ms[i - 1]["topics"]],
                                   "continued": [t for t in ms[i]["topics"] if t in ms[i - 1]["topics"]],
                                   "dropped": [t for t in ms[i - 1]["topics"] if t not in ms[i]["topics"]][:1],
                                   "not_reported": [t for t in ms[i - 1]["topics"] if t not in ms[i]["topics"]][1:]},
                        "exercises": {"new": [], "continued": [], "dropped": [], "not_reported": []},
                        "mechanisms": {"new": [], "continued": [ms[i]["mechanisms"][0]["name"]], "dropped": [], "not_reported": []}})
    findings = []
    texts = ["Extended deterrence appears in every meeting compared, with the most evidence in the latest one.",
             "The U.S. side was led by an acting official, which lowers the delegation level compared with earlier rounds.",
             "Burden sharing is no longer mentioned after the first meeting.",
             "China is named directly for the first time.",
             "The sources agree on the dates and the place of every meeting.",
             "A related meeting is scheduled for later in the year."]
    for k, t in enumerate(texts[:max(1, min(6, n + 3))]):
        f = ms[k % n]["sources"][0]
        findings.append({"rank": k + 1, "kind": "topics", "text": t, "meetings": [ms[k % n]["id"]],
                         "evidence": [ev("Evidence sentence number %d for this finding, quoted from the source." % (k + 1), 100 * k, f)]})
    if odd:
        findings[0]["text"] += " (with PDF syntax: ) Tj ET BT <</Type /Catalog>> and a bell \u0007 and \u202eoverride\u202c)"
    timeline = [{"start_date": m["start_date"], "end_date": m["end_date"], "label": m["label"], "kind": "meeting", "meeting": m["id"]} for m in ms]
    timeline.append({"start_date": "%d-10-15" % (int(ms[-1]["start_date"][:4]) + 0), "end_date": None,
                     "label": "next SCM", "kind": "related", "meeting": ids[-1]})
    timeline.append({"start_date": None, "end_date": None, "label": "55th SCM", "kind": "related", "meeting": ids[0]})
    return {"format": "briefing-comparison/1", "meetings": ms, "topic_matrix": tm, "changes": changes,
            "people": [{"key": "cho changrae", "name": "Cho Chang-rae", "side": "ROK",
                        "appearances": [app(m, "Cho Chang-rae", "deputy defense minister for policy", False) for m in ms[:6]],
                        "possible_matches": [{"key": "jo changrae", "name": "조창래"}]},
                       {"key": "john noh", "name": "John Noh", "side": "US",
                        "appearances": [app(m, "John Noh", "assistant secretary of defense", True) for m in ms[:3]],
                        "possible_matches": []}],
            "signals": [{"id": "ironclad", "phrase": "ironclad commitment",
                         "cells": [{"meeting": m["id"], "status": ["present", "absent", "not_reported"][i % 3],
                                    "evidence": ev("Its ironclad commitment.", 10, m["sources"][0]) if i % 3 == 0 else None} for i, m in enumerate(ms)]}],
            "timeline": timeline,
            "glossary": [{"acronym": s, "name": nm, "meetings": [m["id"] for m in ms if m["series"] == s]} for s, nm, _, _ in SERIES],
            "caveats": [{"kind": "short_source", "text": "One source is a short news report: topics it does not mention are marked not reported.", "meetings": ids[:1]}],
            "findings": findings,
            "failed": [{"file": "bad.txt", "reason": "no meeting found"}] if n >= 3 else []}


for name, n, odd in [("one", 1, False), ("three", 3, True), ("fifty", 50, False)]:
    with open(name + ".json", "w", encoding="utf-8") as fh:
        json.dump(comparison(n, odd), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
