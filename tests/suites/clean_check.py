#!/usr/bin/env python3
"""clean_check.py - offset checks for the clean suites.

    clean_check.py offsets CLEAN_JSON INPUT ENCODING
        every kept block: the source bytes [start, end), decoded, hold the
        block's words in order; every map anchor lies inside [start, end] and
        each map segment's text equals its source segment up to whitespace
        and invisible characters (so the map points at the exact bytes).
    clean_check.py same JSON_A JSON_B
        both documents have the same title and the same body (title, heading
        and paragraph texts).
Prints one line per problem and exits 1 when there is any.
"""
import json
import re
import sys

WORD = re.compile(r"\w+")
INVIS = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


def squash(s):
    return "".join(s.translate(INVIS).split())


def offsets(doc_path, src_path, enc):
    doc = json.load(open(doc_path, encoding="utf-8"))
    src = open(src_path, "rb").read()
    bad = 0
    for i, b in enumerate(doc["blocks"]):
        text, start, end = b["text"], b["start"], b["end"]
        if not (0 <= start <= end <= len(src)):
            print("block %d: range %d..%d outside the input" % (i, start, end))
            bad += 1
            continue
        piece = src[start:end].decode(enc, errors="replace")
        if WORD.findall(piece) != WORD.findall(text):
            print("block %d: source words differ from text words: %r vs %r"
                  % (i, piece[:60], text[:60]))
            bad += 1
        tb = text.encode("utf-8")
        anchors = b.get("map") or [[0, start]]
        if anchors[0] != [0, start]:
            print("block %d: first anchor %r is not [0, start]" % (i, anchors[0]))
            bad += 1
        anchors = anchors + [[len(tb), end]]
        for (t0, s0), (t1, s1) in zip(anchors, anchors[1:]):
            if not (t0 <= t1 and start <= s0 <= s1 <= end):
                print("block %d: anchors go backwards or outside: %r %r" % (i, (t0, s0), (t1, s1)))
                bad += 1
                break
            ts = tb[t0:t1].decode("utf-8", errors="replace")
            ss = src[s0:s1].decode(enc, errors="replace")
            if squash(ts) != squash(ss) and not (ts == "" and squash(ss) in ("", "-")):
                print("block %d: map segment %r -> %r differ" % (i, ts[:30], ss[:30]))
                bad += 1
                break
    return bad


def body(doc):
    return [b["text"] for b in doc["blocks"] if b["kind"] in ("title", "heading", "paragraph")]


def same(a, b):
    da = json.load(open(a, encoding="utf-8"))
    db = json.load(open(b, encoding="utf-8"))
    bad = 0
    if da["meta"]["title"] != db["meta"]["title"]:
        print("titles differ: %r vs %r" % (da["meta"]["title"], db["meta"]["title"]))
        bad += 1
    if body(da) != body(db):
        print("bodies differ (%d vs %d blocks)" % (len(body(da)), len(body(db))))
        bad += 1
    return bad


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "offsets":
        sys.exit(1 if offsets(sys.argv[2], sys.argv[3], sys.argv[4]) else 0)
    if len(sys.argv) == 4 and sys.argv[1] == "same":
        sys.exit(1 if same(sys.argv[2], sys.argv[3]) else 0)
    print(__doc__)
    sys.exit(2)
