//! Black-box tests of CloudWatch Logs through `World::call`.

mod events;
mod filters;
mod groups;

use serde_json::{json, Value};

use crate::sim::cloudwatch::MetricUpdate;
use crate::sim::ctx::Effect;
use crate::sim::{AwsError, Settings, World};

/// The default epoch (2026-03-02T09:00:00Z) in epoch milliseconds.
pub(super) const T0: i64 = 1_772_442_000_000;

pub(super) fn world() -> World {
    World::new(7, Settings::default())
}

pub(super) fn call(w: &mut World, op: &str, params: Value) -> Value {
    w.call("logs", op, &params)
        .unwrap_or_else(|e| panic!("{op} {params} failed: {e}"))
}

pub(super) fn fail(w: &mut World, op: &str, params: Value) -> AwsError {
    match w.call("logs", op, &params) {
        Ok(v) => panic!("{op} {params} should fail, got {v}"),
        Err(e) => e,
    }
}

/// A group with one stream.
pub(super) fn group_with_stream(w: &mut World, group: &str, stream: &str) {
    call(w, "CreateLogGroup", json!({"logGroupName": group}));
    call(
        w,
        "CreateLogStream",
        json!({"logGroupName": group, "logStreamName": stream}),
    );
}

pub(super) fn put(w: &mut World, group: &str, stream: &str, events: &[(i64, &str)]) -> Value {
    let events: Vec<Value> = events
        .iter()
        .map(|(t, m)| json!({"timestamp": t, "message": m}))
        .collect();
    call(
        w,
        "PutLogEvents",
        json!({"logGroupName": group, "logStreamName": stream, "logEvents": events}),
    )
}

/// Every metric update routed so far.
pub(super) fn metric_updates(w: &World) -> Vec<MetricUpdate> {
    w.routed
        .iter()
        .filter_map(|e| match e {
            Effect::Metric(u) => Some(u.clone()),
            _ => None,
        })
        .collect()
}
