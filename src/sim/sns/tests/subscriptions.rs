//! Subscription idempotency and attributes, and determinism.

use serde_json::{json, Value};

use super::*;
use crate::sim::time::DAY;
use crate::sim::{Settings, World};

#[test]
fn subscriptions_are_idempotent_and_report_their_attributes() {
    let mut w = world();
    create_topic(&mut w);
    create_queue(&mut w);
    let first = sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE_ARN}),
    );
    let again = sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE_ARN}),
    );
    assert_eq!(first, again);
    assert_eq!(
        err(
            &mut w,
            "sns",
            "Subscribe",
            json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE_ARN,
            "Attributes": {"RawMessageDelivery": "true"}})
        ),
        pair(
            "InvalidParameter",
            "Invalid parameter: Attributes Reason: Subscription already exists with different attributes"
        )
    );
    let arn = first["SubscriptionArn"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        sns(&mut w, "GetSubscriptionAttributes", json!({"SubscriptionArn": arn})),
        json!({"Attributes": {
            "Endpoint": QUEUE_ARN,
            "Protocol": "sqs",
            "RawMessageDelivery": "false",
            "ConfirmationWasAuthenticated": "true",
            "Owner": "111122223333",
            "PendingConfirmation": "false",
            "SubscriptionArn": arn,
            "TopicArn": TOPIC,
            "SubscriptionPrincipal": "arn:aws:iam::111122223333:user/Alice",
        }})
    );
    // A pending subscription's ARN is returned only when asked for.
    let pending = sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "email", "Endpoint": "a@example.com", "ReturnSubscriptionArn": true}),
    );
    let pending_arn = pending["SubscriptionArn"].as_str().unwrap_or_default().to_owned();
    assert!(pending_arn.starts_with(TOPIC));
    assert_eq!(
        sns(
            &mut w,
            "GetSubscriptionAttributes",
            json!({"SubscriptionArn": pending_arn})
        )["Attributes"]["PendingConfirmation"],
        json!("true")
    );
    // A queue in another account must confirm; the confirmation goes to it.
    let foreign = sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-west-2:444455556666:theirs"}),
    );
    assert_eq!(foreign, json!({"SubscriptionArn": "pending confirmation"}));
    assert!(w
        .services()
        .sqs
        .dropped()
        .any(|d| d.payload.contains("SubscriptionConfirmation")));

    sns(&mut w, "Unsubscribe", json!({"SubscriptionArn": arn}));
    sns(&mut w, "Unsubscribe", json!({"SubscriptionArn": arn}));
    assert_eq!(
        err(
            &mut w,
            "sns",
            "GetSubscriptionAttributes",
            json!({"SubscriptionArn": arn})
        ),
        pair("NotFound", "Subscription does not exist")
    );
}

/// Runs the same requests in a world with `seed`; returns what they produced.
fn script(seed: u64) -> (Value, Value, String) {
    let mut w = World::new(seed, Settings::default());
    create_topic(&mut w);
    create_queue(&mut w);
    let sub = sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE_ARN}),
    );
    subscribe_email(&mut w, "ops@example.com");
    let published = sns(&mut w, "Publish", json!({"TopicArn": TOPIC, "Message": "m"}));
    let body = receive_bodies(&mut w).remove(0);
    let token = token_from_mailbox(&w);
    (sub, published, format!("{body}{token}"))
}

#[test]
fn the_same_seed_gives_the_same_ids() {
    assert_eq!(script(5), script(5));
    let (a, b) = (script(5), script(6));
    assert_ne!(a.0, b.0);
    assert_ne!(a.1, b.1);
    assert_ne!(a.2, b.2);
}

#[test]
fn a_replayed_journal_rebuilds_the_mailbox() {
    let mut w = world();
    create_topic(&mut w);
    subscribe_email(&mut w, "ops@example.com");
    let token = token_from_mailbox(&w);
    w.advance_by(DAY);
    sns(
        &mut w,
        "ConfirmSubscription",
        json!({"TopicArn": TOPIC, "Token": token}),
    );
    sns(&mut w, "Publish", json!({"TopicArn": TOPIC, "Message": "m"}));
    let replayed = World::replay(42, Settings::default(), w.journal(), w.now()).expect("replays");
    assert_eq!(mailbox(&replayed), mailbox(&w));
}
