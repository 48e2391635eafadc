//! SNS scenarios through `World::call`: the email confirmation flow, token
//! and subscription expiry, publishing to every protocol (including an
//! alarm-style JSON-structured publish from another service), validation
//! with SNS's exact codes and messages, and determinism.

use serde_json::{json, Value};

use super::*;
use crate::sim::ctx::Effect;
use crate::sim::time::{DAY, SECOND};
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

/// The JSON envelope SQS receives, byte for byte (Jackson's layout).
fn expected_envelope(message_id: &str, subject: Option<&str>, message: &str, signature: &str, sub: &str) -> String {
    let subject = subject
        .map(|s| format!("  \"Subject\" : {},\n", json!(s)))
        .unwrap_or_default();
    format!(
        "{{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"{message_id}\",\n  \"TopicArn\" : \"{TOPIC}\",\n\
         {subject}  \"Message\" : {},\n  \"Timestamp\" : \"2026-03-02T09:00:00.000Z\",\n  \"SignatureVersion\" : \
         \"1\",\n  \"Signature\" : \"{signature}\",\n  \"SigningCertURL\" : \
         \"https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem\",\n  \
         \"UnsubscribeURL\" : \"https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={sub}\"\n}}",
        json!(message)
    )
}

#[test]
fn an_alarm_publish_sends_the_email_text_by_mail_and_the_default_json_to_sqs() {
    let mut w = world();
    create_topic(&mut w);
    create_queue(&mut w);
    subscribe_email(&mut w, "ops@example.com");
    let token = token_from_mailbox(&w);
    sns(
        &mut w,
        "ConfirmSubscription",
        json!({"TopicArn": TOPIC, "Token": token}),
    );
    let sqs_sub = sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE_ARN}),
    )["SubscriptionArn"]
        .as_str()
        .expect("sqs subscriptions are confirmed at once")
        .to_owned();

    let default = r#"{"AlarmName":"KeyMaterialExpiresSoon","NewStateValue":"ALARM"}"#;
    let email_text = "You are receiving this email because your Amazon CloudWatch Alarm \"KeyMaterialExpiresSoon\" \
                      in the US West (Oregon) region has entered the ALARM state.";
    let subject = "ALARM: \"KeyMaterialExpiresSoon\" in US West (Oregon)";
    w.inject(Effect::SnsPublish {
        topic_arn: TOPIC.into(),
        subject: Some(subject.into()),
        message: json!({"default": default, "email": email_text}).to_string(),
        message_structure: Some("json".into()),
    });

    let mails = mailbox(&w);
    let alarm = mails.last().expect("the alarm email");
    assert_eq!(alarm.subject, subject);
    assert!(
        alarm.body.starts_with(&format!("{email_text}\n\n--\n")),
        "{}",
        alarm.body
    );

    let bodies = receive_bodies(&mut w);
    assert_eq!(bodies.len(), 1);
    let envelope: Value = serde_json::from_str(&bodies[0]).expect("the envelope is JSON");
    assert_eq!(envelope["Message"], json!(default));
    let message_id = envelope["MessageId"].as_str().unwrap_or_default();
    let signature = envelope["Signature"].as_str().unwrap_or_default();
    assert_eq!(signature.len(), 344);
    assert_eq!(
        bodies[0],
        expected_envelope(message_id, Some(subject), default, signature, &sqs_sub)
    );
    match alarm.kind {
        EmailKind::Notification { message_id: ref id, .. } => assert_eq!(id, message_id),
        ref other => panic!("{other:?}"),
    }
}

