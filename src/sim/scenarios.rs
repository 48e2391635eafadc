//! Cross-service scenarios: the seed document's recipes and the events
//! they produce, driven only through `World::call`, `World::peek` and
//! `World::advance_to` — no injected effects. Each service is tested alone
//! beside its code; these prove the services work together: KMS's timers
//! feed CloudWatch, alarms publish to SNS, CloudTrail feeds Logs and
//! EventBridge, rules deliver to SQS, SNS, Lambda and Kinesis, and a world
//! rebuilt from its file does all of it again byte for byte.
//!
//! - `expiry` — the `KeyMaterialExpiresSoon` recipe with a real email
//!   subscription (reference §2.5, §5.1, §6, §7).
//! - `pending_deletion` — the "use of a key pending deletion" recipe through
//!   a trail, a log group and a metric filter (reference §4.4).
//! - `kms_events` — the three KMS events from real actions, compared with
//!   the seed's examples (reference §8.2), and routed to SQS and Lambda.
//! - `routes` — alarm state changes, SNS and Kinesis targets, and
//!   CloudTrail-delivered API calls against rule states (§8.2, §10 q13).
//! - `determinism` — one world exercising all of the above, exported and
//!   rebuilt.

mod determinism;
mod expiry;
mod kms_events;
mod pending_deletion;
mod routes;

use base64::Engine;
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;
use serde_json::{json, Value};

use crate::sim::params::b64;
use crate::sim::rng::SimRng;
use crate::sim::sns::{Email, EmailKind};
use crate::sim::{AwsError, Settings, SimTime, World};

pub(crate) const ACCOUNT: &str = "111122223333";
pub(crate) const REGION: &str = "us-west-2";

/// A fresh world at the default epoch (Monday 2026-03-02T09:00:00Z).
pub(crate) fn world() -> World {
    World::new(2026, Settings::default())
}

pub(crate) fn at(text: &str) -> SimTime {
    SimTime::parse(text).unwrap_or_else(|| panic!("bad time {text}"))
}

/// Calls an operation that must succeed.
#[track_caller]
pub(crate) fn call(w: &mut World, service: &str, op: &str, params: Value) -> Value {
    match w.call(service, op, &params) {
        Ok(v) => v,
        Err(e) => panic!("{service} {op} {params} failed: {e}"),
    }
}

/// Calls an operation that must fail.
#[track_caller]
pub(crate) fn fail(w: &mut World, service: &str, op: &str, params: Value) -> AwsError {
    match w.call(service, op, &params) {
        Ok(v) => panic!("{service} {op} {params} succeeded: {v}"),
        Err(e) => e,
    }
}

/// Creates a key and returns `(key id, key ARN)`.
pub(crate) fn create_key(w: &mut World, params: Value) -> (String, String) {
    let out = call(w, "kms", "CreateKey", params);
    let meta = &out["KeyMetadata"];
    (
        meta["KeyId"].as_str().unwrap_or_default().to_owned(),
        meta["Arn"].as_str().unwrap_or_default().to_owned(),
    )
}

/// Imports `material` into an EXTERNAL key the way a learner's tool does:
/// GetParametersForImport, wrap with the returned public key
/// (RSAES_OAEP_SHA_256), ImportKeyMaterial with `ValidTo`.
pub(crate) fn import_material(w: &mut World, key_id: &str, material: &[u8], valid_to: SimTime) -> Value {
    let params = call(
        w,
        "kms",
        "GetParametersForImport",
        json!({"KeyId": key_id, "WrappingAlgorithm": "RSAES_OAEP_SHA_256", "WrappingKeySpec": "RSA_2048"}),
    );
    let der = base64::engine::general_purpose::STANDARD
        .decode(params["PublicKey"].as_str().unwrap_or_default())
        .expect("PublicKey is base64");
    let public = RsaPublicKey::from_public_key_der(&der).expect("PublicKey is an RSA public key");
    let wrapped = crate::sim::kms::wrap_material(&public, "RSAES_OAEP_SHA_256", material, &mut SimRng::from_seed(5))
        .expect("material wraps");
    call(
        w,
        "kms",
        "ImportKeyMaterial",
        json!({
            "KeyId": key_id,
            "ImportToken": params["ImportToken"],
            "EncryptedKeyMaterial": b64(&wrapped),
            "ExpirationModel": "KEY_MATERIAL_EXPIRES",
            "ValidTo": valid_to.epoch_seconds(),
        }),
    )
}

/// The key's state as DescribeKey shows it (`<gone>` once deleted).
pub(crate) fn key_state(w: &mut World, key_id: &str) -> String {
    match w.peek("kms", "DescribeKey", &json!({ "KeyId": key_id })) {
        Ok(v) => v["KeyMetadata"]["KeyState"].as_str().unwrap_or_default().to_owned(),
        Err(e) => format!("<{}>", e.code),
    }
}

