//! When the fast evaluator evaluates an alarm next.
//!
//! The reference evaluator evaluates every alarm at every tick. The fast one
//! evaluates only where the outcome could differ, and must agree with the
//! reference exactly. Its argument:
//! - An evaluation's outcome depends only on the pattern of the range
//!   (each period missing, breaching or not, in order) and on the current
//!   state; a state changes only when the outcome differs from it.
//! - If every period of the range at tick `t` has the same status `u`, and
//!   every period `[s, s + P)` that any later range will contain, up to some
//!   start `s*`, also has status `u`, then every range up to the tick
//!   `s* + P` is uniformly `u`: the outcome repeats and nothing can change.
//!   The next evaluation is at `s* + P` (at least the next tick).
//! - If the range is not uniform, the next tick is evaluated.
//! - Data in the store is fixed between changes; every change (a put, a
//!   countdown started or stopped, SetAlarmState, PutMetricAlarm) wakes the
//!   alarms of that metric for the next tick (see `CloudWatch::wake`).
//!
//! Finding `s*`: stored (custom) buckets end the search conservatively at
//! the first period that contains one. Countdown segments are arithmetic:
//! while a period lies wholly inside one segment it holds the same number of
//! points and its statistic falls by one minute's worth per minute, so its
//! status changes at most once and a binary search finds where; the few
//! periods that straddle a segment's ends are checked one by one. A search
//! that would take too many steps stops early and evaluates there, which is
//! always safe: evaluating at a tick where nothing changes changes nothing.

use super::alarm::AlarmConfig;
use super::evaluate::{period_at, Period, Status};
use super::store::Series;
use crate::sim::time::{SimTime, MINUTE};

/// Steps of one-by-one checking before the search stops early.
const STEP_BUDGET: u32 = 20_000;

/// The next tick at which `cfg`'s alarm must be evaluated after the
/// evaluation at `tick` that saw `range`; `None` if the outcome cannot
/// change until the metric's data does.
pub(crate) fn next_evaluation(
    series: Option<&Series>,
    cfg: &AlarmConfig,
    tick: SimTime,
    range: &[Period],
) -> Option<SimTime> {
    let g = cfg.tick_ms();
    let next_tick = tick.millis() + g;
    let Some(first) = range.first() else {
        return Some(SimTime::from_millis(next_tick));
    };
    let u = first.status;
    if range.iter().any(|p| p.status != u) {
        return Some(SimTime::from_millis(next_tick));
    }
    let p = cfg.period_ms();
    let s_lo = tick.millis() - cfg.range() as i64 * p + g;
    // The first period start whose period holds a stored bucket.
    let s_hi = series
        .and_then(|s| s.first_bucket_from(s_lo))
        .map(|b| s_lo.max(floor_to(b - p, g) + g));
    first_change(series, cfg, s_lo, s_hi, u).map(|s| SimTime::from_millis((s + p).max(next_tick)))
}

fn floor_to(t: i64, step: i64) -> i64 {
    t.div_euclid(step) * step
}

/// Where countdown points can lie in a period `[s, s + P)`: the starts `s`
/// in `[from, to]` see some point of the segment; starts in `interior` see
/// a full period of it.
struct Region {
    from: i64,
    to: i64,
    interior: Option<(i64, i64)>,
}

/// The first period start `s >= s_lo` (on the tick grid, before `s_hi`)
/// whose status differs from `u`; `s_hi` itself if the search reaches it;
/// `None` if no later period ever differs.
fn first_change(series: Option<&Series>, cfg: &AlarmConfig, s_lo: i64, s_hi: Option<i64>, u: Status) -> Option<i64> {
    let g = cfg.tick_ms();
    let p = cfg.period_ms();
    let status = |s: i64| period_at(series, cfg, s).status;
    let monotone = g == MINUTE && cfg.stat.shift_monotone();
    let regions: Vec<Region> = series
        .map(|s| s.countdowns())
        .unwrap_or_default()
        .iter()
        .filter(|c| cfg.unit.is_none_or(|u| u == c.unit))
        .map(|c| {
            let interior = (c.first, c.last - p + MINUTE);
            Region {
                from: floor_to(c.first - p, g) + g,
                to: c.last,
                interior: (monotone && interior.0 <= interior.1).then_some(interior),
            }
        })
        .collect();
    let mut budget = STEP_BUDGET;
    let mut s = s_lo;
    loop {
        if let Some(hi) = s_hi {
            if s >= hi {
                return Some(hi);
            }
        }
        if let Some((_, hi)) = regions
            .iter()
            .filter_map(|r| r.interior)
            .find(|&(lo, hi)| lo <= s && s <= hi)
        {
            // Monotone stretch: at most one change, found by bisection.
            let hi = s_hi.map_or(hi, |cap| hi.min(cap - g));
            if status(s) != u {
                return Some(s);
            }
            if status(hi) == u {
                s = hi + g;
                continue;
            }
            let (mut same, mut differs) = (s, hi);
            while differs - same > g {
                let mid = same + (differs - same) / g / 2 * g;
                if status(mid) == u {
                    same = mid;
                } else {
                    differs = mid;
                }
            }
            return Some(differs);
        }
        if regions.iter().any(|r| r.from <= s && s <= r.to) {
            if status(s) != u {
                return Some(s);
            }
            budget -= 1;
            if budget == 0 {
                return Some(s);
            }
            s += g;
            continue;
        }
        // No data reaches a period starting here: it is missing.
        if u != Status::Missing {
            return Some(s);
        }
        match regions.iter().map(|r| r.from).filter(|&f| f > s).min() {
            Some(next) => s = next,
            None => return s_hi,
        }
    }
}
