#!/usr/bin/env python3
"""make_cases.py CLEAN_JSON MEETING_JSON COMPARISON_JSON - (re)write the
bad-input corpus in this folder (tests/cases/bad/<case>/).

Each case folder holds:
  about          one line: what the case is about
  cmd            a bash command line; the stage names resolve to $BIN/<stage>;
                 $IN is the input (relative to the work folder the command
                 runs in), $OUT the output path, $OUTDIR its folder
  expected.rc    the allowed exit statuses (one, or several separated by spaces
                 where the CONTRACT allows a correct result or a clear error)
  expected.err   substrings stderr must contain when the status is not 0, one
                 per line (the first is "program: file:" as the CONTRACT says)
  expected.out   optional: substrings the output must contain when the status
                 is 0 ("!" first: must not contain)
  expected.schema optional: the schema (clean, meeting, comparison) a
                 status-0 output must validate against; "pdf" for a PDF
  setup          optional bash run first in the work folder: makes generated
                 inputs (big files, FIFOs, odd names) and may set IN, OUT,
                 PREV=0 (no previous output to keep), TIMEOUT, SKIP=reason
  anything else  input files, copied into the work folder
The suite is tests/suites/bad_input.sh. The base documents passed on the
command line are real stage outputs for seeds/000_*.txt.
"""
import copy
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
clean = json.load(open(sys.argv[1]))
meeting = json.load(open(sys.argv[2]))
comparison = json.load(open(sys.argv[3]))

SEED = 'cp "$(ls "$ROOT"/seeds/*.txt | head -1)"'
# root ignores file permissions: run the command as nobody, or skip
AS_NOBODY = ('\nif [ "$(id -u)" = 0 ]; then\n'
             '  if command -v setpriv >/dev/null; then RUNAS="setpriv --reuid=65534 --regid=65534 --clear-groups"\n'
             '  else SKIP="running as root without setpriv: permissions are not enforced"; fi\nfi')
CASES = []


def case(name, about, cmd, rc, err=(), out=(), schema=None, files=None, setup=None):
    CASES.append(dict(name=name, about=about, cmd=cmd, rc=rc, err=err, out=out,
                      schema=schema, files=files or {}, setup=setup))


def dump(doc):
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode()


CL = 'clean -o "$OUT" "$IN"'
EX = 'extract -o "$OUT" "$IN"'
CO = 'compare -o "$OUT" "$IN"'
RE = 'render "$IN" -o "$OUT"'
PDF = 'OUT="$OUTDIR/briefing.pdf"'

TEXT = (b"Allies hold talks\n\nSeoul, May 3 -- Defense officials of the two countries "
        b"met in Seoul on Thursday. They agreed to deepen cooperation.\n\n"
        b"The next round will be held in Washington.\n")

# ------------------------------------------------------------------ clean
case("clean-empty", "an empty file", CL, "1", ["clean: empty.txt:", "empty"],
     files={"empty.txt": b""})
case("clean-whitespace-only", "spaces, tabs and blank lines only", CL, "1",
     ["clean: blank.txt:"], files={"blank.txt": b"  \n\t\n   \r\n\n\xc2\xa0\n"})
case("clean-binary-png", "a PNG image renamed .txt", CL, "1", ["clean: image.txt:"],
     files={"image.txt": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 8})
case("clean-binary-pdf", "a PDF renamed .txt", CL, "1", ["clean: report.txt:"],
     files={"report.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"
            b"endobj\n2 0 obj\n<< /Length 300 /Filter /FlateDecode >>\nstream\n"
            + bytes((i * 37 + 11) % 256 for i in range(3000)) + b"\nendstream\nendobj\n%%EOF\n"})
case("clean-binary-elf", "an executable renamed .txt", CL, "1", ["clean: program.txt:"],
     files={"program.txt": b"\x7fELF\x02\x01\x01\0" + bytes((i * 13) % 256 for i in range(4096))})
case("clean-all-nul", "4096 NUL bytes", CL, "1", ["clean: zeros.txt:"],
     files={"zeros.txt": b"\0" * 4096})
