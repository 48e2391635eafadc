use serde_json::json;

use super::*;
use crate::sim::cloudwatch::{MetricId, MetricUpdate};
use crate::sim::time::SimTime;

const RECIPE: &str = r#"{ $.eventSource = kms* && $.errorMessage = "* is pending deletion."}"#;

fn recipe_filter(w: &mut World) {
    call(w, "logs", "CreateLogGroup", json!({"logGroupName": "CloudTrail/logs"}));
    call(
        w,
        "logs",
        "PutMetricFilter",
        json!({
            "logGroupName": "CloudTrail/logs",
            "filterName": "KMSKeyPendingDeletionErrorFilter",
            "filterPattern": RECIPE,
            "metricTransformations": [{
                "metricName": "KMSKeyPendingDeletionErrorCount",
                "metricNamespace": "CloudTrailLogMetrics",
                "metricValue": "1"
            }]
        }),
    );
}

fn metric_puts(w: &World) -> Vec<MetricUpdate> {
    w.routed
        .iter()
        .filter_map(|e| match e {
            Effect::Metric(u) => Some(u.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_pending_deletion_recipe_works_end_to_end() {
    let mut w = world();
    recipe_filter(&mut w);
    logging_trail(&mut w);
    w.advance_by(60_000);
    w.routed.clear();
    w.inject(Effect::Trail(Box::new(pending_deletion_decrypt())));
    let record = w.services().cloudtrail.history().last().unwrap().clone();
    let detail = record.to_json(w.settings());
    // The trail writes the record to its group...
    assert_eq!(
        log_writes(&w),
        [(
            "CloudTrail/logs".to_owned(),
            "111122223333_CloudTrail_us-west-2".to_owned(),
            detail.to_string()
        )]
    );
    // ...the metric filter turns it into a datapoint at the event's time...
    assert_eq!(
        metric_puts(&w),
        [MetricUpdate::Put {
            metric: MetricId {
                namespace: "CloudTrailLogMetrics".into(),
                name: "KMSKeyPendingDeletionErrorCount".into(),
                dimensions: vec![],
            },
            unit: None,
            points: vec![(SimTime::parse("2026-03-02T09:01:00Z").unwrap(), 1.0)],
        }]
    );
    // ...and EventBridge gets the call as a read-only management event.
    let events = bus_events(&w);
    assert_eq!(events.len(), 1);
    let (event, read_only) = &events[0];
    assert!(*read_only);
    assert_eq!(
        *event,
        json!({
            "version": "0",
            "id": event["id"],
            "detail-type": "AWS API Call via CloudTrail",
            "source": "aws.kms",
            "account": "111122223333",
            "time": "2026-03-02T09:01:00Z",
            "region": "us-west-2",
            "resources": [],
            "detail": detail
        })
    );
    assert_eq!(event["id"].as_str().unwrap().len(), 36);
    // The stored event in the group is the record.
    let group = w.services().logs.group("CloudTrail/logs").unwrap();
    let stream = group.stream("111122223333_CloudTrail_us-west-2").unwrap();
    assert_eq!(stream.events().last().unwrap().message, detail.to_string());
}

#[test]
fn other_records_do_not_count() {
    let mut w = world();
    recipe_filter(&mut w);
    logging_trail(&mut w);
    w.routed.clear();
    let mut disabled = pending_deletion_decrypt();
    disabled.error_code = Some("DisabledException".into());
    disabled.error_message = Some(format!("{KEY_ARN} is disabled."));
    w.inject(Effect::Trail(Box::new(disabled)));
    let ok = Record::api_call(
        ServiceName::Kms,
        "DescribeKey",
        &json!({"KeyId": KEY_ID}),
        &Ok(json!({})),
    )
    .unwrap();
    w.inject(Effect::Trail(Box::new(ok)));
    let deletion = Record::service_event(
        ServiceName::Kms,
        "DeleteKey",
        vec![("AWS::KMS::Key".into(), KEY_ARN.into())],
        json!({"keyId": KEY_ID}),
    );
    w.inject(Effect::Trail(Box::new(deletion)));
    assert_eq!(log_writes(&w).len(), 3);
    assert!(metric_puts(&w).is_empty());
    let types: Vec<(String, bool)> = bus_events(&w)
        .into_iter()
        .map(|(e, ro)| (e["detail-type"].as_str().unwrap().to_owned(), ro))
        .collect();
    assert_eq!(
        types,
        [
            ("AWS API Call via CloudTrail".to_owned(), true),
            ("AWS API Call via CloudTrail".to_owned(), true),
            ("AWS Service Event via CloudTrail".to_owned(), false),
        ]
    );
}

#[test]
fn without_a_logging_trail_nothing_is_delivered() {
    let mut w = world();
    recipe_filter(&mut w);
    w.inject(Effect::Trail(Box::new(pending_deletion_decrypt())));
    assert!(log_writes(&w).is_empty());
    assert!(bus_events(&w).is_empty());
    assert!(metric_puts(&w).is_empty());
    // A trail that exists but does not log delivers nothing either.
    call(
        &mut w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "main", "S3BucketName": "b", "CloudWatchLogsLogGroupArn": GROUP_ARN, "CloudWatchLogsRoleArn": ROLE_ARN}),
    );
    w.inject(Effect::Trail(Box::new(pending_deletion_decrypt())));
    assert!(log_writes(&w).is_empty() && bus_events(&w).is_empty() && metric_puts(&w).is_empty());
    // Still, every record is in event history.
    assert!(w.services().cloudtrail.history().count() >= 5);
}

#[test]
fn a_stopped_trail_delivers_its_stop_logging_call_and_nothing_after() {
    let mut w = world();
    recipe_filter(&mut w);
    logging_trail(&mut w);
    w.routed.clear();
    call(&mut w, "cloudtrail", "StopLogging", json!({"Name": "main"}));
    let delivered: Vec<String> = log_writes(&w)
        .iter()
        .map(|(_, _, m)| {
            serde_json::from_str::<serde_json::Value>(m).unwrap()["eventName"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(delivered, ["StopLogging"]);
    assert_eq!(bus_events(&w).len(), 1);
    w.routed.clear();
    w.inject(Effect::Trail(Box::new(pending_deletion_decrypt())));
    call(&mut w, "cloudtrail", "StopLogging", json!({"Name": "main"}));
    assert!(log_writes(&w).is_empty());
    assert!(bus_events(&w).is_empty());
    assert!(metric_puts(&w).is_empty());
    // Logging again delivers again, StartLogging first.
    call(&mut w, "cloudtrail", "StartLogging", json!({"Name": "main"}));
    assert_eq!(log_writes(&w).len(), 1);
}

#[test]
fn a_trail_without_a_log_group_still_feeds_eventbridge() {
    let mut w = world();
    call(
        &mut w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "s3only", "S3BucketName": "b"}),
    );
    call(&mut w, "cloudtrail", "StartLogging", json!({"Name": "s3only"}));
    w.routed.clear();
    call(&mut w, "logs", "CreateLogGroup", json!({"logGroupName": "x"}));
    assert!(log_writes(&w).is_empty());
    let events = bus_events(&w);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].0["source"], "aws.logs");
    assert_eq!(events[0].0["detail"]["eventName"], "CreateLogGroup");
    assert!(!events[0].1, "a write call is not read-only");
}

#[test]
fn same_seed_and_journal_give_the_same_history_and_deliveries() {
    let mut w = world();
    recipe_filter(&mut w);
    logging_trail(&mut w);
    call(
        &mut w,
        "logs",
        "CreateLogStream",
        json!({"logGroupName": "CloudTrail/logs", "logStreamName": "app"}),
    );
    w.advance_by(30_000);
    call(&mut w, "logs", "DescribeLogGroups", json!({}));
    let _ = w.call("cloudtrail", "StartLogging", &json!({"Name": "nope"}));
    let mut replayed = World::replay(3, Settings::default(), w.journal(), w.now()).expect("replays");
    for (service, op) in [("cloudtrail", "LookupEvents"), ("logs", "DescribeLogGroups")] {
        assert_eq!(
            w.peek(service, op, &json!({})).unwrap(),
            replayed.peek(service, op, &json!({})).unwrap(),
            "{op}"
        );
    }
    let events = |w: &World| -> Vec<(String, String)> {
        w.services()
            .logs
            .group("CloudTrail/logs")
            .unwrap()
            .stream("111122223333_CloudTrail_us-west-2")
            .unwrap()
            .events()
            .map(|e| (e.event_id(), e.message.clone()))
            .collect()
    };
    assert_eq!(events(&w), events(&replayed));
    let names: Vec<String> = events(&w)
        .iter()
        .map(|(_, m)| {
            serde_json::from_str::<serde_json::Value>(m).unwrap()["eventName"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    // Peeks are not recorded; the refused StartLogging is.
    assert_eq!(
        names,
        ["StartLogging", "CreateLogStream", "DescribeLogGroups", "StartLogging"]
    );
}

#[test]
fn peeking_records_nothing() {
    let mut w = world();
    logging_trail(&mut w);
    let before = w.services().cloudtrail.history().count();
    w.routed.clear();
    for (service, op, params) in [
        ("cloudtrail", "LookupEvents", json!({})),
        ("cloudtrail", "GetTrailStatus", json!({"Name": "main"})),
        ("cloudtrail", "DescribeTrails", json!({})),
        ("logs", "DescribeLogGroups", json!({})),
        (
            "logs",
            "TestMetricFilter",
            json!({"filterPattern": "x", "logEventMessages": ["x"]}),
        ),
    ] {
        w.peek(service, op, &params).unwrap_or_else(|e| panic!("{op}: {e}"));
    }
    assert_eq!(w.services().cloudtrail.history().count(), before);
    assert!(w.routed.is_empty());
    assert!(w.peek("cloudtrail", "StopLogging", &json!({"Name": "main"})).is_err());
}

#[test]
fn forged_tokens_are_refused_or_harmless() {
    let mut w = world();
    call(&mut w, "logs", "CreateLogGroup", json!({"logGroupName": "g"}));
    call(
        &mut w,
        "logs",
        "CreateLogStream",
        json!({"logGroupName": "g", "logStreamName": "s"}),
    );
    let huge = crate::sim::params::b64(format!("offset:{}", usize::MAX).as_bytes());
    let page = call(&mut w, "logs", "DescribeLogGroups", json!({"nextToken": huge}));
    assert_eq!(page, json!({"logGroups": []}));
    let nines = "9".repeat(56);
    call(
        &mut w,
        "logs",
        "GetLogEvents",
        json!({"logGroupName": "g", "logStreamName": "s", "nextToken": format!("b/{nines}")}),
    );
    call(
        &mut w,
        "logs",
        "FilterLogEvents",
        json!({"logGroupName": "g", "nextToken": nines}),
    );
    let far = crate::sim::params::b64(format!("history:{}", u64::MAX).as_bytes());
    call(&mut w, "cloudtrail", "LookupEvents", json!({"NextToken": far}));
}
