//! Publish, and publishing on behalf of other services: checking the
//! message, choosing each protocol's text of a JSON-structured message, and
//! delivering to every confirmed subscription.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::arn::{check_topic_arn, invalid, not_found};
use super::envelope::{self, Published};
use super::mailbox::{self, Email, EmailKind};
use super::{DroppedDelivery, Protocol, Sns, Topic};
use crate::sim::ctx::{Ctx, Effect};
use crate::sim::params::Params;
use crate::sim::time::{SimTime, MINUTE};
use crate::sim::{AwsError, AwsResult};

/// Publish's size limit: message and attributes together, in bytes.
pub(super) const MAX_MESSAGE_BYTES: usize = 262_144;
/// How long a FIFO topic remembers a deduplication id.
const DEDUP_WINDOW_MS: i64 = 5 * MINUTE;

/// A message's text, one for all protocols or one per protocol.
#[derive(Clone, Debug)]
pub(super) enum Body {
    Plain(String),
    /// `MessageStructure=json`: string entries by protocol, with `default`.
    PerProtocol(BTreeMap<String, String>),
}

impl Body {
    /// Parses Publish's `Message` for its `MessageStructure`. A JSON
    /// structure must be an object with a string `default`; entries whose
    /// values are not strings are ignored, as SNS ignores them.
    pub fn parse(message: &str, structure: Option<&str>) -> Result<Body, AwsError> {
        match structure {
            None => Ok(Body::Plain(message.to_owned())),
            Some("json") => {
                let Ok(Value::Object(map)) = serde_json::from_str::<Value>(message) else {
                    return Err(invalid(
                        "Invalid parameter: Message Structure - JSON message body failed to parse",
                    ));
                };
                let entries: BTreeMap<String, String> = map
                    .into_iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
                    .collect();
                if !entries.contains_key("default") {
                    return Err(invalid(
                        "Invalid parameter: Message Structure - No default entry in JSON message body",
                    ));
                }
                Ok(Body::PerProtocol(entries))
            }
            Some(_) => Err(invalid("Invalid parameter: MessageStructure")),
        }
    }

    /// The text `protocol` receives.
    pub fn for_protocol(&self, protocol: Protocol) -> &str {
        match self {
            Body::Plain(s) => s,
            Body::PerProtocol(map) => map
                .get(protocol.as_str())
                .or_else(|| map.get("default"))
                .map(String::as_str)
                .unwrap_or_default(),
        }
    }
}

impl Sns {
    pub(super) fn publish(&mut self, p: Params, ctx: &mut Ctx) -> AwsResult {
        if p.has("PhoneNumber") {
            return Err(invalid(
                "Invalid parameter: PhoneNumber Reason: SMS is not modelled by this playground",
            ));
        }
        let (target, member) = match (p.str("TopicArn"), p.str("TargetArn")) {
            (Some(t), _) => (t, "TopicArn"),
            (None, Some(t)) => (t, "TargetArn"),
            (None, None) => {
                return Err(invalid(
                    "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter",
                ))
            }
        };
        check_topic_arn(target, member, ctx)?;
        let subject = p.str("Subject");
        if let Some(s) = subject {
            check_subject(s)?;
        }
        let message = p.req_str("Message");
        if message.is_empty() {
            return Err(invalid("Invalid parameter: Empty message"));
        }
        let attributes = read_message_attributes(p)?;
        let attributes_size: usize = attributes.iter().map(|(n, t, v)| n.len() + t.len() + v.len()).sum();
        if message.len() + attributes_size > MAX_MESSAGE_BYTES {
            return Err(invalid("Invalid parameter: Message too long"));
        }
        let fifo = target.ends_with(".fifo");
        let group_id = p.str("MessageGroupId");
        let dedup_id = p.str("MessageDeduplicationId");
        if fifo && group_id.is_none() {
            return Err(invalid(
                "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
            ));
        }
        if !fifo && dedup_id.is_some() {
            return Err(invalid(
                "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId \
                 parameter that is not valid for this topic type",
            ));
        }
        let body = Body::parse(message, p.str("MessageStructure"))?;

        let Some(topic) = self.topics.get_mut(target) else {
            return Err(not_found("Topic"));
        };
        let mut sequence = None;
        if topic.fifo {
            let content_based = topic
                .attributes
                .get("ContentBasedDeduplication")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"));
            let dedup = match dedup_id {
                Some(id) => id.to_owned(),
                None if content_based => crate::sim::rng::hex(&sha256(message.as_bytes())),
                None => {
                    return Err(AwsError::new(
                        "InvalidParameter",
                        "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or \
                         MessageDeduplicationId provided explicitly",
                    ))
                }
            };
            prune_dedup(topic, ctx.now);
            if let Some((_, _, id, seq)) = topic.dedup.iter().find(|(_, d, _, _)| *d == dedup) {
                // A duplicate within five minutes is accepted but not
                // delivered again; SNS answers with the original message.
                return Ok(json!({ "MessageId": id, "SequenceNumber": seq }));
            }
            topic.fifo_sequence += 1;
            let seq = 10_000_000_000_000_000_000u64
                .saturating_add(topic.fifo_sequence)
                .to_string();
            let message_id = ctx.rng.uuid();
            topic.dedup.push_back((ctx.now, dedup, message_id.clone(), seq.clone()));
            sequence = Some((message_id, seq));
        }
        let message_id = match &sequence {
            Some((id, _)) => id.clone(),
            None => ctx.rng.uuid(),
        };
        self.deliver(target, &message_id, subject.map(str::to_owned), &body, attributes, ctx);
        let mut out = json!({ "MessageId": message_id });
        if let Some((_, seq)) = sequence {
            out["SequenceNumber"] = json!(seq);
        }
        Ok(out)
    }

