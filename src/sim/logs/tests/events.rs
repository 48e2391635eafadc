use serde_json::json;

use super::*;
use crate::sim::ctx::Effect;
use crate::sim::time::{SimTime, DAY, HOUR};

#[test]
fn put_log_events_refuses_unordered_or_too_long_batches() {
    let mut w = world();
    group_with_stream(&mut w, "g", "s");
    let e = fail(
        &mut w,
        "PutLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "logEvents": [
            {"timestamp": T0, "message": "b"}, {"timestamp": T0 - 1, "message": "a"}]}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str(), e.input),
        (
            "InvalidParameterException",
            "Log events in a single PutLogEvents request must be in chronological order.",
            true
        )
    );
    let e = fail(
        &mut w,
        "PutLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "logEvents": [
            {"timestamp": T0 - DAY - 1, "message": "a"}, {"timestamp": T0, "message": "b"}]}),
    );
    assert_eq!(
        e.message,
        "The batch of log events in a single PutLogEvents request cannot span more than 24 hours."
    );
    let e = fail(
        &mut w,
        "PutLogEvents",
        json!({"logGroupName": "g", "logStreamName": "nope", "logEvents": [{"timestamp": T0, "message": "a"}]}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("ResourceNotFoundException", "The specified log stream does not exist.")
    );
    let e = fail(
        &mut w,
        "PutLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "logEvents": []}),
    );
    assert!(
        e.message.contains("Member must have length greater than or equal to 1"),
        "{e}"
    );
}

#[test]
fn put_log_events_rejects_events_too_far_from_now() {
    let mut w = world();
    group_with_stream(&mut w, "g", "s");
    w.advance_by(20 * DAY);
    let now = T0 + 20 * DAY;
    let old = put(
        &mut w,
        "g",
        "s",
        &[(now - 14 * DAY - 2, "too old"), (now - 14 * DAY + 1, "old enough")],
    );
    assert_eq!(
        old,
        json!({
            "nextSequenceToken": "00000000000000000000000000000000000000000000000000000001",
            "rejectedLogEventsInfo": {"tooOldLogEventEndIndex": 0}
        })
    );
    let new = put(
        &mut w,
        "g",
        "s",
        &[(now + 2 * HOUR, "just in time"), (now + 2 * HOUR + 1, "too new")],
    );
    assert_eq!(
        new,
        json!({
            "nextSequenceToken": "00000000000000000000000000000000000000000000000000000002",
            "rejectedLogEventsInfo": {"tooNewLogEventStartIndex": 1}
        })
    );
    let stored: Vec<&str> = w
        .services()
        .logs
        .group("g")
        .unwrap()
        .stream("s")
        .unwrap()
        .events()
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(stored, ["old enough", "just in time"]);
    call(
        &mut w,
        "PutRetentionPolicy",
        json!({"logGroupName": "g", "retentionInDays": 1}),
    );
    let response = put(&mut w, "g", "s", &[(now - DAY - 1, "expired"), (now - HOUR, "fresh")]);
    assert_eq!(response["rejectedLogEventsInfo"], json!({"expiredLogEventEndIndex": 0}));
}

fn messages(v: &serde_json::Value) -> Vec<String> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn get_log_events_pages_forward_and_backward() {
    let mut w = world();
    group_with_stream(&mut w, "g", "s");
    put(&mut w, "g", "s", &[(T0 - 40, "e1"), (T0 - 30, "e2"), (T0 - 20, "e3")]);
    put(&mut w, "g", "s", &[(T0 - 35, "e1b"), (T0 - 10, "e4")]);
    let all = call(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s"}),
    );
    assert_eq!(messages(&all), ["e1", "e1b", "e2", "e3", "e4"]);
    assert_eq!(
        all["events"][0],
        json!({"timestamp": T0 - 40, "message": "e1", "ingestionTime": T0})
    );
    // Without a token and without startFromHead: the newest events.
    let tail = call(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "limit": 2}),
    );
    assert_eq!(messages(&tail), ["e3", "e4"]);
    let back = call(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "limit": 2, "nextToken": tail["nextBackwardToken"]}),
    );
    assert_eq!(messages(&back), ["e1b", "e2"]);
    let head = call(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "limit": 2, "startFromHead": true}),
    );
    assert_eq!(messages(&head), ["e1", "e1b"]);
    let next = call(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "limit": 2, "nextToken": head["nextForwardToken"]}),
    );
    assert_eq!(messages(&next), ["e2", "e3"]);
    let last = call(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "limit": 2, "nextToken": next["nextForwardToken"]}),
    );
    assert_eq!(messages(&last), ["e4"]);
    // At the end, reading forward returns no events and the same token.
    let end = call(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "nextToken": last["nextForwardToken"]}),
    );
    assert_eq!(messages(&end), Vec::<String>::new());
    assert_eq!(end["nextForwardToken"], last["nextForwardToken"]);
    // A time window: startTime inclusive, endTime exclusive.
    let window = call(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "startTime": T0 - 35, "endTime": T0 - 20, "startFromHead": true}),
    );
    assert_eq!(messages(&window), ["e1b", "e2"]);
    let e = fail(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "nextToken": "f/12"}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("InvalidParameterException", "The specified nextToken is invalid.")
    );
    let e = fail(
        &mut w,
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "nope"}),
    );
    assert_eq!(e.message, "The specified log stream does not exist.");
}

