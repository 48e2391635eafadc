use serde_json::json;

use super::*;

fn names(v: &serde_json::Value) -> Vec<String> {
    v["Events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["EventName"].as_str().unwrap().to_owned())
        .collect()
}

/// Five records a minute apart: CreateLogGroup, CreateLogStream, the
/// failed Decrypt, DescribeLogGroups, DeleteKey.
fn history(w: &mut World) {
    call(w, "logs", "CreateLogGroup", json!({"logGroupName": "g"}));
    w.advance_by(60_000);
    call(
        w,
        "logs",
        "CreateLogStream",
        json!({"logGroupName": "g", "logStreamName": "s"}),
    );
    w.advance_by(60_000);
    w.inject(Effect::Trail(Box::new(pending_deletion_decrypt())));
    w.advance_by(60_000);
    call(w, "logs", "DescribeLogGroups", json!({}));
    w.advance_by(60_000);
    w.inject(Effect::Trail(Box::new(Record::service_event(
        ServiceName::Kms,
        "DeleteKey",
        vec![("AWS::KMS::Key".into(), KEY_ARN.into())],
        json!({"keyId": KEY_ID}),
    ))));
    w.advance_by(60_000);
}

/// The instant of the last record `history` makes (09:04:00Z).
const HISTORY_END: i64 = 1_772_442_240;

#[test]
fn lookup_events_lists_history_newest_first() {
    let mut w = world();
    history(&mut w);
    let all = call(&mut w, "cloudtrail", "LookupEvents", json!({}));
    assert_eq!(
        names(&all),
        [
            "DeleteKey",
            "DescribeLogGroups",
            "Decrypt",
            "CreateLogStream",
            "CreateLogGroup"
        ]
    );
    let decrypt = w.services().cloudtrail.history().nth(2).unwrap().clone();
    assert_eq!(
        all["Events"][2],
        json!({
            "EventId": decrypt.event_id,
            "EventName": "Decrypt",
            "ReadOnly": "true",
            "AccessKeyId": "AKIAPLAYGROUNDEXAMPLE",
            "EventTime": 1_772_442_120.0,
            "EventSource": "kms.amazonaws.com",
            "Username": "Alice",
            "Resources": [{"ResourceType": "AWS::KMS::Key", "ResourceName": KEY_ARN}],
            "CloudTrailEvent": decrypt.to_json(w.settings()).to_string()
        })
    );
    // Service events name no user and no access key.
    let deletion = &all["Events"][0];
    assert!(deletion.get("Username").is_none() && deletion.get("AccessKeyId").is_none());
    assert_eq!(deletion["ReadOnly"], "false");
}

#[test]
fn lookup_events_filters_by_one_attribute_and_time() {
    let mut w = world();
    history(&mut w);
    let by = |w: &mut World, key: &str, value: &str| {
        names(&call(
            w,
            "cloudtrail",
            "LookupEvents",
            json!({"LookupAttributes": [{"AttributeKey": key, "AttributeValue": value}], "EndTime": HISTORY_END}),
        ))
    };
    assert_eq!(by(&mut w, "EventName", "Decrypt"), ["Decrypt"]);
    assert_eq!(by(&mut w, "ReadOnly", "true"), ["DescribeLogGroups", "Decrypt"]);
    assert_eq!(by(&mut w, "ResourceType", "AWS::KMS::Key"), ["DeleteKey", "Decrypt"]);
    assert_eq!(by(&mut w, "ResourceName", KEY_ARN), ["DeleteKey", "Decrypt"]);
    assert_eq!(
        by(&mut w, "EventSource", "logs.amazonaws.com"),
        ["DescribeLogGroups", "CreateLogStream", "CreateLogGroup"]
    );
    assert_eq!(by(&mut w, "Username", "Alice").len(), 4);
    assert_eq!(by(&mut w, "AccessKeyId", "AKIAPLAYGROUNDEXAMPLE").len(), 4);
    let id = w.services().cloudtrail.history().next().unwrap().event_id.clone();
    assert_eq!(by(&mut w, "EventId", &id), ["CreateLogGroup"]);
    let window = call(
        &mut w,
        "cloudtrail",
        "LookupEvents",
        json!({"StartTime": "2026-03-02T09:01:00Z", "EndTime": 1_772_442_180}),
    );
    assert_eq!(names(&window), ["DescribeLogGroups", "Decrypt", "CreateLogStream"]);
    let insights = call(
        &mut w,
        "cloudtrail",
        "LookupEvents",
        json!({"EventCategory": "insight"}),
    );
    assert_eq!(insights, json!({"Events": []}));
}

#[test]
fn lookup_events_pages_with_next_token() {
    let mut w = world();
    history(&mut w);
    let first = call(&mut w, "cloudtrail", "LookupEvents", json!({"MaxResults": 2}));
    assert_eq!(names(&first), ["DeleteKey", "DescribeLogGroups"]);
    // The lookups themselves are recorded, newer than the token: they do
    // not appear on later pages.
    let second = call(
        &mut w,
        "cloudtrail",
        "LookupEvents",
        json!({"MaxResults": 2, "NextToken": first["NextToken"]}),
    );
    assert_eq!(names(&second), ["Decrypt", "CreateLogStream"]);
    let third = call(
        &mut w,
        "cloudtrail",
        "LookupEvents",
        json!({"MaxResults": 2, "NextToken": second["NextToken"]}),
    );
    assert_eq!(names(&third), ["CreateLogGroup"]);
    assert!(third.get("NextToken").is_none());
    let readonly = call(
        &mut w,
        "cloudtrail",
        "LookupEvents",
        json!({"MaxResults": 1, "LookupAttributes": [{"AttributeKey": "EventName", "AttributeValue": "Decrypt"}]}),
    );
    assert_eq!(names(&readonly), ["Decrypt"]);
    assert!(readonly.get("NextToken").is_none(), "no further match, no token");
}

#[test]
fn lookup_events_refuses_bad_requests() {
    let mut w = world();
    let e = fail(
        &mut w,
        "LookupEvents",
        json!({"LookupAttributes": [
            {"AttributeKey": "EventName", "AttributeValue": "A"},
            {"AttributeKey": "EventName", "AttributeValue": "B"}]}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "InvalidLookupAttributesException",
            "You can specify only one lookup attribute per request."
        )
    );
    let e = fail(
        &mut w,
        "LookupEvents",
        json!({"LookupAttributes": [{"AttributeKey": "ReadOnly", "AttributeValue": "yes"}]}),
    );
    assert_eq!(e.code, "InvalidLookupAttributesException");
    let e = fail(
        &mut w,
        "LookupEvents",
        json!({"StartTime": 2_000_000_000, "EndTime": 1_000_000_000}),
    );
    assert_eq!(e.code, "InvalidTimeRangeException");
    let e = fail(&mut w, "LookupEvents", json!({"NextToken": "nope"}));
    assert_eq!(e.code, "InvalidNextTokenException");
    let e = fail(&mut w, "LookupEvents", json!({"MaxResults": 51}));
    assert_eq!(e.code, "InvalidParameterException");
    let e = fail(
        &mut w,
        "LookupEvents",
        json!({"LookupAttributes": [{"AttributeKey": "Color", "AttributeValue": "x"}]}),
    );
    assert!(e.message.contains("Member must satisfy enum value set"), "{e}");
    assert!(w.journal().is_empty());
}

#[test]
fn history_keeps_ninety_days() {
    let mut w = world();
    call(&mut w, "logs", "CreateLogGroup", json!({"logGroupName": "old"}));
    w.advance_by(89 * crate::sim::time::DAY);
    call(&mut w, "logs", "CreateLogGroup", json!({"logGroupName": "new"}));
    w.advance_by(2 * crate::sim::time::DAY);
    let kept: Vec<String> = w
        .services()
        .cloudtrail
        .history()
        .map(|r| r.event_name.clone())
        .collect();
    assert_eq!(kept, ["CreateLogGroup"]);
    let e = w.call("cloudtrail", "LookupEvents", &json!({})).unwrap();
    assert_eq!(names(&e), ["CreateLogGroup"]);
}