#[test]
fn sqs_gets_the_envelope_with_message_attributes_or_the_raw_message() {
    let mut w = world();
    create_topic(&mut w);
    create_queue(&mut w);
    sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE_ARN}),
    );
    let out = sns(
        &mut w,
        "Publish",
        json!({
            "TopicArn": TOPIC,
            "Message": "hello",
            "MessageAttributes": {
                "store": {"DataType": "String", "StringValue": "example_corp"},
                "count": {"DataType": "Number", "StringValue": "3"},
            },
        }),
    );
    let body = receive_bodies(&mut w).remove(0);
    assert!(!body.contains("\"Subject\""));
    assert!(body.ends_with(
        ",\n  \"MessageAttributes\" : {\n    \"count\" : {\"Type\":\"Number\",\"Value\":\"3\"},\n    \"store\" : \
         {\"Type\":\"String\",\"Value\":\"example_corp\"}\n  }\n}"
    ));
    let parsed: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(parsed["MessageId"], out["MessageId"]);

    // A raw subscription (a second queue) gets the bare message.
    call(&mut w, "sqs", "CreateQueue", json!({"QueueName": "raw"}));
    sns(
        &mut w,
        "Subscribe",
        json!({
            "TopicArn": TOPIC,
            "Protocol": "sqs",
            "Endpoint": "arn:aws:sqs:us-west-2:111122223333:raw",
            "Attributes": {"RawMessageDelivery": "true"},
        }),
    );
    sns(&mut w, "Publish", json!({"TopicArn": TOPIC, "Message": "bare"}));
    let raw = call(
        &mut w,
        "sqs",
        "ReceiveMessage",
        json!({"QueueUrl": "https://sqs.us-west-2.amazonaws.com/111122223333/raw"}),
    );
    assert_eq!(raw["Messages"][0]["Body"], json!("bare"));
}

#[test]
fn email_json_and_lambda_subscriptions_get_their_documents() {
    let mut w = world();
    create_topic(&mut w);
    call(&mut w, "lambda", "CreateFunction", json!({"FunctionName": "on-alert"}));
    let fn_arn = "arn:aws:lambda:us-west-2:111122223333:function:on-alert";
    let lambda_sub = sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "lambda", "Endpoint": fn_arn}),
    )["SubscriptionArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(lambda_sub.starts_with(TOPIC));

    sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "email-json", "Endpoint": "robot@example.com"}),
    );
    let confirmation = mailbox(&w).remove(0);
    assert_eq!(confirmation.subject, CONFIRMATION_SUBJECT);
    let doc: Value = serde_json::from_str(&confirmation.body).expect("a JSON confirmation");
    assert_eq!(doc["Type"], json!("SubscriptionConfirmation"));
    let token = doc["Token"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        doc["SubscribeURL"],
        json!(format!(
            "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn={TOPIC}&Token={token}"
        ))
    );
    assert_eq!(
        doc["Message"],
        json!(format!(
            "You have chosen to subscribe to the topic {TOPIC}.\nTo confirm the subscription, visit the SubscribeURL \
             included in this message."
        ))
    );
    sns(
        &mut w,
        "ConfirmSubscription",
        json!({"TopicArn": TOPIC, "Token": token}),
    );

    let published = sns(
        &mut w,
        "Publish",
        json!({
            "TopicArn": TOPIC,
            "Message": json!({"default": "plain", "lambda": "for the function"}).to_string(),
            "MessageStructure": "json",
        }),
    );
    let mail = mailbox(&w).pop().expect("the email-json notification");
    assert_eq!(mail.subject, "AWS Notification Message");
    let envelope: Value = serde_json::from_str(&mail.body).expect("JSON");
    assert_eq!(envelope["Message"], json!("plain"));
    assert_eq!(envelope["MessageId"], published["MessageId"]);

    let f = w.services().lambda.function("on-alert").expect("the function");
    let invocation = f.invocations().last().expect("an invocation").clone();
    assert_eq!(
        invocation.source,
        crate::sim::lambda::InvocationSource::Sns {
            topic_arn: TOPIC.into()
        }
    );
    let event: Value = serde_json::from_str(&invocation.payload).expect("JSON");
    let record = &event["Records"][0];
    assert_eq!(record["EventSource"], json!("aws:sns"));
    assert_eq!(record["EventVersion"], json!("1.0"));
    assert_eq!(record["EventSubscriptionArn"], json!(lambda_sub));
    assert_eq!(record["Sns"]["Message"], json!("for the function"));
    assert_eq!(record["Sns"]["Subject"], Value::Null);
    assert_eq!(record["Sns"]["MessageAttributes"], json!({}));
    assert_eq!(record["Sns"]["Timestamp"], json!("2026-03-02T09:00:00.000Z"));
    let keys: Vec<&str> = record["Sns"]
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "Type",
            "MessageId",
            "TopicArn",
            "Subject",
            "Message",
            "Timestamp",
            "SignatureVersion",
            "Signature",
            "SigningCertUrl",
            "UnsubscribeUrl",
            "MessageAttributes"
        ]
    );
}

