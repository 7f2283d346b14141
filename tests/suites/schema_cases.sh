#!/usr/bin/env bash
# schema_cases.sh - each schema in schemas/ compiles, accepts its hand-made
# valid document, and rejects every hand-made invalid document in
# tests/cases/schema/<name>/NN-what.json with exit 1 and a message naming the
# JSON Pointer in NN-what.expect (as "file: POINTER: ..." or, for a missing
# property, "expected at POINTER").
source "$(dirname "$0")/../lib.sh"

JS=$BIN/jsonschema
CASES=$ROOT/tests/cases/schema
if [ ! -x "$JS" ]; then
    not_ok "jsonschema binary" "missing $JS"
    exit 0
fi

for s in "$ROOT"/schemas/*.schema.json; do
    [ -f "$s" ] || continue
    name=$(basename "$s" .schema.json)
    echo '{}' >"$TMP/empty.json"
    "$JS" "$s" "$TMP/empty.json" >/dev/null 2>"$TMP/err"
    rc=$?
    if [ "$rc" -le 1 ]; then
        ok "schemas/$name.schema.json compiles"
    else
        not_ok "schemas/$name.schema.json compiles" "$(head -3 "$TMP/err")"
    fi
done

for dir in "$CASES"/*/; do
    name=$(basename "$dir")
    schema=$ROOT/schemas/$name.schema.json
    if [ ! -f "$schema" ]; then
        skip "schema cases $name" "schemas/$name.schema.json not written yet"
        continue
    fi
    if [ -f "$dir/valid.json" ]; then
        check "$name: valid.json is accepted" "$JS" "$schema" "$dir/valid.json"
    fi
    n=0
    for inst in "$dir"/[0-9]*.json; do
        [ -f "$inst" ] || continue
        n=$((n + 1))
        case_name=$name/$(basename "$inst" .json)
        ptr=$(head -1 "${inst%.json}.expect")
        "$JS" "$schema" "$inst" >/dev/null 2>"$TMP/err"
        rc=$?
        if [ "$rc" -ne 1 ]; then
            not_ok "$case_name is rejected" "expected exit 1, got $rc" "$(head -3 "$TMP/err")"
        elif grep -qF -e "$inst: $ptr: " -e "(expected at $ptr)" "$TMP/err"; then
            ok "$case_name is rejected at $ptr"
        else
            not_ok "$case_name is rejected at $ptr" "message does not name $ptr:" \
                "$(head -5 "$TMP/err")"
        fi
    done
    if [ "$n" -ge 20 ]; then
        ok "$name: at least 20 invalid cases ($n)"
    else
        not_ok "$name: at least 20 invalid cases" "found $n"
    fi
done

# Schemas that cannot be compiled: a clear error naming the file, exit 2 (an
# invalid schema, as --help says), no crash (the fuzzer found the
# bad-pattern message read after its memory was freed)
echo '{}' >"$TMP/empty.json"
for bad in '{"patternProperties": {"(": {}}}' '{"pattern": "[a-"}' \
    '{"properties": {"a": {"patternProperties": {"x{2,1}": {}}}}}' '{"type": 7}' \
    '{"patternProperties": "evidence"}' '{"properties": []}'; do
    printf '%s\n' "$bad" >"$TMP/bad.schema.json"
    "$JS" "$TMP/bad.schema.json" "$TMP/empty.json" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" = 2 ] && grep -q "bad.schema.json" "$TMP/err" && ! grep -q Sanitizer "$TMP/err"; then
        ok "uncompilable schema $bad: exit 2 naming the file"
    else
        not_ok "uncompilable schema $bad: exit 2 naming the file" "exit $rc: $(head -3 "$TMP/err")"
    fi
done
