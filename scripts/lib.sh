# shellcheck shell=bash
# Shared setup for the project's scripts: finds or installs every tool the
# build and the tests need, idempotently, and exports the environment that
# selects them. Sourced by scripts/serve.sh, scripts/test.sh and
# scripts/bench.sh; never run on its own.
#
# Where tools go:
#   .tools/                      project-local and git-ignored: trunk,
#                                wasm-bindgen-cli, the offline wasm32 sysroot
#   node_modules/                the npm packages of the browser tests and
#                                wasm-opt (binaryen), from package-lock.json
#   $KMSP_TOOL_CACHE             optional cache shared by clones on one machine
#                                (default ~/.cache/kms-playground): a fresh
#                                clone copies a tool from it instead of
#                                compiling it again. Delete it at will.
#   system packages              only with apt-get and only when missing:
#                                chromium, chromium-driver, and on machines
#                                whose rustup cannot download the wasm32
#                                target, Debian's rustc-web toolchain + lld.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
KMSP_TOOL_CACHE="${KMSP_TOOL_CACHE:-$HOME/.cache/kms-playground}"
TRUNK_VERSION="0.21.14"
WASM_TARGET="wasm32-unknown-unknown"
mkdir -p "$TOOLS/bin"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen-cli version must equal the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $*"
  fi
}

