//! When the fast evaluator evaluates an alarm next.
//!
//! The reference evaluator evaluates every alarm at every tick. The fast one
//! evaluates only where the outcome could differ, and must agree with the
//! reference exactly. Its argument:
//! - An evaluation's outcome depends only on the pattern of the range (each
//!   period missing, breaching or not, in order) and on the current state;
//!   a state changes only when the outcome differs from it.
//! - As the evaluation instant moves by `d`, every period of the range
//!   slides by `d`. Let `status(s)` be the status of the period `[s, s + P)`.
//!   If, for each period `k` of the range at tick `t` (starting at `s_k`),
//!   `status` keeps its value from `s_k` up to `s_k + d_k`, then the pattern
//!   is the same at every tick before `t + min_k d_k`: that is the next
//!   evaluation (at least the next tick).
//! - The store is fixed between changes; every change (a put, a countdown
//!   started or stopped, SetAlarmState, PutMetricAlarm) wakes the alarms of
//!   that metric for the next tick (`CloudWatch::wake`).
//!
//! Finding where `status(s)` changes: stored buckets change a period's
//! content only when one enters (`s + P` passes it) or leaves (`s` passes
//! it), so between those instants the stored part is constant. Countdown
//! segments are arithmetic: while a period lies wholly inside one segment it
//! holds the same number of points, each falling by one minute's worth per
//! minute, so every statistic that is monotone under such a shift (the
//! basic five and percentiles, with any constant stored values beside them)
//! changes its status at most once and a bisection finds where; periods
//! that straddle a segment's ends are checked one by one. A search that
//! would take too many steps stops early and evaluates there, which is
//! always safe: evaluating at a tick where nothing changes changes nothing.

use super::alarm::AlarmConfig;
use super::evaluate::{period_at, Period, Status};
use super::stats::Stat;
use super::store::Series;
use crate::sim::time::{SimTime, MINUTE};

/// Steps of one-by-one checking before a search stops early.
const STEP_BUDGET: u32 = 5_000;

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
    let search = Search::new(series, cfg);
    let mut best: Option<i64> = None;
    // Newest period first: it is the one most likely to change soonest.
    for period in range.iter().rev() {
        let s = period.start.millis();
        if let Some(change) = search.first_change(s + g, best.map(|d| s + d), period.status) {
            let d = change - s;
            best = Some(best.map_or(d, |b| b.min(d)));
            if d <= g {
                break;
            }
        }
    }
    best.map(|d| SimTime::from_millis(tick.millis() + d.max(g)))
}

fn floor_to(t: i64, step: i64) -> i64 {
    t.div_euclid(step) * step
}

/// Where a countdown segment reaches periods `[s, s + P)`: starts in
/// `[from, to]` see some of its points, starts in `interior` a full period.
struct Region {
    from: i64,
    to: i64,
    interior: Option<(i64, i64)>,
}

struct Search<'a> {
    series: Option<&'a Series>,
    cfg: &'a AlarmConfig,
    g: i64,
    p: i64,
    regions: Vec<Region>,
    /// Whether the statistic stays monotone while a period slides inside
    /// one segment with constant stored values beside it.
    monotone_mixed: bool,
    /// The same, when the period holds countdown points only.
    monotone_alone: bool,
}

impl<'a> Search<'a> {
    fn new(series: Option<&'a Series>, cfg: &'a AlarmConfig) -> Search<'a> {
        let g = cfg.tick_ms();
        let p = cfg.period_ms();
        let regions = series
            .map(|s| s.countdowns())
            .unwrap_or_default()
            .iter()
            .filter(|c| cfg.unit.is_none_or(|u| u == c.unit))
            .map(|c| {
                let interior = (c.first, c.last - p + MINUTE);
                Region {
                    from: floor_to(c.first - p, g) + g,
                    to: c.last,
                    interior: (g == MINUTE && interior.0 <= interior.1).then_some(interior),
                }
            })
            .collect();
        Search {
            series,
            cfg,
            g,
            p,
            regions,
            monotone_mixed: !cfg.stat.is_extended()
                || matches!(cfg.stat, Stat::Extended(_) if cfg.stat.percentile().is_some()),
            monotone_alone: cfg.stat.shift_monotone(),
        }
    }

    fn status(&self, s: i64) -> Status {
        period_at(self.series, self.cfg, s).status
    }

    /// The next start after `s` at which a stored bucket enters or leaves
    /// the period.
    fn next_bucket_event(&self, s: i64) -> Option<i64> {
        let series = self.series?;
        let enter = series
            .first_bucket_from(s + self.p)
            .map(|b| floor_to(b - self.p, self.g) + self.g);
        let leave = series.first_bucket_from(s).map(|b| floor_to(b, self.g) + self.g);
        match (enter, leave) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether a period starting at `s` holds any stored bucket.
    fn holds_bucket(&self, s: i64) -> bool {
        self.series
            .and_then(|x| x.first_bucket_from(s))
            .is_some_and(|b| b < s + self.p)
    }

    /// The next start after `s` at which a countdown region begins or ends
    /// or an interior begins or ends.
    fn next_region_boundary(&self, s: i64) -> Option<i64> {
        self.regions
            .iter()
            .flat_map(|r| {
                let (ilo, ihi) = r
                    .interior
                    .map_or((None, None), |(lo, hi)| (Some(lo), Some(hi + self.g)));
                [Some(r.from), Some(r.to + self.g), ilo, ihi]
            })
            .flatten()
            .filter(|&b| b > s)
            .min()
    }

    /// The first period start in `[from, cap)` whose status differs from
    /// `u`; `cap` if the search reaches it; `None` if no later period ever
    /// differs.
    fn first_change(&self, from: i64, cap: Option<i64>, u: Status) -> Option<i64> {
        let g = self.g;
        let mut budget = STEP_BUDGET;
        let mut s = from;
        loop {
            if cap.is_some_and(|c| s >= c) {
                return cap;
            }
            // The stretch [s, end) in which nothing but countdown points
            // moves in or out of the period.
            let end = [self.next_bucket_event(s), self.next_region_boundary(s), cap]
                .into_iter()
                .flatten()
                .min();
            let covered = self.regions.iter().any(|r| r.from <= s && s <= r.to);
            if !covered {
                // Constant over the stretch.
                if self.status(s) != u {
                    return Some(s);
                }
                match end {
                    Some(e) => s = e,
                    None => return None,
                }
                continue;
            }
            let end = end.unwrap_or(s + g);
            let interior = self
                .regions
                .iter()
                .filter_map(|r| r.interior)
                .any(|(lo, hi)| lo <= s && s <= hi);
            let monotone = interior && (self.monotone_mixed || (self.monotone_alone && !self.holds_bucket(s)));
            if monotone {
                // At most one change in [s, end − g]: bisect.
                let last = end - g;
                if self.status(s) != u {
                    return Some(s);
                }
                if self.status(last) == u {
                    s = end;
                    continue;
                }
                let (mut same, mut differs) = (s, last);
                while differs - same > g {
                    let mid = same + (differs - same) / g / 2 * g;
                    if self.status(mid) == u {
                        same = mid;
                    } else {
                        differs = mid;
                    }
                }
                return Some(differs);
            }
            while s < end {
                if self.status(s) != u {
                    return Some(s);
                }
                budget -= 1;
                if budget == 0 {
                    return Some(s);
                }
                s += g;
            }
        }
    }
}
