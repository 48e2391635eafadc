//! Alarm evaluation: the periods of the evaluation range, AWS's M-of-N and
//! missing-data algorithm, and the `StateReason` / `StateReasonData` texts.
//!
//! # Timing
//! An alarm with a period of a minute or more is evaluated at every whole
//! minute `t` (epoch-aligned); a high-resolution alarm (10, 20 or 30 s) every
//! 10 seconds. The evaluation at `t` looks at the R = N + 2 complete periods
//! ending at `t`: `[t − (k+1)·P, t − k·P)` for k = 0..R (AWS's samples show the
//! newest period ending at the minute of the query, e.g. `startDate
//! 16:59:00` for a 300-s alarm queried at 17:04:40). A datapoint stamped at
//! minute `m` is therefore first seen by the evaluation at `m + 60 s`.
//! Evaluations run in the `Alarms` phase, after KMS's deadlines of the same
//! instant; a request made at `t` is handled after that instant's
//! evaluations, so its data is seen from the next tick. (Data other services
//! send during their deadlines carries timestamps at or after that instant
//! — countdowns, metric-filter matches — so it cannot concern the
//! evaluation of the same instant either.)
//!
//! The KMS expiry alarm (`<= 864000`, Minimum, 60 s, 1 of 1) on a countdown
//! to `ValidTo = V`: the datapoint at minute `m` is `V − m` seconds, which is
//! `<= 864000` from `m = ceil_minute(V − 10 days)` on, so the alarm enters
//! ALARM at `ceil_minute(V − 10 days) + 60 s` — exactly `V − 10 days + 1 min`
//! when `V` is on a whole minute.
//!
//! # The algorithm (derived from AWS's two tables and the text around them)
//! Let the range hold R periods, each breaching (X), not breaching (0) or
//! missing (−); c = real (non-missing) periods, b = breaching real periods.
//! 1. c ≥ N: evaluate the N most recent real periods (reaching back over
//!    missing ones); ALARM if at least M breach, else OK. TreatMissingData
//!    plays no part (table rows `0 - X - X`, `0 X X - X`, `0 0 X 0 X`).
//! 2. c < N with `breaching` / `notBreaching`: fill N − c missing periods
//!    (as few as possible) with breaching / not-breaching values and keep
//!    every real period; ALARM if at least M of those N breach, else OK
//!    (`0 - - - -` with breaching: 0 X X → OK; `- - - - -` → ALARM / OK).
//! 3. c < N with `missing` / `ignore`, no real period: `missing` →
//!    INSUFFICIENT_DATA, `ignore` → the state is kept.
//! 4. c < N with `missing` / `ignore`, some real periods, evaluated alone:
//!    - b ≥ M → ALARM;
//!    - some real period does not breach (b < c) → OK (`0 - - - -`,
//!      `0 - X - -` with M = 2, `- - - - 0`, both modes);
//!    - every real period breaches but b < M: this is the premature-alarm
//!      rule. With `missing`, ALARM if the oldest breaching period is at
//!      least M periods old (counting the newest as 1) — `- - X - -` with
//!      M = 3 and `- - - X -` with M = 2 alarm, `- - - - X` / `- - - X -`
//!      with M = 3 do not yet; otherwise, and always with `ignore` (whose
//!      table rows say "keep current"), the state is kept.
//!
//! These rules reproduce every row of both tables for all four modes (see
//! the tests). Where the tables are silent the reading above is the
//! simplest one that fits them.
//!
//! # Reason texts
//! - An alarm with `DatapointsToAlarm` set uses AWS's M-of-N form:
//!   `Threshold Crossed: 2 out of the last 3 datapoints [v (dd/MM/yy
//!   HH:mm:ss), ...] were greater than the threshold (5.0) (minimum 2
//!   datapoints for OK -> ALARM transition).` (for OK: the non-breaching
//!   datapoints, `was not ...`, minimum N − M + 1 for `ALARM -> OK`); without
//!   it, the classic form `Threshold Crossed: 1 datapoint [v (...)] was
//!   greater than the threshold (0.0).` Datapoints are listed newest first.
//! - When missing periods were filled, the counts include them and the text
//!   ends with `N missing datapoint(s) was/were treated as [Breaching]`
//!   (reconstructed: AWS's samples only show the all-missing form, `no
//!   datapoints were received for N period(s) and N missing datapoint(s)
//!   was/were treated as [NonBreaching].`).
//! - No data with `missing`: `Insufficient Data: N datapoint(s) was/were
//!   unknown.`

use super::alarm::{AlarmConfig, MissingData, StateValue};
use super::format::{java_double, plural, plus0000, short, J};
use super::store::{unit_name, Series};
use crate::sim::time::SimTime;

/// A period's status against the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Missing,
    NotBreaching,
    Breaching,
}

/// One period of an evaluation range.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub start: SimTime,
    /// The statistic's value, if the period has one.
    pub value: Option<f64>,
    pub sample_count: f64,
    pub status: Status,
}

