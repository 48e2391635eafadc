//! The seed document's expiry recipe end to end: an EXTERNAL key whose
//! imported material expires in 12 days, the `KeyMaterialExpiresSoon` alarm
//! on `AWS/KMS SecondsUntilKeyMaterialExpiration` (Minimum, 60 s,
//! `<= 864000`, 1 of 1) notifying an SNS topic with an email subscription.
//! The subscription is made a day later and confirmed only after the first
//! ALARM, so that alarm sends nothing; the next transition (after the
//! material expired and was imported again) sends the email.

use serde_json::{json, Value};

use super::*;
use crate::sim::sns::EmailKind;
use crate::sim::time::{epoch_json, DAY, MINUTE, SECOND};

const ALARM: &str = "KeyMaterialExpiresSoon";
const ADDRESS: &str = "security-team@example.com";
const SUBJECT: &str = "ALARM: \"KeyMaterialExpiresSoon\" in US West (Oregon)";

fn alarm_params(key_id: &str, topic: &str) -> Value {
    json!({
        "AlarmName": ALARM,
        "ActionsEnabled": true,
        "AlarmActions": [topic],
        "MetricName": "SecondsUntilKeyMaterialExpiration",
        "Namespace": "AWS/KMS",
        "Statistic": "Minimum",
        "Dimensions": [{"Name": "KeyId", "Value": key_id}],
        "Period": 60,
        "EvaluationPeriods": 1,
        "DatapointsToAlarm": 1,
        "Threshold": 864000,
        "ComparisonOperator": "LessThanOrEqualToThreshold",
    })
}

