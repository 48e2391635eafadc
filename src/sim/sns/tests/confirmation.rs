//! The email confirmation flow: pending, the confirmation email, tokens and
//! their expiry, automatic deletion of unconfirmed subscriptions.

use serde_json::json;

use super::*;
use crate::sim::sns::SubscriptionStatus;
use crate::sim::time::{DAY, SECOND};

#[test]
fn email_stays_pending_and_gets_only_the_confirmation_until_confirmed() {
    let mut w = world();
    create_topic(&mut w);
    assert_eq!(
        subscribe_email(&mut w, "ops@example.com"),
        json!({"SubscriptionArn": "pending confirmation"})
    );
    let listed = sns(&mut w, "ListSubscriptionsByTopic", json!({"TopicArn": TOPIC}));
    assert_eq!(
        listed,
        json!({"Subscriptions": [{
            "SubscriptionArn": "PendingConfirmation",
            "Owner": "111122223333",
            "Protocol": "email",
            "Endpoint": "ops@example.com",
            "TopicArn": TOPIC,
        }]})
    );

    let mails = mailbox(&w);
    assert_eq!(mails.len(), 1);
    let confirmation = &mails[0];
    assert_eq!(confirmation.from, "AWS Notifications <no-reply@sns.amazonaws.com>");
    assert_eq!(confirmation.to, "ops@example.com");
    assert_eq!(confirmation.subject, "AWS Notification - Subscription Confirmation");
    assert_eq!(confirmation.at, w.now());
    assert!(confirmation.body.starts_with(&format!(
        "You have chosen to subscribe to the topic: {TOPIC}\n\nTo confirm this subscription, click or visit the link \
         below (If this was in error no action is necessary):\nConfirm subscription\n\nPlease do not reply directly \
         to this email."
    )));
    let EmailKind::SubscriptionConfirmation {
        topic_arn,
        token,
        confirm_url,
        ..
    } = &confirmation.kind
    else {
        panic!("expected a confirmation, got {:?}", confirmation.kind);
    };
    assert_eq!(topic_arn, TOPIC);
    assert_eq!(token.len(), 288);
    assert!(confirm_url.starts_with(&format!(
        "https://sns.us-west-2.amazonaws.com/confirmation.html?TopicArn={TOPIC}&Token={token}"
    )));

    // Published before confirmation: nothing arrives.
    sns(&mut w, "Publish", json!({"TopicArn": TOPIC, "Message": "too early"}));
    assert_eq!(mailbox(&w).len(), 1);

    w.advance_by(3_600 * SECOND);
    let token = token_from_mailbox(&w);
    let confirmed = sns(
        &mut w,
        "ConfirmSubscription",
        json!({"TopicArn": TOPIC, "Token": token}),
    );
    let arn = confirmed["SubscriptionArn"].as_str().expect("an ARN").to_owned();
    assert!(arn.starts_with(&format!("{TOPIC}:")), "{arn}");
    assert_eq!(arn.len(), TOPIC.len() + 37);
    let listed = sns(&mut w, "ListSubscriptions", json!({}));
    assert_eq!(listed["Subscriptions"][0]["SubscriptionArn"], json!(arn));

    sns(
        &mut w,
        "Publish",
        json!({"TopicArn": TOPIC, "Subject": "Key expires soon", "Message": "Rotate the key."}),
    );
    sns(&mut w, "Publish", json!({"TopicArn": TOPIC, "Message": "No subject."}));
    let mails = mailbox(&w);
    assert_eq!(mails.len(), 3);
    let n = &mails[1];
    assert_eq!(n.subject, "Key expires soon");
    assert_eq!(
        n.body,
        format!(
            "Rotate the key.\n\n--\nIf you wish to stop receiving notifications from this topic, please click or \
             visit the link below to unsubscribe:\nhttps://sns.us-west-2.amazonaws.com/unsubscribe.html?\
             SubscriptionArn={arn}&Endpoint=ops@example.com\n\nPlease do not reply directly to this email. If you \
             have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support"
        )
    );
    assert!(matches!(&n.kind, EmailKind::Notification { subscription_arn, .. } if *subscription_arn == arn));
    assert_eq!(mails[2].subject, "AWS Notification Message");
    assert!(mails[2].body.starts_with("No subject.\n\n--\n"));
    assert_eq!(mails.iter().map(|m| m.id).collect::<Vec<_>>(), [1, 2, 3]);

    // Confirming again is idempotent.
    assert_eq!(
        sns(
            &mut w,
            "ConfirmSubscription",
            json!({"TopicArn": TOPIC, "Token": token})
        ),
        json!({"SubscriptionArn": arn})
    );
}