#[test]
fn filter_log_events_interleaves_streams_and_applies_the_pattern() {
    let mut w = world();
    group_with_stream(&mut w, "g", "a");
    call(
        &mut w,
        "CreateLogStream",
        json!({"logGroupName": "g", "logStreamName": "b"}),
    );
    put(
        &mut w,
        "g",
        "a",
        &[(T0 - 50, "ERROR one"), (T0 - 30, "INFO two"), (T0 - 10, "ERROR three")],
    );
    put(&mut w, "g", "b", &[(T0 - 40, "ERROR four"), (T0 - 20, "ERROR five")]);
    let all = call(
        &mut w,
        "FilterLogEvents",
        json!({"logGroupName": "g", "filterPattern": "ERROR"}),
    );
    assert_eq!(messages(&all), ["ERROR one", "ERROR four", "ERROR five", "ERROR three"]);
    assert_eq!(
        all["events"][0],
        json!({
            "logStreamName": "a",
            "timestamp": T0 - 50,
            "message": "ERROR one",
            "ingestionTime": T0,
            "eventId": format!("{:020}{:036}", T0 - 50, 1)
        })
    );
    assert!(all.get("nextToken").is_none());
    let page = call(
        &mut w,
        "FilterLogEvents",
        json!({"logGroupName": "g", "filterPattern": "ERROR", "limit": 2}),
    );
    assert_eq!(messages(&page), ["ERROR one", "ERROR four"]);
    let rest = call(
        &mut w,
        "FilterLogEvents",
        json!({"logGroupName": "g", "filterPattern": "ERROR", "limit": 2, "nextToken": page["nextToken"]}),
    );
    assert_eq!(messages(&rest), ["ERROR five", "ERROR three"]);
    let window = call(
        &mut w,
        "FilterLogEvents",
        json!({"logGroupName": "g", "startTime": T0 - 40, "endTime": T0 - 20, "logStreamNamePrefix": "b"}),
    );
    assert_eq!(messages(&window), ["ERROR four", "ERROR five"]);
    let named = call(
        &mut w,
        "FilterLogEvents",
        json!({"logGroupName": "g", "logStreamNames": ["a"], "filterPattern": "-ERROR"}),
    );
    assert_eq!(messages(&named), ["INFO two"]);
    let e = fail(
        &mut w,
        "FilterLogEvents",
        json!({"logGroupName": "g", "filterPattern": "{ $.a = "}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str(), e.input),
        ("InvalidParameterException", "Invalid filter pattern", true)
    );
}

#[test]
fn services_write_into_groups_they_create() {
    let mut w = world();
    w.inject(Effect::Log {
        group: "CloudTrail/DefaultLogGroup".into(),
        stream: "111122223333_CloudTrail_us-west-2".into(),
        message: "{\"eventName\":\"CreateKey\"}".into(),
        timestamp: SimTime::from_millis(T0 - 1_000),
    });
    let g = w.services().logs.group("CloudTrail/DefaultLogGroup").unwrap();
    let s = g.stream("111122223333_CloudTrail_us-west-2").unwrap();
    let e = s.events().next().unwrap();
    assert_eq!((e.timestamp.millis(), e.ingestion_time.millis()), (T0 - 1_000, T0));
    assert_eq!(g.stored_bytes(), 25);
}

#[test]
fn a_stream_keeps_its_newest_events_past_the_cap() {
    let mut w = world();
    for i in 0..(crate::sim::logs::MAX_EVENTS_PER_STREAM + 5) {
        w.inject(Effect::Log {
            group: "g".into(),
            stream: "s".into(),
            message: format!("event {i}"),
            timestamp: SimTime::from_millis(T0 + i as i64),
        });
    }
    let s = w.services().logs.group("g").unwrap().stream("s").unwrap();
    assert_eq!(s.events().len(), crate::sim::logs::MAX_EVENTS_PER_STREAM);
    assert_eq!(s.events().next().unwrap().message, "event 5");
}
