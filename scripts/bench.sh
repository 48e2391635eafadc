#!/usr/bin/env bash
# Runs the benchmarks of SPEC §4 and compares them with their budgets
# (BENCHMARKS.md explains each figure). Steps, in order:
#   native   the model's criterion benchmarks (benches/model), written to
#            target/bench/native.json
#   moto     the same mixed workload through moto in-process (boto3), in a
#            virtualenv under .tools/ (moto 5.2.5), written to
#            target/bench/moto.json
#   ratio    native requests/s over moto's, against the 1,000x budget;
#            written to target/bench/summary.json
#   browser  the release app and a hello-world Yew app (benchmarks/hello),
#            each built by Trunk and served the same way, in headless
#            Chromium (benchmarks/browser.mjs): bytes shipped, first render
#            and interactive, the year in the page, frames while playing,
#            the chart with 20,160 points, wasm memory; written to
#            target/bench/browser.json
# Usage:
#   scripts/bench.sh                 every step
#   scripts/bench.sh native ratio    chosen steps (ratio reads the files the
#                                    other two wrote, in this run or before)
#   BENCH_FILTER=mixed scripts/bench.sh native   a subset of the benches
#   MOTO_REQUESTS=2000 scripts/bench.sh moto     a shorter moto run
# A step is a function step_<name>; add one and list it in ALL_STEPS.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

OUT="$ROOT/target/bench"
mkdir -p "$OUT"
CARGO_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
MOTO_VERSION="5.2.5"
MOTO_VENV="$TOOLS/moto-$MOTO_VERSION"
ALL_STEPS=(native moto ratio browser)

# The virtualenv with moto and boto3 (boto3 at the newest release pip
# resolves with moto; the versions used are written into moto.json).
ensure_moto() {
  # moto's "events" extra brings jsonpath-ng, which its PutEvents needs.
  if ! "$MOTO_VENV/bin/python" -c "import moto, boto3, jsonpath_ng" >/dev/null 2>&1; then
    say "installing moto $MOTO_VERSION and boto3 into ${MOTO_VENV#"$ROOT"/}"
    python3 -m venv "$MOTO_VENV"
    "$MOTO_VENV/bin/pip" install --quiet --disable-pip-version-check "moto[events]==$MOTO_VERSION" boto3 ||
      die "could not install moto $MOTO_VERSION"
  fi
}

# The Python that post-processes results (any python3 will do).
py() { "$(command -v python3)" "$@"; }

step_native() {
  say "native benchmarks (cargo bench --bench model${BENCH_FILTER:+ -- $BENCH_FILTER})"
  local log="$OUT/native.log"
  # The log keeps everything; the terminal shows each result and what each
  # workload did.
  if ! cargo bench --locked --bench model -- ${BENCH_FILTER:+"$BENCH_FILTER"} 2>&1 | tee "$log" |
    { grep -E '^[a-z_]+/[a-z0-9_]+ +time:|^ +(time|thrpt):|^[a-z_]+(/[a-z0-9_]+)?: .*[0-9]' || true; }; then
    die "cargo bench failed (see ${log#"$ROOT"/})"
  fi
  py - "$CARGO_TARGET/criterion" "$OUT/native.json" "$log" <<'PY'
import json, os, platform, re, subprocess, sys
criterion, out, log = sys.argv[1:4]

# SPEC §4 budgets and what each benchmark measures (per iteration).
META = {
    "year/advance_365d": {"what": "advance 365 days: 100 keys, 100 alarms, 1-minute metrics",
                          "budget": "<= 250 ms in the browser"},
    "year/monthly_reimport": {"what": "the same year in 30-day steps with re-imports (advances only)",
                              "budget": "<= 250 ms in the browser"},
    "mixed/10000_requests": {"what": "10,000 requests of the mixed workload", "requests": 10000,
                             "budget": ">= 1,000x moto in-process (see summary.json)"},
    "patterns/100000_events_100_rules": {"what": "100,000 events x 100 patterns", "events": 100000},
    "alarms/fast_1d": {"what": "one day, 100 alarms, fast evaluator (advances only)"},
    "alarms/reference_1d": {"what": "one day, 100 alarms, reference evaluator (advances only)"},
    "alarms/fast_1d_ahead": {"what": "one day, fast evaluator, data fed an hour ahead"},
}

def machine():
    info = {"nproc": os.cpu_count(), "platform": platform.platform()}
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    info["rustc"] = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return info

# Only the benchmarks this run measured (criterion keeps older results).
ran = set(re.findall(r"^Benchmarking ([a-z_]+/[a-z0-9_]+)", open(log).read(), re.M))
benches = {}
for group in sorted(os.listdir(criterion)) if os.path.isdir(criterion) else []:
    for name in sorted(os.listdir(os.path.join(criterion, group))):
        path = os.path.join(criterion, group, name, "new", "estimates.json")
        if not os.path.exists(path):
            continue
        e = json.load(open(path))
        key = f"{group}/{name}"
        if key not in ran:
            continue
        entry = {"mean_ms": e["mean"]["point_estimate"] / 1e6,
                 "mean_ci95_ms": [e["mean"]["confidence_interval"]["lower_bound"] / 1e6,
                                  e["mean"]["confidence_interval"]["upper_bound"] / 1e6],
                 "median_ms": e["median"]["point_estimate"] / 1e6}
        entry.update(META.get(key, {}))
        if "requests" in entry:
            entry["requests_per_second"] = entry["requests"] / (entry["mean_ms"] / 1e3)
        if "events" in entry:
            entry["events_per_second"] = entry["events"] / (entry["mean_ms"] / 1e3)
        benches[key] = entry

# What each workload did (printed by the benches before measuring).
notes = {}
for line in open(log):
    m = re.match(r"^([a-z_]+(?:/[a-z0-9_]+)?): (.*\d.*)$", line.strip())
    if m and "time:" not in line:
        notes[m.group(1)] = m.group(2)

json.dump({"machine": machine(),
           "profile": "cargo bench: the release profile (opt-level \"z\", fat LTO, as the shipped wasm)",
           "benches": benches, "notes": notes}, open(out, "w"), indent=2)
print(f"wrote {out}")
PY
}

