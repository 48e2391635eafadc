//! The caps that keep every service's memory bounded, tested where a long
//! simulated run (rather than many requests) could exhaust memory, and the
//! quotas added by the hardening work. `docs/fuzzing.md` lists every cap of
//! every service with AWS's number where the reference gives one.

use serde_json::{json, Value};

use crate::sim::events::BUS_LOG_CAP;
use crate::sim::kms::MAX_POLICY_BYTES;
use crate::sim::lambda::INVOCATION_CAP;
use crate::sim::logs::MAX_SERVICE_STREAMS_PER_GROUP;
use crate::sim::time::DAY;
use crate::sim::{cloudtrail, Settings, World};

fn world() -> World {
    World::new(9, Settings::default())
}

#[track_caller]
fn ok(w: &mut World, service: &str, op: &str, params: Value) -> Value {
    w.call(service, op, &params)
        .unwrap_or_else(|e| panic!("{service} {op} {params}: {e}"))
}

/// A rule invoking a function every 15 minutes opens a log stream per
/// invocation (each is a cold start); a month of it keeps the newest
/// streams only, and the function's invocation record stays capped.
#[test]
fn a_scheduled_function_keeps_bounded_logs_and_invocations() {
    let mut w = world();
    let f = ok(&mut w, "lambda", "CreateFunction", json!({"FunctionName": "tick"}));
    ok(
        &mut w,
        "events",
        "PutRule",
        json!({"Name": "every-15", "ScheduleExpression": "rate(15 minutes)"}),
    );
    ok(
        &mut w,
        "events",
        "PutTargets",
        json!({"Rule": "every-15", "Targets": [{"Id": "f", "Arn": f["FunctionArn"]}]}),
    );
    w.advance_by(32 * DAY);
    let function = w.services().lambda.function("tick").expect("function");
    assert_eq!(function.invocations().len(), INVOCATION_CAP);
    let latest_stream = function.invocations().last().expect("invoked").log_stream.clone();
    let group = w.services().logs.group("/aws/lambda/tick").expect("log group");
    assert_eq!(group.streams.len(), MAX_SERVICE_STREAMS_PER_GROUP);
    assert!(group.streams.contains_key(&latest_stream));
    // The streams kept are the newest: none older than the last ~10 days.
    let oldest = group.streams.values().map(|s| s.creation_time).min().expect("streams");
    assert!(
        w.now().since(oldest) <= 11 * DAY,
        "{} days",
        w.now().since(oldest) / DAY
    );
    let stored: i64 = group
        .streams
        .values()
        .flat_map(|s| s.events.iter())
        .map(|e| e.message.len() as i64)
        .sum();
    assert_eq!(group.stored_bytes, stored);
}

/// A year of hourly deliveries to a queue and a stream: each holds what its
/// retention allows, the bus and CloudTrail hold what their caps allow.
#[test]
fn a_year_of_scheduled_deliveries_stays_within_retention() {
    let mut w = world();
    ok(&mut w, "sqs", "CreateQueue", json!({"QueueName": "hourly"}));
    ok(
        &mut w,
        "kinesis",
        "CreateStream",
        json!({"StreamName": "hourly", "ShardCount": 1}),
    );
    ok(
        &mut w,
        "events",
        "PutRule",
        json!({"Name": "hourly", "ScheduleExpression": "rate(1 hour)"}),
    );
    ok(
        &mut w,
        "events",
        "PutTargets",
        json!({"Rule": "hourly", "Targets": [
            {"Id": "q", "Arn": "arn:aws:sqs:us-west-2:111122223333:hourly"},
            {"Id": "k", "Arn": "arn:aws:kinesis:us-west-2:111122223333:stream/hourly"}
        ]}),
    );
    w.advance_by(365 * DAY);
    let queue = w.services().sqs.queue("hourly").expect("queue");
    // The default retention is 4 days: 96 hourly messages, plus the one
    // whose retention ends at the instant of the next delivery.
    let held = queue.visible_count() + queue.in_flight_count() + queue.delayed_count();
    assert!((90..=97).contains(&held), "{held} messages");
    let stream = w.services().kinesis.streams().next().expect("stream");
    let records: usize = stream.shards.iter().map(|s| s.records().len()).sum();
    assert!((20..=25).contains(&records), "{records} records");
    assert!(w.services().events.bus_events().len() <= BUS_LOG_CAP + BUS_LOG_CAP / 4);
    assert!(w.services().cloudtrail.history().len() <= cloudtrail::HISTORY_CAP);
}

#[test]
fn key_policies_over_32_kb_are_refused() {
    let mut w = world();
    let padding = "x".repeat(MAX_POLICY_BYTES);
    let policy = json!({"Version": "2012-10-17", "Statement": [], "Padding": padding}).to_string();
    let e = w.call("kms", "CreateKey", &json!({"Policy": policy})).unwrap_err();
    assert_eq!(e.code, "LimitExceededException");
    assert!(e.input);
    assert!(w.journal().is_empty());
    let fits = json!({"Version": "2012-10-17", "Statement": []}).to_string();
    ok(&mut w, "kms", "CreateKey", json!({"Policy": fits}));
}

#[test]
fn aliases_and_tags_per_key_are_capped_at_fifty() {
    let mut w = world();
    let key = ok(&mut w, "kms", "CreateKey", json!({}))["KeyMetadata"]["KeyId"].clone();
    for i in 0..50 {
        ok(
            &mut w,
            "kms",
            "CreateAlias",
            json!({"AliasName": format!("alias/a{i}"), "TargetKeyId": key}),
        );
    }
    let e = w
        .call(
            "kms",
            "CreateAlias",
            &json!({"AliasName": "alias/a50", "TargetKeyId": key}),
        )
        .unwrap_err();
    assert_eq!(e.code, "LimitExceededException");
    let tags: Vec<Value> = (0..50)
        .map(|i| json!({"TagKey": format!("k{i}"), "TagValue": "v"}))
        .collect();
    ok(&mut w, "kms", "TagResource", json!({"KeyId": key, "Tags": tags}));
    let e = w
        .call(
            "kms",
            "TagResource",
            &json!({"KeyId": key, "Tags": [{"TagKey": "one-more", "TagValue": "v"}]}),
        )
        .unwrap_err();
    assert_eq!(e.code, "TagException");
}
