//! EventBridge routes between real services: an alarm's state change to a
//! rule on `aws.cloudwatch`, a rule publishing to an SNS topic with an
//! email subscription, CloudTrail-delivered API calls against trail status
//! and rule state, and a `rate(5 minutes)` rule writing to Kinesis.

use base64::Engine;
use serde_json::{json, Value};

use super::*;
use crate::sim::lambda::InvocationSource;
use crate::sim::sns::EmailKind;
use crate::sim::time::{DAY, MINUTE, SECOND};

#[test]
fn an_alarm_state_change_reaches_a_rule_on_aws_cloudwatch() {
    let mut w = world();
    let t0 = w.now();
    let (url, arn) = queue(&mut w, "alarm-changes");
    rule(
        &mut w,
        "alarms-to-queue",
        r#"{"source":["aws.cloudwatch"],"detail-type":["CloudWatch Alarm State Change"],"detail":{"state":{"value":["ALARM"]}}}"#,
        None,
        json!([{"Id": "q", "Arn": arn}]),
    );
    call(
        &mut w,
        "cloudwatch",
        "PutMetricAlarm",
        json!({"AlarmName": "QueueDepth", "MetricName": "Depth", "Namespace": "Shop", "Statistic": "Maximum",
               "Period": 60, "EvaluationPeriods": 1, "Threshold": 10, "ComparisonOperator": "GreaterThanThreshold",
               "AlarmDescription": "Too many orders waiting"}),
    );
    call(
        &mut w,
        "cloudwatch",
        "PutMetricData",
        json!({"Namespace": "Shop", "MetricData": [{"MetricName": "Depth", "Value": 3}]}),
    );
    w.advance_to(t0.plus(MINUTE));
    assert_eq!(alarm_state(&mut w, "QueueDepth"), "OK");
    assert!(drain(&mut w, &url).is_empty(), "OK does not match the rule");

    w.advance_to(t0.plus(2 * MINUTE + 5 * SECOND));
    call(
        &mut w,
        "cloudwatch",
        "PutMetricData",
        json!({"Namespace": "Shop", "MetricData": [{"MetricName": "Depth", "Value": 42}]}),
    );
    w.advance_to(t0.plus(3 * MINUTE));
    assert_eq!(alarm_state(&mut w, "QueueDepth"), "ALARM");
    let changes = bus_events(&w, "CloudWatch Alarm State Change");
    assert_eq!(changes.len(), 2);
    let received = drain(&mut w, &url);
    assert_eq!(received, [changes[1].to_string()]);
    let event = &changes[1];
    assert_eq!(
        keys(event),
        [
            "version",
            "id",
            "detail-type",
            "source",
            "account",
            "time",
            "region",
            "resources",
            "detail"
        ]
    );
    assert_eq!(event["source"], "aws.cloudwatch");
    assert_eq!(event["time"], "2026-03-02T09:03:00Z");
    assert_eq!(
        event["resources"],
        json!(["arn:aws:cloudwatch:us-west-2:111122223333:alarm:QueueDepth"])
    );
    let d = &event["detail"];
    assert_eq!(d["alarmName"], "QueueDepth");
    assert_eq!(d["configuration"]["description"], "Too many orders waiting");
    assert_eq!(d["previousState"]["value"], "OK");
    assert_eq!(d["state"]["value"], "ALARM");
    assert_eq!(d["state"]["timestamp"], "2026-03-02T09:03:00.000+0000");
    assert_eq!(
        d["state"]["reason"],
        "Threshold Crossed: 1 datapoint [42.0 (02/03/26 09:02:00)] was greater than the threshold (10.0)."
    );
}

