#!/usr/bin/env python3
"""Check a render layout dump (BRIEFING_RENDER_BOXES): every drawn box lies
inside its container, every body container inside the margins, chrome inside
the page, and no two text boxes on a page overlap. Prints one problem per
line (at most 20) and exits 1 when there is any; prints the box count else."""
import re
import sys

EPS = 0.6
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().splitlines()
m = re.search(r"page ([\d.]+) x ([\d.]+), body ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)", lines[0])
pw, ph, bx0, by0, bx1, by1 = map(float, m.groups())
boxes, bad = [], []
for ln in lines[1:]:
    f = ln.split("\t")
    page, kind = int(f[0]), f[1]
    x0, y0, x1, y1, cx0, cy0, cx1, cy1 = map(float, f[2:])
    boxes.append((page, kind, x0, y0, x1, y1))
    if x0 < cx0 - EPS or x1 > cx1 + EPS or y0 < cy0 - EPS or y1 > cy1 + EPS:
        bad.append("outside its container: " + ln)
    if kind == "text" and (x0 < bx0 - EPS or x1 > bx1 + EPS or y0 < by0 - EPS or y1 > by1 + EPS):
        bad.append("outside the margins: " + ln)
    if x0 < 0 or y0 < 0 or x1 > pw or y1 > ph:
        bad.append("outside the page: " + ln)
by_page = {}
for b in boxes:
    by_page.setdefault(b[0], []).append(b)
for page, bs in by_page.items():
    bs.sort(key=lambda b: b[2])
    for i, a in enumerate(bs):
        for b in bs[i + 1:]:
            if b[2] >= a[4] - EPS:
                break
            if min(a[5], b[5]) - max(a[3], b[3]) > EPS and min(a[4], b[4]) - max(a[2], b[2]) > EPS:
                bad.append("overlap on page %d: %s / %s" % (page, a[2:], b[2:]))
for p in bad[:20]:
    print(p)
if bad:
    sys.exit(1)
print(len(boxes))