#[test]
fn a_token_expires_after_two_days_and_must_belong_to_its_topic() {
    let mut w = world();
    create_topic(&mut w);
    sns(&mut w, "CreateTopic", json!({"Name": "other"}));
    subscribe_email(&mut w, "ops@example.com");
    let token = token_from_mailbox(&w);
    let refused = pair("InvalidParameter", "Invalid parameter: Token");

    let other = "arn:aws:sns:us-west-2:111122223333:other";
    assert_eq!(
        err(
            &mut w,
            "sns",
            "ConfirmSubscription",
            json!({"TopicArn": other, "Token": token})
        ),
        refused
    );
    let unknown = "ab".repeat(144);
    assert_eq!(
        err(
            &mut w,
            "sns",
            "ConfirmSubscription",
            json!({"TopicArn": TOPIC, "Token": unknown})
        ),
        refused
    );
    assert_eq!(
        input_err(
            &mut w,
            "ConfirmSubscription",
            json!({"TopicArn": TOPIC, "Token": "not-a-token"})
        ),
        refused
    );
    assert_eq!(
        input_err(
            &mut w,
            "ConfirmSubscription",
            json!({"TopicArn": "alerts", "Token": token})
        ),
        pair("InvalidParameter", "Invalid parameter: Topic")
    );

    w.advance_by(2 * DAY - 1);
    let mut ok = w.clone();
    assert!(ok
        .call(
            "sns",
            "ConfirmSubscription",
            &json!({"TopicArn": TOPIC, "Token": token})
        )
        .is_ok());
    w.advance_by(1);
    assert_eq!(
        err(
            &mut w,
            "sns",
            "ConfirmSubscription",
            json!({"TopicArn": TOPIC, "Token": token})
        ),
        refused
    );
    // A new Subscribe sends a fresh confirmation with a new token.
    subscribe_email(&mut w, "ops@example.com");
    assert_eq!(mailbox(&w).len(), 2);
    let fresh = token_from_mailbox(&w);
    assert_ne!(fresh, token);
    assert!(w
        .call(
            "sns",
            "ConfirmSubscription",
            &json!({"TopicArn": TOPIC, "Token": fresh})
        )
        .is_ok());
}

#[test]
fn unconfirmed_subscriptions_are_deleted_after_three_days() {
    let mut w = world();
    create_topic(&mut w);
    subscribe_email(&mut w, "late@example.com");
    let attributes = |w: &mut World| sns(w, "GetTopicAttributes", json!({"TopicArn": TOPIC}))["Attributes"].clone();
    assert_eq!(attributes(&mut w)["SubscriptionsPending"], json!("1"));
    let pending_arn = w.services().sns.subscriptions()[0].arn.clone();
    assert_eq!(
        w.services().sns.subscriptions()[0].deleted_if_unconfirmed_at(),
        Some(w.now().plus(3 * DAY))
    );

    w.advance_by(3 * DAY - 1);
    assert_eq!(
        sns(&mut w, "ListSubscriptionsByTopic", json!({"TopicArn": TOPIC}))["Subscriptions"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    w.advance_by(1);
    assert_eq!(
        sns(&mut w, "ListSubscriptionsByTopic", json!({"TopicArn": TOPIC})),
        json!({"Subscriptions": []})
    );
    let attrs = attributes(&mut w);
    assert_eq!(attrs["SubscriptionsPending"], json!("0"));
    assert_eq!(attrs["SubscriptionsDeleted"], json!("1"));
    assert_eq!(
        err(
            &mut w,
            "sns",
            "GetSubscriptionAttributes",
            json!({"SubscriptionArn": pending_arn})
        ),
        pair("NotFound", "Subscription does not exist")
    );
}

#[test]
fn confirmed_subscriptions_survive_the_three_day_deadline() {
    let mut w = world();
    create_topic(&mut w);
    subscribe_email(&mut w, "ops@example.com");
    let token = token_from_mailbox(&w);
    sns(
        &mut w,
        "ConfirmSubscription",
        json!({"TopicArn": TOPIC, "Token": token}),
    );
    w.advance_by(4 * DAY);
    let subs = w.services().sns.subscriptions();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0].status(), SubscriptionStatus::Confirmed);
}