#[test]
fn deliveries_to_missing_targets_are_dropped_by_the_target() {
    let mut w = world();
    create_topic(&mut w);
    sns(
        &mut w,
        "Subscribe",
        json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE_ARN}),
    );
    sns(&mut w, "Publish", json!({"TopicArn": TOPIC, "Message": "lost"}));
    let dropped: Vec<_> = w.services().sqs.dropped().cloned().collect();
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].target, QUEUE_ARN);
    assert_eq!(dropped[0].reason, "The specified queue does not exist.");

    w.inject(Effect::SnsPublish {
        topic_arn: "arn:aws:sns:us-west-2:111122223333:gone".into(),
        subject: None,
        message: "x".into(),
        message_structure: None,
    });
    w.inject(Effect::SnsPublish {
        topic_arn: TOPIC.into(),
        subject: None,
        message: "{}".into(),
        message_structure: Some("json".into()),
    });
    let reasons: Vec<String> = w.services().sns.dropped().map(|d| d.reason.clone()).collect();
    assert_eq!(
        reasons,
        [
            "Topic does not exist",
            "Invalid parameter: Message Structure - No default entry in JSON message body"
        ]
    );
}

#[test]
fn topics_are_idempotent_and_report_their_attributes() {
    let mut w = world();
    sns(
        &mut w,
        "CreateTopic",
        json!({"Name": "alerts", "Attributes": {"DisplayName": "Ops"}, "Tags": [{"Key": "team", "Value": "sec"}]}),
    );
    assert_eq!(
        sns(&mut w, "CreateTopic", json!({"Name": "alerts"})),
        json!({"TopicArn": TOPIC})
    );
    assert_eq!(
        err(
            &mut w,
            "sns",
            "CreateTopic",
            json!({"Name": "alerts", "Attributes": {"DisplayName": "Other"}})
        ),
        pair(
            "InvalidParameter",
            "Invalid parameter: Attributes Reason: Topic already exists with different attributes"
        )
    );
    assert_eq!(
        err(
            &mut w,
            "sns",
            "CreateTopic",
            json!({"Name": "alerts", "Tags": [{"Key": "team", "Value": "x"}]})
        ),
        pair(
            "InvalidParameter",
            "Invalid parameter: Tags Reason: Topic already exists with different tags"
        )
    );
    let attrs = sns(&mut w, "GetTopicAttributes", json!({"TopicArn": TOPIC}))["Attributes"].clone();
    let keys: Vec<&str> = attrs
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "SubscriptionsConfirmed",
            "DisplayName",
            "SubscriptionsDeleted",
            "EffectiveDeliveryPolicy",
            "Owner",
            "Policy",
            "TopicArn",
            "SubscriptionsPending"
        ]
    );
    assert_eq!(attrs["DisplayName"], json!("Ops"));
    assert_eq!(attrs["Owner"], json!("111122223333"));
    let policy: Value = serde_json::from_str(attrs["Policy"].as_str().unwrap_or_default()).expect("JSON");
    assert_eq!(policy["Statement"][0]["Resource"], json!(TOPIC));
    assert_eq!(
        policy["Statement"][0]["Condition"],
        json!({"StringEquals": {"AWS:SourceOwner": "111122223333"}})
    );

    // The display name is the sender's name.
    subscribe_email(&mut w, "ops@example.com");
    assert_eq!(mailbox(&w)[0].from, "Ops <no-reply@sns.amazonaws.com>");

    sns(
        &mut w,
        "CreateTopic",
        json!({"Name": "orders.fifo", "Attributes": {"FifoTopic": "true"}}),
    );
    let fifo = sns(
        &mut w,
        "GetTopicAttributes",
        json!({"TopicArn": "arn:aws:sns:us-west-2:111122223333:orders.fifo"}),
    )["Attributes"]
        .clone();
    assert_eq!(fifo["FifoTopic"], json!("true"));
    assert_eq!(fifo["ContentBasedDeduplication"], json!("false"));
    assert_eq!(
        sns(&mut w, "ListTopics", json!({})),
        json!({"Topics": [{"TopicArn": TOPIC}, {"TopicArn": "arn:aws:sns:us-west-2:111122223333:orders.fifo"}]})
    );
    sns(&mut w, "DeleteTopic", json!({"TopicArn": TOPIC}));
    // Deleting again is not an error.
    sns(&mut w, "DeleteTopic", json!({"TopicArn": TOPIC}));
    assert_eq!(
        err(&mut w, "sns", "GetTopicAttributes", json!({"TopicArn": TOPIC})),
        pair("NotFound", "Topic does not exist")
    );
    assert!(w.services().sns.subscriptions().is_empty());
}