/// The status of the period `[start, start + P)` for the alarm: the
/// function the evaluation and the fast scheduler share, so that both see
/// the same values.
pub(crate) fn period_at(series: Option<&Series>, cfg: &AlarmConfig, start: i64) -> Period {
    let missing = Period {
        start: SimTime::from_millis(start),
        value: None,
        sample_count: 0.0,
        status: Status::Missing,
    };
    let Some(series) = series else {
        return missing;
    };
    let agg = series.aggregate(start, start + cfg.period_ms(), cfg.unit, i64::MAX, cfg.is_extended());
    let Some(value) = cfg.stat.value(&agg) else {
        return missing;
    };
    if cfg.ignores_low_samples() && cfg.stat.low_sample_count(agg.count) {
        return missing;
    }
    Period {
        value: Some(value),
        sample_count: agg.count,
        status: if cfg.comparison.breaches(value, cfg.threshold) {
            Status::Breaching
        } else {
            Status::NotBreaching
        },
        ..missing
    }
}

/// The evaluation range at tick `tick`, oldest period first.
pub(crate) fn periods(series: Option<&Series>, cfg: &AlarmConfig, tick: SimTime) -> Vec<Period> {
    let p = cfg.period_ms();
    let r = cfg.range() as i64;
    (0..r)
        .map(|i| period_at(series, cfg, tick.millis() - (r - i) * p))
        .collect()
}

/// Which rule decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// At least N real periods: the N most recent were evaluated.
    Enough,
    /// Some real periods, the rest filled per TreatMissingData.
    Filled { breaching: bool },
    /// No real period; N periods filled per TreatMissingData.
    AllFilled { breaching: bool },
    /// Fewer than N real periods, evaluated alone (`missing` / `ignore`).
    Available,
    /// The premature-alarm rule sent the alarm to ALARM.
    Premature,
    /// No real period with `missing`.
    Unknown,
    /// No real period with `ignore`: the state is kept.
    AllMissingIgnored,
    /// Every real period breaches but too few to alarm yet: kept.
    NotYet,
}

/// The outcome of one evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The new state, or `None` to keep the current one.
    pub state: Option<StateValue>,
    pub case: Case,
    /// Indices (into the range) of the real periods evaluated, newest first.
    pub evaluated: Vec<usize>,
    /// Indices of the missing periods filled or reported, newest first.
    pub filled: Vec<usize>,
}

/// AWS's algorithm (see the module documentation).
pub(crate) fn decide(n: usize, m: usize, mode: MissingData, range: &[Period]) -> Decision {
    let newest_first = (0..range.len()).rev();
    let real: Vec<usize> = newest_first
        .clone()
        .filter(|&i| range[i].status != Status::Missing)
        .collect();
    let is_breaching = |i: &&usize| range[**i].status == Status::Breaching;
    if real.len() >= n {
        let evaluated = real[..n].to_vec();
        let b = evaluated.iter().filter(is_breaching).count();
        return Decision {
            state: Some(if b >= m { StateValue::Alarm } else { StateValue::Ok }),
            case: Case::Enough,
            evaluated,
            filled: Vec::new(),
        };
    }
    let c = real.len();
    let b = real.iter().filter(is_breaching).count();
    let missing_newest: Vec<usize> = newest_first
        .filter(|&i| range[i].status == Status::Missing)
        .take(n - c)
        .collect();
    match mode {
        MissingData::Breaching | MissingData::NotBreaching => {
            let breaching = mode == MissingData::Breaching;
            let total = b + if breaching { n - c } else { 0 };
            Decision {
                state: Some(if total >= m { StateValue::Alarm } else { StateValue::Ok }),
                case: if c == 0 {
                    Case::AllFilled { breaching }
                } else {
                    Case::Filled { breaching }
                },
                evaluated: real,
                filled: missing_newest,
            }
        }
        MissingData::Missing | MissingData::Ignore if c == 0 => Decision {
            state: (mode == MissingData::Missing).then_some(StateValue::InsufficientData),
            case: if mode == MissingData::Missing {
                Case::Unknown
            } else {
                Case::AllMissingIgnored
            },
            evaluated: Vec::new(),
            filled: missing_newest,
        },
        MissingData::Missing | MissingData::Ignore => {
            let (state, case) = if b >= m {
                (Some(StateValue::Alarm), Case::Available)
            } else if b < c {
                (Some(StateValue::Ok), Case::Available)
            } else {
                // Every real period breaches, but fewer than M of them.
                let oldest_age = range.len() - real[c - 1];
                if mode == MissingData::Missing && oldest_age >= m {
                    (Some(StateValue::Alarm), Case::Premature)
                } else {
                    (None, Case::NotYet)
                }
            };
            Decision {
                state,
                case,
                evaluated: real,
                filled: Vec::new(),
            }
        }
    }
}