case("clean-nul-bytes", "a page text with NUL bytes inside", CL, "0 1", ["clean: nul.txt:"],
     out=["!\\u0000"], schema="clean",
     files={"nul.txt": TEXT.replace(b"Defense", b"Def\0ense").replace(b"met", b"\0met")})
case("clean-invalid-utf8", "stray continuation and invalid lead bytes", CL, "0 1",
     ["clean: bad-utf8.txt:"], schema="clean",
     files={"bad-utf8.txt": TEXT.replace(b"Seoul, May", b"Seoul\x80\xbf, May\xf8\x88")})
case("clean-invalid-utf8-replace", "invalid UTF-8 with --replace: U+FFFD, counted",
     'clean --replace -o "$OUT" "$IN"', "0", out=['"replacements"', "\ufffd"], schema="clean",
     files={"bad-utf8.txt": "Allies hold talks in Séoul\n\n".encode()
            + TEXT.replace(b"Seoul, May", b"S\xc3\xa9oul\x80\xbf, May\xf8\x88")})
case("clean-truncated-utf8", "a multi-byte sequence cut off at the end of the file", CL, "0 1",
     ["clean: cut.txt:"], schema="clean", files={"cut.txt": TEXT + "Caf\u00e9 \u2014".encode()[:-1]})
case("clean-overlong-surrogate", "overlong encodings and UTF-8-encoded surrogates", CL, "0 1",
     ["clean: overlong.txt:"], schema="clean",
     files={"overlong.txt": TEXT.replace(b"talks", b"talks \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80")})
case("clean-utf16le-nobom", "UTF-16LE without a byte order mark", CL, "0",
     out=['"encoding": "UTF-16LE"', '"Allies hold talks"'], schema="clean",
     files={"utf16le.txt": TEXT.decode().encode("utf-16-le")})
case("clean-utf16be-nobom", "UTF-16BE without a byte order mark", CL, "0",
     out=['"encoding": "UTF-16BE"', '"Allies hold talks"'], schema="clean",
     files={"utf16be.txt": TEXT.decode().encode("utf-16-be")})
case("clean-utf16le-bom", "UTF-16LE with a byte order mark", CL, "0",
     out=['"encoding": "UTF-16LE"', '"Allies hold talks"', "!\ufeff"], schema="clean",
     files={"utf16bom.txt": b"\xff\xfe" + TEXT.decode().encode("utf-16-le")})
case("clean-utf16-odd-length", "UTF-16LE cut in the middle of a code unit", CL, "0 1",
     ["clean: odd16.txt:"], schema="clean",
     files={"odd16.txt": b"\xff\xfe" + TEXT.decode().encode("utf-16-le") + b"A"})
case("clean-utf8-bom", "UTF-8 with a BOM: the BOM is not part of the title", CL, "0",
     out=['"title": "Allies hold talks"', "!\ufeff"], schema="clean",
     files={"bom.txt": b"\xef\xbb\xbf" + TEXT})
case("clean-mixed-encodings", "UTF-8 text with a Windows-1252 paragraph pasted in: the UTF-8 "
     "part must not turn into mojibake", CL, "0 1",
     ["clean: mixed.txt:"], schema="clean", out=["salué", "!Ã©", "!â€"],
     files={"mixed.txt": TEXT + "Le ministre a salué l’accord.\n\n".encode()
            + b"He said \x93we stand together\x94 \x96 and left.\n"})
case("clean-100mb", "a 100 MB page text (generated)", CL, "0 1", ["clean: big.txt:"],
     schema="clean",
     setup='is_asan && SKIP="100 MB under ASan is too slow"\n'
           'TIMEOUT=600; REPORT_RSS=1\n'
           'yes "Defense officials met in Seoul on Thursday and agreed to deepen cooperation on '
           'deterrence. The next round will be held in Washington." | head -c 104857600 > big.txt\n'
           'IN=big.txt')
case("clean-10mb-line", "a single 10 MB line without a newline (generated)", CL, "0 1",
     ["clean: line.txt:"], schema="clean",
     setup='TIMEOUT=300; REPORT_RSS=1\n'
           'yes "Officials met in Seoul and agreed to deepen cooperation." | tr "\\n" " " '
           '| head -c 10485760 > line.txt\nIN=line.txt')