    /// Publishes on behalf of another service (alarm actions, rule targets),
    /// honouring `message_structure` (`json` for CloudWatch alarms). A
    /// missing topic or a malformed message drops the delivery.
    pub(crate) fn publish_from_service(
        &mut self,
        topic_arn: &str,
        subject: Option<String>,
        message: String,
        message_structure: Option<String>,
        ctx: &mut Ctx,
    ) {
        if !self.topics.contains_key(topic_arn) {
            DroppedDelivery::record(&mut self.dropped, ctx.now, topic_arn, "Topic does not exist", &message);
            return;
        }
        let body = match Body::parse(&message, message_structure.as_deref()) {
            Ok(body) => body,
            Err(e) => {
                DroppedDelivery::record(&mut self.dropped, ctx.now, topic_arn, &e.message, &message);
                return;
            }
        };
        let message_id = ctx.rng.uuid();
        let subject = subject.filter(|s| check_subject(s).is_ok());
        self.deliver(topic_arn, &message_id, subject, &body, Vec::new(), ctx);
    }

    /// Delivers one message to every confirmed subscription of the topic, in
    /// subscription order.
    fn deliver(
        &mut self,
        topic_arn: &str,
        message_id: &str,
        subject: Option<String>,
        body: &Body,
        attributes: Vec<(String, String, String)>,
        ctx: &mut Ctx,
    ) {
        let Some(topic) = self.topics.get(topic_arn) else {
            return;
        };
        let region = ctx.region().to_owned();
        let published = Published {
            message_id: message_id.to_owned(),
            topic_arn: topic_arn.to_owned(),
            subject,
            timestamp: ctx.now,
            signature: envelope::signature(&ctx.rng.vec(256)),
            attributes,
        };
        let from = mailbox::from(topic.display_name());
        let mut emails = Vec::new();
        for arn in &topic.subscriptions {
            let Some(sub) = self.subscriptions.get(arn) else {
                continue;
            };
            if sub.pending {
                continue;
            }
            let text = body.for_protocol(sub.protocol);
            let subject = published
                .subject
                .clone()
                .unwrap_or_else(|| mailbox::DEFAULT_SUBJECT.to_owned());
            match sub.protocol {
                Protocol::Email => {
                    let link = mailbox::unsubscribe_link(&region, &sub.arn, &sub.endpoint);
                    let body = mailbox::notification_body(text, &link);
                    emails.push(notification_email(&from, sub, subject, body, &published, &region));
                }
                Protocol::EmailJson => {
                    let body = envelope::notification(&published, text, &sub.arn, &region);
                    emails.push(notification_email(&from, sub, subject, body, &published, &region));
                }
                Protocol::Sqs => {
                    let body = if sub.raw_message_delivery() {
                        text.to_owned()
                    } else {
                        envelope::notification(&published, text, &sub.arn, &region)
                    };
                    ctx.emit(Effect::SqsSend {
                        queue_arn: sub.endpoint.clone(),
                        body,
                    });
                }
                Protocol::Lambda => ctx.emit(Effect::LambdaInvoke {
                    function_arn: sub.endpoint.clone(),
                    payload: envelope::lambda_event(&published, text, &sub.arn, &region),
                }),
            }
        }
        for email in emails {
            self.mailbox.push(email);
        }
    }
}