#[test]
fn list_topics_pages_by_one_hundred() {
    let mut w = world();
    for i in 0..101 {
        sns(&mut w, "CreateTopic", json!({"Name": format!("t{i:03}")}));
    }
    let first = sns(&mut w, "ListTopics", json!({}));
    assert_eq!(first["Topics"].as_array().map(Vec::len), Some(100));
    let token = first["NextToken"].as_str().expect("a token").to_owned();
    let second = sns(&mut w, "ListTopics", json!({"NextToken": token}));
    assert_eq!(
        second,
        json!({"Topics": [{"TopicArn": "arn:aws:sns:us-west-2:111122223333:t100"}]})
    );
    assert_eq!(
        input_err(&mut w, "ListTopics", json!({"NextToken": "???"})),
        pair("InvalidParameter", "Invalid parameter: NextToken")
    );
}

#[test]
fn requests_are_refused_with_sns_codes_and_messages() {
    let mut w = world();
    create_topic(&mut w);
    let invalid = |m: &str| pair("InvalidParameter", m);
    assert_eq!(
        input_err(&mut w, "CreateTopic", json!({"Name": "bad name"})),
        invalid("Invalid parameter: Topic Name")
    );
    assert_eq!(
        input_err(&mut w, "CreateTopic", json!({"Name": "orders.fifo"})),
        invalid("Invalid parameter: Topic Name")
    );
    assert_eq!(
        input_err(
            &mut w,
            "CreateTopic",
            json!({"Name": "orders", "Attributes": {"FifoTopic": "true"}})
        ),
        invalid(
            "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, \
             numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
        )
    );
    assert_eq!(
        input_err(
            &mut w,
            "CreateTopic",
            json!({"Name": "x", "Attributes": {"Colour": "red"}})
        ),
        invalid("Invalid parameter: AttributeName")
    );
    assert_eq!(
        input_err(&mut w, "GetTopicAttributes", json!({"TopicArn": "alerts"})),
        invalid("Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1")
    );
    assert_eq!(
        input_err(
            &mut w,
            "GetTopicAttributes",
            json!({"TopicArn": "arn:aws:sns:eu-west-1:111122223333:alerts"})
        ),
        invalid("Invalid parameter: TopicArn")
    );
    let subscribe =
        |protocol: &str, endpoint: &str| json!({"TopicArn": TOPIC, "Protocol": protocol, "Endpoint": endpoint});
    assert_eq!(
        input_err(&mut w, "Subscribe", subscribe("https", "https://example.com/hook")),
        invalid(
            "Invalid parameter: Protocol Reason: the https protocol is not modelled by this playground; use email, \
             email-json, sqs or lambda"
        )
    );
    assert_eq!(
        input_err(&mut w, "Subscribe", subscribe("pigeon", "coop")),
        invalid("Invalid parameter: Amazon SNS does not support this protocol string: pigeon")
    );
    assert_eq!(
        input_err(&mut w, "Subscribe", subscribe("email", "not an address")),
        invalid("Invalid parameter: Email address")
    );
    assert_eq!(
        input_err(&mut w, "Subscribe", subscribe("sqs", "inbox")),
        invalid("Invalid parameter: SQS endpoint ARN")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Subscribe",
            subscribe("lambda", "arn:aws:sqs:us-west-2:111122223333:q")
        ),
        invalid("Invalid parameter: Lambda endpoint ARN")
    );
    assert_eq!(
        err(
            &mut w,
            "sns",
            "Subscribe",
            json!({"TopicArn": "arn:aws:sns:us-west-2:111122223333:nope", "Protocol": "email", "Endpoint": "a@b.co"})
        ),
        pair("NotFound", "Topic does not exist")
    );
    let publish = |extra: Value| {
        let mut p = json!({"TopicArn": TOPIC, "Message": "m"});
        if let (Some(p), Some(extra)) = (p.as_object_mut(), extra.as_object()) {
            p.extend(extra.clone());
        }
        p
    };
    assert_eq!(
        input_err(&mut w, "Publish", json!({"Message": "m"})),
        invalid("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter")
    );
    assert_eq!(
        input_err(&mut w, "Publish", publish(json!({"Subject": "two\nlines"}))),
        invalid("Invalid parameter: Subject")
    );
    assert_eq!(
        input_err(&mut w, "Publish", publish(json!({"Subject": "x".repeat(100)}))),
        invalid("Invalid parameter: Subject")
    );
    assert_eq!(
        input_err(&mut w, "Publish", publish(json!({"Message": ""}))),
        invalid("Invalid parameter: Empty message")
    );
    assert_eq!(
        input_err(&mut w, "Publish", publish(json!({"Message": "x".repeat(262_145)}))),
        invalid("Invalid parameter: Message too long")
    );
    assert!(w
        .call("sns", "Publish", &publish(json!({"Message": "x".repeat(262_144)})))
        .is_ok());
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageStructure": "json", "Message": "{\"email\":\"x\"}"}))
        ),
        invalid("Invalid parameter: Message Structure - No default entry in JSON message body")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageStructure": "json", "Message": "{\"default\":1}"}))
        ),
        invalid("Invalid parameter: Message Structure - No default entry in JSON message body")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageStructure": "json", "Message": "[1]"}))
        ),
        invalid("Invalid parameter: Message Structure - JSON message body failed to parse")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageAttributes": {"a b": {"DataType": "String", "StringValue": "v"}}}))
        ),
        pair(
            "ParameterValueInvalid",
            "Invalid non-alphanumeric character '#x20' was found in the message attribute name. Can only include \
             alphanumeric characters, hyphens, underscores, or dots."
        )
    );
    assert_eq!(
        input_err(
            &mut w,
            "Publish",
            publish(json!({"MessageAttributes": {"a": {"DataType": "Text", "StringValue": "v"}}}))
        ),
        pair(
            "ParameterValueInvalid",
            "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is \
             Binary, Number, and String."
        )
    );
    assert_eq!(
        input_err(
            &mut w,
            "Unsubscribe",
            json!({"SubscriptionArn": "pending confirmation"})
        ),
        invalid("Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1")
    );
    assert_eq!(
        input_err(&mut w, "GetSubscriptionAttributes", json!({"SubscriptionArn": TOPIC})),
        invalid("Invalid parameter: SubscriptionId")
    );
    assert_eq!(
        input_err(
            &mut w,
            "Subscribe",
            json!({"TopicArn": TOPIC, "Protocol": "email", "Endpoint": "a@b.co",
            "Attributes": {"FilterPolicy": "{}"}})
        ),
        invalid("Invalid parameter: Attributes Reason: FilterPolicy is not modelled by this playground")
    );
}