#[test]
fn a_rule_publishes_to_a_topic_and_its_confirmed_email() {
    let mut w = world();
    let t0 = w.now();
    let topic = topic_with_email(&mut w, "key-deletions", "ops@example.com");
    rule(
        &mut w,
        "deletions-to-email",
        r#"{"source":["aws.kms"],"detail-type":["KMS CMK Deletion"]}"#,
        None,
        json!([{"Id": "topic", "Arn": topic}]),
    );
    let (early, _) = create_key(&mut w, json!({}));
    call(
        &mut w,
        "kms",
        "ScheduleKeyDeletion",
        json!({"KeyId": early, "PendingWindowInDays": 7}),
    );
    // Deleted before the address was confirmed: nothing but the
    // confirmation arrives.
    w.advance_to(t0.plus(7 * DAY));
    assert_eq!(bus_events(&w, "KMS CMK Deletion").len(), 1);
    assert_eq!(subjects(&w), ["AWS Notification - Subscription Confirmation"]);
    // The confirmation token is valid two days and the subscription would
    // be deleted after three: subscribe again for a fresh confirmation.
    call(
        &mut w,
        "sns",
        "Subscribe",
        json!({"TopicArn": topic, "Protocol": "email", "Endpoint": "ops@example.com"}),
    );
    let sub = confirm_from_mailbox(&mut w, "ops@example.com");

    let (late, late_arn) = create_key(&mut w, json!({}));
    call(
        &mut w,
        "kms",
        "ScheduleKeyDeletion",
        json!({"KeyId": late, "PendingWindowInDays": 7}),
    );
    w.advance_to(t0.plus(14 * DAY));
    let deletions = bus_events(&w, "KMS CMK Deletion");
    assert_eq!(deletions.len(), 2);
    assert_eq!(deletions[1]["resources"], json!([late_arn]));
    let mails = mailbox(&w);
    assert_eq!(mails.len(), 3, "{:?}", subjects(&w));
    let email = &mails[2];
    // EventBridge publishes without a subject: SNS's default one.
    assert_eq!(email.subject, "AWS Notification Message");
    assert_eq!(email.to, "ops@example.com");
    assert!(
        email.body.starts_with(&format!("{}\n\n--\n", deletions[1])),
        "the event JSON is the message: {}",
        email.body
    );
    assert!(matches!(&email.kind, EmailKind::Notification { subscription_arn, .. } if *subscription_arn == sub));
}

#[test]
fn cloudtrail_api_calls_reach_rules_only_while_a_trail_logs() {
    let mut w = world();
    let pattern = r#"{"source":["aws.kms"],"detail-type":["AWS API Call via CloudTrail"]}"#;
    let (writes_url, writes_arn) = queue(&mut w, "kms-writes");
    let (all_url, all_arn) = queue(&mut w, "kms-all");
    rule(
        &mut w,
        "kms-api-writes",
        pattern,
        None,
        json!([{"Id": "q", "Arn": writes_arn}]),
    );
    rule(
        &mut w,
        "kms-api-all",
        pattern,
        Some("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
        json!([{"Id": "q", "Arn": all_arn}]),
    );

    // No trail: KMS calls are in event history but never reach the bus.
    let (key, _) = create_key(&mut w, json!({"Description": "before the trail"}));
    call(&mut w, "kms", "DescribeKey", json!({"KeyId": key}));
    assert!(bus_events(&w, "AWS API Call via CloudTrail").is_empty());
    assert!(drain(&mut w, &writes_url).is_empty() && drain(&mut w, &all_url).is_empty());
    assert!(w.services().cloudtrail.history().any(|r| r.event_name == "CreateKey"));

    call(
        &mut w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "account-trail", "S3BucketName": "trail-bucket"}),
    );
    call(&mut w, "cloudtrail", "StartLogging", json!({"Name": "account-trail"}));
    w.advance_to(w.now().plus(MINUTE));

    // A write call reaches both rules; read-only calls (DescribeKey, and
    // Encrypt, which CloudTrail marks readOnly) only the rule in state
    // ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.
    call(
        &mut w,
        "kms",
        "UpdateKeyDescription",
        json!({"KeyId": key, "Description": "audited"}),
    );
    call(&mut w, "kms", "DescribeKey", json!({"KeyId": key}));
    call(&mut w, "kms", "Encrypt", json!({"KeyId": key, "Plaintext": b64(b"x")}));
    let names = |bodies: &[String]| -> Vec<String> {
        bodies
            .iter()
            .map(|b| {
                let v: Value = serde_json::from_str(b).unwrap_or_default();
                v["detail"]["eventName"].as_str().unwrap_or_default().to_owned()
            })
            .collect()
    };
    let writes = drain(&mut w, &writes_url);
    assert_eq!(names(&writes), ["UpdateKeyDescription"]);
    let all = drain(&mut w, &all_url);
    assert_eq!(names(&all), ["UpdateKeyDescription", "DescribeKey", "Encrypt"]);
    // The message is the bus event; its detail is the CloudTrail record.
    let kms_calls = |w: &World| -> Vec<Value> {
        bus_events(w, "AWS API Call via CloudTrail")
            .into_iter()
            .filter(|e| e["source"] == "aws.kms")
            .collect()
    };
    let on_bus = kms_calls(&w);
    assert_eq!(on_bus.len(), 3);
    // StartLogging itself was delivered (by the trail it started).
    assert_eq!(
        bus_events(&w, "AWS API Call via CloudTrail")[0]["detail"]["eventName"],
        "StartLogging"
    );
    assert_eq!(writes[0], on_bus[0].to_string());
    let event = &on_bus[0];
    assert_eq!(event["source"], "aws.kms");
    assert_eq!(event["resources"], json!([]));
    assert!(is_event_time(event["time"].as_str().unwrap_or_default()));
    let record = w
        .services()
        .cloudtrail
        .history()
        .rev()
        .find(|r| r.event_name == "UpdateKeyDescription")
        .map(|r| crate::sim::cloudtrail::CloudTrail::record_json(r, w.settings()))
        .unwrap();
    assert_eq!(event["detail"], record);
    assert_eq!(event["detail"]["eventSource"], "kms.amazonaws.com");
    assert_eq!(event["detail"]["readOnly"], false);
    assert_eq!(on_bus[2]["detail"]["readOnly"], true);

    // Stopped: nothing more reaches the bus.
    call(&mut w, "cloudtrail", "StopLogging", json!({"Name": "account-trail"}));
    call(
        &mut w,
        "kms",
        "UpdateKeyDescription",
        json!({"KeyId": key, "Description": "unaudited"}),
    );
    call(&mut w, "kms", "DescribeKey", json!({"KeyId": key}));
    assert!(drain(&mut w, &writes_url).is_empty());
    assert!(drain(&mut w, &all_url).is_empty());
    assert_eq!(kms_calls(&w).len(), 3);

    // A plain ENABLED rule with a read-only call: no rule wants it, so it
    // is not even on the bus.
    call(
        &mut w,
        "events",
        "RemoveTargets",
        json!({"Rule": "kms-api-all", "Ids": ["q"]}),
    );
    call(&mut w, "events", "DeleteRule", json!({"Name": "kms-api-all"}));
    call(&mut w, "cloudtrail", "StartLogging", json!({"Name": "account-trail"}));
    call(&mut w, "kms", "DescribeKey", json!({"KeyId": key}));
    assert!(drain(&mut w, &writes_url).is_empty());
    let last = bus_events(&w, "AWS API Call via CloudTrail");
    assert_eq!(
        last.last().map(|e| e["detail"]["eventName"].clone()),
        Some(json!("StartLogging"))
    );
}

