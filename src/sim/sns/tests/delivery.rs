//! What each protocol receives when a message is published, including an
//! alarm-style JSON-structured publish from another service.

use serde_json::{json, Value};

use super::*;
use crate::sim::ctx::Effect;
use crate::sim::sns::CONFIRMATION_SUBJECT;

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
    assert!(
        matches!(&confirmation.kind, EmailKind::SubscriptionConfirmation { confirm_url, .. }
        if json!(confirm_url) == doc["SubscribeURL"])
    );
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
