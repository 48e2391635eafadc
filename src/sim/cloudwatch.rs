//! CloudWatch: the metric store (custom metrics and the `AWS/KMS` countdown
//! series), metric alarms, their evaluation through simulated time, and
//! what alarms send when their state changes.
//!
//! Layout:
//! - `store` — series, buckets, countdown generators, retention;
//! - `stats` — aggregates and statistics (basic and extended);
//! - `metric_api` — PutMetricData, ListMetrics, GetMetricStatistics,
//!   GetMetricData;
//! - `alarm`, `alarm_api` — the alarm model and its operations;
//! - `evaluate` — the evaluation range, AWS's M-of-N / missing-data
//!   algorithm and the reason texts (its module doc states the timing);
//! - `schedule` — the fast evaluator's "when could the outcome change";
//! - `history`, `notify` — alarm history; SNS, Lambda and EventBridge
//!   payloads;
//! - `explain` — read accessors for the UI.
//!
//! Two evaluators give identical results (a differential test checks it):
//! [`Evaluator::Reference`] evaluates every alarm at every tick;
//! [`Evaluator::Fast`] (the default) only where the outcome could change.
//! Alarms due at the same instant are evaluated in name order, so both
//! produce their effects in the same order.

mod alarm;
mod alarm_api;
mod evaluate;
mod explain;
mod format;
mod history;
mod metric_api;
mod notify;
mod paging;
mod schedule;
mod stats;
mod store;

use std::collections::{BTreeMap, BTreeSet};

pub use alarm::{Alarm, AlarmConfig, Comparison, MissingData, StateValue};
pub use evaluate::{Case, Decision, Period, Status};
pub use explain::{ChartQuery, Explanation, MetricSummary, TimelineEntry};
pub use history::{HistoryItem, HistoryItemType};

use crate::sim::ctx::{Ctx, Deadline, Effect};
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::{unsupported, AwsResult};
use format::J;
use history::History;
use notify::Change;
use stats::Agg;
use store::{MetricKey, Store};

/// One metric's identity: namespace, name and the full dimension set.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MetricId {
    pub namespace: String,
    pub name: String,
    /// `(Name, Value)` pairs in the order they were first published.
    pub dimensions: Vec<(String, String)>,
}

/// A change to metric data requested by another service.
#[derive(Clone, Debug, PartialEq)]
pub enum MetricUpdate {
    /// Datapoints (a metric filter's matches, a service's measurements).
    /// `unit` is one of CloudWatch's units (`None` or an unknown name is
    /// stored as unit `None`).
    Put {
        metric: MetricId,
        unit: Option<String>,
        points: Vec<(SimTime, f64)>,
    },
    /// A countdown series, one datapoint at every whole minute `t` with
    /// `from <= t <= until`, valued `(until - t)` in seconds: how KMS
    /// publishes `SecondsUntilKeyMaterialExpiration`. Replaces any countdown
    /// of the same metric that has not started yet and ends a running one.
    StartCountdown {
        metric: MetricId,
        unit: String,
        from: SimTime,
        until: SimTime,
    },
    /// Ends a countdown series: no datapoints at or after `at`.
    StopCountdown { metric: MetricId, at: SimTime },
}

/// CloudWatch's timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// Evaluate the alarms due at this deadline's instant.
    Tick,
}

/// Which alarm evaluator runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Evaluator {
    /// Evaluate only where the outcome could change (see `schedule`).
    #[default]
    Fast,
    /// Evaluate every alarm at every tick: the straightforward reading of
    /// AWS's documentation, kept to check the fast one against.
    Reference,
}

/// The most metric alarms per account (AWS's long-documented 5,000 per
/// Region); PutMetricAlarm beyond it fails with `LimitExceeded`.
pub const MAX_ALARMS: usize = 5_000;