case("clean-over-limit", "a (sparse) 257 MB file: over the documented input limit", CL, "1",
     ["clean: huge.txt:", "limit"], setup="truncate -s 257M huge.txt; IN=huge.txt")
case("clean-dev-zero", "an endless character device (/dev/zero): stops at the limit", 'clean -o "$OUT" /dev/zero',
     "1", ["clean: /dev/zero:", "limit"], setup="TIMEOUT=120")
case("clean-stdin-empty", "empty standard input", 'clean -o "$OUT" - </dev/null', "1", ["clean: <stdin>:"])
case("extract-over-limit", "a (sparse) 257 MB JSON file: over the documented input limit", EX, "1",
     ["extract: huge.json:", "limit"], setup="truncate -s 257M huge.json; IN=huge.json")
case("clean-directory", "a directory given as the input file", CL, "1",
     ["clean: adir:", "directory"], setup="mkdir adir; IN=adir")
case("clean-fifo", "a FIFO with no writer given as the input file (must not hang)", CL, "1",
     ["clean: pipe.txt:"], setup="mkfifo pipe.txt; IN=pipe.txt; TIMEOUT=30")
case("clean-unreadable", "a file without read permission", CL, "1",
     ["clean: secret.txt:", "Permission denied"],
     setup=SEED + ' secret.txt; chmod 000 secret.txt; IN=secret.txt\n'
           + AS_NOBODY)
case("clean-missing-file", "a file that does not exist", CL, "1",
     ["clean: nope.txt:", "No such file"], setup="IN=nope.txt")
case("clean-name-spaces", "a file name with spaces", CL, "0",
     out=['"file": "name with spaces.txt"'], schema="clean",
     setup=SEED + ' "name with spaces.txt"; IN="name with spaces.txt"')
case("clean-name-quotes", "a file name with single and double quotes", CL, "0",
     out=['"file": "it\'s \\"quoted\\".txt"'], schema="clean",
     setup=SEED + ' "it\'s \\"quoted\\".txt"; IN="it\'s \\"quoted\\".txt"')
case("clean-name-dash-ddash", "a file name with a leading dash, after --",
     'clean -o "$OUT" -- "$IN"', "0", out=['"file": "-dash.txt"'], schema="clean",
     setup=SEED + ' ./-dash.txt; IN=-dash.txt')
case("clean-name-dash-dotslash", "a file name with a leading dash, as ./-dash.txt", CL, "0",
     out=['"file": "-dash.txt"'], schema="clean", setup=SEED + ' ./-dash.txt; IN=./-dash.txt')
case("clean-name-dash-bare", "a file name with a leading dash, bare: an unknown option",
     CL, "2", ["clean:", "-dash.txt"], setup=SEED + ' ./-dash.txt; IN=-dash.txt')
case("clean-name-non-ascii", "a non-ASCII file name", CL, "0",
     out=['"file": "회담 café.txt"'], schema="clean",
     setup=SEED + ' "회담 café.txt"; IN="회담 café.txt"')
case("clean-name-newline", "a file name with a newline in it", CL, "0",
     out=['"file": "two\\nlines.txt"'], schema="clean",
     setup=SEED + ' "two\nlines.txt"; IN="two\nlines.txt"')
case("clean-no-meeting", "a text that mentions no meeting: a clean result, meeting fields null",
     'set -o pipefail; clean "$IN" | extract -o "$OUT" -', "0",
     out=['"series": null', '"start_date": null'], schema="meeting",
     files={"weather.txt": b"Heavy rain expected across the peninsula\n\n"
            b"Seoul, May 3 -- The weather agency said on Friday that heavy rain is expected "
            b"across the country over the weekend. Residents were told to stay indoors.\n\n"
            b"Temperatures will drop to 12 degrees on Sunday, the agency said.\n"})
case("clean-unknown-option", "an unknown option", 'clean --frobnicate -o "$OUT" "$IN"', "2",
     ["clean:", "--frobnicate"], setup=SEED + " a.txt; IN=a.txt")
