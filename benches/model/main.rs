//! Native benchmarks of the model (issue 9), with SPEC §4's budgets in
//! `BENCHMARKS.md`: a simulated year, the mixed request workload also sent
//! to moto by `benchmarks/moto_workload.py`, EventBridge pattern matching,
//! and the two alarm evaluators. `scripts/bench.sh` runs them and writes
//! the figures to `target/bench/native.json`.
//!
//! Filter as with any criterion bench: `cargo bench --bench model -- year`.
//! For a profiler, `KMSP_BENCH_ONCE=<year|mixed|patterns|fast|reference|ahead>`
//! runs that workload once without criterion; the measured part is the
//! function `measured` (e.g. `valgrind --tool=callgrind
//! --toggle-collect='*measured*'`).

mod alarms;
mod mixed;
mod patterns;
mod support;
mod year;

use std::time::{Duration, Instant};

use criterion::Criterion;
use kms_playground::sim::cloudwatch::Evaluator;
use kms_playground::sim::time::DAY;

fn main() {
    if let Ok(which) = std::env::var("KMSP_BENCH_ONCE") {
        once(&which);
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    year::bench(&mut c);
    mixed::bench(&mut c);
    patterns::bench(&mut c);
    alarms::bench(&mut c);
    c.final_summary();
}

/// Runs `f` as the measured part of a profile.
#[inline(never)]
fn measured<R>(f: impl FnOnce() -> R) -> R {
    f()
}

fn once(which: &str) {
    let t0 = Instant::now();
    match which {
        "year" => {
            let mut w = year::prepare().world;
            let end = w.now().plus(365 * DAY);
            measured(|| w.advance_to(end));
        }
        "mixed" => {
            let mut workload = mixed::prepare();
            let failed = measured(|| mixed::run(&mut workload.world, &workload.requests));
            assert_eq!(failed, 0);
        }
        "patterns" => {
            let (p, e) = (patterns::patterns(), patterns::events());
            measured(|| patterns::count_matches(&p, &e));
        }
        "fast" | "reference" | "ahead" => {
            let evaluator = if which == "reference" {
                Evaluator::Reference
            } else {
                Evaluator::Fast
            };
            let feed = if which == "ahead" {
                alarms::Feed::HourAhead
            } else {
                alarms::Feed::EveryMinute
            };
            let w = alarms::prepare(evaluator);
            let (_, spent) = alarms::day(w, feed);
            eprintln!("advancing: {spent:?}");
        }
        other => panic!("unknown workload {other}"),
    }
    eprintln!("{which}: {:?} in all", t0.elapsed());
}