/// The CloudWatch service of one account.
#[derive(Clone, Debug, Default)]
pub struct CloudWatch {
    store: Store,
    alarms: BTreeMap<String, Alarm>,
    /// Metric → the alarms watching it.
    watchers: BTreeMap<MetricKey, BTreeSet<String>>,
    history: History,
    /// Instant → alarms due then.
    due: BTreeMap<SimTime, BTreeSet<String>>,
    /// Instants with a `Tick` deadline in the queue.
    ticks: BTreeSet<SimTime>,
    evaluator: Evaluator,
    evaluations: u64,
}

impl CloudWatch {
    pub(crate) fn handle(&mut self, op: &str, p: Params, ctx: &mut Ctx) -> AwsResult {
        match op {
            "PutMetricData" => self.put_metric_data(p, ctx),
            "ListMetrics" => self.list_metrics(p, ctx),
            "GetMetricStatistics" => self.get_metric_statistics(p, ctx),
            "GetMetricData" => self.get_metric_data(p, ctx),
            "PutMetricAlarm" => self.put_metric_alarm(p, ctx),
            "DescribeAlarms" => self.describe_alarms(p),
            "DescribeAlarmsForMetric" => self.describe_alarms_for_metric(p),
            "DeleteAlarms" => self.delete_alarms(p, ctx),
            "DescribeAlarmHistory" => self.describe_alarm_history(p, ctx),
            "SetAlarmState" => self.set_alarm_state(p, ctx),
            "EnableAlarmActions" => self.set_actions_enabled(p, true),
            "DisableAlarmActions" => self.set_actions_enabled(p, false),
            _ => Err(unsupported(ServiceName::Cloudwatch, op)),
        }
    }

    pub(crate) fn on_timer(&mut self, timer: Timer, ctx: &mut Ctx) {
        match timer {
            Timer::Tick => {
                let tick = ctx.now;
                self.ticks.remove(&tick);
                let names = self.due.remove(&tick).unwrap_or_default();
                for name in names {
                    if let Some(alarm) = self.alarms.get_mut(&name) {
                        alarm.due = None;
                        self.evaluate(&name, tick, ctx);
                    }
                }
            }
        }
    }

    pub(crate) fn apply(&mut self, update: MetricUpdate, ctx: &mut Ctx) {
        match update {
            MetricUpdate::Put { metric, unit, points } => {
                let unit = unit.as_deref().and_then(store::unit_index).unwrap_or(store::UNIT_NONE);
                let points: Vec<(i64, u8, Agg)> = points
                    .iter()
                    .filter(|(_, v)| v.is_finite())
                    .map(|(t, v)| {
                        let mut agg = Agg::default();
                        agg.add_value(*v, 1.0);
                        (t.floor_to(crate::sim::time::MINUTE).millis(), unit, agg)
                    })
                    .collect();
                self.store.put(&metric, &points);
                self.wake(&MetricKey::of(&metric), ctx);
            }
            MetricUpdate::StartCountdown {
                metric,
                unit,
                from,
                until,
            } => {
                let unit = store::unit_index(&unit).unwrap_or(store::UNIT_NONE);
                self.store.start_countdown(&metric, unit, from, until);
                self.wake(&MetricKey::of(&metric), ctx);
            }
            MetricUpdate::StopCountdown { metric, at } => {
                self.store.stop_countdown(&metric, at);
                self.wake(&MetricKey::of(&metric), ctx);
            }
        }
    }

    pub(crate) fn prune(&mut self, now: SimTime) {
        self.store.prune(now);
        self.history.prune(now);
    }

    /// The evaluator in use.
    pub fn evaluator(&self) -> Evaluator {
        self.evaluator
    }

    /// Chooses the evaluator. Choose before creating alarms: an alarm
    /// follows the new choice from its next (re)scheduling on.
    pub fn set_evaluator(&mut self, evaluator: Evaluator) {
        self.evaluator = evaluator;
    }

