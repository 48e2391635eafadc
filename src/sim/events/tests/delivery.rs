//! Delivery: events on the bus matched against rules and sent to targets,
//! with the exact payloads each target receives.

use serde_json::{json, Value};

use super::{call, world};
use crate::sim::ctx::Effect;
use crate::sim::World;

const QUEUE: &str = "arn:aws:sqs:us-west-2:111122223333:events";
const KEY_ARN: &str = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

fn deletion_event() -> Value {
    json!({
        "version": "0", "id": "e1", "detail-type": "KMS CMK Deletion", "source": "aws.kms",
        "account": "111122223333", "time": "2026-03-09T09:00:00Z", "region": "us-west-2",
        "resources": [KEY_ARN], "detail": {"key-id": "1234abcd-12ab-34cd-56ef-1234567890ab"}
    })
}

fn inject(w: &mut World, event: Value, read_only_management: bool) {
    w.inject(Effect::BusEvent {
        event,
        read_only_management,
    });
}

/// Bodies of the SQS messages routed so far.
fn sqs_bodies(w: &World) -> Vec<(String, String)> {
    w.routed
        .iter()
        .filter_map(|e| match e {
            Effect::SqsSend { queue_arn, body } => Some((queue_arn.clone(), body.clone())),
            _ => None,
        })
        .collect()
}

fn rule_with_queue(w: &mut World, name: &str, pattern: &str, target: Value) {
    call(w, "PutRule", json!({"Name": name, "EventPattern": pattern}));
    call(w, "PutTargets", json!({"Rule": name, "Targets": [target]}));
}

#[test]
fn kms_deletion_event_reaches_the_queue_once() {
    let mut w = world();
    rule_with_queue(
        &mut w,
        "kms-deletion",
        r#"{"source":["aws.kms"],"detail-type":["KMS CMK Deletion"]}"#,
        json!({"Id": "q", "Arn": QUEUE}),
    );
    rule_with_queue(
        &mut w,
        "rotation",
        r#"{"detail-type":["KMS CMK Rotation"]}"#,
        json!({"Id": "q", "Arn": QUEUE}),
    );
    inject(&mut w, deletion_event(), false);
    let sent = sqs_bodies(&w);
    assert_eq!(sent, vec![(QUEUE.to_owned(), deletion_event().to_string())]);
    assert_eq!(
        sent[0].1,
        r#"{"version":"0","id":"e1","detail-type":"KMS CMK Deletion","source":"aws.kms","account":"111122223333","time":"2026-03-09T09:00:00Z","region":"us-west-2","resources":["arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],"detail":{"key-id":"1234abcd-12ab-34cd-56ef-1234567890ab"}}"#
    );
    // The log shows the event, the rule it matched and the delivery.
    let events = &w.services().events;
    assert_eq!(events.bus_events(), &[deletion_event()]);
    let (_, matches) = events.event_outcome("e1").unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].rule_name, "kms-deletion");
    assert_eq!(matches[0].deliveries[0].target_arn, QUEUE);
    assert_eq!(matches[0].deliveries[0].payload.as_deref(), Some(sent[0].1.as_str()));
    assert_eq!(matches[0].deliveries[0].error, None);
    let why = events.explain_rule("rotation", &deletion_event()).unwrap();
    assert!(!why.matched);
}

#[test]
fn input_input_path_and_transformer_payloads() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "r", "EventPattern": r#"{"source":["aws.kms"]}"#}),
    );
    call(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [
            {"Id": "const", "Arn": "arn:aws:sqs:us-west-2:111122223333:c", "Input": "{\"fixed\": true}"},
            {"Id": "path", "Arn": "arn:aws:sqs:us-west-2:111122223333:p", "InputPath": "$.detail"},
            {"Id": "json", "Arn": "arn:aws:sqs:us-west-2:111122223333:j", "InputTransformer": {
                "InputPathsMap": {"key": "$.detail.key-id", "res": "$.resources[0]", "missing": "$.detail.nope"},
                "InputTemplate": "{\"k\": <key>, \"msg\": \"key <key> (\\\"<res>\\\") deleted\", \"m\": \"<missing>\", \"rule\": \"<aws.events.rule-name>\", \"arn\": <aws.events.rule-arn>, \"at\": \"<aws.events.event.ingestion-time>\", \"ev\": <aws.events.event>, \"other\": \"<unknown>\"}"
            }},
            {"Id": "text", "Arn": "arn:aws:sqs:us-west-2:111122223333:t", "InputTransformer": {
                "InputPathsMap": {"key": "$.detail.key-id"},
                "InputTemplate": "\"Key <key> was deleted\""
            }},
        ]}),
    );
    inject(&mut w, deletion_event(), false);
    let bodies = sqs_bodies(&w);
    let event_without_detail = {
        let mut e = deletion_event();
        e.as_object_mut().unwrap().remove("detail");
        e.to_string()
    };
    assert_eq!(
        bodies,
        vec![
            ("arn:aws:sqs:us-west-2:111122223333:c".to_owned(), "{\"fixed\": true}".to_owned()),
            ("arn:aws:sqs:us-west-2:111122223333:p".to_owned(), r#"{"key-id":"1234abcd-12ab-34cd-56ef-1234567890ab"}"#.to_owned()),
            (
                "arn:aws:sqs:us-west-2:111122223333:j".to_owned(),
                format!(
                    "{{\"k\": \"1234abcd-12ab-34cd-56ef-1234567890ab\", \"msg\": \"key 1234abcd-12ab-34cd-56ef-1234567890ab (\\\"{KEY_ARN}\\\") deleted\", \"m\": \"\", \"rule\": \"r\", \"arn\": \"arn:aws:events:us-west-2:111122223333:rule/r\", \"at\": \"2026-03-02T09:00:00Z\", \"ev\": {event_without_detail}, \"other\": \"<unknown>\"}}"
                )
            ),
            (
                "arn:aws:sqs:us-west-2:111122223333:t".to_owned(),
                "\"Key 1234abcd-12ab-34cd-56ef-1234567890ab was deleted\"".to_owned()
            ),
        ]
    );
    // The JSON template's output is valid JSON.
    assert!(serde_json::from_str::<Value>(&bodies[2].1).is_ok());
}

