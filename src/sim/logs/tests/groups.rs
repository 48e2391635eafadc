use serde_json::json;

use super::*;
use crate::sim::time::DAY;

#[test]
fn create_and_describe_log_groups() {
    let mut w = world();
    assert_eq!(
        call(&mut w, "CreateLogGroup", json!({"logGroupName": "CloudTrail/logs"})),
        json!({})
    );
    w.advance_by(1_000);
    call(
        &mut w,
        "CreateLogGroup",
        json!({"logGroupName": "/aws/lambda/fn", "logGroupClass": "INFREQUENT_ACCESS", "kmsKeyId": "arn:aws:kms:us-west-2:111122223333:key/k"}),
    );
    call(
        &mut w,
        "PutRetentionPolicy",
        json!({"logGroupName": "CloudTrail/logs", "retentionInDays": 90}),
    );
    assert_eq!(
        call(&mut w, "DescribeLogGroups", json!({})),
        json!({"logGroups": [
            {
                "logGroupName": "/aws/lambda/fn",
                "creationTime": T0 + 1_000,
                "metricFilterCount": 0,
                "arn": "arn:aws:logs:us-west-2:111122223333:log-group:/aws/lambda/fn:*",
                "storedBytes": 0,
                "kmsKeyId": "arn:aws:kms:us-west-2:111122223333:key/k",
                "logGroupClass": "INFREQUENT_ACCESS",
                "logGroupArn": "arn:aws:logs:us-west-2:111122223333:log-group:/aws/lambda/fn",
                "deletionProtectionEnabled": false
            },
            {
                "logGroupName": "CloudTrail/logs",
                "creationTime": T0,
                "retentionInDays": 90,
                "metricFilterCount": 0,
                "arn": "arn:aws:logs:us-west-2:111122223333:log-group:CloudTrail/logs:*",
                "storedBytes": 0,
                "logGroupClass": "STANDARD",
                "logGroupArn": "arn:aws:logs:us-west-2:111122223333:log-group:CloudTrail/logs",
                "deletionProtectionEnabled": false
            }
        ]})
    );
    let e = fail(&mut w, "CreateLogGroup", json!({"logGroupName": "CloudTrail/logs"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str(), e.input),
        (
            "ResourceAlreadyExistsException",
            "The specified log group already exists",
            false
        )
    );
}

#[test]
fn describe_log_groups_filters_and_pages() {
    let mut w = world();
    for name in ["app-a", "app-b", "app-c", "other"] {
        call(&mut w, "CreateLogGroup", json!({"logGroupName": name}));
    }
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["logGroups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["logGroupName"].as_str().unwrap().to_owned())
            .collect()
    };
    let page = call(
        &mut w,
        "DescribeLogGroups",
        json!({"logGroupNamePrefix": "app", "limit": 2}),
    );
    assert_eq!(names(&page), ["app-a", "app-b"]);
    let token = page["nextToken"].clone();
    let page = call(
        &mut w,
        "DescribeLogGroups",
        json!({"logGroupNamePrefix": "app", "limit": 2, "nextToken": token}),
    );
    assert_eq!(names(&page), ["app-c"]);
    assert!(page.get("nextToken").is_none());
    // logGroupNamePattern is a case-insensitive substring.
    let page = call(&mut w, "DescribeLogGroups", json!({"logGroupNamePattern": "THE"}));
    assert_eq!(names(&page), ["other"]);
    let journaled = w.journal().len();
    let e = fail(
        &mut w,
        "DescribeLogGroups",
        json!({"logGroupNamePrefix": "a", "logGroupNamePattern": "b"}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "InvalidParameterException",
            "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters."
        )
    );
    let e = fail(&mut w, "DescribeLogGroups", json!({"nextToken": "garbage"}));
    assert_eq!(e.message, "The specified nextToken is invalid.");
    assert_eq!(w.journal().len(), journaled, "input errors are not journaled");
    let e = fail(&mut w, "DescribeLogGroups", json!({"limit": 51}));
    assert_eq!(
        e.message,
        "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50"
    );
}

#[test]
fn delete_log_group_and_its_errors() {
    let mut w = world();
    group_with_stream(&mut w, "g", "s");
    assert_eq!(call(&mut w, "DeleteLogGroup", json!({"logGroupName": "g"})), json!({}));
    let e = fail(&mut w, "DeleteLogGroup", json!({"logGroupName": "g"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str(), e.input),
        (
            "ResourceNotFoundException",
            "The specified log group does not exist.",
            false
        )
    );
    call(
        &mut w,
        "CreateLogGroup",
        json!({"logGroupName": "kept", "deletionProtectionEnabled": true}),
    );
    let e = fail(&mut w, "DeleteLogGroup", json!({"logGroupName": "kept"}));
    assert_eq!(e.code, "ValidationException");
    assert!(w.services().logs.group("kept").is_some());
}

#[test]
fn retention_accepts_only_awss_periods_and_prunes_old_events() {
    let mut w = world();
    group_with_stream(&mut w, "g", "s");
    let e = fail(
        &mut w,
        "PutRetentionPolicy",
        json!({"logGroupName": "g", "retentionInDays": 2}),
    );
    assert_eq!(e.code, "InvalidParameterException");
    assert_eq!(
        e.message,
        "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: \
         [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]"
    );
    assert!(e.input);
    let e = fail(
        &mut w,
        "PutRetentionPolicy",
        json!({"logGroupName": "nope", "retentionInDays": 1}),
    );
    assert_eq!(e.code, "ResourceNotFoundException");
    put(&mut w, "g", "s", &[(T0 - 1_000, "old"), (T0, "new")]);
    call(
        &mut w,
        "PutRetentionPolicy",
        json!({"logGroupName": "g", "retentionInDays": 1}),
    );
    // Housekeeping runs at midnight UTC: the next one (2026-03-03T00:00Z)
    // keeps both (they are less than a day old); the one after drops both.
    w.advance_by(DAY);
    assert_eq!(
        w.services()
            .logs
            .group("g")
            .unwrap()
            .stream("s")
            .unwrap()
            .events()
            .len(),
        2
    );
    assert_eq!(w.services().logs.group("g").unwrap().stored_bytes(), 6);
    w.advance_by(DAY);
    let g = w.services().logs.group("g").unwrap();
    assert_eq!(g.stream("s").unwrap().events().len(), 0);
    assert_eq!(g.stored_bytes(), 0);
}

#[test]
fn streams_are_created_and_described() {
    let mut w = world();
    call(&mut w, "CreateLogGroup", json!({"logGroupName": "g"}));
    let e = fail(
        &mut w,
        "CreateLogStream",
        json!({"logGroupName": "nope", "logStreamName": "s"}),
    );
    assert_eq!(e.message, "The specified log group does not exist.");
    call(
        &mut w,
        "CreateLogStream",
        json!({"logGroupName": "g", "logStreamName": "b"}),
    );
    w.advance_by(10);
    call(
        &mut w,
        "CreateLogStream",
        json!({"logGroupName": "g", "logStreamName": "a"}),
    );
    let e = fail(
        &mut w,
        "CreateLogStream",
        json!({"logGroupName": "g", "logStreamName": "a"}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "ResourceAlreadyExistsException",
            "The specified log stream already exists"
        )
    );
    put(&mut w, "g", "b", &[(T0 - 5, "x"), (T0 - 1, "y")]);
    assert_eq!(
        call(&mut w, "DescribeLogStreams", json!({"logGroupName": "g"})),
        json!({"logStreams": [
            {
                "logStreamName": "a",
                "creationTime": T0 + 10,
                "arn": "arn:aws:logs:us-west-2:111122223333:log-group:g:log-stream:a",
                "storedBytes": 0
            },
            {
                "logStreamName": "b",
                "creationTime": T0,
                "firstEventTimestamp": T0 - 5,
                "lastEventTimestamp": T0 - 1,
                "lastIngestionTime": T0 + 10,
                "uploadSequenceToken": "00000000000000000000000000000000000000000000000000000001",
                "arn": "arn:aws:logs:us-west-2:111122223333:log-group:g:log-stream:b",
                "storedBytes": 0
            }
        ]})
    );
    let by_time = call(
        &mut w,
        "DescribeLogStreams",
        json!({"logGroupIdentifier": "arn:aws:logs:us-west-2:111122223333:log-group:g", "orderBy": "LastEventTime", "descending": true, "limit": 1}),
    );
    assert_eq!(by_time["logStreams"][0]["logStreamName"], "b");
    assert!(by_time["nextToken"].is_string());
    let e = fail(
        &mut w,
        "DescribeLogStreams",
        json!({"logGroupName": "g", "orderBy": "LastEventTime", "logStreamNamePrefix": "a"}),
    );
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "InvalidParameterException",
            "Cannot order by LastEventTime with a logStreamNamePrefix."
        )
    );
    let e = fail(&mut w, "DescribeLogStreams", json!({}));
    assert_eq!(
        e.message,
        "Either logGroupName or logGroupIdentifier must be specified."
    );
    let e = fail(&mut w, "DescribeLogStreams", json!({"logGroupName": "nope"}));
    assert_eq!(e.code, "ResourceNotFoundException");
}