apt_ensure() { # apt_ensure pkg... : installs the Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  say "installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# cache_fetch NAME DEST: copies a cached tool folder into DEST if present.
cache_fetch() {
  [ -d "$KMSP_TOOL_CACHE/$1" ] || return 1
  rm -rf "$2" && mkdir -p "$(dirname "$2")" && cp -a "$KMSP_TOOL_CACHE/$1" "$2"
}
# cache_store NAME SRC: best effort; a read-only home only costs a rebuild.
cache_store() {
  { mkdir -p "$KMSP_TOOL_CACHE" && rm -rf "$KMSP_TOOL_CACHE/$1.tmp" &&
    cp -a "$2" "$KMSP_TOOL_CACHE/$1.tmp" && rm -rf "${KMSP_TOOL_CACHE:?}/$1" &&
    mv "$KMSP_TOOL_CACHE/$1.tmp" "$KMSP_TOOL_CACHE/$1"; } 2>/dev/null || true
}

# cargo_install_tool CRATE VERSION BIN: a cargo-installed binary in
# .tools/<crate>-<version>, linked from .tools/bin.
cargo_install_tool() {
  local crate="$1" version="$2" bin="$3" dir="$TOOLS/$1-$2"
  if [ ! -x "$dir/bin/$bin" ] && ! cache_fetch "$crate-$version" "$dir"; then
    say "building $crate $version (a few minutes, once)"
    # --locked first; the crate mirror can lack a yanked-then-restored
    # dependency version, in which case the newest compatible ones are used.
    cargo install "$crate" --version "$version" --locked --root "$dir" --quiet 2>/dev/null ||
      cargo install "$crate" --version "$version" --root "$dir" --quiet ||
      die "could not build $crate $version"
    cache_store "$crate-$version" "$dir"
  fi
  ln -sf "$dir/bin/$bin" "$TOOLS/bin/$bin"
}

# ensure_wasm_toolchain: makes `$WASM_CARGO build --target wasm32-unknown-unknown`
# work and exports what selects it. Uses rustup's target where it exists or can
# be downloaded; otherwise Debian's rustc-web with a wasm32 std built from
# rust-web-src into a project-local sysroot (../shared/TOOLCHAIN.md).
# KMSP_OFFLINE_TOOLCHAIN=1 forces the Debian route (to test it anywhere).
ensure_wasm_toolchain() {
  if [ "${KMSP_OFFLINE_TOOLCHAIN:-0}" != 1 ] &&
     { rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET" ||
       { command -v rustup >/dev/null && timeout 120 rustup target add "$WASM_TARGET" >/dev/null 2>&1; }; }; then
    export WASM_CARGO=cargo
    export CARGO_TARGET_DIR_WASM="$ROOT/target/wasm-rustup"
    return 0
  fi
  say "rustup has no $WASM_TARGET target and cannot download one: using Debian's rustc-web"
  apt_ensure rustc-web cargo-web rust-web-src
  local lld
  lld="$(ls -d /usr/lib/llvm-*/bin/lld 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$lld" ]; then apt_ensure lld-22 || apt_ensure lld; lld="$(ls -d /usr/lib/llvm-*/bin/lld | sort -V | tail -1)"; fi
  local commit sysroot
  commit="$(/usr/bin/rustc -vV | awk '/^commit-hash/ { print substr($2, 1, 12) }')"
  sysroot="$TOOLS/wasm-sysroot-$commit"
  if ! ls "$sysroot/lib/rustlib/$WASM_TARGET/lib/"libstd-*.rlib >/dev/null 2>&1 &&
     ! cache_fetch "wasm-sysroot-$commit" "$sysroot"; then
    say "building the wasm32 standard library from rust-web-src (about 2 minutes, once)"
    local scratch="$TOOLS/sysroot-build"
    rm -rf "$scratch" && mkdir -p "$scratch/src"
    printf '[package]\nname = "sysroot_probe"\nversion = "0.0.0"\nedition = "2021"\n' > "$scratch/Cargo.toml"
    : > "$scratch/src/lib.rs"
    (cd "$scratch" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Cembed-bitcode=yes" \
      CARGO_TARGET_DIR="$scratch/target" /usr/bin/cargo build --quiet --release \
      --target "$WASM_TARGET" -Zbuild-std=std,panic_abort,test) || die "building the wasm32 std failed"
    mkdir -p "$sysroot/lib/rustlib/$WASM_TARGET/lib"
    find "$scratch/target/$WASM_TARGET/release/deps" -name '*.rlib' ! -name 'libsysroot_probe*' \
      -exec cp {} "$sysroot/lib/rustlib/$WASM_TARGET/lib/" \;
    rm -rf "$scratch"
    cache_store "wasm-sysroot-$commit" "$sysroot"
  fi
  # rustc looks for its wasm linker in <sysroot>/lib/rustlib/<host>/bin.
  mkdir -p "$sysroot/lib/rustlib/x86_64-unknown-linux-gnu/bin"
  ln -sf "$lld" "$sysroot/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
  # Shims so that Trunk's `cargo` is Debian's cargo with Debian's rustc.
  mkdir -p "$TOOLS/debian-rust/bin"
  ln -sf /usr/bin/cargo "$TOOLS/debian-rust/bin/cargo"
  ln -sf /usr/bin/rustc "$TOOLS/debian-rust/bin/rustc"
  export WASM_CARGO=/usr/bin/cargo
  export WASM_PATH_PREFIX="$TOOLS/debian-rust/bin"
  export WASM_RUSTC=/usr/bin/rustc
  export WASM_SYSROOT="$sysroot"
  export CARGO_TARGET_DIR_WASM="$ROOT/target/wasm-debian"
}

# with_wasm_env CMD...: runs CMD with the wasm toolchain selected.
with_wasm_env() {
  local flags="${WASM_EXTRA_RUSTFLAGS:-}"
  [ -n "${WASM_SYSROOT:-}" ] && flags="--sysroot=$WASM_SYSROOT $flags"
  env PATH="${WASM_PATH_PREFIX:+$WASM_PATH_PREFIX:}$TOOLS/bin:$ROOT/node_modules/.bin:$PATH" \
    ${WASM_RUSTC:+RUSTC="$WASM_RUSTC"} \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags" \
    CARGO_TARGET_DIR="$CARGO_TARGET_DIR_WASM" \
    "$@"
}

ensure_build_tools() {
  ensure_wasm_toolchain
  cargo_install_tool wasm-bindgen-cli "$(wasm_bindgen_version)" wasm-bindgen
  ln -sf "$TOOLS/wasm-bindgen-cli-$(wasm_bindgen_version)/bin/wasm-bindgen-test-runner" "$TOOLS/bin/wasm-bindgen-test-runner"
  cargo_install_tool trunk "$TRUNK_VERSION" trunk
  ensure_npm
}

# npm packages (Playwright, axe-core, binaryen's wasm-opt) from the lockfile.
ensure_npm() {
  command -v npm >/dev/null 2>&1 || apt_ensure nodejs npm
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
    say "installing npm packages from package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# Chromium and ChromeDriver for the browser tests. CHROMIUM / CHROMEDRIVER
# may point elsewhere (e.g. a laptop's Chrome and a matching chromedriver).
ensure_browser() {
  if [ -z "${CHROMIUM:-}" ]; then
    CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
  fi
  if [ -z "${CHROMEDRIVER:-}" ]; then CHROMEDRIVER="$(command -v chromedriver || true)"; fi
  # A Japanese font, so that screenshots of the Japanese UI show text.
  if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=ja | grep -q . && command -v apt-get >/dev/null 2>&1; then
    apt_ensure fonts-ipafont-gothic || true
  fi
  if [ -z "$CHROMIUM" ] || [ -z "$CHROMEDRIVER" ]; then
    apt_ensure chromium chromium-driver
    CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"; CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
    [ -x "$CHROMIUM" ] || CHROMIUM=/usr/bin/chromium
    [ -x "$CHROMEDRIVER" ] || CHROMEDRIVER=/usr/bin/chromedriver
  fi
  export CHROMIUM CHROMEDRIVER
}

# trunk_build OUT [extra trunk args]: a release build of the app into OUT.
trunk_build() {
  local out="$1"; shift
  (cd "$ROOT" && with_wasm_env trunk build --release --offline --dist "$out" "$@")
}