#[test]
fn sns_lambda_kinesis_and_unsupported_targets() {
    let mut w = world();
    call(
        &mut w,
        "PutRule",
        json!({"Name": "r", "EventPattern": r#"{"source":["aws.kms"]}"#}),
    );
    call(
        &mut w,
        "PutTargets",
        json!({"Rule": "r", "Targets": [
            {"Id": "sns", "Arn": "arn:aws:sns:us-west-2:111122223333:alerts", "InputPath": "$.detail-type"},
            {"Id": "fn", "Arn": "arn:aws:lambda:us-west-2:111122223333:function:handler"},
            {"Id": "ks", "Arn": "arn:aws:kinesis:us-west-2:111122223333:stream/s1"},
            {"Id": "kp", "Arn": "arn:aws:kinesis:us-west-2:111122223333:stream/s2", "KinesisParameters": {"PartitionKeyPath": "$.detail.key-id"}},
            {"Id": "sfn", "Arn": "arn:aws:states:us-west-2:111122223333:stateMachine:m"},
        ]}),
    );
    let before = w.routed.len();
    inject(&mut w, deletion_event(), false);
    let routed: Vec<String> = w.routed[before + 1..]
        .iter()
        .map(|e| match e {
            Effect::SnsPublish {
                topic_arn,
                subject,
                message,
                message_structure,
            } => {
                assert_eq!(*message_structure, None);
                format!("sns {topic_arn} {subject:?} {message}")
            }
            Effect::LambdaInvoke { function_arn, payload } => format!("lambda {function_arn} {}", payload.len()),
            Effect::KinesisPut {
                stream_arn,
                data,
                partition_key,
            } => {
                format!(
                    "kinesis {stream_arn} {partition_key} {}",
                    data == deletion_event().to_string().as_bytes()
                )
            }
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        routed,
        vec![
            "sns arn:aws:sns:us-west-2:111122223333:alerts None \"KMS CMK Deletion\"".to_owned(),
            format!(
                "lambda arn:aws:lambda:us-west-2:111122223333:function:handler {}",
                deletion_event().to_string().len()
            ),
            "kinesis arn:aws:kinesis:us-west-2:111122223333:stream/s1 e1 true".to_owned(),
            "kinesis arn:aws:kinesis:us-west-2:111122223333:stream/s2 1234abcd-12ab-34cd-56ef-1234567890ab true"
                .to_owned(),
        ]
    );
    let (_, matches) = w.services().events.event_outcome("e1").unwrap();
    let failed = &matches[0].deliveries[4];
    assert_eq!(failed.target_id, "sfn");
    assert!(failed.error.as_deref().unwrap().contains("does not model deliveries"));
}

#[test]
fn put_events_are_delivered_to_matching_enabled_rules() {
    let mut w = world();
    rule_with_queue(
        &mut w,
        "orders",
        r#"{"source":["my.app"],"detail":{"total":[{"numeric":[">",100]}]}}"#,
        json!({"Id": "q", "Arn": QUEUE}),
    );
    rule_with_queue(
        &mut w,
        "off",
        r#"{"source":["my.app"]}"#,
        json!({"Id": "q", "Arn": "arn:aws:sqs:us-west-2:111122223333:off"}),
    );
    call(&mut w, "DisableRule", json!({"Name": "off"}));
    let r = call(
        &mut w,
        "PutEvents",
        json!({"Entries": [
            {"Source": "my.app", "DetailType": "Order", "Detail": "{\"total\": 150}"},
            {"Source": "my.app", "DetailType": "Order", "Detail": "{\"total\": 50}"},
        ]}),
    );
    let bodies = sqs_bodies(&w);
    assert_eq!(bodies.len(), 1);
    let delivered: Value = serde_json::from_str(&bodies[0].1).unwrap();
    assert_eq!(delivered["id"], r["Entries"][0]["EventId"]);
    assert_eq!(delivered["detail"], json!({"total": 150}));
    let log: Vec<usize> = w.services().events.bus_log().map(|(_, m)| m.len()).collect();
    assert_eq!(log, [1, 0]);
}

#[test]
fn read_only_cloudtrail_events_need_the_all_management_events_state() {
    let mut w = world();
    let pattern = r#"{"detail-type":["AWS API Call via CloudTrail"]}"#;
    rule_with_queue(
        &mut w,
        "plain",
        pattern,
        json!({"Id": "q", "Arn": "arn:aws:sqs:us-west-2:111122223333:plain"}),
    );
    let ct = |id: &str, name: &str| {
        json!({"version":"0","id":id,"detail-type":"AWS API Call via CloudTrail","source":"aws.kms","account":"111122223333",
               "time":"2026-03-02T09:00:00Z","region":"us-west-2","resources":[],"detail":{"eventName":name}})
    };
    // No rule in the all-management-events state: a read-only event is not even on the bus.
    inject(&mut w, ct("ro-1", "DescribeKey"), true);
    inject(&mut w, ct("w-1", "ScheduleKeyDeletion"), false);
    assert_eq!(w.services().events.bus_events().len(), 1);
    assert_eq!(sqs_bodies(&w).len(), 1);
    call(
        &mut w,
        "PutRule",
        json!({"Name": "all", "EventPattern": pattern, "State": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}),
    );
    call(
        &mut w,
        "PutTargets",
        json!({"Rule": "all", "Targets": [{"Id": "q", "Arn": "arn:aws:sqs:us-west-2:111122223333:all"}]}),
    );
    inject(&mut w, ct("ro-2", "DescribeKey"), true);
    inject(&mut w, ct("w-2", "DisableKey"), false);
    let queues: Vec<String> = sqs_bodies(&w)
        .into_iter()
        .map(|(q, b)| {
            format!(
                "{} {}",
                q.rsplit(':').next().unwrap(),
                serde_json::from_str::<Value>(&b).unwrap()["id"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(queues, ["plain w-1", "all ro-2", "all w-2", "plain w-2"]);
    let ids: Vec<&str> = w
        .services()
        .events
        .bus_events()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["w-1", "ro-2", "w-2"]);
}

#[test]
fn the_bus_log_is_bounded() {
    let mut w = world();
    let cap = crate::sim::events::BUS_LOG_CAP;
    for i in 0..cap + cap / 2 {
        let mut e = deletion_event();
        e["id"] = json!(format!("e{i}"));
        inject(&mut w, e, false);
    }
    let bus = w.services().events.bus_events();
    assert!(bus.len() >= cap && bus.len() <= cap + cap / 4, "{}", bus.len());
    assert_eq!(bus.last().unwrap()["id"], format!("e{}", cap + cap / 2 - 1));
}

#[test]
fn alarm_state_change_events_route_to_sns() {
    let mut w = world();
    let topic = "arn:aws:sns:us-west-2:111122223333:alarms";
    rule_with_queue(
        &mut w,
        "alarm",
        r#"{"source":["aws.cloudwatch"],"detail-type":["CloudWatch Alarm State Change"],"detail":{"state":{"value":["ALARM"]},"alarmName":[{"prefix":"KeyMaterial"}]}}"#,
        json!({"Id": "t", "Arn": topic, "InputTransformer": {
            "InputPathsMap": {"name": "$.detail.alarmName", "state": "$.detail.state.value"},
            "InputTemplate": "\"Alarm <name> is now <state>\""
        }}),
    );
    let alarm = |value: &str| {
        json!({"version":"0","id":format!("a-{value}"),"detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch",
               "account":"111122223333","time":"2026-03-02T09:00:00Z","region":"us-west-2",
               "resources":["arn:aws:cloudwatch:us-west-2:111122223333:alarm:KeyMaterialExpiresSoon"],
               "detail":{"alarmName":"KeyMaterialExpiresSoon",
                         "previousState":{"value":"OK"},"state":{"value":value,"reason":"Threshold Crossed"}}})
    };
    inject(&mut w, alarm("OK"), false);
    inject(&mut w, alarm("ALARM"), false);
    let published: Vec<String> = w
        .routed
        .iter()
        .filter_map(|e| match e {
            Effect::SnsPublish {
                topic_arn,
                subject: None,
                message,
                message_structure: None,
            } if topic_arn == topic => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(published, ["\"Alarm KeyMaterialExpiresSoon is now ALARM\""]);
}
