//! SNS scenarios through `World::call`: the email confirmation flow, token
//! and subscription expiry, publishing to every protocol (including an
//! alarm-style JSON-structured publish from another service), validation
//! with SNS's exact codes and messages, and determinism. Shared helpers
//! live here; the scenarios in `tests/`.

use serde_json::{json, Value};

use super::Email;
pub(super) use super::EmailKind;
use crate::sim::{Settings, World};

const TOPIC: &str = "arn:aws:sns:us-west-2:111122223333:alerts";
const QUEUE_ARN: &str = "arn:aws:sqs:us-west-2:111122223333:inbox";
const QUEUE_URL: &str = "https://sqs.us-west-2.amazonaws.com/111122223333/inbox";

fn world() -> World {
    World::new(42, Settings::default())
}

fn call(w: &mut World, service: &str, op: &str, params: Value) -> Value {
    w.call(service, op, &params)
        .unwrap_or_else(|e| panic!("{service} {op} failed: {e}"))
}

fn sns(w: &mut World, op: &str, params: Value) -> Value {
    call(w, "sns", op, params)
}

/// The error of a call that must fail, as `(code, message)`.
fn err(w: &mut World, service: &str, op: &str, params: Value) -> (String, String) {
    match w.call(service, op, &params) {
        Ok(v) => panic!("{service} {op} unexpectedly succeeded: {v}"),
        Err(e) => (e.code, e.message),
    }
}

/// An input error: refused, and the world does not change (no journal entry).
fn input_err(w: &mut World, op: &str, params: Value) -> (String, String) {
    let before = w.journal().len();
    let e = w.call("sns", op, &params).expect_err("must fail");
    assert!(e.input, "{op}: {e} should be an input error");
    assert_eq!(w.journal().len(), before);
    (e.code, e.message)
}

fn pair(code: &str, message: &str) -> (String, String) {
    (code.to_owned(), message.to_owned())
}

fn mailbox(w: &World) -> Vec<Email> {
    w.services().sns.mailbox().cloned().collect()
}

fn create_topic(w: &mut World) {
    assert_eq!(
        sns(w, "CreateTopic", json!({"Name": "alerts"})),
        json!({"TopicArn": TOPIC})
    );
}

fn subscribe_email(w: &mut World, address: &str) -> Value {
    sns(
        w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "email", "Endpoint": address}),
    )
}

/// The token of the latest confirmation email.
fn token_from_mailbox(w: &World) -> String {
    mailbox(w)
        .iter()
        .rev()
        .find_map(|m| match &m.kind {
            EmailKind::SubscriptionConfirmation { token, .. } => Some(token.clone()),
            _ => None,
        })
        .expect("a confirmation email")
}

fn create_queue(w: &mut World) {
    call(w, "sqs", "CreateQueue", json!({"QueueName": "inbox"}));
}

fn receive_bodies(w: &mut World) -> Vec<String> {
    let out = call(
        w,
        "sqs",
        "ReceiveMessage",
        json!({"QueueUrl": QUEUE_URL, "MaxNumberOfMessages": 10}),
    );
    out["Messages"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .map(|m| m["Body"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}
mod confirmation;
mod delivery;
mod subscriptions;
mod topics;
mod validation;