    /// For each stored series: its stored datapoints (buckets) and the
    /// start of its oldest one, for tests of retention.
    #[cfg(test)]
    pub(crate) fn stored_series(&self) -> Vec<(usize, Option<i64>)> {
        self.store
            .iter()
            .map(|(_, s)| (s.bucket_count(), s.first_bucket_from(i64::MIN)))
            .collect()
    }

    /// Alarm evaluations performed so far (for benchmarks and tests).
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }

    /// Evaluates `name` at `tick`, changes its state if the outcome says
    /// so, and schedules its next evaluation.
    fn evaluate(&mut self, name: &str, tick: SimTime, ctx: &mut Ctx) {
        let Some(alarm) = self.alarms.get(name) else {
            return;
        };
        self.evaluations += 1;
        let cfg = &alarm.config;
        let series = self.store.get(&cfg.key);
        let range = evaluate::periods(series, cfg, tick);
        let decision = evaluate::decide(cfg.n(), cfg.m(), cfg.missing_data(), &range);
        let next = match self.evaluator {
            Evaluator::Reference => Some(tick.plus(cfg.tick_ms())),
            Evaluator::Fast => schedule::next_evaluation(series, cfg, tick, &range),
        };
        let change = match decision.state {
            Some(state) if state != alarm.state => {
                let (reason, data) = evaluate::reason(cfg, &range, &decision, tick);
                Some((state, reason, data))
            }
            _ => None,
        };
        if let Some((state, reason, data)) = change {
            self.set_state(name, state, reason, Some(data), ctx);
        }
        self.set_due(name, next, ctx);
    }

    /// The first evaluation instant strictly after now for `cfg`'s cadence.
    fn next_tick(cfg: &AlarmConfig, now: SimTime) -> SimTime {
        now.next_multiple(cfg.tick_ms())
    }

    /// Moves `name`'s next evaluation to `at` (or unschedules it).
    fn set_due(&mut self, name: &str, at: Option<SimTime>, ctx: &mut Ctx) {
        let Some(alarm) = self.alarms.get_mut(name) else {
            return;
        };
        if let Some(old) = alarm.due.take() {
            if let Some(set) = self.due.get_mut(&old) {
                set.remove(name);
                if set.is_empty() {
                    self.due.remove(&old);
                }
            }
        }
        let Some(at) = at else {
            return;
        };
        alarm.due = Some(at);
        self.due.entry(at).or_default().insert(name.to_owned());
        if self.ticks.insert(at) {
            ctx.schedule(at, Deadline::Cloudwatch(Timer::Tick));
        }
    }

    /// Makes sure `name` is evaluated at its next tick.
    fn wake_alarm(&mut self, name: &str, ctx: &mut Ctx) {
        let Some(alarm) = self.alarms.get(name) else {
            return;
        };
        let target = Self::next_tick(&alarm.config, ctx.now);
        if alarm.due.is_none_or(|d| d > target) {
            self.set_due(name, Some(target), ctx);
        }
    }

    /// The data of `key` changed: its alarms look again at their next tick.
    fn wake(&mut self, key: &MetricKey, ctx: &mut Ctx) {
        let Some(names) = self.watchers.get(key) else {
            return;
        };
        let names: Vec<String> = names.iter().cloned().collect();
        for name in names {
            self.wake_alarm(&name, ctx);
        }
    }

    /// Sets a state (an evaluation's outcome or SetAlarmState): updates the
    /// alarm, records the StateUpdate, and on a change of value runs the
    /// new state's actions (when enabled) and emits the state-change event.
    fn set_state(&mut self, name: &str, state: StateValue, reason: String, data: Option<String>, ctx: &mut Ctx) {
        let Some(alarm) = self.alarms.get_mut(name) else {
            return;
        };
        let old_state = alarm.state;
        let old_reason = std::mem::replace(&mut alarm.state_reason, reason);
        let old_data = std::mem::replace(&mut alarm.state_reason_data, data);
        let old_updated = alarm.state_updated;
        alarm.state = state;
        alarm.state_updated = ctx.now;
        let changed = old_state != state;
        if changed {
            alarm.state_transitioned = ctx.now;
        }
        let alarm = &self.alarms[name];
        let state_json = |value: StateValue, reason: &str, data: Option<&str>| {
            let mut o = vec![("stateValue", J::str(value.as_str())), ("stateReason", J::str(reason))];
            if let Some(d) = data {
                o.push(("stateReasonData", J::Raw(d.to_owned())));
            }
            J::Obj(o)
        };
        let history_data = J::Obj(vec![
            ("version", J::str("1.0")),
            ("oldState", state_json(old_state, &old_reason, old_data.as_deref())),
            (
                "newState",
                state_json(state, &alarm.state_reason, alarm.state_reason_data.as_deref()),
            ),
        ])
        .to_json();
        self.history.push(
            name,
            ctx.now,
            HistoryItemType::StateUpdate,
            format!("Alarm updated from {} to {}", old_state.as_str(), state.as_str()),
            history_data,
        );
        if !changed {
            return;
        }
        let change = Change {
            alarm,
            old_state,
            old_reason: &old_reason,
            old_reason_data: old_data.as_deref(),
            old_updated,
        };
        let mut actions = Vec::new();
        if alarm.config.actions_enabled {
            for arn in alarm.actions_for(state) {
                actions.push(action(arn, &change, ctx));
            }
        }
        let arn = alarm.arn.clone();
        let detail = notify::event_detail(&change);
        for (summary, data, effect) in actions {
            self.history.push(name, ctx.now, HistoryItemType::Action, summary, data);
            if let Some(effect) = effect {
                ctx.emit(effect);
            }
        }
        ctx.aws_event("aws.cloudwatch", "CloudWatch Alarm State Change", vec![arn], detail);
    }
}

