//! CloudWatch: the metric store (custom metrics and the `AWS/KMS` countdown
//! series), metric alarms and their evaluation.

use crate::sim::ctx::Ctx;
use crate::sim::model::ServiceName;
use crate::sim::params::Params;
use crate::sim::time::SimTime;
use crate::sim::{unsupported, AwsResult};

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
    /// Evaluate the named alarm (`generation` discards stale evaluations).
    EvaluateAlarm { name: String, generation: u64 },
}

/// The CloudWatch service of one account.
#[derive(Clone, Debug, Default)]
pub struct CloudWatch {}

impl CloudWatch {
    pub(crate) fn handle(&mut self, op: &str, _p: Params, _ctx: &mut Ctx) -> AwsResult {
        Err(unsupported(ServiceName::Cloudwatch, op))
    }

    pub(crate) fn on_timer(&mut self, _timer: Timer, _ctx: &mut Ctx) {}

    pub(crate) fn apply(&mut self, _update: MetricUpdate, _ctx: &mut Ctx) {}

    pub(crate) fn prune(&mut self, _now: SimTime) {}
}