case("clean-no-input", "no input file at all", 'clean -o "$OUT" </dev/null', "2", ["clean:"])
case("clean-out-dir-missing", "-o into a folder that does not exist", CL, "1",
     ["clean:", "missing/x.json"],
     setup=SEED + ' a.txt; IN=a.txt; OUT="$OUTDIR/missing/x.json"; PREV=0')
case("clean-out-is-directory", "-o naming a directory", CL, "1", ["clean:", "adir"],
     setup=SEED + ' a.txt; IN=a.txt; mkdir "$OUTDIR/adir"; OUT="$OUTDIR/adir"; PREV=0')
case("clean-out-readonly-dir", "-o into a read-only directory", CL, "1", ["clean:", "ro/x.json"],
     setup=SEED + ' a.txt; IN=a.txt; mkdir "$OUTDIR/ro"; echo previous > "$OUTDIR/ro/x.json"; '
           'chmod 555 "$OUTDIR/ro"; OUT="$OUTDIR/ro/x.json"; PREV=0\n'
           + AS_NOBODY)
case("clean-bad-encoding-name", "--encoding with a name iconv does not know",
     'clean --encoding NO-SUCH-CODESET -o "$OUT" "$IN"', "2", ["clean:", "NO-SUCH-CODESET"],
     setup=SEED + " a.txt; IN=a.txt")
case("clean-forced-wrong-encoding", "--encoding UTF-8 on Windows-1252 bytes, no --replace",
     'clean --encoding UTF-8 -o "$OUT" "$IN"', "1", ["clean: cp1252.txt:"],
     files={"cp1252.txt": TEXT + b"He said \x93we stand together\x94.\n"})
case("clean-controls-rtl-pdf-syntax", "control characters, RTL overrides and PDF operators in text",
     CL, "0", schema="clean",
     files={"odd.txt": TEXT + "Officials said \x1b[31m) Tj ET BT (injected\x07 \u202eevil\u202c "
            "<< /JavaScript (app.alert(1)) >> and \u200fשלום.\n".encode()})
case("clean-cr-only", "old Mac line endings (CR only)", CL, "0", out=['"Allies hold talks"'],
     schema="clean", files={"cr.txt": TEXT.replace(b"\n", b"\r")})
case("clean-stdout-full", "stdout is /dev/full: a failed write is an error", 'clean "$IN" >/dev/full',
     "1", ["clean:", "No space left"], setup=SEED + " a.txt; IN=a.txt")
case("clean-stdin", "input from stdin is called <stdin>", 'clean -o "$OUT" - < "$IN"', "0",
     out=['"file": "<stdin>"'], schema="clean", setup=SEED + " a.txt; IN=a.txt")

case("clean-batch-one-bad", "-O DIR with a good file and an empty one: exit 1, the good one written",
     'clean -O "$OUTDIR" good.txt empty.txt && exit 0; rc=$?; [ -s "$OUTDIR/good.json" ] || '
     '{ echo "good.json was not written" >&2; exit 3; }; [ ! -e "$OUTDIR/empty.json" ] || '
     '{ echo "empty.json was written" >&2; exit 3; }; exit $rc', "1", ["clean: empty.txt:"],
     files={"empty.txt": b""}, setup=SEED + " good.txt; PREV=0")

# ------------------------------------------------------------------ extract
def clean_with(fn):
    d = copy.deepcopy(clean)
    fn(d)
    return dump(d)


def set_block(i, key, val):
    def f(d):
        d["blocks"][i][key] = val
    return f


first_para = next(i for i, b in enumerate(clean["blocks"]) if b["kind"] == "paragraph")
case("extract-empty", "an empty JSON file", EX, "1", ["extract: empty.json:", "empty"],
     files={"empty.json": b""})
case("extract-whitespace", "a JSON file with only whitespace", EX, "1", ["extract: ws.json:"],
     files={"ws.json": b" \n\t \n"})
case("extract-malformed", "malformed JSON (a bracket where a brace belongs)", EX, "1",
     ["extract: bad.json:", "JSON"], files={"bad.json": b'{"format": "briefing-clean/1", "source": {]\n'})