step_moto() {
  ensure_moto
  local n="${MOTO_REQUESTS:-10000}"
  say "moto workload ($n requests, in-process; several minutes)"
  "$MOTO_VENV/bin/python" benchmarks/moto_workload.py --requests "$n" > "$OUT/moto.json" ||
    die "moto workload failed"
  py -c 'import json, sys; d = json.load(open(sys.argv[1])); print("moto %s, boto3 %s: %s requests/s" % (d["moto"], d["boto3"], d["requests_per_second"]))' "$OUT/moto.json"
}

step_ratio() {
  [ -f "$OUT/native.json" ] && [ -f "$OUT/moto.json" ] || die "ratio needs native.json and moto.json (run native and moto)"
  py - "$OUT/native.json" "$OUT/moto.json" "$OUT/summary.json" <<'PY'
import json, sys
native, moto = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
mixed = native["benches"].get("mixed/10000_requests")
if not mixed:
    sys.exit("native.json has no mixed/10000_requests (run the native step without a filter)")
ratio = mixed["requests_per_second"] / moto["requests_per_second"]
summary = {
    "native_requests_per_second": round(mixed["requests_per_second"]),
    "moto_requests_per_second": moto["requests_per_second"],
    "ratio": round(ratio),
    "budget": 1000,
    "meets_budget": ratio >= 1000,
    "moto": moto["moto"], "boto3": moto["boto3"], "python": moto["python"],
}
year = native["benches"].get("year/advance_365d")
if year:
    summary["year_advance_ms"] = round(year["mean_ms"], 2)
json.dump(summary, open(sys.argv[3], "w"), indent=2)
print(f"mixed workload: native {mixed['requests_per_second']:,.0f} requests/s, "
      f"moto {moto['requests_per_second']:,} requests/s -> {ratio:,.0f}x (budget >= 1,000x: "
      f"{'met' if ratio >= 1000 else 'NOT met'})")
if year:
    print(f"year advance: {year['mean_ms']:.1f} ms natively (browser budget 250 ms)")
PY
}

step_browser() {
  ensure_build_tools
  ensure_browser
  say "release build of the playground and of the hello-world Yew app"
  trunk_build "$OUT/app-dist" >"$OUT/trunk-app.log" 2>&1 || die "trunk build failed (see ${OUT#"$ROOT"/}/trunk-app.log)"
  (cd "$ROOT/benchmarks/hello" && with_wasm_env trunk build --release --offline --dist "$OUT/hello-dist") \
    >"$OUT/trunk-hello.log" 2>&1 || die "trunk build of benchmarks/hello failed (see ${OUT#"$ROOT"/}/trunk-hello.log)"
  say "browser benchmark (headless Chromium; about two minutes)"
  CHROMIUM="$CHROMIUM" node benchmarks/browser.mjs "$OUT/app-dist" "$OUT/hello-dist" "$OUT/browser.json" ||
    die "browser benchmark failed"
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=("${ALL_STEPS[@]}")
for s in "${steps[@]}"; do
  declare -F "step_$s" >/dev/null || die "unknown step '$s' (steps: ${ALL_STEPS[*]})"
done
for s in "${steps[@]}"; do "step_$s"; done