/// `StateReason` and `StateReasonData` for a decision that sets a state.
pub(crate) fn reason(cfg: &AlarmConfig, range: &[Period], d: &Decision, tick: SimTime) -> (String, String) {
    let state = d.state.unwrap_or(StateValue::InsufficientData);
    let thr = java_double(cfg.threshold);
    let text = match d.case {
        Case::AllFilled { breaching } => format!(
            "Threshold Crossed: no datapoints were received for {} and {} treated as [{}].",
            plural(cfg.n(), "period", "periods"),
            plural(cfg.n(), "missing datapoint was", "missing datapoints were"),
            if breaching { "Breaching" } else { "NonBreaching" }
        ),
        Case::Unknown | Case::AllMissingIgnored | Case::NotYet => format!(
            "Insufficient Data: {} unknown.",
            plural(cfg.n(), "datapoint was", "datapoints were")
        ),
        Case::Enough | Case::Available | Case::Premature | Case::Filled { .. } => {
            let alarm = state == StateValue::Alarm;
            let wanted = if alarm { Status::Breaching } else { Status::NotBreaching };
            let listed: Vec<usize> = d
                .evaluated
                .iter()
                .copied()
                .filter(|&i| range[i].status == wanted)
                .collect();
            let (filled, filled_breach) = match d.case {
                Case::Filled { breaching } => (d.filled.len(), breaching),
                _ => (0, false),
            };
            let count = listed.len() + if filled_breach == alarm { filled } else { 0 };
            let total = d.evaluated.len() + filled;
            let list = datapoint_list(range, &listed);
            let verb = if count == 1 { "was" } else { "were" };
            let not = if alarm { "" } else { "not " };
            let phrase = cfg.comparison.phrase();
            let mut s = if cfg.datapoints_to_alarm.is_some() {
                let (minimum, transition) = if alarm {
                    (cfg.m(), "OK -> ALARM")
                } else {
                    (cfg.n() - cfg.m() + 1, "ALARM -> OK")
                };
                format!(
                    "Threshold Crossed: {count} out of the last {total} datapoints {list} {verb} {not}{phrase} the threshold ({thr}) (minimum {} for {transition} transition).",
                    plural(minimum, "datapoint", "datapoints")
                )
            } else {
                format!(
                    "Threshold Crossed: {} {list} {verb} {not}{phrase} the threshold ({thr}).",
                    plural(count, "datapoint", "datapoints")
                )
            };
            if filled > 0 {
                s.push_str(&format!(
                    " {} treated as [{}].",
                    plural(filled, "missing datapoint was", "missing datapoints were"),
                    if filled_breach { "Breaching" } else { "NonBreaching" }
                ));
            }
            s
        }
    };
    (text, reason_data(cfg, range, d, tick))
}

/// `[v (dd/MM/yy HH:mm:ss), ...]`, in the order given (newest first).
fn datapoint_list(range: &[Period], idx: &[usize]) -> String {
    let items: Vec<String> = idx
        .iter()
        .map(|&i| {
            format!(
                "{} ({})",
                java_double(range[i].value.unwrap_or_default()),
                short(range[i].start)
            )
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// The `StateReasonData` JSON of AWS's samples: `version`, `queryDate`,
/// `startDate` (the oldest evaluated datapoint, absent when none), `unit`
/// (when the alarm has one), `statistic`, `period`, `recentDatapoints`
/// (oldest first), `threshold`, `evaluatedDatapoints` (newest first; missing
/// periods carry only their timestamp).
fn reason_data(cfg: &AlarmConfig, range: &[Period], d: &Decision, tick: SimTime) -> String {
    let mut o = vec![("version", J::str("1.0")), ("queryDate", J::str(plus0000(tick)))];
    if let Some(&oldest) = d.evaluated.last() {
        o.push(("startDate", J::str(plus0000(range[oldest].start))));
    }
    if let Some(u) = cfg.unit {
        o.push(("unit", J::str(unit_name(u))));
    }
    if cfg.is_extended() {
        o.push(("extendedStatistic", J::str(cfg.statistic())));
    } else {
        o.push(("statistic", J::str(cfg.statistic())));
    }
    o.push(("period", J::Int(cfg.period)));
    o.push((
        "recentDatapoints",
        J::Arr(
            d.evaluated
                .iter()
                .rev()
                .map(|&i| J::Num(range[i].value.unwrap_or_default()))
                .collect(),
        ),
    ));
    o.push(("threshold", J::Num(cfg.threshold)));
    let mut shown: Vec<usize> = d.evaluated.iter().chain(&d.filled).copied().collect();
    shown.sort_unstable_by(|a, b| b.cmp(a));
    o.push((
        "evaluatedDatapoints",
        J::Arr(
            shown
                .iter()
                .map(|&i| {
                    let p = &range[i];
                    let ts = ("timestamp", J::str(plus0000(p.start)));
                    match p.value {
                        Some(v) => J::Obj(vec![ts, ("sampleCount", J::Num(p.sample_count)), ("value", J::Num(v))]),
                        None => J::Obj(vec![ts]),
                    }
                })
                .collect(),
        ),
    ));
    J::Obj(o).to_json()
}
