//! PutEvents per-entry validation and results; TestEventPattern with the
//! seed's KMS event examples.

use serde_json::json;

use super::{call, fail, world};

#[test]
fn put_events_reports_each_entry() {
    let mut w = world();
    let ok = json!({"Source": "my.app", "DetailType": "Order Placed", "Detail": "{\"id\":1}"});
    let r = call(
        &mut w,
        "PutEvents",
        json!({"Entries": [
            ok,
            {},
            {"Source": "my.app"},
            {"Source": "my.app", "DetailType": "x"},
            {"Source": "my.app", "DetailType": "x", "Detail": "[1]"},
            {"Source": "my.app", "DetailType": "x", "Detail": "{nope"},
            {"Source": "aws.kms", "DetailType": "KMS CMK Deletion", "Detail": "{}"},
            {"Source": "my.app", "DetailType": "d".repeat(129), "Detail": "{}"},
            {"Source": "my.app", "DetailType": "x", "Detail": "{}", "EventBusName": "other"},
            {"Source": "my.app", "DetailType": "x", "Detail": "{}", "EventBusName": "arn:aws:events:us-west-2:111122223333:event-bus/default", "Time": "2020-01-02T03:04:05Z", "Resources": ["arn:x"]},
        ]}),
    );
    assert_eq!(r["FailedEntryCount"], 8);
    let entries = r["Entries"].as_array().unwrap();
    assert_eq!(entries.len(), 10);
    let id0 = entries[0]["EventId"].as_str().unwrap().to_owned();
    assert_eq!(id0.len(), 36);
    let errors: Vec<(String, String)> = entries[1..9]
        .iter()
        .map(|e| {
            (
                e["ErrorCode"].as_str().unwrap().to_owned(),
                e["ErrorMessage"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expect = |c: &str, m: &str| (c.to_owned(), m.to_owned());
    assert_eq!(
        errors,
        vec![
            expect(
                "InvalidArgument",
                "Parameter Source is not valid. Reason: Source is a required argument."
            ),
            expect(
                "InvalidArgument",
                "Parameter DetailType is not valid. Reason: DetailType is a required argument."
            ),
            expect(
                "InvalidArgument",
                "Parameter Detail is not valid. Reason: Detail is a required argument."
            ),
            expect("MalformedDetail", "Detail is malformed."),
            expect("MalformedDetail", "Detail is malformed."),
            expect("NotAuthorizedForSourceException", "Not authorized for the source."),
            expect(
                "InvalidArgument",
                "Parameter DetailType is not valid. Reason: DetailType must be at most 128 characters."
            ),
            expect("InvalidArgument", "Event bus other does not exist."),
        ]
    );
    let bus = w.services().events.bus_events();
    assert_eq!(bus.len(), 2);
    assert_eq!(
        bus[0].to_string(),
        json!({
            "version": "0", "id": id0, "detail-type": "Order Placed", "source": "my.app",
            "account": "111122223333", "time": "2026-03-02T09:00:00Z", "region": "us-west-2",
            "resources": [], "detail": {"id": 1}
        })
        .to_string()
    );
    assert_eq!(bus[1]["time"], "2020-01-02T03:04:05Z");
    assert_eq!(bus[1]["resources"], json!(["arn:x"]));
    // PutEvents is a data event: journaled, not in CloudTrail.
    assert_eq!(w.journal().len(), 1);
    assert_eq!(w.services().cloudtrail.history().len(), 0);
}

#[test]
fn put_events_entry_count_is_validated() {
    let mut w = world();
    let e = fail(&mut w, "PutEvents", json!({"Entries": []}));
    assert_eq!(e.code, "ValidationException");
    let entry = json!({"Source": "a", "DetailType": "b", "Detail": "{}"});
    let e = fail(&mut w, "PutEvents", json!({"Entries": vec![entry; 11]}));
    assert_eq!(e.code, "ValidationException");
    let big = json!({"Source": "a", "DetailType": "b", "Detail": format!("{{\"x\":\"{}\"}}", "y".repeat(300_000))});
    let e = fail(&mut w, "PutEvents", json!({"Entries": [big]}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "ValidationException",
            "Total size of the entries in the request is over the limit."
        )
    );
    assert!(w.services().events.bus_events().is_empty());
}

/// The seed's rotation event (§8.2 of the behaviour reference).
fn rotation_event() -> String {
    json!({"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"KMS CMK Rotation","source":"aws.kms",
     "account":"111122223333","time":"2025-05-23T03:11:54Z","region":"us-west-2",
     "resources":["arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
     "detail":{"key-id":"1234abcd-12ab-34cd-56ef-1234567890ab","key-origin":"AWS_KMS","rotation-type":"ON_DEMAND",
               "previous-key-material-id":"1234","current-key-material-id":"9608"}})
    .to_string()
}

#[test]
fn test_event_pattern_with_kms_events() {
    let mut w = world();
    let test = |w: &mut crate::sim::World, pattern: &str, event: &str| {
        call(w, "TestEventPattern", json!({"EventPattern": pattern, "Event": event}))["Result"].clone()
    };
    let ev = rotation_event();
    assert_eq!(
        test(
            &mut w,
            r#"{"source":["aws.kms"],"detail-type":["KMS CMK Rotation"]}"#,
            &ev
        ),
        true
    );
    assert_eq!(
        test(
            &mut w,
            r#"{"source":["aws.kms"],"detail-type":["KMS CMK Deletion"]}"#,
            &ev
        ),
        false
    );
    assert_eq!(
        test(
            &mut w,
            r#"{"detail":{"rotation-type":["ON_DEMAND"],"key-origin":[{"anything-but":"EXTERNAL"}]}}"#,
            &ev
        ),
        true
    );
    assert_eq!(
        test(
            &mut w,
            r#"{"resources":[{"prefix":"arn:aws:kms:us-west-2:111122223333:key/"}]}"#,
            &ev
        ),
        true
    );
    let expiry = ev
        .replace("KMS CMK Rotation", "KMS Imported Key Material Expiration")
        .replace("\"key-origin\":\"AWS_KMS\"", "\"key-origin\":\"EXTERNAL\"");
    assert_eq!(
        test(
            &mut w,
            r#"{"detail-type":["KMS Imported Key Material Expiration"]}"#,
            &expiry
        ),
        true
    );
    let cloudtrail = json!({"version":"0","id":"1","detail-type":"AWS API Call via CloudTrail","source":"aws.kms","account":"111122223333",
        "time":"2026-03-02T09:00:00Z","region":"us-west-2","resources":[],
        "detail":{"eventSource":"kms.amazonaws.com","eventName":"ScheduleKeyDeletion"}}).to_string();
    assert_eq!(
        test(
            &mut w,
            r#"{"source":["aws.kms"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["kms.amazonaws.com"],"eventName":["ScheduleKeyDeletion","DisableKey"]}}"#,
            &cloudtrail
        ),
        true
    );
    // Invalid pattern and event.
    let e = fail(
        &mut w,
        "TestEventPattern",
        json!({"EventPattern": "{\"source\":[{\"regex\":\"x\"}]}", "Event": ev}),
    );
    assert_eq!(e.code, "InvalidEventPatternException");
    assert!(e
        .message
        .starts_with("Event pattern is not valid. Reason: Unrecognized match type regex\n at [Source:"));
    let no_resources =
        json!({"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d"}).to_string();
    let e = fail(
        &mut w,
        "TestEventPattern",
        json!({"EventPattern": "{\"source\":[\"s\"]}", "Event": no_resources}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("ValidationException", "Parameter Event is not valid.")
    );
    let e = fail(
        &mut w,
        "TestEventPattern",
        json!({"EventPattern": "{\"source\":[\"s\"]}", "Event": "[1]"}),
    );
    assert_eq!(e.code, "ValidationException");
    // Read-only: it can be peeked.
    assert_eq!(
        w.peek(
            "events",
            "TestEventPattern",
            &json!({"EventPattern": "{\"source\":[\"aws.kms\"]}", "Event": ev})
        )
        .unwrap(),
        json!({"Result": true})
    );
}