/// `(timestamp, summary)` of the alarm's state updates, oldest first.
fn state_updates(w: &mut World) -> Vec<(Value, String)> {
    alarm_history(w, ALARM)
        .into_iter()
        .filter(|i| i["HistoryItemType"] == "StateUpdate")
        .map(|i| {
            (
                i["Timestamp"].clone(),
                i["HistorySummary"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_expiry_alarm_emails_only_after_confirmation() {
    let mut w = world();
    let t0 = w.now();
    assert_eq!(t0, at("2026-03-02T09:00:00Z"));
    let material = [0x5a_u8; 32];

    let (key_id, key_arn) = create_key(&mut w, json!({"Origin": "EXTERNAL", "Description": "imported"}));
    assert_eq!(key_state(&mut w, &key_id), "PendingImport");
    let valid_to = t0.plus(12 * DAY);
    let imported = import_material(&mut w, &key_id, &material, valid_to);
    assert_eq!(imported["KeyId"], key_arn);
    assert_eq!(key_state(&mut w, &key_id), "Enabled");
    let described = w.peek("kms", "DescribeKey", &json!({"KeyId": key_id})).unwrap();
    assert_eq!(described["KeyMetadata"]["ValidTo"], epoch_json(valid_to));
    assert_eq!(described["KeyMetadata"]["ExpirationModel"], "KEY_MATERIAL_EXPIRES");

    let topic = call(&mut w, "sns", "CreateTopic", json!({"Name": "KMSAlert"}))["TopicArn"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(topic, "arn:aws:sns:us-west-2:111122223333:KMSAlert");
    assert_eq!(
        call(&mut w, "cloudwatch", "PutMetricAlarm", alarm_params(&key_id, &topic)),
        json!({})
    );

    // INSUFFICIENT_DATA until the first evaluation sees the 09:00 datapoint.
    let a = alarm(&mut w, ALARM);
    assert_eq!(a["StateValue"], "INSUFFICIENT_DATA");
    assert_eq!(a["StateReason"], "Unchecked: Initial alarm creation");
    w.advance_to(t0.plus(MINUTE - 1));
    assert_eq!(alarm_state(&mut w, ALARM), "INSUFFICIENT_DATA");
    w.advance_to(t0.plus(MINUTE));
    let a = alarm(&mut w, ALARM);
    assert_eq!(a["StateValue"], "OK");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: 1 out of the last 1 datapoints [1036800.0 (02/03/26 09:00:00)] was not less than or equal to the threshold (864000.0) (minimum 1 datapoint for ALARM -> OK transition)."
    );

    // The email subscription, a day later: only the confirmation arrives.
    w.advance_to(t0.plus(DAY));
    let topic = topic_with_email(&mut w, "KMSAlert", ADDRESS);
    assert_eq!(subjects(&w), ["AWS Notification - Subscription Confirmation"]);
    let confirmation = &mailbox(&w)[0];
    assert_eq!(confirmation.from, "AWS Notifications <no-reply@sns.amazonaws.com>");
    assert_eq!(confirmation.to, ADDRESS);
    assert_eq!(confirmation.at, t0.plus(DAY));

    // ValidTo − 10 days: the datapoint is exactly 864000; ALARM at the next
    // evaluation. The subscription is pending, so no email.
    let crossing = valid_to.plus(-10 * DAY);
    w.advance_to(crossing.plus(MINUTE - 1));
    assert_eq!(alarm_state(&mut w, ALARM), "OK");
    w.advance_to(crossing.plus(MINUTE));
    let a = alarm(&mut w, ALARM);
    assert_eq!(a["StateValue"], "ALARM");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: 1 out of the last 1 datapoints [864000.0 (04/03/26 09:00:00)] was less than or equal to the threshold (864000.0) (minimum 1 datapoint for OK -> ALARM transition)."
    );
    assert_eq!(a["StateTransitionedTimestamp"], epoch_json(at("2026-03-04T09:01:00Z")));
    assert_eq!(subjects(&w), ["AWS Notification - Subscription Confirmation"]);
    let actions: Vec<String> = alarm_history(&mut w, ALARM)
        .iter()
        .filter(|i| i["HistoryItemType"] == "Action")
        .map(|i| i["HistorySummary"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        actions,
        ["Successfully executed action arn:aws:sns:us-west-2:111122223333:KMSAlert"],
        "the publish itself succeeds; SNS has no confirmed subscriber"
    );

    // The learner confirms with the token from the email.
    w.advance_to(crossing.plus(10 * MINUTE));
    let sub = confirm_from_mailbox(&mut w, ADDRESS);
    assert!(sub.starts_with(&format!("{topic}:")), "{sub}");
    let listed = w
        .peek("sns", "ListSubscriptionsByTopic", &json!({"TopicArn": topic}))
        .unwrap();
    assert_eq!(listed["Subscriptions"][0]["SubscriptionArn"], json!(sub));

    // The alarm stays in ALARM: no new transition, no email.
    w.advance_to(valid_to.plus(-1));
    assert_eq!(alarm_state(&mut w, ALARM), "ALARM");
    assert_eq!(mailbox(&w).len(), 1);
    assert!(bus_events(&w, "KMS Imported Key Material Expiration").is_empty());
    assert_eq!(key_state(&mut w, &key_id), "Enabled");

    // At ValidTo KMS deletes the material: PendingImport, the event, the
    // CloudTrail service event.
    w.advance_to(valid_to);
    assert_eq!(key_state(&mut w, &key_id), "PendingImport");
    let expired = bus_events(&w, "KMS Imported Key Material Expiration");
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["time"], "2026-03-14T09:00:00Z");
    assert_eq!(expired[0]["resources"], json!([key_arn]));
    assert_eq!(expired[0]["detail"], json!({"key-id": key_id}));
    let last = w.services().cloudtrail.history().last().unwrap();
    assert_eq!(last.event_name, "DeleteExpiredKeyMaterial");
    assert_eq!(last.event_time, valid_to);
    let e = fail(
        &mut w,
        "kms",
        "Encrypt",
        json!({"KeyId": key_id, "Plaintext": b64(b"hello")}),
    );
    assert_eq!(
        (e.code.as_str(), e.message),
        ("KMSInvalidStateException", format!("{key_arn} is pending import."))
    );

    // The countdown ended at ValidTo (value 0); once that datapoint leaves
    // the evaluation range the alarm has no data. No INSUFFICIENT_DATA
    // actions are configured: no email.
    w.advance_to(valid_to.plus(3 * MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "ALARM");
    w.advance_to(valid_to.plus(4 * MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "INSUFFICIENT_DATA");
    assert_eq!(mailbox(&w).len(), 1);

    // The same material imported again, expiring in 5 days: the next
    // evaluation alarms, and now the confirmed address gets the email.
    let reimport = valid_to.plus(DAY);
    w.advance_to(reimport);
    import_material(&mut w, &key_id, &material, reimport.plus(5 * DAY));
    assert_eq!(key_state(&mut w, &key_id), "Enabled");
    w.advance_to(reimport.plus(MINUTE - 1));
    assert_eq!(alarm_state(&mut w, ALARM), "INSUFFICIENT_DATA");
    w.advance_to(reimport.plus(MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "ALARM");
    let mails = mailbox(&w);
    assert_eq!(mails.len(), 2);
    let email = &mails[1];
    assert_eq!(email.subject, SUBJECT);
    assert_eq!(email.to, ADDRESS);
    assert_eq!(email.from, "AWS Notifications <no-reply@sns.amazonaws.com>");
    assert_eq!(email.at, at("2026-03-15T09:01:00Z"));
    assert!(
        matches!(&email.kind, EmailKind::Notification { subscription_arn, .. } if *subscription_arn == sub),
        "{:?}",
        email.kind
    );
    // AWS names the transition "OK -> ALARM" in the reason whatever the
    // previous state; the State Change line gives the real one.
    assert!(
        email.body.starts_with(
            "You are receiving this email because your Amazon CloudWatch Alarm \"KeyMaterialExpiresSoon\" in the US West (Oregon) region has entered the ALARM state, because \"Threshold Crossed: 1 out of the last 1 datapoints [432000.0 (15/03/26 09:00:00)] was less than or equal to the threshold (864000.0) (minimum 1 datapoint for OK -> ALARM transition).\" at \"Sunday 15 March, 2026 09:01:00 UTC\".\n"
        ),
        "{}",
        email.body
    );
    assert!(
        email
            .body
            .contains("- State Change:               INSUFFICIENT_DATA -> ALARM\n"),
        "{}",
        email.body
    );
    assert!(
        email
            .body
            .contains(&format!("- Dimensions:                          [KeyId = {key_id}]\n")),
        "{}",
        email.body
    );
    assert!(
        email
            .body
            .contains("\n--\nIf you wish to stop receiving notifications from this topic"),
        "{}",
        email.body
    );

    assert_eq!(
        state_updates(&mut w),
        [
            (
                epoch_json(at("2026-03-02T09:01:00Z")),
                "Alarm updated from INSUFFICIENT_DATA to OK".into()
            ),
            (
                epoch_json(at("2026-03-04T09:01:00Z")),
                "Alarm updated from OK to ALARM".into()
            ),
            (
                epoch_json(at("2026-03-14T09:04:00Z")),
                "Alarm updated from ALARM to INSUFFICIENT_DATA".into()
            ),
            (
                epoch_json(at("2026-03-15T09:01:00Z")),
                "Alarm updated from INSUFFICIENT_DATA to ALARM".into()
            ),
        ]
    );
    // Every state change also reached the bus.
    let changes: Vec<(String, String)> = bus_events(&w, "CloudWatch Alarm State Change")
        .iter()
        .map(|e| {
            (
                e["time"].as_str().unwrap_or_default().to_owned(),
                e["detail"]["state"]["value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("2026-03-02T09:01:00Z".to_owned(), "OK".to_owned()),
            ("2026-03-04T09:01:00Z".into(), "ALARM".into()),
            ("2026-03-14T09:04:00Z".into(), "INSUFFICIENT_DATA".into()),
            ("2026-03-15T09:01:00Z".into(), "ALARM".into()),
        ]
    );
}

/// `ValidTo` between whole minutes, imported between whole minutes: the
/// countdown starts at the next minute, the alarm enters ALARM at
/// `ceil_minute(ValidTo − 10 days) + 1 min`, the material expires at the
/// exact millisecond and the event carries that second.
#[test]
fn a_valid_to_between_minutes() {
    let mut w = world();
    let t0 = w.now();
    let topic = topic_with_email(&mut w, "KMSAlert", ADDRESS);
    confirm_from_mailbox(&mut w, ADDRESS);
    w.advance_to(t0.plus(10 * SECOND));
    let (key_id, _) = create_key(&mut w, json!({"Origin": "EXTERNAL"}));
    let valid_to = t0.plus(12 * DAY + 30 * SECOND + 500);
    import_material(&mut w, &key_id, &[1u8; 32], valid_to);
    call(&mut w, "cloudwatch", "PutMetricAlarm", alarm_params(&key_id, &topic));

    // No datapoint before the first whole minute after the import.
    w.advance_to(t0.plus(MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "INSUFFICIENT_DATA");
    let first = w
        .peek(
            "cloudwatch",
            "GetMetricStatistics",
            &json!({"Namespace": "AWS/KMS", "MetricName": "SecondsUntilKeyMaterialExpiration",
                    "Dimensions": [{"Name": "KeyId", "Value": key_id}], "Period": 60, "Statistics": ["Minimum"],
                    "StartTime": t0.epoch_seconds(), "EndTime": t0.plus(2 * MINUTE).epoch_seconds()}),
        )
        .unwrap();
    // Only 09:01 (the first whole minute after the import): 12 days − 29.5 s.
    assert_eq!(
        first["Datapoints"],
        json!([{"Timestamp": epoch_json(t0.plus(MINUTE)), "Minimum": 1_036_770.5, "Unit": "Seconds"}])
    );
    w.advance_to(t0.plus(2 * MINUTE));
    assert_eq!(alarm_state(&mut w, ALARM), "OK");

    // ValidTo − 10 days = 2026-03-04T09:00:30.5: the 09:01 datapoint is the
    // first at or below 864000 (863970.5), seen at 09:02.
    w.advance_to(at("2026-03-04T09:02:00Z").plus(-1));
    assert_eq!(alarm_state(&mut w, ALARM), "OK");
    w.advance_to(at("2026-03-04T09:02:00Z"));
    let a = alarm(&mut w, ALARM);
    assert_eq!(a["StateValue"], "ALARM");
    assert_eq!(
        a["StateReason"],
        "Threshold Crossed: 1 out of the last 1 datapoints [863970.5 (04/03/26 09:01:00)] was less than or equal to the threshold (864000.0) (minimum 1 datapoint for OK -> ALARM transition)."
    );
    assert_eq!(subjects(&w).last().map(String::as_str), Some(SUBJECT));

    w.advance_to(valid_to.plus(-1));
    assert_eq!(key_state(&mut w, &key_id), "Enabled");
    w.advance_to(valid_to);
    assert_eq!(key_state(&mut w, &key_id), "PendingImport");
    let expired = bus_events(&w, "KMS Imported Key Material Expiration");
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["time"], "2026-03-14T09:00:30Z");
}