/// The alarm as DescribeAlarms shows it.
pub(crate) fn alarm(w: &mut World, name: &str) -> Value {
    let v = w
        .peek("cloudwatch", "DescribeAlarms", &json!({"AlarmNames": [name]}))
        .expect("DescribeAlarms");
    v["MetricAlarms"][0].clone()
}

pub(crate) fn alarm_state(w: &mut World, name: &str) -> String {
    alarm(w, name)["StateValue"].as_str().unwrap_or("<no alarm>").to_owned()
}

/// DescribeAlarmHistory (every item type), oldest first.
pub(crate) fn alarm_history(w: &mut World, name: &str) -> Vec<Value> {
    let v = w
        .peek(
            "cloudwatch",
            "DescribeAlarmHistory",
            &json!({"AlarmName": name, "ScanBy": "TimestampAscending"}),
        )
        .expect("DescribeAlarmHistory");
    v["AlarmHistoryItems"].as_array().cloned().unwrap_or_default()
}

/// Creates a topic and subscribes an email address; returns the topic ARN.
pub(crate) fn topic_with_email(w: &mut World, name: &str, address: &str) -> String {
    let topic = call(w, "sns", "CreateTopic", json!({ "Name": name }))["TopicArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let sub = call(
        w,
        "sns",
        "Subscribe",
        json!({"TopicArn": topic, "Protocol": "email", "Endpoint": address}),
    );
    assert_eq!(sub, json!({"SubscriptionArn": "pending confirmation"}));
    topic
}

/// Every email in the mailbox, oldest first.
pub(crate) fn mailbox(w: &World) -> Vec<Email> {
    w.services().sns.mailbox().cloned().collect()
}

/// The subjects of the mailbox, oldest first.
pub(crate) fn subjects(w: &World) -> Vec<String> {
    w.services().sns.mailbox().map(|m| m.subject.clone()).collect()
}

/// Confirms the subscription the latest confirmation email to `address`
/// asks about, with the token taken from that email (what clicking its
/// "Confirm subscription" link does). Returns the subscription ARN.
pub(crate) fn confirm_from_mailbox(w: &mut World, address: &str) -> String {
    let (topic_arn, token) = w
        .services()
        .sns
        .mailbox()
        .rev()
        .find_map(|m| match &m.kind {
            EmailKind::SubscriptionConfirmation { topic_arn, token, .. } if m.to == address => {
                Some((topic_arn.clone(), token.clone()))
            }
            _ => None,
        })
        .expect("a confirmation email");
    let out = call(
        w,
        "sns",
        "ConfirmSubscription",
        json!({"TopicArn": topic_arn, "Token": token}),
    );
    out["SubscriptionArn"].as_str().unwrap_or_default().to_owned()
}

/// Every event on the default bus with this detail-type, oldest first.
pub(crate) fn bus_events(w: &World, detail_type: &str) -> Vec<Value> {
    w.services()
        .events
        .bus_events()
        .iter()
        .filter(|e| e["detail-type"] == detail_type)
        .cloned()
        .collect()
}

/// Creates a queue and returns `(queue URL, queue ARN)`.
pub(crate) fn queue(w: &mut World, name: &str) -> (String, String) {
    let url = call(w, "sqs", "CreateQueue", json!({ "QueueName": name }))["QueueUrl"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (url, format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"))
}

/// Receives (and deletes) every visible message of a queue; returns the
/// bodies, oldest first.
pub(crate) fn drain(w: &mut World, url: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    loop {
        let out = call(
            w,
            "sqs",
            "ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
        );
        let messages = out["Messages"].as_array().cloned().unwrap_or_default();
        if messages.is_empty() {
            return bodies;
        }
        for m in messages {
            bodies.push(m["Body"].as_str().unwrap_or_default().to_owned());
            call(
                w,
                "sqs",
                "DeleteMessage",
                json!({"QueueUrl": url, "ReceiptHandle": m["ReceiptHandle"]}),
            );
        }
    }
}

/// A rule with an event pattern (state ENABLED unless given) and targets.
pub(crate) fn rule(w: &mut World, name: &str, pattern: &str, state: Option<&str>, targets: Value) -> String {
    let mut params = json!({"Name": name, "EventPattern": pattern});
    if let Some(state) = state {
        params["State"] = json!(state);
    }
    let arn = call(w, "events", "PutRule", params)["RuleArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let out = call(w, "events", "PutTargets", json!({"Rule": name, "Targets": targets}));
    assert_eq!(out, json!({"FailedEntryCount": 0, "FailedEntries": []}));
    arn
}

/// The keys of a JSON object, in order.
pub(crate) fn keys(v: &Value) -> Vec<String> {
    v.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

/// `YYYY-MM-DDTHH:MM:SSZ`, the `time` of every EventBridge event.
pub(crate) fn is_event_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}