/// What one alarm action does: its history summary and data, and the
/// effect that carries it out (none for action kinds not modelled).
fn action(arn: &str, ch: &Change, ctx: &Ctx) -> (String, String, Option<Effect>) {
    let service = arn.split(':').nth(2).unwrap_or_default();
    let stamp = J::Int(ch.alarm.state_updated.millis());
    match service {
        "sns" => {
            let message = notify::sns_message(ch, ctx.settings);
            let data = J::Obj(vec![
                ("actionState", J::str("Succeeded")),
                ("stateUpdateTimestamp", stamp),
                ("notificationResource", J::str(arn)),
                ("publishedMessage", J::str(&message)),
                ("error", J::Null),
            ]);
            let effect = Effect::SnsPublish {
                topic_arn: arn.to_owned(),
                subject: Some(notify::subject(ch.alarm, ctx.settings)),
                message,
                message_structure: Some("json".to_owned()),
            };
            (
                format!("Successfully executed action {arn}"),
                data.to_json(),
                Some(effect),
            )
        }
        "lambda" => {
            let data = J::Obj(vec![
                ("actionState", J::str("Succeeded")),
                ("stateUpdateTimestamp", stamp),
                ("notificationResource", J::str(arn)),
                ("error", J::Null),
            ]);
            let effect = Effect::LambdaInvoke {
                function_arn: arn.to_owned(),
                payload: notify::lambda_payload(ch, ctx.settings),
            };
            (
                format!("Successfully executed action {arn}"),
                data.to_json(),
                Some(effect),
            )
        }
        _ => {
            let error = "This kind of alarm action is not modelled by the playground; only SNS topic and Lambda function actions run.";
            let data = J::Obj(vec![
                ("actionState", J::str("Failed")),
                ("stateUpdateTimestamp", stamp),
                ("notificationResource", J::str(arn)),
                ("error", J::str(error)),
            ]);
            (
                format!("Failed to execute action {arn}. Reason: {error}"),
                data.to_json(),
                None,
            )
        }
    }
}

#[cfg(test)]
mod tests;