#[test]
fn a_rate_rule_writes_scheduled_events_to_kinesis() {
    let mut w = world();
    let t0 = w.now();
    call(
        &mut w,
        "kinesis",
        "CreateStream",
        json!({"StreamName": "ticks", "ShardCount": 1}),
    );
    let rule_arn = call(
        &mut w,
        "events",
        "PutRule",
        json!({"Name": "every-five-minutes", "ScheduleExpression": "rate(5 minutes)"}),
    )["RuleArn"]
        .as_str()
        .unwrap()
        .to_owned();
    call(
        &mut w,
        "events",
        "PutTargets",
        json!({"Rule": "every-five-minutes", "Targets": [
            {"Id": "stream", "Arn": "arn:aws:kinesis:us-west-2:111122223333:stream/ticks"}
        ]}),
    );
    w.advance_to(t0.plus(5 * MINUTE - 1));
    assert!(w.services().events.bus_events().is_empty());
    w.advance_to(t0.plus(15 * MINUTE));
    let scheduled = bus_events(&w, "Scheduled Event");
    let times: Vec<&Value> = scheduled.iter().map(|e| &e["time"]).collect();
    assert_eq!(
        times,
        [
            &json!("2026-03-02T09:05:00Z"),
            &json!("2026-03-02T09:10:00Z"),
            &json!("2026-03-02T09:15:00Z")
        ]
    );
    for e in &scheduled {
        assert_eq!(e["source"], "aws.events");
        assert_eq!(e["resources"], json!([rule_arn]));
        assert_eq!(e["detail"], json!({}));
    }

    let it = call(
        &mut w,
        "kinesis",
        "GetShardIterator",
        json!({"StreamName": "ticks", "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON"}),
    )["ShardIterator"]
        .clone();
    let out = call(&mut w, "kinesis", "GetRecords", json!({"ShardIterator": it}));
    let records = out["Records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 3);
    let mut last_seq = String::new();
    for (record, event) in records.iter().zip(&scheduled) {
        let data = base64::engine::general_purpose::STANDARD
            .decode(record["Data"].as_str().unwrap_or_default())
            .unwrap();
        assert_eq!(String::from_utf8(data).unwrap(), event.to_string());
        // The partition key is the event's id (no PartitionKeyPath).
        assert_eq!(record["PartitionKey"], event["id"]);
        let seq = record["SequenceNumber"].as_str().unwrap_or_default().to_owned();
        assert!(seq > last_seq);
        last_seq = seq;
    }
    assert_eq!(
        records[0]["ApproximateArrivalTimestamp"],
        crate::sim::time::epoch_json(at("2026-03-02T09:05:00Z"))
    );
}

#[test]
fn alarm_notifications_reach_queue_and_function_subscribers() {
    let mut w = world();
    let t0 = w.now();
    let topic = call(&mut w, "sns", "CreateTopic", json!({"Name": "alerts"}))["TopicArn"]
        .as_str()
        .unwrap()
        .to_owned();
    let (url, queue_arn) = queue(&mut w, "alerts");
    let function = "arn:aws:lambda:us-west-2:111122223333:function:on-alarm";
    call(&mut w, "lambda", "CreateFunction", json!({"FunctionName": "on-alarm"}));
    // Same-account queue and function subscriptions need no confirmation.
    for (protocol, endpoint) in [("sqs", queue_arn.as_str()), ("lambda", function)] {
        let sub = call(
            &mut w,
            "sns",
            "Subscribe",
            json!({"TopicArn": topic, "Protocol": protocol, "Endpoint": endpoint}),
        );
        assert!(sub["SubscriptionArn"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{topic}:")));
    }
    let (key, _) = create_key(&mut w, json!({"Origin": "EXTERNAL"}));
    import_material(&mut w, &key, &[1u8; 32], t0.plus(9 * DAY));
    call(
        &mut w,
        "cloudwatch",
        "PutMetricAlarm",
        json!({"AlarmName": "KeyMaterialExpiresSoon", "AlarmActions": [topic, function],
               "MetricName": "SecondsUntilKeyMaterialExpiration", "Namespace": "AWS/KMS", "Statistic": "Minimum",
               "Dimensions": [{"Name": "KeyId", "Value": key}], "Period": 60, "EvaluationPeriods": 1,
               "Threshold": 864000, "ComparisonOperator": "LessThanOrEqualToThreshold"}),
    );
    // Nine days left from the start: ALARM at the first evaluation.
    w.advance_to(t0.plus(MINUTE));
    assert_eq!(alarm_state(&mut w, "KeyMaterialExpiresSoon"), "ALARM");

    let bodies = drain(&mut w, &url);
    assert_eq!(bodies.len(), 1);
    let envelope: Value = serde_json::from_str(&bodies[0]).unwrap();
    assert_eq!(
        keys(&envelope),
        [
            "Type",
            "MessageId",
            "TopicArn",
            "Subject",
            "Message",
            "Timestamp",
            "SignatureVersion",
            "Signature",
            "SigningCertURL",
            "UnsubscribeURL"
        ]
    );
    assert_eq!(envelope["Type"], "Notification");
    assert_eq!(
        envelope["Subject"],
        "ALARM: \"KeyMaterialExpiresSoon\" in US West (Oregon)"
    );
    assert_eq!(envelope["Timestamp"], "2026-03-02T09:01:00.000Z");
    // The queue gets the JSON message (the `default` of the alarm's
    // per-protocol message), not the email text.
    let message: Value = serde_json::from_str(envelope["Message"].as_str().unwrap()).unwrap();
    assert_eq!(message["AlarmName"], "KeyMaterialExpiresSoon");
    assert_eq!(message["NewStateValue"], "ALARM");
    assert_eq!(message["OldStateValue"], "INSUFFICIENT_DATA");
    assert_eq!(
        message["Trigger"]["Dimensions"],
        json!([{"value": key, "name": "KeyId"}])
    );

    // The function is invoked twice: by the alarm action, then (the
    // publish's own delivery, routed after it) by SNS.
    let f = w.services().lambda.function("on-alarm").unwrap();
    let sources: Vec<InvocationSource> = f.invocations().map(|i| i.source.clone()).collect();
    assert_eq!(
        sources,
        [
            InvocationSource::CloudWatchAlarm {
                alarm_arn: "arn:aws:cloudwatch:us-west-2:111122223333:alarm:KeyMaterialExpiresSoon".into()
            },
            InvocationSource::Sns {
                topic_arn: topic.clone()
            },
        ]
    );
    let from_sns: Value = serde_json::from_str(&f.invocations().nth(1).unwrap().payload).unwrap();
    assert_eq!(from_sns["Records"][0]["Sns"]["MessageId"], envelope["MessageId"]);
    assert_eq!(from_sns["Records"][0]["Sns"]["Message"], envelope["Message"]);
    let from_alarm: Value = serde_json::from_str(&f.invocations().next().unwrap().payload).unwrap();
    assert_eq!(from_alarm["alarmData"]["state"]["value"], "ALARM");

    // Fourteen days after the last datapoint the metric leaves ListMetrics.
    w.advance_to(t0.plus(9 * DAY + 14 * DAY));
    let listed = w
        .peek("cloudwatch", "ListMetrics", &json!({"Namespace": "AWS/KMS"}))
        .unwrap();
    assert_eq!(listed["Metrics"].as_array().map(Vec::len), Some(1), "{listed}");
    w.advance_to(t0.plus(9 * DAY + 14 * DAY + DAY));
    let listed = w
        .peek("cloudwatch", "ListMetrics", &json!({"Namespace": "AWS/KMS"}))
        .unwrap();
    assert_eq!(listed, json!({"Metrics": []}));
}
