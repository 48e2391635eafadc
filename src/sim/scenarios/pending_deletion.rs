//! The KMS guide's "detect use of a key pending deletion" recipe end to
//! end (reference §4.4): a trail logging to a CloudWatch Logs group, the
//! metric filter `{ $.eventSource = kms* && $.errorMessage = "* is pending
//! deletion." }`, the alarm `KMSKeyPendingDeletionErrorAlarm` (Sum >= 1,
//! 1 of 1, missing data not breaching, 60 s) emailing a confirmed address.

use serde_json::{json, Value};

use super::*;
use crate::sim::time::{epoch_json, DAY, HOUR, MINUTE, SECOND};

const GROUP: &str = "CloudTrail/DefaultLogGroup";
const GROUP_ARN: &str = "arn:aws:logs:us-west-2:111122223333:log-group:CloudTrail/DefaultLogGroup:*";
const ROLE_ARN: &str = "arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role";
const PATTERN: &str = r#"{ $.eventSource = kms* && $.errorMessage = "* is pending deletion." }"#;
const ALARM: &str = "KMSKeyPendingDeletionErrorAlarm";
const ADDRESS: &str = "kms-admins@example.com";

/// Trail, log group, metric filter, topic with a confirmed email, alarm.
fn recipe(w: &mut World) {
    call(w, "logs", "CreateLogGroup", json!({"logGroupName": GROUP}));
    call(
        w,
        "cloudtrail",
        "CreateTrail",
        json!({"Name": "management-events", "S3BucketName": "aws-cloudtrail-logs-111122223333",
               "CloudWatchLogsLogGroupArn": GROUP_ARN, "CloudWatchLogsRoleArn": ROLE_ARN}),
    );
    call(w, "cloudtrail", "StartLogging", json!({"Name": "management-events"}));
    call(
        w,
        "logs",
        "PutMetricFilter",
        json!({
            "logGroupName": GROUP,
            "filterName": "KMSKeyPendingDeletionErrorFilter",
            "filterPattern": PATTERN,
            "metricTransformations": [{
                "metricName": "KMSKeyPendingDeletionErrorCount",
                "metricNamespace": "CloudTrailLogMetrics",
                "metricValue": "1",
            }],
        }),
    );
    let topic = topic_with_email(w, "KMSAlert", ADDRESS);
    confirm_from_mailbox(w, ADDRESS);
    call(
        w,
        "cloudwatch",
        "PutMetricAlarm",
        json!({
            "AlarmName": ALARM,
            "AlarmActions": [topic],
            "MetricName": "KMSKeyPendingDeletionErrorCount",
            "Namespace": "CloudTrailLogMetrics",
            "Statistic": "Sum",
            "Period": 60,
            "EvaluationPeriods": 1,
            "DatapointsToAlarm": 1,
            "Threshold": 1,
            "ComparisonOperator": "GreaterThanOrEqualToThreshold",
            "TreatMissingData": "notBreaching",
        }),
    );
}