fn notification_email(
    from: &str,
    sub: &super::Subscription,
    subject: String,
    body: String,
    published: &Published,
    region: &str,
) -> Email {
    Email {
        id: 0,
        at: published.timestamp,
        from: from.to_owned(),
        to: sub.endpoint.clone(),
        subject,
        body,
        kind: EmailKind::Notification {
            topic_arn: sub.topic_arn.clone(),
            subscription_arn: sub.arn.clone(),
            message_id: published.message_id.clone(),
            unsubscribe_url: mailbox::unsubscribe_link(region, &sub.arn, &sub.endpoint),
        },
    }
}

/// Forgets deduplication ids older than the five-minute window.
pub(super) fn prune_dedup(topic: &mut Topic, now: SimTime) {
    while topic
        .dedup
        .front()
        .is_some_and(|(at, _, _, _)| now.since(*at) >= DEDUP_WINDOW_MS)
    {
        topic.dedup.pop_front();
    }
}

/// A subject: ASCII text of 1 to 99 characters that starts with a letter,
/// digit or punctuation mark and has no line breaks or control characters.
fn check_subject(s: &str) -> Result<(), AwsError> {
    let ok = !s.is_empty() && s.len() < 100 && s.bytes().all(|b| (0x20..0x7f).contains(&b)) && !s.starts_with(' ');
    if ok {
        Ok(())
    } else {
        Err(invalid("Invalid parameter: Subject"))
    }
}

/// Publish's `MessageAttributes` as `(name, DataType, value)`, checked with
/// SNS's `ParameterValueInvalid` messages.
fn read_message_attributes(p: Params) -> Result<Vec<(String, String, String)>, AwsError> {
    let bad = |m: String| AwsError::input("ParameterValueInvalid", m);
    let mut out = Vec::new();
    for (name, value) in p.object("MessageAttributes").into_iter().flatten() {
        if name.len() > 256 {
            return Err(bad(
                "Length of message attribute name must be less than 256 bytes.".into()
            ));
        }
        if name.starts_with('.') {
            return Err(bad(
                "Invalid message attribute name starting with character '.' was found.".into(),
            ));
        }
        if name.ends_with('.') {
            return Err(bad(
                "Invalid message attribute name ending with character '.' was found.".into(),
            ));
        }
        if let Some(c) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        {
            return Err(bad(format!(
                "Invalid non-alphanumeric character '#x{:X}' was found in the message attribute name. Can only \
                 include alphanumeric characters, hyphens, underscores, or dots.",
                c as u32
            )));
        }
        if name.contains("..") {
            return Err(bad(
                "Message attribute name can not have successive '.' character.".into()
            ));
        }
        let v = Params::new(value);
        let data_type = v.req_str("DataType");
        let base = data_type.split('.').next().unwrap_or_default();
        if !matches!(base, "String" | "Number" | "Binary") {
            return Err(bad(format!(
                "The message attribute '{name}' has an invalid message attribute type, the set of supported type \
                 prefixes is Binary, Number, and String."
            )));
        }
        let (field, text) = if base == "Binary" {
            ("Binary", v.str("BinaryValue"))
        } else {
            ("String", v.str("StringValue"))
        };
        let other = if base == "Binary" { "StringValue" } else { "BinaryValue" };
        let Some(text) = text else {
            if v.has(other) {
                return Err(bad(format!(
                    "The message attribute '{name}' with type '{data_type}' must use field '{field}'."
                )));
            }
            return Err(bad(format!(
                "The message attribute '{name}' must contain non-empty message attribute value for message \
                 attribute type '{data_type}'."
            )));
        };
        if text.is_empty() {
            return Err(bad(format!(
                "The message attribute '{name}' must contain non-empty message attribute value for message \
                 attribute type '{data_type}'."
            )));
        }
        out.push((name.clone(), data_type.to_owned(), text.to_owned()));
    }
    Ok(out)
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}
