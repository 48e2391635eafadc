//! Helpers shared by the CloudWatch tests.

use serde_json::{json, Value};

use crate::sim::cloudwatch::{CloudWatch, Evaluator, MetricId, MetricUpdate};
use crate::sim::ctx::Effect;
use crate::sim::time::SimTime;
use crate::sim::world::{Settings, World};

/// A fresh world at the default epoch (2026-03-02T09:00:00Z).
pub(crate) fn world() -> World {
    World::new(7, Settings::default())
}

pub(crate) fn world_with(evaluator: Evaluator) -> World {
    let mut w = world();
    w.services_mut().cloudwatch.set_evaluator(evaluator);
    w
}

pub(crate) fn cw(w: &World) -> &CloudWatch {
    &w.services().cloudwatch
}

pub(crate) fn at(text: &str) -> SimTime {
    SimTime::parse(text).unwrap_or_else(|| panic!("bad time {text}"))
}

#[track_caller]
pub(crate) fn call(w: &mut World, op: &str, params: Value) -> Value {
    match w.call("cloudwatch", op, &params) {
        Ok(v) => v,
        Err(e) => panic!("{op} failed: {e}"),
    }
}

#[track_caller]
pub(crate) fn err(w: &mut World, op: &str, params: Value) -> (String, String) {
    match w.call("cloudwatch", op, &params) {
        Ok(v) => panic!("{op} succeeded: {v}"),
        Err(e) => (e.code, e.message),
    }
}

/// The alarm as DescribeAlarms shows it.
#[track_caller]
pub(crate) fn alarm(w: &mut World, name: &str) -> Value {
    let v = w
        .peek("cloudwatch", "DescribeAlarms", &json!({"AlarmNames": [name]}))
        .unwrap();
    v["MetricAlarms"][0].clone()
}

#[track_caller]
pub(crate) fn state(w: &mut World, name: &str) -> String {
    alarm(w, name)["StateValue"].as_str().unwrap_or("<no alarm>").to_owned()
}

pub(crate) fn kms_metric(key_id: &str) -> MetricId {
    MetricId {
        namespace: "AWS/KMS".into(),
        name: "SecondsUntilKeyMaterialExpiration".into(),
        dimensions: vec![("KeyId".into(), key_id.into())],
    }
}

pub(crate) fn countdown(w: &mut World, key_id: &str, from: SimTime, until: SimTime) {
    w.inject(Effect::Metric(MetricUpdate::StartCountdown {
        metric: kms_metric(key_id),
        unit: "Seconds".into(),
        from,
        until,
    }));
}

/// `(topic, subject, message, structure)` of every SNS publish routed.
pub(crate) fn sns_publishes(w: &World) -> Vec<(String, Option<String>, String, Option<String>)> {
    w.routed
        .iter()
        .filter_map(|e| match e {
            Effect::SnsPublish {
                topic_arn,
                subject,
                message,
                message_structure,
            } => Some((
                topic_arn.clone(),
                subject.clone(),
                message.clone(),
                message_structure.clone(),
            )),
            _ => None,
        })
        .collect()
}

/// Every event routed to the bus.
pub(crate) fn bus_events(w: &World) -> Vec<Value> {
    w.routed
        .iter()
        .filter_map(|e| match e {
            Effect::BusEvent { event, .. } => Some(event.clone()),
            _ => None,
        })
        .collect()
}

/// DescribeAlarmHistory, oldest first.
pub(crate) fn history(w: &mut World, name: &str) -> Vec<Value> {
    let v = w
        .peek(
            "cloudwatch",
            "DescribeAlarmHistory",
            &json!({"AlarmName": name, "ScanBy": "TimestampAscending"}),
        )
        .unwrap();
    v["AlarmHistoryItems"].as_array().cloned().unwrap_or_default()
}