/// The filter's metric as GetMetricStatistics reports it: `(minute, sum)`.
fn error_counts(w: &mut World, from: SimTime, to: SimTime) -> Vec<(Value, Value)> {
    let out = w
        .peek(
            "cloudwatch",
            "GetMetricStatistics",
            &json!({"Namespace": "CloudTrailLogMetrics", "MetricName": "KMSKeyPendingDeletionErrorCount",
                    "StartTime": from.epoch_seconds(), "EndTime": to.epoch_seconds(), "Period": 60,
                    "Statistics": ["Sum"]}),
        )
        .expect("GetMetricStatistics");
    let mut points: Vec<(Value, Value)> = out["Datapoints"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p["Timestamp"].clone(), p["Sum"].clone()))
        .collect();
    points.sort_by(|a, b| {
        a.0.as_f64()
            .partial_cmp(&b.0.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    points
}

#[test]
fn decrypt_with_a_key_pending_deletion_alarms_and_emails() {
    let mut w = world();
    let t0 = w.now();
    let (key_id, key_arn) = create_key(&mut w, json!({"Description": "retiring"}));
    let blob = call(
        &mut w,
        "kms",
        "Encrypt",
        json!({"KeyId": key_id, "Plaintext": b64(b"payroll")}),
    )["CiphertextBlob"]
        .clone();
    recipe(&mut w);
    assert_eq!(
        subjects(&w),
        ["AWS Notification - Subscription Confirmation"],
        "confirmed; nothing else yet"
    );

    w.advance_to(t0.plus(MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "OK");

    w.advance_to(t0.plus(10 * MINUTE));
    let scheduled = call(
        &mut w,
        "kms",
        "ScheduleKeyDeletion",
        json!({"KeyId": key_id, "PendingWindowInDays": 7}),
    );
    assert_eq!(scheduled["KeyState"], "PendingDeletion");
    // Calls that are not cryptographic operations do not fail, so they are
    // not counted (the guide's note).
    call(&mut w, "kms", "DescribeKey", json!({"KeyId": key_id}));
    call(&mut w, "kms", "ListKeys", json!({}));

    // A Decrypt at 10:00:20 fails with the message the filter looks for.
    let decrypt_at = t0.plus(HOUR + 20 * SECOND);
    w.advance_to(decrypt_at);
    let e = fail(&mut w, "kms", "Decrypt", json!({"CiphertextBlob": blob}));
    assert_eq!(e.code, "KMSInvalidStateException");
    assert_eq!(e.message, format!("{key_arn} is pending deletion."));

    // The trail delivered the record to the group; the filter matches it
    // and only it.
    let found = w
        .peek(
            "logs",
            "FilterLogEvents",
            &json!({"logGroupName": GROUP, "filterPattern": PATTERN}),
        )
        .unwrap();
    let matched = found["events"].as_array().cloned().unwrap_or_default();
    assert_eq!(matched.len(), 1, "{found}");
    assert_eq!(matched[0]["logStreamName"], "111122223333_CloudTrail_us-west-2");
    assert_eq!(matched[0]["timestamp"], json!(decrypt_at.millis()));
    let record: Value = serde_json::from_str(matched[0]["message"].as_str().unwrap()).unwrap();
    assert_eq!(record["eventName"], "Decrypt");
    assert_eq!(record["eventSource"], "kms.amazonaws.com");
    assert_eq!(record["errorCode"], "KMSInvalidStateException");
    assert_eq!(record["errorMessage"], json!(format!("{key_arn} is pending deletion.")));
    assert_eq!(record["readOnly"], true);
    assert_eq!(record["responseElements"], Value::Null);
    assert_eq!(
        record["resources"],
        json!([{"accountId": ACCOUNT, "type": "AWS::KMS::Key", "ARN": key_arn}])
    );
    assert_eq!(
        error_counts(&mut w, t0, t0.plus(2 * HOUR)),
        [(epoch_json(at("2026-03-02T10:00:00Z")), json!(1.0))]
    );

    // The 10:00 datapoint is seen by the 10:01 evaluation.
    w.advance_to(t0.plus(HOUR + MINUTE - 1));
    assert_eq!(alarm_state(&mut w, ALARM), "OK");
    w.advance_to(t0.plus(HOUR + MINUTE));
    let a = alarm(&mut w, ALARM);
    assert_eq!(a["StateValue"], "ALARM");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (02/03/26 10:00:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition)."
    );
    let mails = mailbox(&w);
    assert_eq!(mails.len(), 2);
    assert_eq!(
        mails[1].subject,
        "ALARM: \"KMSKeyPendingDeletionErrorAlarm\" in US West (Oregon)"
    );
    assert_eq!(mails[1].to, ADDRESS);
    assert_eq!(mails[1].at, at("2026-03-02T10:01:00Z"));
    assert!(
        mails[1].body.contains("- State Change:               OK -> ALARM\n"),
        "{}",
        mails[1].body
    );
    // As the guide says, the email names neither the key nor the operation.
    assert!(!mails[1].body.contains(&key_id), "{}", mails[1].body);

    // The point stays in the 3-period range until 10:03; at 10:04 missing
    // data counts as not breaching: OK, and no OK action is configured.
    w.advance_to(t0.plus(HOUR + 3 * MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "ALARM");
    w.advance_to(t0.plus(HOUR + 4 * MINUTE));
    let a = alarm(&mut w, ALARM);
    assert_eq!(a["StateValue"], "OK");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching]."
    );
    assert_eq!(mailbox(&w).len(), 2);

    // Encrypt with the key (also a crypto operation) alarms again; the
    // second email follows.
    w.advance_to(t0.plus(2 * HOUR + 30 * SECOND));
    let e = fail(
        &mut w,
        "kms",
        "Encrypt",
        json!({"KeyId": key_arn, "Plaintext": b64(b"more")}),
    );
    assert_eq!(e.message, format!("{key_arn} is pending deletion."));
    w.advance_to(t0.plus(2 * HOUR + MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "ALARM");
    assert_eq!(mailbox(&w).len(), 3);

    // When the window ends the key is gone: later calls are NotFound, whose
    // message the filter does not match, and the alarm stays OK.
    w.advance_to(t0.plus(10 * MINUTE + 7 * DAY));
    assert_eq!(key_state(&mut w, &key_id), "<NotFoundException>");
    let e = fail(&mut w, "kms", "Decrypt", json!({"CiphertextBlob": blob}));
    assert_eq!(e.code, "NotFoundException");
    w.advance_to(t0.plus(10 * MINUTE + 7 * DAY + 10 * MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "OK");
    assert_eq!(mailbox(&w).len(), 3);

    let summaries: Vec<String> = alarm_history(&mut w, ALARM)
        .iter()
        .filter(|i| i["HistoryItemType"] != "ConfigurationUpdate")
        .map(|i| {
            format!(
                "{} {}",
                crate::sim::time::SimTime::from_epoch_seconds(i["Timestamp"].as_f64().unwrap_or_default())
                    .map(|t| t.iso_seconds())
                    .unwrap_or_default(),
                i["HistorySummary"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        summaries,
        [
            "2026-03-02T09:01:00Z Alarm updated from INSUFFICIENT_DATA to OK",
            "2026-03-02T10:01:00Z Alarm updated from OK to ALARM",
            "2026-03-02T10:01:00Z Successfully executed action arn:aws:sns:us-west-2:111122223333:KMSAlert",
            "2026-03-02T10:04:00Z Alarm updated from ALARM to OK",
            "2026-03-02T11:01:00Z Alarm updated from OK to ALARM",
            "2026-03-02T11:01:00Z Successfully executed action arn:aws:sns:us-west-2:111122223333:KMSAlert",
            "2026-03-02T11:04:00Z Alarm updated from ALARM to OK",
        ]
    );
}