case("extract-truncated", "a clean document cut in half", EX, "1", ["extract: truncated.json:"],
     files={"truncated.json": dump(clean)[:len(dump(clean)) // 2]})
case("extract-trailing-garbage", "a valid document followed by garbage", EX, "1",
     ["extract: trailing.json:"], files={"trailing.json": dump(clean) + b"garbage\n"})
case("extract-deep-arrays", "100,000 nested arrays (generated)", EX, "1", ["extract: deep.json:"],
     setup="head -c 100000 /dev/zero | tr '\\0' '[' > deep.json; "
           "head -c 100000 /dev/zero | tr '\\0' ']' >> deep.json; IN=deep.json")
case("extract-deep-objects", "100,000 nested objects (generated)", EX, "1", ["extract: deepobj.json:"],
     setup="{ for i in $(seq 100000); do printf '{\"a\":'; done; printf 1; "
           "head -c 100000 /dev/zero | tr '\\0' '}'; } > deepobj.json; IN=deepobj.json")
case("extract-missing-blocks", "schema-invalid: no blocks member", EX, "1",
     ["extract: noblocks.json:", "blocks"], files={"noblocks.json": clean_with(lambda d: d.pop("blocks"))})
case("extract-top-array", "schema-invalid: an array instead of an object", EX, "1",
     ["extract: array.json:"], files={"array.json": b"[1, 2, 3]\n"})
case("extract-top-scalar", "a bare string instead of a document", EX, "1",
     ["extract: scalar.json:"], files={"scalar.json": b'"briefing-clean/1"\n'})
case("extract-meeting-given", "a meeting record given where a clean document belongs", EX, "1",
     ["extract: record.json:", "format"], files={"record.json": dump(meeting)})
case("extract-huge-integer", "an offset beyond any integer type", EX, "1",
     ["extract: bigint.json:"],
     files={"bigint.json": dump(clean).replace(b'"start": %d' % clean["blocks"][first_para]["start"],
                                              b'"start": 123456789012345678901234567890', 1)})
case("extract-1e400", "an offset of 1e400 (overflows a double)", EX, "1", ["extract: e400.json:"],
     files={"e400.json": dump(clean).replace(b'"start": %d' % clean["blocks"][first_para]["start"],
                                            b'"start": 1e400', 1)})
case("extract-negative-offset", "a negative block offset", EX, "1",
     ["extract: negative.json:", "/blocks/%d/start" % first_para],
     files={"negative.json": clean_with(set_block(first_para, "start", -5))})
case("extract-int64-max-offset", "block offsets at INT64_MAX", EX, "1", ["extract: int64.json:"],
     files={"int64.json": clean_with(lambda d: d["blocks"][first_para].update(
         start=9223372036854775806, end=9223372036854775807))})
case("extract-end-before-start", "a block whose end is before its start", EX, "1",
     ["extract: reversed.json:"],
     files={"reversed.json": clean_with(lambda d: d["blocks"][first_para].update(
         start=d["blocks"][first_para]["end"], end=d["blocks"][first_para]["start"]))})
case("extract-offsets-beyond-source", "block offsets past the end of the source file", EX, "1",
     ["extract: beyond.json:"],
     files={"beyond.json": clean_with(lambda d: d["blocks"][first_para].update(
         start=10 ** 6, end=10 ** 6 + len(d["blocks"][first_para]["text"].encode())))})
case("extract-map-decreasing", "a map whose anchors go backwards", EX, "1",
     ["extract: badmap.json:", "map"],
     files={"badmap.json": clean_with(lambda d: d["blocks"][first_para].update(
         map=[[0, d["blocks"][first_para]["start"]], [10, d["blocks"][first_para]["start"] - 5]]))})
case("extract-map-beyond-text", "a map anchor past the end of the block text", EX, "1",
     ["extract: mapbeyond.json:", "map"],
     files={"mapbeyond.json": clean_with(lambda d: d["blocks"][first_para].update(
         map=[[0, d["blocks"][first_para]["start"]], [99999, d["blocks"][first_para]["start"] + 3]]))})
case("extract-map-not-pairs", "map entries that are not [text, source] pairs", EX, "1",
     ["extract: mappairs.json:", "map"],
     files={"mappairs.json": clean_with(set_block(first_para, "map", [[0], "x", [1, 2, 3]]))})
case("extract-long-string", "a 2 MB paragraph (generated)", EX, "0 1", ["extract: long.json:"],
     schema="meeting",
     setup='is_asan && SKIP="2 MB paragraph: 20 s without ASan, too slow with it"\n'
           'TIMEOUT=600; REPORT_RSS=1\n'
           'python3 - "$ROOT/tests/cases/bad/extract-long-string/base.json" > long.json <<\'EOF\'\n'
           'import json, sys\n'
           'd = json.load(open(sys.argv[1]))\n'
           's = "Officials met in Seoul on Thursday and agreed to deepen cooperation. " * 30000\n'
           'b = d["blocks"][-1]\n'
           'b["text"] = s.strip(); b["end"] = b["start"] + len(b["text"]); b.pop("map", None)\n'
           'd["source"]["bytes"] = b["end"]\n'
           'print(json.dumps(d))\nEOF\nIN=long.json',
     files={"base.json": dump(clean)})
case("extract-nul-in-string", "a \\u0000 escape inside block text", EX, "0 1",
     ["extract: nulstr.json:"], schema="meeting", out=["!\\u0000"],
     files={"nulstr.json": clean_with(lambda d: d["blocks"][first_para].update(
         text=d["blocks"][first_para]["text"][:20] + "\0" + d["blocks"][first_para]["text"][21:]))})
case("extract-raw-invalid-utf8", "raw invalid UTF-8 bytes inside a JSON string", EX, "1",
     ["extract: rawbytes.json:"],
     files={"rawbytes.json": dump(clean).replace(b"South Korea", b"South \xff\xfeKorea", 1)})
case("extract-lone-surrogate", "a lone surrogate escape \\ud800", EX, "1", ["extract: surrogate.json:"],
     files={"surrogate.json": dump(clean).replace(b"South Korea", b"South \\ud800Korea", 1)})
case("extract-duplicate-keys", "an object with the same key twice", EX, "1", ["extract: dup.json:"],
     files={"dup.json": b'{"format": "briefing-clean/1", "format": "briefing-clean/1"' + dump(clean)[29:]})
case("extract-utf8-bom", "a JSON file starting with a UTF-8 BOM", EX, "0 1", ["extract: bomjson.json:"],
     schema="meeting", files={"bomjson.json": b"\xef\xbb\xbf" + dump(clean)})
case("extract-bad-published", "--published with an impossible date",
     'extract --published 2023-02-30 -o "$OUT" "$IN"', "2", ["extract:", "2023-02-30"],
     files={"c.json": dump(clean)})
case("extract-directory", "a directory given as the input", EX, "1", ["extract: adir:", "directory"],
     setup="mkdir adir; IN=adir")
case("extract-stdin-empty", "empty standard input", 'extract -o "$OUT" - </dev/null', "1",
     ["extract: <stdin>:"])
case("extract-batch-one-bad", "-O DIR with a good document and a malformed one: exit 1, the good one written",
     'extract -O "$OUTDIR" good.json bad.json && exit 0; rc=$?; [ -s "$OUTDIR/good.json" ] || '
     '{ echo "good.json was not written" >&2; exit 3; }; [ ! -e "$OUTDIR/bad.json" ] || '
     '{ echo "bad.json was written" >&2; exit 3; }; exit $rc', "1", ["extract: bad.json:"],
     files={"good.json": dump(clean), "bad.json": b"{"}, setup="PREV=0")
case("extract-wrong-types", "schema-invalid: text is a number, kind unknown", EX, "1",
     ["extract: types.json:", "/blocks/%d" % first_para],
     files={"types.json": clean_with(lambda d: d["blocks"][first_para].update(text=42, kind="banner"))})

# ------------------------------------------------------------------ compare
def meeting_with(fn):
    d = copy.deepcopy(meeting)
    fn(d)
    return dump(d)


case("compare-no-input", "no meeting records at all", 'compare -o "$OUT"', "2", ["compare:"])
case("compare-malformed", "malformed JSON", CO, "1", ["compare: bad.json:"],
     files={"bad.json": b'{"format": "briefing-meeting/1", "meeting": {"series": "KIDD",,}}\n'})
case("compare-schema-invalid", "schema-invalid record: the ordinal is a word", CO, "1",
     ["compare: badrec.json:", "/meeting/ordinal"],
     files={"badrec.json": meeting_with(lambda d: d["meeting"].update(ordinal="twenty"))})
case("compare-clean-given", "a clean document given where a meeting record belongs", CO, "1",
     ["compare: c.json:"], files={"c.json": dump(clean)})
case("compare-deep", "100,000 nested arrays", CO, "1", ["compare: deep.json:"],
     setup="head -c 100000 /dev/zero | tr '\\0' '[' > deep.json; IN=deep.json")
case("compare-one-missing", "a good record and a missing file",
     'compare -o "$OUT" good.json missing.json', "1", ["compare: missing.json:"],
     files={"good.json": dump(meeting)})
case("compare-huge-ordinal", "an ordinal at INT64_MAX", CO, "0 1", ["compare: bigord.json:"],
     schema="comparison",
     files={"bigord.json": meeting_with(lambda d: d["meeting"].update(ordinal=9223372036854775807))})
case("compare-ordinal-1e400", "an ordinal of 1e400", CO, "1", ["compare: e400.json:"],
     files={"e400.json": dump(meeting).replace(b'"ordinal": null', b'"ordinal": 1e400', 1)})
case("compare-same-file-twice", "the same record given twice", 'compare -o "$OUT" m.json m.json',
     "0", schema="comparison", files={"m.json": dump(meeting)})
case("compare-impossible-date", "a start date that is not a calendar day", CO, "1",
     ["compare: baddate.json:", "/meeting/start_date"],
     files={"baddate.json": meeting_with(lambda d: d["meeting"].update(start_date="2025-02-30"))})

# ------------------------------------------------------------------ render
def comparison_with(fn):
    d = copy.deepcopy(comparison)
    fn(d)
    return dump(d)


def zero(d):
    for k, v in d.items():
        if isinstance(v, list):
            d[k] = []


case("render-zero-meetings", "a comparison with zero meetings: a briefing that says so", RE, "0",
     schema="pdf", setup=PDF, files={"zero.json": comparison_with(zero)})
case("render-malformed", "malformed JSON", RE, "1", ["render: bad.json:"], setup=PDF,
     files={"bad.json": b'{"format": "briefing-comparison/1", "meetings": [}\n'})
case("render-truncated", "a comparison cut in half", RE, "1", ["render: half.json:"], setup=PDF,
     files={"half.json": dump(comparison)[:len(dump(comparison)) // 2]})
case("render-schema-invalid", "schema-invalid: meetings is a string", RE, "1",
     ["render: invalid.json:", "/meetings"], setup=PDF,
     files={"invalid.json": comparison_with(lambda d: d.update(meetings="none"))})
case("render-deep", "100,000 nested arrays", RE, "1", ["render: deep.json:"],
     setup=PDF + "; head -c 100000 /dev/zero | tr '\\0' '[' > deep.json; IN=deep.json")
case("render-missing-o", "no -o", 'render "$IN"', "2", ["render:"], setup=PDF,
     files={"c.json": dump(comparison)})
case("render-out-is-directory", "-o naming a directory", RE, "1", ["render:", "adir"],
     setup='mkdir "$OUTDIR/adir"; OUT="$OUTDIR/adir"; PREV=0', files={"c.json": dump(comparison)})
case("render-dev-full", "-o /dev/full: the write fails cleanly", 'render "$IN" -o /dev/full', "1",
     ["render:", "/dev/full"], files={"c.json": dump(comparison)})
case("render-injection-text", "PDF operators, control characters and RTL marks in findings", RE, "0",
     schema="pdf", setup=PDF,
     files={"inject.json": comparison_with(lambda d: d["findings"][0].update(
         text=d["findings"][0]["text"] + " ) Tj ET BT /F1 99 Tf (injected) Tj \\ \x07\x1b[31m "
              "\u202eevil\u202c \u200fשלום << /JavaScript (app.alert(1)) >> endstream"))})
GEN_FINDING = ('python3 - "$ROOT/tests/cases/bad/%s/base.json" > %s <<\'EOF\'\n'
               'import json, sys\n'
               'd = json.load(open(sys.argv[1]))\n'
               'd["findings"][0]["text"] = %s\n'
               'print(json.dumps(d))\nEOF\nIN=%s')
case("render-long-word", "a 100,000-character word in a finding (generated)", RE, "0 1",
     ["render: longword.json:"], schema="pdf",
     setup=PDF + "; TIMEOUT=300\n" + GEN_FINDING % ("render-long-word", "longword.json",
                                                     '"W" * 100000', "longword.json"),
     files={"base.json": dump(comparison)})
case("render-long-text", "a 1 MB finding text (generated)", RE, "0 1", ["render: longtext.json:"],
     schema="pdf",
     setup=PDF + "; TIMEOUT=300; REPORT_RSS=1\n" + GEN_FINDING % (
         "render-long-text", "longtext.json",
         '"The allies agreed to deepen cooperation. " * 25000', "longtext.json"),
     files={"base.json": dump(comparison)})
case("render-huge-ordinal", "a meeting ordinal at 2^53 + 1", RE, "0 1", ["render: bigord.json:"],
     schema="pdf", setup=PDF,
     files={"bigord.json": comparison_with(lambda d: d["meetings"][0].update(ordinal=9007199254740993))})
case("render-1e400", "a number of 1e400", RE, "1", ["render: e400.json:"], setup=PDF,
     files={"e400.json": dump(comparison).replace(b'"format": "briefing-comparison/1"',
                                                  b'"format": "briefing-comparison/1", "x": 1e400', 1)})
case("render-bad-paper", "--paper with an unknown size", 'render "$IN" -o "$OUT" --paper tabloid',
     "2", ["render:", "tabloid"], setup=PDF, files={"c.json": dump(comparison)})

# ------------------------------------------------------------------ jsonschema
case("jsonschema-no-args", "no arguments", "jsonschema", "2", ["jsonschema:"])
case("jsonschema-malformed-schema", "the schema file is not JSON", 'jsonschema bad.schema.json "$IN"',
     "2", ["jsonschema: bad.schema.json:"], files={"bad.schema.json": b'{"type": }', "i.json": b"{}"},
     setup="IN=i.json")
case("jsonschema-deep-instance", "an instance nested 100,000 levels",
     'jsonschema "$ROOT/schemas/clean.schema.json" "$IN"', "1", ["jsonschema: deep.json:"],
     setup="head -c 100000 /dev/zero | tr '\\0' '[' > deep.json; "
           "head -c 100000 /dev/zero | tr '\\0' ']' >> deep.json; IN=deep.json")
case("jsonschema-missing-instance", "an instance file that does not exist",
     'jsonschema "$ROOT/schemas/clean.schema.json" nope.json', "1", ["jsonschema: nope.json:"])

# ------------------------------------------------------------------ write
for name in os.listdir(HERE):
    p = os.path.join(HERE, name)
    if os.path.isdir(p):
        shutil.rmtree(p)
for c in CASES:
    d = os.path.join(HERE, c["name"])
    os.makedirs(d)

    def w(fn, data):
        with open(os.path.join(d, fn), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
    w("about", c["about"] + "\n")
    w("cmd", c["cmd"] + "\n")
    w("expected.rc", c["rc"] + "\n")
    if c["err"]:
        w("expected.err", "\n".join(c["err"]) + "\n")
    if c["out"]:
        w("expected.out", "\n".join(c["out"]) + "\n")
    if c["schema"]:
        w("expected.schema", c["schema"] + "\n")
    if c["setup"]:
        w("setup", c["setup"] + "\n")
    for fn, data in c["files"].items():
        w(fn, data)
print(len(CASES), "cases")
