//! Read accessors for the UI: what AWS shows in its console but has no API
//! for (a chart's series, an alarm's evaluation range and why it is in its
//! state, its state timeline). All are pure reads: they change nothing,
//! draw no randomness and are safe to call every frame.

use serde_json::Value;

use super::alarm::{Alarm, MissingData, StateValue};
use super::evaluate::{self, Case, Decision, Period, Status};
use super::format::{java_double, plural};
use super::history::{HistoryItem, HistoryItemType};
use super::metric_api::{series_values, valid_query_period};
use super::stats::Stat;
use super::store::{unit_index, MetricKey};
use super::{CloudWatch, MetricId};
use crate::sim::time::SimTime;

/// A metric as the metrics list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricSummary {
    pub id: MetricId,
    /// The latest datapoint published by now.
    pub last_datapoint: Option<SimTime>,
    /// Whether a countdown (KMS key material expiry) feeds the metric.
    pub countdown: bool,
    /// Stored datapoint buckets (countdowns store none).
    pub stored_buckets: usize,
}

/// What a chart shows: one metric's `statistic` (`Minimum`, `p99`, ...)
/// per `period` seconds over `[start, end)`, optionally of one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartQuery {
    pub metric: MetricId,
    pub statistic: String,
    pub period: i64,
    pub start: SimTime,
    pub end: SimTime,
    pub unit: Option<String>,
}

/// Why an alarm is in its state: the evaluation range of the latest tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The evaluation instant explained (the latest tick at or before now).
    pub tick: SimTime,
    /// The evaluation range, oldest period first.
    pub periods: Vec<Period>,
    /// What the algorithm concluded from them.
    pub decision: Decision,
    /// The alarm's current state.
    pub state: StateValue,
    /// A sentence for the UI.
    pub summary: String,
}

/// One state of an alarm's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    pub at: SimTime,
    pub state: StateValue,
    pub reason: String,
}

impl CloudWatch {
    /// Every metric with data in the retention window, in ListMetrics order
    /// (namespace, name, dimensions).
    pub fn metrics(&self, now: SimTime) -> Vec<MetricSummary> {
        self.store
            .iter()
            .map(|(_, s)| MetricSummary {
                id: s.id.clone(),
                last_datapoint: s.last_data(now.millis()).map(SimTime::from_millis),
                countdown: !s.countdowns().is_empty(),
                stored_buckets: s.bucket_count(),
            })
            .collect()
    }

    /// A metric's values for a chart (see [`ChartQuery`]), oldest first,
    /// periods without data left out, stamped with the period start: the
    /// same numbers GetMetricData returns. Empty for an unknown statistic
    /// or an invalid period.
    pub fn metric_values(&self, q: &ChartQuery, now: SimTime) -> Vec<(SimTime, f64)> {
        let Some(stat) = Stat::any(&q.statistic) else {
            return Vec::new();
        };
        if !valid_query_period(q.period) || q.start >= q.end {
            return Vec::new();
        }
        series_values(
            self.store.get(&MetricKey::of(&q.metric)),
            &stat,
            q.period,
            q.start,
            q.end,
            q.unit.as_deref().and_then(unit_index),
            now,
        )
    }

    /// Datapoint buckets stored for a metric (retention checks).
    pub fn stored_datapoints(&self, metric: &MetricId) -> usize {
        self.store.get(&MetricKey::of(metric)).map_or(0, |s| s.bucket_count())
    }

    /// Every alarm, by name.
    pub fn alarms(&self) -> impl Iterator<Item = &Alarm> {
        self.alarms.values()
    }

    pub fn alarm(&self, name: &str) -> Option<&Alarm> {
        self.alarms.get(name)
    }

    /// An alarm's history, oldest first (kept two weeks, also after the
    /// alarm is deleted).
    pub fn history(&self, name: &str) -> impl Iterator<Item = &HistoryItem> {
        self.history.of(name)
    }

    /// History items stored in total (boundedness checks).
    pub fn history_len(&self) -> usize {
        self.history.len()
    }