#[test]
fn fifo_topics_need_a_group_and_deduplicate_for_five_minutes() {
    let mut w = world();
    let fifo = "arn:aws:sns:us-west-2:111122223333:orders.fifo";
    sns(
        &mut w,
        "CreateTopic",
        json!({"Name": "orders.fifo", "Attributes": {"FifoTopic": "true", "ContentBasedDeduplication": "true"}}),
    );
    assert_eq!(
        input_err(&mut w, "Publish", json!({"TopicArn": fifo, "Message": "m"})),
        pair(
            "InvalidParameter",
            "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"
        )
    );
    let first = sns(
        &mut w,
        "Publish",
        json!({"TopicArn": fifo, "Message": "m", "MessageGroupId": "g"}),
    );
    assert_eq!(first["SequenceNumber"], json!("10000000000000000001"));
    let again = sns(
        &mut w,
        "Publish",
        json!({"TopicArn": fifo, "Message": "m", "MessageGroupId": "g"}),
    );
    assert_eq!(again, first);
    w.advance_by(5 * 60 * SECOND);
    let later = sns(
        &mut w,
        "Publish",
        json!({"TopicArn": fifo, "Message": "m", "MessageGroupId": "g"}),
    );
    assert_ne!(later["MessageId"], first["MessageId"]);
    assert_eq!(later["SequenceNumber"], json!("10000000000000000002"));
    assert_eq!(
        input_err(
            &mut w,
            "Subscribe",
            json!({"TopicArn": TOPIC, "Protocol": "sqs",
            "Endpoint": "arn:aws:sqs:us-west-2:111122223333:q.fifo"})
        ),
        pair(
            "InvalidParameter",
            "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to \
             standard SNS topics"
        )
    );
}

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
