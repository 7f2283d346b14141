#!/usr/bin/env bash
# fuzz_smoke.sh - replay the committed fuzz corpora (seeds and every input
# that once crashed, tests/fuzz/corpus/NAME/) through each harness, linked
# with a small driver against this build's libraries (so under build/asan
# the replay runs with ASan+UBSan). Fast: no fuzzing, just the inputs.
# The long runs are `make fuzz FUZZ_SECONDS=N` (tests/fuzz/run.sh).
. "$(dirname "$0")/../lib.sh"

cc=${CC:-cc}
san=()
is_asan && san=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
jansson=$(pkg-config --cflags --libs jansson 2>/dev/null || echo -ljansson)
mkdir -p "$TMP/bin"
cd "$ROOT" || exit 1

stage_of() {
    case $1 in
    clean) echo clean ;;
    sentence | dates | acronym | extract) echo extract ;;
    render) echo render ;;
    compare) echo compare ;;
    esac
}

total=0 start=$(date +%s)
for h in tests/fuzz/fuzz_*.c; do
    n=$(basename "$h" .c)
    n=${n#fuzz_}
    st=$(stage_of "$n")
    libs=()
    [ -n "$st" ] && libs+=("$BUILD/lib/lib$st.a")
    libs+=("$BUILD/lib/libcommon.a")
    files=()
    while IFS= read -r f; do files+=("$f"); done < <(find "tests/fuzz/corpus/$n" -type f 2>/dev/null | sort)
    if [ ${#files[@]} -eq 0 ]; then
        skip "fuzz_$n replay" "no committed inputs in tests/fuzz/corpus/$n"
        continue
    fi
    missing=0
    for l in "${libs[@]}"; do [ -f "$l" ] || missing=1; done
    if [ "$missing" = 1 ]; then
        skip "fuzz_$n replay" "$BUILD/lib has no library for it yet"
        continue
    fi
    if ! "$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -Istages/common \
        ${st:+-Istages/$st} -DFUZZ_ROOT="\"$ROOT\"" "${san[@]}" -Wall -Wextra -Werror \
        tests/fuzz/driver.c "$h" -Wl,--start-group "${libs[@]}" -Wl,--end-group \
        $jansson -lhpdf -lm -o "$TMP/bin/fuzz_$n" 2>"$TMP/cc.err"; then
        not_ok "fuzz_$n replay" "cannot build: $(head -5 "$TMP/cc.err")"
        continue
    fi
    if timeout 120 "$TMP/bin/fuzz_$n" "${files[@]}" >/dev/null 2>"$TMP/run.err"; then
        ok "fuzz_$n replay (${#files[@]} inputs)"
    else
        rc=$?
        last=$(grep '^replay ' "$TMP/run.err" | tail -1)
        not_ok "fuzz_$n replay" "exit $rc on ${last#replay }" \
            "$(grep -m3 -E 'ERROR|runtime error|SUMMARY|#[0-3] ' "$TMP/run.err")"
    fi
    total=$((total + ${#files[@]}))
done
echo "# report: fuzz_smoke ($SUITE_LABEL): $total corpus inputs replayed in $(($(date +%s) - start)) s"
