//! The JSON documents SNS delivers: the notification envelope that SQS
//! queues, `email-json` addresses (and HTTP endpoints) receive, the
//! subscription-confirmation document, and the event a Lambda function is
//! invoked with (`Records[0].Sns`).
//!
//! SNS writes the envelope with Jackson's default pretty printer: two-space
//! indentation and `"Key" : "Value"` with a space before the colon, while
//! each message attribute is written compactly on its line, e.g.
//! `"store" : {"Type":"String","Value":"example_corp"}`. That is the text an
//! SQS consumer sees in `Body`, so it is reproduced byte for byte.

use serde_json::{json, Map, Value};

use crate::sim::params::b64;
use crate::sim::time::SimTime;

/// The signing certificate SNS names in `SigningCertURL` (the file name of
/// AWS's documentation example; the real name changes when AWS rotates it).
const CERT_FILE: &str = "SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem";

/// One published message as every subscription sees it.
#[derive(Clone, Debug)]
pub(super) struct Published {
    pub message_id: String,
    pub topic_arn: String,
    pub subject: Option<String>,
    pub timestamp: SimTime,
    /// Base64 of the message's signature (one per message: SNS signs the
    /// fields every subscriber shares).
    pub signature: String,
    /// Message attributes: `(name, DataType, value)`; binary values are
    /// already base64, as SNS renders them.
    pub attributes: Vec<(String, String, String)>,
}

/// `https://sns.<region>.amazonaws.com/SimpleNotificationService-….pem`.
pub(super) fn signing_cert_url(region: &str) -> String {
    format!("https://sns.{region}.amazonaws.com/{CERT_FILE}")
}

/// The `UnsubscribeURL` of a notification.
pub(super) fn unsubscribe_url(region: &str, subscription_arn: &str) -> String {
    format!("https://sns.{region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={subscription_arn}")
}

/// The `SubscribeURL` of a confirmation document.
pub(super) fn subscribe_url(region: &str, topic_arn: &str, token: &str) -> String {
    format!("https://sns.{region}.amazonaws.com/?Action=ConfirmSubscription&TopicArn={topic_arn}&Token={token}")
}

/// A deterministic stand-in for an RSA-SHA1 signature (256 bytes, base64),
/// drawn from the world's generator.
pub(super) fn signature(bytes: &[u8]) -> String {
    b64(bytes)
}

/// The notification envelope (§7.3 of the behaviour reference) for
/// `subscription_arn`, with `message` chosen for its protocol.
pub(super) fn notification(p: &Published, message: &str, subscription_arn: &str, region: &str) -> String {
    let mut fields: Vec<(&str, Value)> = vec![
        ("Type", json!("Notification")),
        ("MessageId", json!(p.message_id)),
        ("TopicArn", json!(p.topic_arn)),
    ];
    if let Some(subject) = &p.subject {
        fields.push(("Subject", json!(subject)));
    }
    fields.extend([
        ("Message", json!(message)),
        ("Timestamp", json!(p.timestamp.iso_millis())),
        ("SignatureVersion", json!("1")),
        ("Signature", json!(p.signature)),
        ("SigningCertURL", json!(signing_cert_url(region))),
        ("UnsubscribeURL", json!(unsubscribe_url(region, subscription_arn))),
    ]);
    let attributes = (!p.attributes.is_empty()).then(|| attribute_map(&p.attributes));
    jackson(&fields, attributes.as_ref())
}

/// The `SubscriptionConfirmation` document SNS sends to endpoints that must
/// confirm (`email-json`, queues and functions of other accounts).
pub(super) fn confirmation(
    message_id: &str,
    token: &str,
    topic_arn: &str,
    timestamp: SimTime,
    signature: &str,
    region: &str,
) -> String {
    let fields: Vec<(&str, Value)> = vec![
        ("Type", json!("SubscriptionConfirmation")),
        ("MessageId", json!(message_id)),
        ("Token", json!(token)),
        ("TopicArn", json!(topic_arn)),
        (
            "Message",
            json!(format!(
                "You have chosen to subscribe to the topic {topic_arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message."
            )),
        ),
        ("SubscribeURL", json!(subscribe_url(region, topic_arn, token))),
        ("Timestamp", json!(timestamp.iso_millis())),
        ("SignatureVersion", json!("1")),
        ("Signature", json!(signature)),
        ("SigningCertURL", json!(signing_cert_url(region))),
    ];
    jackson(&fields, None)
}

/// The event a Lambda subscription is invoked with. Unlike the envelope, the
/// `Sns` record always has `Subject` (`null` when none was given) and
/// `MessageAttributes` (`{}` when none), and spells `SigningCertUrl` and
/// `UnsubscribeUrl` with a lower-case `rl`, as AWS's Lambda events do.
pub(super) fn lambda_event(p: &Published, message: &str, subscription_arn: &str, region: &str) -> String {
    let attributes = attribute_map(&p.attributes);
    let event = json!({
        "Records": [{
            "EventSource": "aws:sns",
            "EventVersion": "1.0",
            "EventSubscriptionArn": subscription_arn,
            "Sns": {
                "Type": "Notification",
                "MessageId": p.message_id,
                "TopicArn": p.topic_arn,
                "Subject": p.subject,
                "Message": message,
                "Timestamp": p.timestamp.iso_millis(),
                "SignatureVersion": "1",
                "Signature": p.signature,
                "SigningCertUrl": signing_cert_url(region),
                "UnsubscribeUrl": unsubscribe_url(region, subscription_arn),
                "MessageAttributes": attributes,
            }
        }]
    });
    event.to_string()
}

/// `{"<name>": {"Type": ..., "Value": ...}}`, by attribute name.
fn attribute_map(attributes: &[(String, String, String)]) -> Value {
    let mut sorted: Vec<&(String, String, String)> = attributes.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut map = Map::new();
    for (name, data_type, value) in sorted {
        map.insert(name.clone(), json!({"Type": data_type, "Value": value}));
    }
    Value::Object(map)
}

/// Jackson's default pretty printer for a flat object of strings, with an
/// optional `MessageAttributes` object whose entries are compact.
fn jackson(fields: &[(&str, Value)], attributes: Option<&Value>) -> String {
    let mut out = String::from("{\n");
    let mut first = true;
    for (key, value) in fields {
        if !first {
            out.push_str(",\n");
        }
        first = false;
        out.push_str(&format!("  {} : {}", Value::from(*key), value));
    }
    if let Some(Value::Object(map)) = attributes {
        out.push_str(",\n  \"MessageAttributes\" : {\n");
        let entries: Vec<String> = map
            .iter()
            .map(|(name, value)| format!("    {} : {}", Value::from(name.as_str()), value))
            .collect();
        out.push_str(&entries.join(",\n"));
        out.push_str("\n  }");
    }
    out.push_str("\n}");
    out
}
