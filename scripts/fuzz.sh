#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ (cargo-fuzz, libFuzzer) for a while each:
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default 20 s, all)
# Needs a nightly toolchain (`cargo +nightly`) and cargo-fuzz, found on PATH,
# in .tools/cargo-fuzz/bin, or at $CARGO_FUZZ; without them it says so and
# exits 0 (skipped). It never installs anything. Install cargo-fuzz with
#   cargo install cargo-fuzz --locked --root .tools/cargo-fuzz
# Targets are built without a sanitizer (the code is safe Rust) but with
# debug assertions, so integer overflow panics. New inputs go to
# fuzz/corpus/<target> (git-ignored), seeded from fuzz/seeds/<target>; a
# crash leaves its input in fuzz/artifacts/<target> and fails the script.
# Each target's final libFuzzer statistics are summarised at the end.
# FUZZ_TARGET_DIR sets the build directory (default fuzz/target).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
set +e

seconds="${1:-20}"
[ $# -gt 0 ] && shift
case "$seconds" in ''|*[!0-9]*) die "usage: scripts/fuzz.sh [seconds] [target...]" ;; esac

fuzz_bin="${CARGO_FUZZ:-}"
[ -z "$fuzz_bin" ] && fuzz_bin="$(command -v cargo-fuzz 2>/dev/null)"
[ -z "$fuzz_bin" ] && [ -x "$ROOT/.tools/cargo-fuzz/bin/cargo-fuzz" ] && fuzz_bin="$ROOT/.tools/cargo-fuzz/bin/cargo-fuzz"
if ! cargo +nightly --version >/dev/null 2>&1; then
  say "fuzz: SKIPPED: no nightly toolchain (cargo +nightly)"
  exit 0
fi
if [ -z "$fuzz_bin" ]; then
  say "fuzz: SKIPPED: cargo-fuzz not found (cargo install cargo-fuzz --locked --root .tools/cargo-fuzz)"
  exit 0
fi
export PATH="$(dirname "$fuzz_bin"):$PATH"

target_dir="${FUZZ_TARGET_DIR:-$ROOT/fuzz/target}"
flags=(--sanitizer none --debug-assertions --target-dir "$target_dir")
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)

say "fuzz: building ${targets[*]}"
(cd fuzz && cargo +nightly fuzz build "${flags[@]}") || die "fuzz: build failed"

logs="$ROOT/fuzz/logs"; mkdir -p "$logs"
summary=(); failed=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t" "fuzz/artifacts/$t"
  say "fuzz: $t for ${seconds}s"
  (cd fuzz && cargo +nightly fuzz run "${flags[@]}" "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 \
      -artifact_prefix="artifacts/$t/") >"$logs/$t.log" 2>&1
  rc=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$logs/$t.log" | grep -oE '[0-9]+$' | tail -1)
  [ -z "$runs" ] && runs=$(grep -oE '^Done [0-9]+ runs' "$logs/$t.log" | grep -oE '[0-9]+' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$logs/$t.log" | tail -1 | grep -oE '[0-9]+')
  if [ $rc -eq 0 ]; then
    summary+=("$(printf '%-14s %10s runs  cov %6s  crashes 0' "$t" "${runs:-?}" "${cov:-?}")")
  else
    failed=1
    artifact=$(grep -oE 'artifacts/[^ ]+' "$logs/$t.log" | tail -1)
    summary+=("$(printf '%-14s %10s runs  cov %6s  crashes 1  (%s, log fuzz/logs/%s.log)' "$t" "${runs:-?}" "${cov:-?}" "${artifact:-see log}" "$t")")
  fi
done
say "fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit $failed
