#!/usr/bin/env bash
# Runs every test of the project, installing whatever is missing first:
#   formatting and lints, the native suite (cargo test), in-browser unit
#   tests (wasm-bindgen-test in headless Chromium), a release build of the
#   app, end-to-end tests against that build in headless Chromium, and a
#   short fuzzing run when nightly and cargo-fuzz are installed.
# Prints how many tests each tier ran and how long each step took.
#   scripts/test.sh            everything
#   scripts/test.sh --quick    formatting, lints and the native suite only
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

quick=0
[ "${1:-}" = "--quick" ] && quick=1
summary=()
t_start=$SECONDS

step() { # step NAME CMD...: runs CMD, records its time
  local name="$1" t0=$SECONDS; shift
  say "$name"
  "$@" || die "$name failed"
  summary+=("$(printf '%-28s %5ss' "$name" $((SECONDS - t0)))")
}

# count_passed LOG: the sum of "N passed" over libtest's result lines.
count_passed() { grep -hoE 'test result: ok\. [0-9]+ passed' "$1" | awk '{ s += $4 } END { print s + 0 }'; }

setup() {
  ensure_build_tools
  if [ $quick = 0 ]; then ensure_browser; fi
  command -v cargo-clippy >/dev/null 2>&1 || rustup component add clippy rustfmt >/dev/null 2>&1 || true
}
step "setup" setup

step "cargo fmt --check" cargo fmt --all -- --check
step "cargo clippy -D warnings" cargo clippy --all-targets --locked --quiet -- -D warnings

logs="$ROOT/target/test-logs"; mkdir -p "$logs"
native_tests() { cargo test --locked 2>&1 | tee "$logs/native.log" | grep -E '^(test result|error|failures:|---- )' | grep -v 'ok. 0 passed' ; return "${PIPESTATUS[0]}"; }
step "native tests" native_tests
native=$(count_passed "$logs/native.log")

wasm=0; e2e=0
if [ $quick = 0 ]; then
  wasm_tests() {
    with_wasm_env env CHROMEDRIVER="$CHROMEDRIVER" WASM_BINDGEN_TEST_TIMEOUT=180 \
      "$WASM_CARGO" test --locked --target "$WASM_TARGET" --test web 2>&1 | tee "$logs/wasm.log" |
      grep -E '^(test result|error|Running headless|failures:|---- )'
    return "${PIPESTATUS[0]}"
  }
  step "in-browser tests (wasm)" wasm_tests
  wasm=$(count_passed "$logs/wasm.log")

  # The browser code is compiled only for wasm32 (cfg-gated): lint it there too.
  step "clippy (wasm32)" with_wasm_env "$WASM_CARGO" clippy --locked --quiet --target "$WASM_TARGET" -- -D warnings

  step "trunk build --release" trunk_build "$ROOT/dist"

  e2e_tests() {
    CHROMIUM="$CHROMIUM" npx --no-install playwright test 2>&1 | tee "$logs/e2e.log" | grep -vE '^\s+✓' ; return "${PIPESTATUS[0]}"
  }
  step "end-to-end tests (Chromium)" e2e_tests
  e2e=$(grep -oE '[0-9]+ passed' "$logs/e2e.log" | tail -1 | awk '{ print $1 }')

  # A short fuzzing run of every target when a nightly toolchain and
  # cargo-fuzz are there (scripts/fuzz.sh says "SKIPPED" otherwise).
  step "fuzz (20 s per target)" "$ROOT/scripts/fuzz.sh" 20
fi

echo
echo "== summary =="
printf '%s\n' "${summary[@]}"
printf '%-28s %5ss\n' "total" $((SECONDS - t_start))
echo "tests passed: native $native, in-browser ${wasm:-0}, end-to-end ${e2e:-0}"
