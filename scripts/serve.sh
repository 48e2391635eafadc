#!/usr/bin/env bash
# Builds the playground and serves it on http://127.0.0.1:8080 (rebuilding
# on changes). Installs whatever is missing first (see scripts/lib.sh).
#   scripts/serve.sh          release build, as deployed
#   scripts/serve.sh --dev    debug build: faster to rebuild, larger
#   PORT=9000 scripts/serve.sh
source "$(dirname "$0")/lib.sh"

profile=(--release)
[ "${1:-}" = "--dev" ] && profile=()
ensure_build_tools
say "serving on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops)"
cd "$ROOT"
exec env PATH="${WASM_PATH_PREFIX:+$WASM_PATH_PREFIX:}$TOOLS/bin:$ROOT/node_modules/.bin:$PATH" \
  ${WASM_RUSTC:+RUSTC="$WASM_RUSTC"} \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${WASM_SYSROOT:+--sysroot=$WASM_SYSROOT}" \
  CARGO_TARGET_DIR="$CARGO_TARGET_DIR_WASM" \
  trunk serve "${profile[@]}" --offline --address 127.0.0.1 --port "${PORT:-8080}" --dist "$ROOT/target/serve-dist"