    /// The alarm's states over time, oldest first: its creation
    /// (INSUFFICIENT_DATA) and every state update in its history.
    pub fn timeline(&self, name: &str) -> Vec<TimelineEntry> {
        self.history
            .of(name)
            .filter_map(|item| match item.item_type {
                HistoryItemType::ConfigurationUpdate if item.summary.ends_with(" created") => Some(TimelineEntry {
                    at: item.timestamp,
                    state: StateValue::InsufficientData,
                    reason: "Unchecked: Initial alarm creation".to_owned(),
                }),
                HistoryItemType::StateUpdate => {
                    let data: Value = serde_json::from_str(&item.data).ok()?;
                    let new = &data["newState"];
                    Some(TimelineEntry {
                        at: item.timestamp,
                        state: StateValue::parse(new["stateValue"].as_str()?)?,
                        reason: new["stateReason"].as_str().unwrap_or_default().to_owned(),
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// Why `name` is in its state at `now`: the range of the latest
    /// evaluation tick, the algorithm's conclusion and a sentence.
    pub fn explain(&self, name: &str, now: SimTime) -> Option<Explanation> {
        let alarm = self.alarms.get(name)?;
        let cfg = &alarm.config;
        let tick = now.floor_to(cfg.tick_ms());
        let periods = evaluate::periods(self.store.get(&cfg.key), cfg, tick);
        let decision = evaluate::decide(cfg.n(), cfg.m(), cfg.missing_data(), &periods);
        let summary = summary(alarm, &periods, &decision);
        Some(Explanation {
            tick,
            periods,
            decision,
            state: alarm.state,
            summary,
        })
    }
}

fn summary(alarm: &Alarm, periods: &[Period], d: &Decision) -> String {
    let c = &alarm.config;
    let (n, m, r) = (c.n(), c.m(), c.range());
    let condition = format!("{} {}", c.comparison.phrase(), java_double(c.threshold));
    let outcome = d.state.map_or_else(|| alarm.state.as_str(), StateValue::as_str);
    let breaching = d
        .evaluated
        .iter()
        .filter(|&&i| periods[i].status == Status::Breaching)
        .count();
    let mode = c.missing_data();
    let mut s = match d.case {
        Case::Enough => format!(
            "{breaching} of the {n} most recent datapoints {} {condition}; {m} {} needed for ALARM, so the alarm is {outcome}.",
            if breaching == 1 { "is" } else { "are" },
            if m == 1 { "is" } else { "are" }
        ),
        Case::Filled { breaching: fill } => format!(
            "Only {} of {n} were received; {} treated as {} (TreatMissingData = {}). {} of {n} breach and {m} are needed for ALARM, so the alarm is {outcome}.",
            plural(d.evaluated.len(), "datapoint", "datapoints"),
            plural(d.filled.len(), "missing datapoint is", "missing datapoints are"),
            if fill { "breaching" } else { "not breaching" },
            mode.as_str(),
            breaching + if fill { d.filled.len() } else { 0 },
        ),
        Case::AllFilled { breaching: fill } => format!(
            "No datapoints in the last {r} periods; TreatMissingData = {} treats the missing ones as {}, so the alarm is {outcome}.",
            mode.as_str(),
            if fill { "breaching" } else { "not breaching" }
        ),
        Case::Unknown => format!(
            "No datapoints in the last {r} periods and TreatMissingData = missing, so the alarm is INSUFFICIENT_DATA."
        ),
        Case::AllMissingIgnored => format!(
            "No datapoints in the last {r} periods and TreatMissingData = ignore, so the alarm keeps its state ({}).",
            alarm.state.as_str()
        ),
        Case::Available => format!(
            "Only {} of {n} were received and TreatMissingData = {} evaluates them alone: {breaching} {} {condition}; {m} are needed for ALARM, so the alarm is {outcome}.",
            plural(d.evaluated.len(), "datapoint", "datapoints"),
            mode.as_str(),
            if breaching == 1 { "is" } else { "are" }
        ),
        Case::Premature => format!(
            "Every datapoint received is {condition} and the oldest is at least {m} periods old, so the alarm goes to ALARM without waiting for more data."
        ),
        Case::NotYet => format!(
            "Every datapoint received is {condition}, but fewer than {m} and the oldest is not yet {m} periods old{}, so the alarm keeps its state ({}).",
            if mode == MissingData::Ignore { " (TreatMissingData = ignore never alarms early)" } else { "" },
            alarm.state.as_str()
        ),
    };
    if let Some(state) = d.state {
        if state != alarm.state {
            s.push_str(&format!(
                " It is {} now (set by SetAlarmState or not yet re-evaluated); the next evaluation makes it {}.",
                alarm.state.as_str(),
                state.as_str()
            ));
        }
    }
    s
}
